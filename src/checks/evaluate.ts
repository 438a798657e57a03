import { hash } from 'node:crypto';
import type { RuleSetting } from '../config/load-config.js';
import { isSuppressed } from '../engine/suppressions.js';
import type { Finding, RuleName, Severity } from '../model.js';
import { RULE_NAMES } from '../rules/registry.js';
import type { ProjectIndex } from '../project/project-index.js';
import { authCoreViewOf } from './auth-core-view.js';
import { CHECKS } from './index.js';
import { formatMessage } from './types.js';

export interface EvaluateOptions {
  /** Rule settings; defaults to the index's config. */
  rules?: Partial<Record<RuleName, RuleSetting>>;
  /** Only these rules (`--rule`). */
  only?: readonly RuleName[];
  /** Only findings in these files. */
  onlyFiles?: ReadonlySet<string>;
  /** Honour eslint-disable directives (the ESLint plugin leaves that to ESLint). */
  applySuppressions?: boolean;
}

/** Runs the enabled checks over the index and turns their output into findings. */
export function evaluateChecks(index: ProjectIndex, options: EvaluateOptions = {}): Finding[] {
  const authCore = authCoreViewOf(index);
  const candidates = options.onlyFiles
    ? [...options.onlyFiles].map((file) => index.files.get(file)).filter((facts) => facts !== undefined)
    : [...index.files.values()];
  const targets = candidates.filter((facts) => !index.isIgnoredFile(facts.file));
  const findings: Finding[] = [];
  for (const name of options.only ?? RULE_NAMES) {
    const setting = options.rules?.[name] ?? index.config.rules[name];
    if (setting.severity === 'off') continue;
    const check = CHECKS[name];
    const ruleId = `ssot/${name}` as const;
    const occurrences = new Map<string, number>();
    const raw = check.run({
      index,
      authCore,
      targets,
      options: setting.options,
      ...(options.onlyFiles ? { onlyFiles: options.onlyFiles } : {}),
    });
    raw.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    for (const finding of raw) {
      if (check.skipsTests && index.isTestFile(finding.file)) continue;
      const facts = index.files.get(finding.file);
      if (options.applySuppressions !== false && facts && isSuppressed(facts.suppressions, ruleId, finding)) continue;
      const identity = `${ruleId}\0${finding.file}\0${finding.key}`;
      const occurrence = occurrences.get(identity) ?? 0;
      occurrences.set(identity, occurrence + 1);
      const { key: _key, messageId, data, ...rest } = finding;
      findings.push({
        ruleId,
        severity: setting.severity as Severity,
        ...rest,
        message: formatMessage(check.messages[messageId] ?? messageId, data),
        messageId,
        data,
        fingerprint: hash('sha256', `${identity}\0${occurrence}`, 'hex').slice(0, 32),
      });
    }
  }
  return findings.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}
