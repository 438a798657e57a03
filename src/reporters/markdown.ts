import type { AuditResult, Finding, RuleId } from '../model.js';
import { ruleMeta, type RuleMeta } from '../rules/registry.js';
import {
  AUTH_RULE_IDS,
  firstLine,
  formatDuration,
  isMultiLine,
  messageLines,
  plural,
  problemCounts,
  rulesWithFindings,
  sortedFindings,
  sortedSkipped,
} from './shared.js';
import type { ReporterContext } from './types.js';

/**
 * GitHub-flavoured Markdown for PR comments and audit reports: a summary table by rule, then one
 * section per rule with a table of findings; multi-line messages (member drift) and related
 * locations follow each table as a list with fenced blocks, since a table cell cannot hold them.
 */
export function markdownReporter(result: AuditResult, context: ReporterContext): string {
  const findings = sortedFindings(result);
  const ruleIds = rulesWithFindings(findings, context.rules);
  const out: string[] = ['## ssot-lint audit', ''];

  if (findings.length === 0) {
    out.push(
      `**✔ No problems** in ${plural(result.summary.files, 'file')}, ${formatDuration(result.summary.durationMs)}.`,
      '',
    );
  } else {
    out.push(
      `**✖ ${problemCounts(result)}** in ${plural(result.summary.files, 'file')}, ${formatDuration(result.summary.durationMs)}.`,
      '',
    );
    out.push(...summaryTable(findings, ruleIds, context.rules), '');
    if (context.pathsReportHint && ruleIds.some((id) => AUTH_RULE_IDS.has(id))) {
      out.push(`> ${context.pathsReportHint}`, '');
    }
    for (const id of ruleIds) {
      out.push(
        ...ruleSection(
          id,
          findings.filter((finding) => finding.ruleId === id),
          context,
        ),
        '',
      );
    }
  }

  const skipped = sortedSkipped(result);
  if (skipped.length > 0) {
    out.push(`### Skipped files (${skipped.length})`, '');
    for (const entry of skipped) out.push(`- ${code(entry.file)} — ${escapeInline(entry.reason)}`);
    out.push('');
  }

  if (result.notes.length > 0) {
    out.push('### Notes', '');
    for (const note of result.notes)
      out.push(
        `- ${messageLines(note)
          .map((line) => escapeInline(line))
          .join('<br>')}`,
      );
    out.push('');
  }

  // Exactly one trailing newline, however the last section ended.
  return `${out.join('\n').trimEnd()}\n`;
}

function findMeta(id: RuleId, rules: readonly RuleMeta[]): RuleMeta | undefined {
  return rules.find((rule) => rule.id === id) ?? ruleMeta(id);
}

function ruleLabel(id: RuleId, rules: readonly RuleMeta[]): string {
  const meta = findMeta(id, rules);
  return meta ? `[${code(id, true)}](${meta.docsUrl})` : code(id, true);
}

function summaryTable(findings: readonly Finding[], ruleIds: readonly RuleId[], rules: readonly RuleMeta[]): string[] {
  const rows = ['| Rule | Errors | Warnings |', '| :--- | ---: | ---: |'];
  let errors = 0;
  let warnings = 0;
  for (const id of ruleIds) {
    const ofRule = findings.filter((finding) => finding.ruleId === id);
    const ruleErrors = ofRule.filter((finding) => finding.severity === 'error').length;
    const ruleWarnings = ofRule.length - ruleErrors;
    errors += ruleErrors;
    warnings += ruleWarnings;
    rows.push(`| ${ruleLabel(id, rules)} | ${ruleErrors} | ${ruleWarnings} |`);
  }
  if (ruleIds.length > 1) rows.push(`| **Total** | **${errors}** | **${warnings}** |`);
  return rows;
}

