import type { Finding, RelatedLocation, RuleName } from '../model.js';
import type { FileFacts } from '../engine/types.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { AuthCoreView } from './auth-core-view.js';

/** What a check produces; the audit adds severity, fingerprint and suppression handling. */
export interface RuleFinding extends Omit<
  Finding,
  'ruleId' | 'severity' | 'fingerprint' | 'related' | 'message' | 'messageId' | 'data'
> {
  /** Key into the check's `messages`; the same templates serve the CLI and the ESLint rule. */
  messageId: string;
  data: Record<string, string>;
  /** Identity of the finding apart from its position: what the fingerprint hashes. */
  key: string;
  related?: RelatedLocation[];
}

export interface CheckContext {
  index: ProjectIndex;
  authCore: AuthCoreView;
  /** Rule options from the config (or the ESLint rule's options). */
  options: Record<string, unknown>;
  /** When set, only findings in these files are needed (the ESLint plugin lints one file at a time). */
  onlyFiles?: ReadonlySet<string>;
  /** The files to report on: `onlyFiles` when given, else every file; never ignored files. */
  targets: readonly FileFacts[];
}

export interface Check {
  name: RuleName;
  /** Message templates with `{{ placeholder }}`s, as ESLint's `meta.messages`. */
  messages: Record<string, string>;
  /** Whether test files are exempt. */
  skipsTests: boolean;
  run(context: CheckContext): RuleFinding[];
}

/** Fills `{{ name }}` placeholders the way ESLint does. */
export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (match, name: string) => (name in data ? data[name]! : match));
}

/** Source text as part of a finding's identity: reformatting (spaces, line breaks, quote style) does not change it. */
export function identityText(text: string): string {
  return text.replace(/[\s"'`;]|,(?=[)\]}])/g, '');
}
