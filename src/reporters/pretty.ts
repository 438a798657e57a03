import { Chalk, type ChalkInstance } from 'chalk';
import type { AuditResult, Finding } from '../model.js';
import { formatDuration, messageLines, plural, problemCounts, sortedFindings, sortedSkipped } from './shared.js';
import type { ReporterContext } from './types.js';

/**
 * Human output in the style of ESLint's `stylish`: findings grouped by file, then skipped
 * files, notes and a one-line summary.
 *
 * ```
 * src/models/user-execution-context.ts
 *   12:14  error  Class "UserExecutionContext" is declared in 2 modules  ssot/no-duplicate-class
 *                 Member drift: …
 *                 ↳ src/services/user-execution-context.ts:9:14 canonical declaration
 * ```
 */
export function prettyReporter(result: AuditResult, context: ReporterContext): string {
  // An explicit level instead of chalk's global TTY/env detection: the CLI decides, output stays deterministic.
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const blocks: string[] = [];

  for (const [file, findings] of groupByFile(sortedFindings(result))) {
    blocks.push(renderFile(file, findings, chalk));
  }

  const skipped = sortedSkipped(result);
  if (skipped.length > 0) {
    const lines = [chalk.yellow(`skipped ${plural(skipped.length, 'file')}:`)];
    for (const entry of skipped) lines.push(`  ${printable(entry.file)} ${chalk.dim('—')} ${printable(entry.reason)}`);
    blocks.push(lines.join('\n'));
  }

  if (result.notes.length > 0) {
    blocks.push(
      result.notes
        .map((note) => indentContinuation(`${chalk.dim('note:')} ${printable(note, true)}`, '      '))
        .join('\n'),
    );
  }

  blocks.push(summaryLine(result, chalk));
  return `${blocks.join('\n\n')}\n`;
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

function renderFile(file: string, findings: readonly Finding[], chalk: ChalkInstance): string {
  // Column widths are measured on plain text and colors applied after padding, so alignment
  // does not depend on whether ANSI codes are present.
  const lineWidth = Math.max(...findings.map((f) => String(f.line).length));
  const columnWidth = Math.max(...findings.map((f) => String(f.column).length));
  const severityWidth = Math.max(...findings.map((f) => f.severity.length));
  const messageWidth = Math.max(...findings.map((f) => (messageLines(printable(f.message, true))[0] ?? '').length));
  // Continuation lines (the rest of a multi-line message, related locations) start under the message.
  const hang = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);

  const out = [chalk.underline(headingOf(file))];
  for (const finding of findings) {
    const [head = '', ...rest] = messageLines(printable(finding.message, true));
    // Line right-aligned and column left-aligned keep the colons in one column, as stylish does.
    const position = `${String(finding.line).padStart(lineWidth)}:${String(finding.column).padEnd(columnWidth)}`;
    const severity = finding.severity.padEnd(severityWidth);
    const coloredSeverity = finding.severity === 'error' ? chalk.red(severity) : chalk.yellow(severity);
    out.push(
      `  ${chalk.dim(position)}  ${coloredSeverity}  ${head.padEnd(messageWidth)}  ${chalk.dim(finding.ruleId)}`,
    );
    for (const line of rest) {
      const trimmed = line.trimEnd();
      out.push(trimmed === '' ? '' : `${hang}${trimmed}`);
    }
    for (const related of finding.related ?? []) {
      const where = `${printable(related.file)}:${related.line}:${related.column}`;
      out.push(`${hang}${chalk.dim(`↳ ${where}${related.message ? ` ${printable(related.message)}` : ''}`)}`);
    }
  }
  return out.join('\n');
}

/**
 * Text from the audited tree (file names, and messages and notes quoting it) shown with its
 * control characters escaped: an escape sequence or a carriage return in a file name must not
 * drive the terminal, and a newline must not start a line of its own in the CI log. `newlines`
 * keeps the line breaks the tool's own messages use.
 */
function printable(text: string, newlines = false): string {
  return text.replace(newlines ? UNPRINTABLE_BUT_NEWLINE : UNPRINTABLE, (character) => {
    const code = character.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line shows. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file heading starts its line, and GitHub Actions reads a line starting with `::` as a
 * workflow command (`::error::`, `::add-mask::`, `::stop-commands::`): such a name is shown as `./::…`.
 */
function headingOf(file: string): string {
  const shown = printable(file);
  return shown.startsWith('::') ? `./${shown}` : shown;
}

/** Indents every line after the first, for notes that span lines. */
function indentContinuation(text: string, indent: string): string {
  return messageLines(text)
    .map((line, index) => (index === 0 || line.trim() === '' ? line.trimEnd() : `${indent}${line.trimEnd()}`))
    .join('\n');
}

function summaryLine(result: AuditResult, chalk: ChalkInstance): string {
  const { errors, warnings, findings, files, durationMs } = result.summary;
  const where = `in ${plural(files, 'file')}`;
  if (findings === 0 && errors === 0 && warnings === 0) {
    return chalk.green.bold(`✔ no problems ${where}`);
  }
  const text = `✖ ${problemCounts(result)} ${where}, ${formatDuration(durationMs)}`;
  return errors > 0 ? chalk.red.bold(text) : chalk.yellow.bold(text);
}
