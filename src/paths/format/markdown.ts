import { code, escapeInline } from '../../reporters/markdown.js';
import type { DuplicateGroup, PathsResult, SourceLocation, ValidationPath } from '../types.js';
import { mermaidReporter } from './mermaid.js';
import {
  ENTRY_KIND_LABELS,
  STATUS_LABELS,
  gateText,
  headline,
  plural,
  sourceHref,
  type PathsReporterContext,
} from './shared.js';

/**
 * GitHub-flavoured Markdown for an audit document or a PR comment: the summary, the Mermaid
 * graph, one section per path (entries, chain, primitives, gates, bypasses), then the tables
 * (endpoints without a validator, secret sources, duplicate classes side by side).
 */
export function markdownPathsReporter(result: PathsResult, context: PathsReporterContext): string {
  const link = (location: SourceLocation, inTable = false) => {
    const text = code(`${location.file}:${location.line}`, inTable);
    const href = sourceHref(context, location);
    return href ? `[${text}](${href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})` : text;
  };
  const cell = (text: string) => escapeInline(text, true);
  const { summary } = result;
  const out: string[] = ['## ssot paths: JWT validation paths', ''];
  out.push(
    `**${summary.paths === 1 ? '✔' : '✖'} ${headline(result)}.** ${plural(summary.entryPoints, 'entry point')} (${plural(summary.endpoints, 'endpoint')}), ${summary.unauthenticated} reach no validator; ${plural(summary.secretSources, 'secret source')}; ${plural(summary.environmentGatedPaths, 'environment-gated path')}.`,
    '',
  );
  out.push(`Auth core: ${result.authCore.description ? code(result.authCore.description) : 'none declared'}.`, '');
  out.push(
    '| Path | Kind | Entry points | Primitives | Secret sources | Environment-gated | Bypasses |',
    '| :--- | :--- | ---: | ---: | :--- | :--- | ---: |',
  );
  for (const path of result.paths) {
    out.push(
      `| ${path.id} ${cell(path.label)} | ${path.kind} | ${path.entries.length} | ${path.primitives.length} | ${path.secretSources.join(', ') || '–'} | ${path.environmentGated ? 'yes' : 'no'} | ${path.bypasses.length} |`,
    );
  }
  out.push('', '```mermaid', mermaidReporter(result, context).trimEnd(), '```', '');

  for (const path of result.paths) out.push(...pathSection(result, path, link, cell), '');

  const unauthenticated = result.entryPoints.filter((entry) => entry.status === 'unauthenticated');
  out.push(`### Endpoints that reach no validator (${unauthenticated.length})`, '');
  if (unauthenticated.length === 0) out.push('None.', '');
  else {
    out.push('| Entry | Kind | Location |', '| :--- | :--- | :--- |');
    for (const entry of unauthenticated)
      out.push(
        `| ${entry.id} ${cell(entry.label)} | ${ENTRY_KIND_LABELS[entry.kind] ?? entry.kind} | ${link(entry, true)} |`,
      );
    out.push('');
  }

  out.push(
    `### Entry points (${result.entryPoints.length})`,
    '',
    '| Entry | Kind | Status | Paths | Behind | Location |',
    '| :--- | :--- | :--- | :--- | :--- | :--- |',
  );
  for (const entry of result.entryPoints) {
    out.push(
      `| ${entry.id} ${cell(entry.label)} | ${ENTRY_KIND_LABELS[entry.kind] ?? entry.kind} | ${STATUS_LABELS[entry.status]} | ${entry.paths.join(', ') || '–'} | ${entry.protectedBy.join(', ') || '–'} | ${link(entry, true)} |`,
    );
  }
  out.push('');

  out.push(`### Secret sources (${result.secretSources.length})`, '');
  if (result.secretSources.length === 0) out.push('None.', '');
  else {
    out.push('| Source | Reads | Paths | Location |', '| :--- | :--- | :--- | :--- |');
    for (const source of result.secretSources) {
      out.push(
        `| ${source.id} ${cell(source.function)} | ${source.reads.map((read) => code(read.name, true)).join(', ')} | ${source.paths.join(', ') || '–'} | ${link(source, true)} |`,
      );
    }
    out.push('');
  }

  out.push(`### Duplicate classes (${result.duplicates.length})`, '');
  if (result.duplicates.length === 0) out.push('None.', '');
  for (const group of result.duplicates) out.push(...duplicateSection(group, link, cell), '');

  if (result.similarClasses.length > 0) {
    out.push(
      `### Warning: differently named classes with the same members (${result.similarClasses.length})`,
      '',
      '| Class | Class | Shared | Only in first | Only in second |',
      '| :--- | :--- | ---: | :--- | :--- |',
    );
    for (const pair of result.similarClasses) {
      out.push(
        `| ${code(pair.a.name, true)} ${link(pair.a, true)} | ${code(pair.b.name, true)} ${link(pair.b, true)} | ${Math.round(pair.overlap * 100)}% | ${cell(pair.onlyInA.join(', ') || '–')} | ${cell(pair.onlyInB.join(', ') || '–')} |`,
      );
    }
    out.push('');
  }
  if (result.skipped.length > 0) {
    out.push(`### Skipped files (${result.skipped.length})`, '');
    for (const entry of result.skipped) out.push(`- ${code(entry.file)} — ${escapeInline(entry.reason)}`);
    out.push('');
  }
  if (result.notes.length > 0) {
    out.push('### Notes', '');
    for (const note of result.notes) out.push(`- ${escapeInline(note)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function pathSection(
  result: PathsResult,
  path: ValidationPath,
  link: (location: SourceLocation, inTable?: boolean) => string,
  cell: (text: string) => string,
): string[] {
  const out = [`### ${path.id}: ${escapeInline(path.label)}${path.environmentGated ? ' (environment-gated)' : ''}`, ''];
  out.push(`Starts at ${code(path.gateway.name)} ${link(path.gateway)}.`, '');
  const entryById = new Map(result.entryPoints.map((entry) => [entry.id, entry]));
  for (const ref of path.entries) {
    const entry = entryById.get(ref.entry)!;
    const chain = ref.via.slice(1).map((step) => `${code(step.name)} ${link(step)}`);
    out.push(
      `- ${ref.entry} ${escapeInline(entry.label)} ${link(entry)}${chain.length > 0 ? ` → ${chain.join(' → ')}` : ''}`,
    );
    for (const step of ref.via)
      for (const gate of step.gates ?? []) out.push(`  - ⚠ ${code(step.name)} runs ${escapeInline(gateText(gate))}`);
  }
  out.push('', '| Primitive | Where | Chain from the gateway | Gated by |', '| :--- | :--- | :--- | :--- |');
  for (const primitive of path.primitives) {
    const chain = primitive.chain.map((step) => code(step.name, true)).join(' → ');
    const gates = (primitive.gates ?? []).map((gate) => cell(gateText(gate))).join('<br>') || '–';
    const kind = primitive.kind === 'decode' ? ' (decode, no signature check)' : primitive.inCore ? ' (auth core)' : '';
    out.push(`| ${code(primitive.primitive, true)}${kind} | ${link(primitive, true)} | ${chain} | ${gates} |`);
  }
  if (path.alternatives.length > 1) {
    out.push('', `The gateway reaches primitives ${path.alternatives.length} ways (fallbacks, steps or branches):`, '');
    path.alternatives.forEach((alternative, position) => {
      const gates = (alternative.gates ?? []).map((gate) => ` ⚠ ${escapeInline(gateText(gate))}`).join('');
      out.push(`${position + 1}. ${code(alternative.name)} ${link(alternative)}${gates}`);
    });
  }
  if (path.envBranches.length > 0) {
    out.push('', '**Environment branches on this path**', '');
    for (const branch of path.envBranches)
      out.push(`- ${code(branch.condition)} in ${code(branch.function)} ${link(branch)}`);
  }
  if (path.bypasses.length > 0) {
    out.push('', '**Bypasses on this path**', '');
    for (const bypass of path.bypasses)
      out.push(`- ${bypass.kind} ${code(bypass.detail)} in ${code(bypass.function)} ${link(bypass)}`);
  }
  return out;
}

function duplicateSection(
  group: DuplicateGroup,
  link: (location: SourceLocation, inTable?: boolean) => string,
  cell: (text: string) => string,
): string[] {
  const out = [
    `#### ${code(group.name)}: ${plural(group.copies.length, 'copy', 'copies')}${group.scope === 'across-packages' ? ' in different packages' : ''}`,
    '',
  ];
  out.push(
    `| Member | ${group.copies.map((copy, position) => `[${position + 1}] ${link(copy, true)}${copy.canonical ? ' (canonical)' : ''}`).join(' | ')} |`,
  );
  out.push(`| :--- | ${group.copies.map(() => ':---:').join(' | ')} |`);
  for (const row of group.members)
    out.push(`| ${code(row.member, true)} | ${row.presentIn.map((present) => (present ? '✔' : '–')).join(' | ')} |`);
  out.push('');
  group.copies.forEach((copy, position) => {
    const importers =
      copy.importers.map((importer) => `${link(importer)}${importer.typeOnly ? ' (type)' : ''}`).join(', ') || 'none';
    out.push(`- [${position + 1}] imported by ${importers}`);
  });
  for (const mismatch of group.mismatches) {
    out.push(
      `- ✖ ${cell(`instanceof ${group.name}`)} at ${link(mismatch.check)} (copy ${code(mismatch.check.copy)}) receives values built at ${link(mismatch.construction)} (copy ${code(mismatch.construction.copy)}); they meet in ${code(mismatch.meetsAt.name)} ${link(mismatch.meetsAt)}`,
    );
  }
  return out;
}
