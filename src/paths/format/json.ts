import type { PathsResult } from '../types.js';
import type { PathsReporterContext } from './shared.js';

/** The JSON contract of `ssot paths --format json` (docs/paths.md): the result without the machine-specific root. */
export type PathsJsonReport = Omit<PathsResult, 'root'>;

export function toPathsJson(result: PathsResult): PathsJsonReport {
  const { root: _root, ...rest } = result;
  return rest;
}

export function jsonPathsReporter(result: PathsResult, _context: PathsReporterContext): string {
  return `${JSON.stringify(toPathsJson(result), null, 2)}\n`;
}
