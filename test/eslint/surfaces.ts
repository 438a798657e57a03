import path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import type { AuditResult } from '../../src/model.js';

/** One finding as both surfaces can state it: what the parity test compares, field by field. */
export interface SurfaceFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The two surfaces' view of one project: findings, and the files neither could analyse. */
export interface Surface {
  findings: SurfaceFinding[];
  /** Files that could not be analysed (ESLint: a fatal message; the audit: a skipped file), with why. */
  unparsed: Map<string, string>;
}

export function auditSurface(result: AuditResult): Surface {
  return {
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      severity: finding.severity,
      message: finding.message,
    })),
    unparsed: new Map(result.skipped.map((entry) => [entry.file, entry.reason])),
  };
}

/** ESLint's results for a project at `root`; other plugins' messages are not ours to compare. */
export function eslintSurface(root: string, results: readonly ESLint.LintResult[]): Surface {
  const findings: SurfaceFinding[] = [];
  const unparsed = new Map<string, string>();
  for (const result of results) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal) unparsed.set(file, `${message.line}:${message.column} ${message.message}`);
      else if (message.ruleId?.startsWith('ssot/')) findings.push(toSurfaceFinding(file, message));
    }
  }
  return { findings, unparsed };
}

function toSurfaceFinding(file: string, message: Linter.LintMessage): SurfaceFinding {
  return {
    ruleId: message.ruleId!,
    file,
    line: message.line,
    column: message.column,
    severity: message.severity === 2 ? 'error' : 'warning',
    message: message.message,
  };
}

/**
 * Everything one surface says and the other does not, one line each, sorted; empty when they agree.
 * Findings are compared as a multiset on every field, so a wrong line, column, severity or message
 * shows up as a pair of lines (one per surface). A file one surface could not analyse is a
 * difference unless the other could not analyse it either.
 */
export function surfaceDifferences(audit: Surface, eslint: Surface): string[] {
  const differences: string[] = [];
  const remaining = new Map<string, number>();
  for (const finding of eslint.findings) remaining.set(keyOf(finding), (remaining.get(keyOf(finding)) ?? 0) + 1);
  for (const finding of audit.findings) {
    const key = keyOf(finding);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else differences.push(`only in ssot audit: ${key}`);
  }
  for (const [key, count] of remaining) {
    for (let index = 0; index < count; index++) differences.push(`only in ESLint: ${key}`);
  }
  for (const [file, reason] of eslint.unparsed) {
    if (!audit.unparsed.has(file)) differences.push(`ESLint could not analyse ${file}: ${reason}`);
  }
  for (const [file, reason] of audit.unparsed) {
    if (!eslint.unparsed.has(file)) differences.push(`ssot audit skipped ${file}: ${reason}`);
  }
  return differences.sort();
}

function keyOf(finding: SurfaceFinding): string {
  return `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${JSON.stringify(finding.message)}`;
}
