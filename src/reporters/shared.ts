/** Helpers shared by the reporters. Everything here is pure and locale-independent. */
import type { AuditResult, Finding, RuleId, SkippedFile } from '../model.js';
import { RULES, type RuleMeta } from '../rules/registry.js';
import type { ReporterContext } from './types.js';
import { compareStrings } from '../compare.js';

/** Rules about the JWT validation paths: when one fires, `ssot paths` has the inventory. */
export const AUTH_RULE_IDS: ReadonlySet<RuleId> = new Set(RULES.filter((rule) => rule.security).map((rule) => rule.id));

/** Code-unit comparison: `localeCompare` would make the output depend on the machine's locale. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/**
 * The findings in the documented order (file, line, column, rule). The core already sorts them;
 * sorting a copy again keeps every reporter deterministic even for a hand-built or filtered result.
 */
export function sortedFindings(result: AuditResult): Finding[] {
  return [...result.findings].sort(compareFindings);
}

export function sortedSkipped(result: AuditResult): SkippedFile[] {
  return [...result.skipped].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.reason, b.reason));
}

/** Splits a message into lines; tolerates CRLF from messages built on Windows. */
export function messageLines(message: string): string[] {
  return message.replace(/\r\n?/g, '\n').split('\n');
}

export function firstLine(message: string): string {
  return messageLines(message)[0] ?? '';
}

export function isMultiLine(message: string): boolean {
  return messageLines(message).length > 1;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "6 problems (5 errors, 1 warning)". */
export function problemCounts(result: AuditResult): string {
  const { findings, errors, warnings } = result.summary;
  return `${plural(findings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
}

/**
 * The rule ids that have findings, in registry order; ids the registry does not know
 * (a newer core, a plugin) follow alphabetically so nothing is dropped.
 */
export function rulesWithFindings(findings: readonly Finding[], rules: readonly RuleMeta[]): RuleId[] {
  const present = new Set(findings.map((finding) => finding.ruleId));
  const known = rules.map((rule) => rule.id).filter((id) => present.has(id));
  const unknown = [...present].filter((id) => !rules.some((rule) => rule.id === id)).sort(compareStrings);
  return [...known, ...unknown];
}

/** A path of the result (relative to the audited directory) made relative to the repository root. */
export function repositoryPath(file: string, context: ReporterContext): string {
  return `${context.repositoryPrefix ?? ''}${file}`;
}
