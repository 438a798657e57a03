/**
 * The data every surface shares: the core produces it, reporters and the ESLint
 * plugin consume it. The JSON reporter's contract (DESIGN.md) is built from these.
 */

import type { RULE_DEFINITIONS } from './rules/registry.js';

export type Severity = 'error' | 'warning';

/** A configured severity; `off` disables the rule. */
export type SeveritySetting = Severity | 'off';

/** A rule's name; the rules are listed once, in src/rules/registry.ts. */
export type RuleName = (typeof RULE_DEFINITIONS)[number]['name'];

/** Rule id as users write it: `ssot/<name>`. */
export type RuleId = `ssot/${RuleName}`;

export interface RelatedLocation {
  /** Path relative to the audited directory, forward slashes. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** What this location is, e.g. "canonical declaration". */
  message?: string;
}

/** A text replacement that fixes a finding without changing behaviour (absolute offsets into the file). */
export interface FindingFix {
  range: [number, number];
  text: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** What is wrong, where the single source of truth is, what to do. */
  message: string;
  /** Path relative to the audited directory, forward slashes. */
  file: string;
  /** 1-based start line. */
  line: number;
  /** 1-based start column. */
  column: number;
  /** 1-based end line. */
  endLine: number;
  /** 1-based end column (exclusive, as ESLint reports it). */
  endColumn: number;
  /** The symbol the finding is about (a class name, a primitive such as `jsonwebtoken.verify`). */
  symbol?: string;
  /** Other places that make up the finding (the other copies, the canonical declaration). */
  related?: RelatedLocation[];
  /** Stable identity of the finding under unrelated edits; what a baseline stores. */
  fingerprint: string;
  /** A safe autofix, when one exists (`canonical-import`). */
  fix?: FindingFix;
  /** An edit that fixes the finding but may change behaviour: offered, never applied automatically. */
  suggestion?: FindingFix;
  /** Present when a baseline was applied: the finding is in it (not new). */
  baselined?: boolean;
  /** The rule's message id and its data, as the ESLint rule reports them (not part of the JSON contract). */
  messageId?: string;
  data?: Record<string, string>;
}

/** A file the audit could not analyse, and why. The audit goes on without it. */
export interface SkippedFile {
  /** Path relative to the audited directory, forward slashes. */
  file: string;
  reason: string;
}

export interface AuditSummary {
  files: number;
  lines: number;
  findings: number;
  errors: number;
  warnings: number;
  byRule: Partial<Record<RuleId, number>>;
  durationMs: number;
}

/** An entry of a baseline file: a finding accepted on the day the baseline was written. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: RuleId;
  file: string;
  symbol?: string;
  /** The message's first line, for people reading the file. */
  message: string;
}

export interface BaselineOutcome {
  /** The baseline file, as given. */
  file: string;
  /** Findings found in the baseline. */
  matched: number;
  /** Entries that match no finding any more: fixed, or changed beyond recognition. */
  stale: BaselineEntry[];
}

/** The auth core the rules judged against: declared, found by convention, inferred, or none. */
export interface AuthCoreSummary {
  /**
   * `config`/`convention`: declared; `package`: the project imports `@ssot-lint/auth-core` and declares no
   * core of its own; `sole`: the only JWT module; `proposed`: inferred among several, not blessed.
   */
  source: 'config' | 'convention' | 'package' | 'sole' | 'proposed' | 'none';
  /** The module or globs. */
  module?: string;
  /** Why, in a few words. */
  reason: string;
}

export interface AuditResult {
  tool: { name: string; version: string };
  /** Absolute path of the audited directory. */
  root: string;
  summary: AuditSummary;
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
  skipped: SkippedFile[];
  /** Human-readable notes about how the audit was set up (e.g. the auth core found by convention). */
  notes: string[];
  /** Which module the auth rules took as the auth core, and why. */
  authCore: AuthCoreSummary;
  /** Set when the audit compared against a baseline. Summary counts then exclude baselined findings. */
  baseline?: BaselineOutcome;
}
