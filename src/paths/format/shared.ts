/** Helpers shared by the paths reporters. Pure and locale-independent. */
import type { EnvGate, PathsResult, SourceLocation, ValidationPath } from '../types.js';

/** What a paths reporter needs besides the result. Reporters read nothing else (no env, no TTY, no clock). */
export interface PathsReporterContext {
  /** ANSI colours (text only). */
  color: boolean;
  /**
   * A prefix that turns locations into links (markdown, html): a relative path from the report to
   * the audited directory (`../`), a `file:///abs/root/` URL, or `https://github.com/o/r/blob/SHA/`.
   * The file path and `#L<line>` are appended. Without it, locations are plain text.
   */
  sourceLinkBase?: string;
}

export type PathsReporter = (result: PathsResult, context: PathsReporterContext) => string;

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "4 JWT validation paths, expected 1": the one line an architect reads first. */
export function headline(result: PathsResult): string {
  const { paths, unreachedModules } = result.summary;
  const line = `${plural(paths, 'JWT validation path')}, expected 1`;
  // The rules count every module that verifies; so must this line, or the two tell different stories.
  return unreachedModules > 0
    ? `${line}; ${plural(unreachedModules, 'more module')} verif${unreachedModules === 1 ? 'ies' : 'y'} or decode tokens where no recognised entry point reaches`
    : line;
}

export function where(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

export function gateText(gate: EnvGate): string {
  const when =
    gate.branch === 'then' ? 'only when' : gate.branch === 'else' ? 'only unless' : 'only past an early exit on';
  return `${when} ${gate.condition} (${where(gate)})`;
}

/** The path's verdict in a word: the auth core with no bypass and no environment gate is the goal; anything else is a violation. */
export function pathVerdict(path: ValidationPath): 'ok' | 'violation' {
  return path.kind === 'core' && path.bypasses.length === 0 && !path.environmentGated ? 'ok' : 'violation';
}

/** A URL for a source location, or undefined without a link base. */
export function sourceHref(context: PathsReporterContext, location: SourceLocation): string | undefined {
  if (context.sourceLinkBase === undefined) return undefined;
  const encoded = location.file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `${context.sourceLinkBase}${encoded}#L${location.line}`;
}

/** Short names for kinds of entry points, for tables and the graph. */
export const ENTRY_KIND_LABELS: Record<string, string> = {
  'http-route': 'HTTP route',
  'http-middleware': 'HTTP middleware',
  'http-server': 'HTTP server handler',
  'next-route': 'Next.js route handler',
  'next-middleware': 'Next.js middleware',
  'nest-route': 'NestJS route',
  'nest-guard': 'NestJS guard',
  'ws-upgrade': 'WebSocket upgrade',
  'ws-connection': 'WebSocket connection',
  'ws-verify-client': 'WebSocket verifyClient',
  'ws-middleware': 'socket.io middleware',
  'ws-message': 'WebSocket message handler',
};

export const STATUS_LABELS: Record<string, string> = {
  validates: 'validates',
  protected: 'behind a validating layer',
  unauthenticated: 'reaches no validator',
  layer: 'validates nothing',
};
