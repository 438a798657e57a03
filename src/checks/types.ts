import type { Finding, RelatedLocation, RuleName, Severity } from '../model.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { AuthCoreView } from './auth-core-view.js';

/** What a check produces; the audit adds severity, fingerprint and suppression handling. */
export interface RuleFinding extends Omit<Finding, 'ruleId' | 'severity' | 'fingerprint' | 'related'> {
  /** Identity of the finding apart from its position: what the fingerprint hashes. */
  key: string;
  related?: RelatedLocation[];
  /** Caps the configured severity (cross-package duplicates are warnings). */
  maxSeverity?: Severity;
}

export interface CheckContext {
  index: ProjectIndex;
  authCore: AuthCoreView;
  /** Rule options from the config (or the ESLint rule's options). */
  options: Record<string, unknown>;
  /** When set, only findings in these files are needed (the ESLint plugin lints one file at a time). */
  onlyFiles?: ReadonlySet<string>;
}

export interface Check {
  name: RuleName;
  /** Whether test files are exempt. */
  skipsTests: boolean;
  run(context: CheckContext): RuleFinding[];
}
