import type { AuditResult, Finding, RelatedLocation, RuleId } from '../model.js';
import { compareStrings } from '../compare.js';
import { sortedFindings, sortedSkipped } from './shared.js';
import type { ReporterContext } from './types.js';

/** `--format json`: the stable contract of DESIGN.md ("JSON output — a stable contract"), version 1. */
export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  summary: {
    files: number;
    findings: number;
    errors: number;
    warnings: number;
    byRule: Partial<Record<RuleId, number>>;
    durationMs: number;
  };
  findings: JsonFinding[];
  /** Additive to the design's example: files the audit could not analyse. */
  skipped: { file: string; reason: string }[];
  /** Which module the auth rules took as the auth core, and why (`source`: config, convention, sole, proposed, none). */
  authCore: { source: string; module?: string; reason: string };
  /** How the audit was set up, and which rules found nothing to judge. */
  notes: string[];
}

export interface JsonFinding {
  ruleId: RuleId;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  symbol?: string;
  related?: JsonRelatedLocation[];
  fingerprint: string;
  /** Only when the audit ran against a baseline: whether this finding is in it. */
  baselined?: boolean;
}

export interface JsonRelatedLocation {
  file: string;
  line: number;
  column: number;
  message?: string;
}

/**
 * Builds the report object. Every object is written out key by key rather than spread from the
 * model, so the key order is the contract's and internal fields (`fix`, `summary.lines`, `root`,
 * `notes`) cannot leak into it.
 */
export function toJsonReport(result: AuditResult): JsonReport {
  const { summary } = result;
  return {
    version: 1,
    tool: { name: result.tool.name, version: result.tool.version },
    summary: {
      files: summary.files,
      findings: summary.findings,
      errors: summary.errors,
      warnings: summary.warnings,
      byRule: sortedByRule(summary.byRule),
      durationMs: summary.durationMs,
    },
    findings: sortedFindings(result).map(toJsonFinding),
    skipped: sortedSkipped(result).map((entry) => ({ file: entry.file, reason: entry.reason })),
    authCore: {
      source: result.authCore.source,
      ...(result.authCore.module !== undefined ? { module: result.authCore.module } : {}),
      reason: result.authCore.reason,
    },
    notes: [...result.notes],
  };
}

export function jsonReporter(result: AuditResult, _context: ReporterContext): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}

function toJsonFinding(finding: Finding): JsonFinding {
  // Conditional spreads keep `symbol` and `related` in their contract position and absent (not null) when unset.
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(finding.symbol !== undefined ? { symbol: finding.symbol } : {}),
    ...(finding.related !== undefined && finding.related.length > 0
      ? { related: finding.related.map(toJsonRelated) }
      : {}),
    fingerprint: finding.fingerprint,
    ...(finding.baselined !== undefined ? { baselined: finding.baselined } : {}),
  };
}

function toJsonRelated(related: RelatedLocation): JsonRelatedLocation {
  return {
    file: related.file,
    line: related.line,
    column: related.column,
    ...(related.message !== undefined ? { message: related.message } : {}),
  };
}

/** Rule ids alphabetically, so the object's key order never depends on the order findings arrived in. */
function sortedByRule(byRule: Partial<Record<RuleId, number>>): Partial<Record<RuleId, number>> {
  const out: Partial<Record<RuleId, number>> = {};
  for (const id of (Object.keys(byRule) as RuleId[]).sort(compareStrings)) {
    const count = byRule[id];
    if (count !== undefined) out[id] = count;
  }
  return out;
}
