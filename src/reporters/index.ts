import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { prettyReporter } from './pretty.js';
import { sarifReporter } from './sarif.js';
import type { Reporter } from './types.js';

export type { Reporter, ReporterContext } from './types.js';
export { githubReporter, jsonReporter, markdownReporter, prettyReporter, sarifReporter };
export type { JsonFinding, JsonRelatedLocation, JsonReport } from './json.js';

export const REPORTER_NAMES = ['pretty', 'json', 'sarif', 'markdown', 'github'] as const;

/** A value of `--format`. */
export type ReporterName = (typeof REPORTER_NAMES)[number];

export const REPORTERS: Readonly<Record<ReporterName, Reporter>> = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  markdown: markdownReporter,
  github: githubReporter,
};

export function isReporterName(value: unknown): value is ReporterName {
  // Not `value in REPORTERS`: that would accept inherited names such as "toString".
  return typeof value === 'string' && (REPORTER_NAMES as readonly string[]).includes(value);
}
