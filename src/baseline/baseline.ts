import { existsSync } from 'node:fs';
import { BoundedReadError, MIB, readRegularFile } from '../io/read-bounded.js';
import { UsageError } from '../errors.js';
import type { AuditResult, BaselineEntry, Finding, RuleId } from '../model.js';
import { TOOL } from '../package-info.js';

export const DEFAULT_BASELINE_FILE = 'ssot-baseline.json';

/** About 200,000 findings: far above any baseline a project adopts. */
const MAX_BASELINE_BYTES = 64 * MIB;

/** What `ssot baseline` writes: findings accepted today, by identity (fingerprint), not by count. */
export interface BaselineFile {
  version: 1;
  tool: { name: string; version: string };
  findings: BaselineEntry[];
}

export function toBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .map((finding): BaselineEntry => ({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      ...(finding.symbol !== undefined ? { symbol: finding.symbol } : {}),
      message: finding.message.split('\n')[0]!,
    }))
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
    );
  return { version: 1, tool: { ...TOOL }, findings: entries };
}

export function formatBaseline(baseline: BaselineFile): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file; a missing or malformed one is a usage error (one line, exit 2). */
export function readBaseline(file: string): BaselineFile {
  if (!existsSync(file)) throw new UsageError(`${file}: baseline file not found`, 'write one with `ssot baseline`');
  let text: string;
  try {
    text = readRegularFile(file, MAX_BASELINE_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof BoundedReadError) throw new UsageError(error.message);
    throw error;
  }
  let parsed: unknown;
  try {
    // Editors on Windows save JSON with a byte order mark; JSON.parse refuses it.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: invalid baseline JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const candidate = parsed as Partial<BaselineFile>;
  if (candidate?.version !== 1 || !Array.isArray(candidate.findings) || !candidate.findings.every(isEntry)) {
    throw new UsageError(
      `${file}: not an ssot baseline (expected {"version": 1, "findings": [{"fingerprint", "ruleId", "file", …}]})`,
    );
  }
  return candidate as BaselineFile;
}

function isEntry(value: unknown): value is BaselineEntry {
  const entry = value as Partial<BaselineEntry>;
  return typeof entry?.fingerprint === 'string' && typeof entry.ruleId === 'string' && typeof entry.file === 'string';
}

/**
 * Marks findings the baseline holds and lists its stale entries. Summary counts then cover new
 * findings only, so the exit code fails on new problems alone.
 */
export function applyBaseline(
  result: AuditResult,
  baseline: BaselineFile,
  file: string,
  scope?: (entry: BaselineEntry) => boolean,
): AuditResult {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const seen = new Set<string>();
  const findings = result.findings.map((finding) => {
    const baselined = known.has(finding.fingerprint);
    if (baselined) seen.add(finding.fingerprint);
    return { ...finding, baselined };
  });
  // With --changed-since or --rule only part of the project is reported: entries outside it are not stale.
  const stale = baseline.findings.filter((entry) => !seen.has(entry.fingerprint) && (scope ? scope(entry) : true));
  const fresh = findings.filter((finding) => !finding.baselined);
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const finding of fresh) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  const errors = fresh.filter((finding) => finding.severity === 'error').length;
  return {
    ...result,
    findings,
    summary: { ...result.summary, findings: fresh.length, errors, warnings: fresh.length - errors, byRule },
    baseline: { file, matched: seen.size, stale },
  };
}

/** The baseline without its stale entries (`--prune`). */
export function pruneBaseline(baseline: BaselineFile, stale: readonly BaselineEntry[]): BaselineFile {
  const gone = new Set(stale.map((entry) => entry.fingerprint));
  return {
    ...baseline,
    tool: { ...TOOL },
    findings: baseline.findings.filter((entry) => !gone.has(entry.fingerprint)),
  };
}