function ruleSection(id: RuleId, findings: readonly Finding[], context: ReporterContext): string[] {
  const meta = findMeta(id, context.rules);
  const out = [`### ${code(id)} (${plural(findings.length, 'finding')})`, ''];
  if (meta) out.push(`${escapeInline(meta.description)}. [Rule documentation](${meta.docsUrl})`, '');

  out.push('| Location | Message | Severity |', '| :--- | :--- | :--- |');
  const detailed: Finding[] = [];
  for (const finding of findings) {
    const needsDetails = isMultiLine(finding.message) || (finding.related?.length ?? 0) > 0;
    if (needsDetails) detailed.push(finding);
    const message =
      escapeInline(firstLine(finding.message), true) + (isMultiLine(finding.message) ? ' _(details below)_' : '');
    out.push(
      `| ${location(finding.file, finding.line, finding.column, context, true)} | ${message} | ${finding.severity} |`,
    );
  }

  if (detailed.length > 0) {
    out.push('', '**Details**');
    for (const finding of detailed) out.push('', ...details(finding, context));
  }
  return out;
}

function details(finding: Finding, context: ReporterContext): string[] {
  const head = `- ${location(finding.file, finding.line, finding.column, context)}`;
  const out = [finding.symbol ? `${head} — ${code(finding.symbol)}` : head];
  if (isMultiLine(finding.message)) {
    out.push('', ...indent(fenced(finding.message), '  '));
  }
  const related = finding.related ?? [];
  if (related.length > 0) {
    out.push('', '  Related locations:', '');
    for (const entry of related) {
      const where = location(entry.file, entry.line, entry.column, context);
      out.push(`  - ${where}${entry.message ? ` — ${escapeInline(entry.message)}` : ''}`);
    }
  }
  return out;
}

function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((line) => (line === '' ? '' : `${prefix}${line}`));
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fenced(text: string): string[] {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [`${fence}text`, ...messageLines(text).map((line) => line.trimEnd()), fence];
}

/** `file:line:col`, linked to the source when the context has a link base. */
function location(file: string, line: number, column: number, context: ReporterContext, inTable = false): string {
  const text = code(`${file}:${line}:${column}`, inTable);
  if (!context.sourceLinkBase) return text;
  // Parentheses too: an unbalanced one would end the link destination early.
  const path = file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
  return `[${text}](${context.sourceLinkBase}${path}#L${line})`;
}

/**
 * An inline code span for arbitrary text. The delimiter is one backtick longer than the longest
 * run inside (CommonMark), padded with spaces when the text starts or ends with a backtick or a
 * space. In a table cell `|` is escaped even inside code: GFM splits cells before it parses code
 * spans (and removes the backslash again); outside a table the backslash would show.
 */
export function code(text: string, inTable = false): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const delimiter = '`'.repeat(longestRun + 1);
  const pad = /^[`\s]|[`\s]$/.test(flat) ? ' ' : '';
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${delimiter}${pad}${body}${pad}${delimiter}`;
}

const MARKDOWN_SPECIALS = /[\\*_[\]<>~$|]/g;

/**
 * Escapes one line of message text for a table cell or list item. Balanced backtick code spans
 * (rule messages quote code that way) are kept as code, with only `|` escaped in a table; everything else
 * has the characters that start emphasis, links, HTML, math or a new cell backslash-escaped, and a
 * stray backtick is escaped so it cannot swallow the rest of the cell.
 */
export function escapeInline(text: string, inTable = false): string {
  const line = text.replace(/\r?\n/g, ' ');
  let out = '';
  let index = 0;
  while (index < line.length) {
    const tick = line.indexOf('`', index);
    if (tick === -1) {
      out += line.slice(index).replace(MARKDOWN_SPECIALS, '\\$&');
      break;
    }
    out += line.slice(index, tick).replace(MARKDOWN_SPECIALS, '\\$&');
    let runEnd = tick;
    while (line[runEnd] === '`') runEnd++;
    const run = line.slice(tick, runEnd);
    const close = findClosingRun(line, runEnd, run.length);
    if (close === -1) {
      out += run.replace(/`/g, '\\`');
      index = runEnd;
    } else {
      const span = line.slice(tick, close + run.length);
      out += inTable ? span.replace(/\|/g, '\\|') : span;
      index = close + run.length;
    }
  }
  return out;
}

/** Start of the next backtick run of exactly `length` (CommonMark code-span closing rule), or -1. */
function findClosingRun(line: string, from: number, length: number): number {
  let index = from;
  while (index < line.length) {
    const tick = line.indexOf('`', index);
    if (tick === -1) return -1;
    let runEnd = tick;
    while (line[runEnd] === '`') runEnd++;
    if (runEnd - tick === length) return tick;
    index = runEnd;
  }
  return -1;
}
