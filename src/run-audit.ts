import path from 'node:path';
import { eslintSeverityOverrides } from './config/eslint-overrides.js';
import { loadConfig } from './config/load-config.js';
import { evaluateChecks } from './checks/evaluate.js';
import { authCoreViewOf } from './checks/auth-core-view.js';
import { UsageError } from './errors.js';
import { applyBaseline, readBaseline } from './baseline/baseline.js';
import type { AuditResult, AuthCoreSummary, BaselineEntry, RuleId, RuleName } from './model.js';
import { changedFilesSince } from './project/changed-files.js';
import { TOOL } from './package-info.js';
import { RULE_NAMES } from './rules/registry.js';
import { loadProjectIndex } from './project/build-index.js';
import { defaultCacheDirectory, FactsCache } from './project/facts-cache.js';
import type { ProjectIndex } from './project/project-index.js';

export interface AuditOptions {
  /** Directory to audit. */
  directory: string;
  /** Explicit config file (`--config`). */
  configFile?: string;
  /** Only these rules (`--rule`), as ids or names. */
  rules?: readonly string[];
  /** The persistent facts cache: a directory, or false to parse everything. Default: the project's cache directory. */
  cache?: string | false;
  /** Report only findings in files changed since the merge-base with this git ref (the whole project is still analysed). */
  changedSince?: string;
  /** Compare with this baseline file: findings in it do not count. */
  baseline?: string;
  onProgress?: (done: number, total: number) => void;
}

/** The audit: config, index, checks. Returns data; printing and exit codes are the caller's. */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const root = path.resolve(options.directory);
  const only = options.rules && options.rules.length > 0 ? options.rules.map(parseRuleName) : undefined;
  const config = loadConfig(root, options.configFile);
  // Bad refs and baselines fail before the expensive part.
  const changed = options.changedSince !== undefined ? changedFilesSince(root, options.changedSince) : undefined;
  const baseline = options.baseline ? readBaseline(path.resolve(options.baseline)) : undefined;
  const cache = options.cache === false ? undefined : new FactsCache(options.cache ?? defaultCacheDirectory(root));
  const index = await loadProjectIndex(config, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(cache ? { cache } : {}),
  });
  const findings = evaluateChecks(index, {
    ...(only ? { only } : {}),
    ...(changed ? { onlyFiles: changed.files } : {}),
  });
  let result = toResult(index, findings, performance.now() - started);
  if (changed) {
    const audited = [...changed.files].filter((file) => index.files.has(file)).length;
    result.notes.push(
      `changed since ${options.changedSince} (merge-base ${changed.base.slice(0, 12)}): reporting ${audited} changed source file(s); the whole project was analysed`,
    );
  }
  if (baseline && options.baseline) {
    const inScope = (entry: BaselineEntry) =>
      (!changed || changed.files.has(entry.file)) && (!only || only.includes(entry.ruleId.slice(5) as RuleName));
    result = applyBaseline(result, baseline, options.baseline, inScope);
  }
  result.summary.durationMs = Math.round(performance.now() - started);
  return result;
}

export function parseRuleName(value: string): RuleName {
  const name = value.startsWith('ssot/') ? value.slice(5) : value;
  if (!(RULE_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(
      `unknown rule "${value}"`,
      `known rules: ${RULE_NAMES.map((rule) => `ssot/${rule}`).join(', ')}`,
    );
  }
  return name as RuleName;
}

function toResult(index: ProjectIndex, findings: AuditResult['findings'], durationMs: number): AuditResult {
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const finding of findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return {
    tool: { ...TOOL },
    root: index.root,
    summary: {
      files: index.files.size,
      lines: index.totalLines(),
      findings: findings.length,
      errors,
      warnings: findings.length - errors,
      byRule,
      durationMs: Math.round(durationMs),
    },
    findings,
    skipped: [...index.skipped].sort((a, b) => a.file.localeCompare(b.file)),
    notes: [...describeSetup(index), ...index.notes],
    authCore: summariseAuthCore(index),
  };
}

function summariseAuthCore(index: ProjectIndex): AuthCoreSummary {
  const core = authCoreViewOf(index);
  if (index.config.authCore.length > 0)
    return { source: 'config', module: index.config.authCore.join(', '), reason: 'authCore in the config' };
  if (core.declared)
    return {
      source: 'convention',
      module: core.describe('') ?? 'auth-core',
      reason: 'the auth-core naming convention',
    };
  if (core.inferred)
    return {
      source: core.inferred.sole ? 'sole' : 'proposed',
      module: core.inferred.file,
      reason: core.inferred.reason,
    };
  return { source: 'none', reason: 'no module uses JWT primitives' };
}

/** Rules that found nothing to judge: silence from them is no evidence of health. */
function rulesWithoutEvidence(index: ProjectIndex): string[] {
  const notes: string[] = [];
  const core = authCoreViewOf(index);
  if (index.canonical().size === 0)
    notes.push(
      'canonical-import: no canonical module declared ("canonical" in ssot.config.json or a /** @canonical */ tag), so no import was checked',
    );
  if (!core.declared && core.jwtModules.length === 0) notes.push('single-jwt-path: no module uses a JWT primitive');
  const readsKeys = [...index.files.values()].some((facts) => facts.secretReads.length > 0);
  if (!readsKeys) notes.push('single-secret-source: no JWT key or secret read found');
  return notes;
}

function describeSetup(index: ProjectIndex): string[] {
  const notes: string[] = [];
  notes.push(index.config.source ? `config: ${index.config.source}` : 'config: none found, using defaults');
  notes.push(...eslintSeverityOverrides(index.root));
  const core = authCoreViewOf(index);
  if (index.config.authCore.length > 0) notes.push(`auth core: ${index.config.authCore.join(', ')} (config)`);
  else if (core.declared)
    notes.push(`auth core: ${core.describe('') ?? 'auth-core'} (found by the auth-core naming convention)`);
  else if (core.inferred?.sole)
    notes.push(
      `auth core: none declared; ${core.inferred.file} is ${core.inferred.reason}, taken as the de-facto core`,
    );
  else if (core.inferred)
    notes.push(
      `auth core: none declared; ${core.jwtModules.length} modules use JWT primitives, so each use is reported. Proposed core: ${core.inferred.file} (${core.inferred.reason})`,
    );
  else notes.push('auth core: none declared, and no module uses JWT primitives');
  notes.push(...rulesWithoutEvidence(index));
  return notes;
}
