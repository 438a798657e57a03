import type { AuditResult, RuleId } from '../model.js';
import type { RuleMeta } from '../rules/registry.js';

/** What a reporter needs besides the audit result. Reporters read nothing else (no env, no TTY, no clock). */
export interface ReporterContext {
  /** Emit ANSI colors (pretty only). The CLI decides: a TTY and no `NO_COLOR`. */
  color: boolean;
  /** Rule metadata (ids, descriptions, docs URLs); normally `RULES` from the registry. */
  rules: readonly RuleMeta[];
  /**
   * Markdown only: a Markdown line shown when an auth rule fired, e.g.
   * "Run `ssot paths` for the inventory of JWT validation paths." Inserted as is (it is Markdown).
   */
  pathsReportHint?: string;
  /**
   * Markdown only: a URL prefix that turns locations into links, e.g.
   * `https://github.com/OWNER/REPO/blob/SHA/` (the file path and `#L<line>` are appended).
   * Without it, locations are rendered as code spans.
   */
  sourceLinkBase?: string;
  /**
   * GitHub and SARIF: the audited directory's path inside its git repository, with a trailing slash
   * (`git rev-parse --show-prefix`), e.g. `services/api/`; `''` when it is the repository root.
   * Annotations and code scanning want repository-relative paths, so these reporters put it in
   * front of every path. Absent outside a git repository: paths stay relative to the audited directory.
   */
  repositoryPrefix?: string;
  /**
   * SARIF only: each rule's Markdown documentation page (`docs/rules/<name>.md`, see `loadRuleDocs`),
   * for `fullDescription` and `help.markdown`. A rule without a page falls back to its description.
   */
  ruleDocs?: Readonly<Partial<Record<RuleId, string>>>;
}

/** A reporter is a pure function: the same result and context always give the same text. */
export type Reporter = (result: AuditResult, context: ReporterContext) => string;
