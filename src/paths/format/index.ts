import { htmlReporter } from './html.js';
import { jsonPathsReporter } from './json.js';
import { markdownPathsReporter } from './markdown.js';
import { mermaidReporter } from './mermaid.js';
import type { PathsReporter } from './shared.js';
import { textReporter } from './text.js';

export type { PathsReporter, PathsReporterContext } from './shared.js';
export { htmlReporter, jsonPathsReporter, markdownPathsReporter, mermaidReporter, textReporter };
export type { PathsJsonReport } from './json.js';

export const PATHS_FORMATS = ['text', 'json', 'markdown', 'mermaid', 'html'] as const;

/** A value of `ssot paths --format`. */
export type PathsFormat = (typeof PATHS_FORMATS)[number];

export const PATHS_REPORTERS: Readonly<Record<PathsFormat, PathsReporter>> = {
  text: textReporter,
  json: jsonPathsReporter,
  markdown: markdownPathsReporter,
  mermaid: mermaidReporter,
  html: htmlReporter,
};

export function isPathsFormat(value: unknown): value is PathsFormat {
  return typeof value === 'string' && (PATHS_FORMATS as readonly string[]).includes(value);
}
