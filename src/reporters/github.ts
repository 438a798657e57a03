import type { AuditResult, Finding } from '../model.js';
import { formatDuration, plural, problemCounts, repositoryPath, sortedFindings, sortedSkipped } from './shared.js';
import type { ReporterContext } from './types.js';

/**
 * GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding, a warning per
 * skipped file, a notice per note, then a plain summary line for the log.
 *
 * The runner matches `file=` against the repository, so every path gets `context.repositoryPrefix`
 * in front: auditing `services/api` annotates `services/api/src/…`, not `src/…`.
 */
export function githubReporter(result: AuditResult, context: ReporterContext): string {
  const lines: string[] = [];
  for (const finding of sortedFindings(result)) lines.push(annotation(finding, context));
  for (const entry of sortedSkipped(result)) {
    const file = repositoryPath(entry.file, context);
    lines.push(command('warning', { file, title: 'ssot-lint: skipped file' }, entry.reason));
  }
  for (const note of result.notes) lines.push(command('notice', { title: 'ssot-lint' }, note));

  const { findings, files, durationMs } = result.summary;
  lines.push(
    findings === 0
      ? `ssot-lint: no problems in ${plural(files, 'file')}, ${formatDuration(durationMs)}`
      : `ssot-lint: ${problemCounts(result)} in ${plural(files, 'file')}, ${formatDuration(durationMs)}`,
  );
  return `${lines.join('\n')}\n`;
}

function annotation(finding: Finding, context: ReporterContext): string {
  // The runner drops `col`/`endColumn` when `line` and `endLine` differ (check-run annotations
  // only support columns on a single line), so they are emitted only for single-line ranges.
  const singleLine = finding.line === finding.endLine;
  const properties: Record<string, string | number> = {
    file: repositoryPath(finding.file, context),
    line: finding.line,
    ...(singleLine ? { col: finding.column } : {}),
    endLine: finding.endLine,
    ...(singleLine ? { endColumn: finding.endColumn } : {}),
    title: finding.ruleId,
  };
  // Related locations cannot be annotated separately; they go into the message, as in `pretty`.
  const related = (finding.related ?? []).map(
    (entry) =>
      `↳ ${repositoryPath(entry.file, context)}:${entry.line}:${entry.column}${entry.message ? ` ${entry.message}` : ''}`,
  );
  return command(finding.severity, properties, [finding.message, ...related].join('\n'));
}

function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Escaping of a command's message, as in `@actions/core` (`escapeData`). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property value, as in `@actions/core` (`escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
