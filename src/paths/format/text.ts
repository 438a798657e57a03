import { Chalk } from 'chalk';
import type { DuplicateGroup, PathsResult } from '../types.js';
import {
  ENTRY_KIND_LABELS,
  gateText,
  headline,
  pathVerdict,
  plural,
  type PathsReporterContext,
  where,
} from './shared.js';

/** Lists longer than this are cut in the text report (the JSON and HTML keep everything). */
const LIST_LIMIT = 25;

/**
 * The terminal report: the headline, each path as entry -> chain -> primitive with its
 * environment gates and bypasses, the endpoints that reach no validator, the secret sources and
 * the duplicate drift tables.
 */
export function textReporter(result: PathsResult, context: PathsReporterContext): string {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const out: string[] = [];
  const { summary } = result;
  const bad = summary.paths !== 1 || result.paths.some((path) => pathVerdict(path) === 'violation');
  out.push(chalk.bold(`ssot paths: ${bad ? chalk.red(headline(result)) : chalk.green(headline(result))}`));
  out.push(
    `${plural(summary.entryPoints, 'entry point')} (${plural(summary.endpoints, 'endpoint')}), ${summary.unauthenticated} unauthenticated; ` +
      `${plural(summary.secretSources, 'secret source')}; ${plural(summary.environmentGatedPaths, 'environment-gated path')}; ${plural(summary.bypasses, 'bypass', 'bypasses')} on paths`,
  );
  out.push(
    `auth core: ${result.authCore.description ?? 'none declared'}${result.authCore.declared ? '' : result.authCore.description ? '' : ' (set "authCore" in ssot.config.json)'}`,
  );
  out.push('');

  const entryLabel = new Map(result.entryPoints.map((entry) => [entry.id, entry]));
  for (const path of result.paths) {
    const verdict = pathVerdict(path);
    const tag = path.kind === 'core' ? chalk.green('[auth core]') : chalk.red(`[${path.kind}]`);
    out.push(
      `${chalk.bold(path.id)}  ${verdict === 'ok' ? chalk.green(path.label) : chalk.red(path.label)}  ${tag}${path.environmentGated ? chalk.yellow('  [environment-gated]') : ''}`,
    );
    out.push(`    starts at ${path.gateway.name} (${where(path.gateway)})`);
    const entries = path.entries.slice(0, LIST_LIMIT);
    for (const ref of entries) {
      const entry = entryLabel.get(ref.entry)!;
      const chain = ref.via.slice(1).map((step) => `${step.name} (${where(step)})`);
      out.push(
        `    entry   ${ref.entry} ${entry.label} (${where(entry)})${chain.length > 0 ? ` -> ${chain.join(' -> ')}` : ''}`,
      );
      for (const step of ref.via)
        for (const gate of step.gates ?? [])
          out.push(chalk.yellow(`            ! ${step.name} runs ${gateText(gate)}`));
    }
    if (path.entries.length > entries.length)
      out.push(`            … and ${path.entries.length - entries.length} more entry points`);
    for (const primitive of path.primitives) {
      const chain = primitive.chain.slice(1).map((step) => step.name);
      const core = primitive.inCore ? chalk.green(' (auth core)') : '';
      const decode = primitive.kind === 'decode' ? chalk.red(' (decodes without verifying)') : '';
      out.push(
        `    uses    ${primitive.primitive} (${where(primitive)})${chain.length > 0 ? ` via ${chain.join(' -> ')}` : ''}${core}${decode}`,
      );
      for (const gate of primitive.gates ?? []) out.push(chalk.yellow(`            ! ${gateText(gate)}`));
    }
    if (path.alternatives.length > 1) {
      out.push(
        `    ways    the gateway reaches primitives ${path.alternatives.length} ways (fallbacks, steps or branches):`,
      );
      path.alternatives.forEach((alternative, position) => {
        const gates = (alternative.gates ?? []).map((gate) => chalk.yellow(` ! ${gateText(gate)}`)).join('');
        out.push(
          `            ${String.fromCharCode(65 + position)}. ${alternative.name} (${where(alternative)})${gates}`,
        );
      });
    }
    if (path.secretSources.length > 0) {
      const names = path.secretSources.map((id) => {
        const source = result.secretSources.find((item) => item.id === id)!;
        return `${id} ${source.function} (${where(source)})`;
      });
      out.push(`    secrets ${names.join(', ')}`);
    }
    for (const branch of path.envBranches)
      out.push(chalk.yellow(`    env     ${branch.condition} (${where(branch)}, in ${branch.function})`));
    for (const bypass of path.bypasses)
      out.push(
        chalk.red(
          `    bypass  ${bypass.kind} ${JSON.stringify(bypass.detail)} (${where(bypass)}, in ${bypass.function})`,
        ),
      );
    out.push('');
  }

  const unauthenticated = result.entryPoints.filter((entry) => entry.status === 'unauthenticated');
  out.push(chalk.bold(`Endpoints that reach no validator (${unauthenticated.length})`));
  if (unauthenticated.length === 0) out.push('    none');
  for (const entry of unauthenticated.slice(0, LIST_LIMIT)) {
    const websocket = entry.transport === 'websocket' ? chalk.red(' (WebSocket)') : '';
    out.push(
      `    ${entry.id} ${entry.label} (${where(entry)}) ${ENTRY_KIND_LABELS[entry.kind] ?? entry.kind}${websocket}`,
    );
  }
  if (unauthenticated.length > LIST_LIMIT)
    out.push(`    … and ${unauthenticated.length - LIST_LIMIT} more (see --format json or html)`);
  const protectedCount = result.entryPoints.filter((entry) => entry.status === 'protected').length;
  if (protectedCount > 0)
    out.push(`    (${plural(protectedCount, 'endpoint')} behind a validating middleware or guard not listed)`);
  out.push('');

  out.push(chalk.bold(`Secret sources (${result.secretSources.length})`));
  if (result.secretSources.length === 0) out.push('    none');
  for (const source of result.secretSources) {
    const reads = source.reads.map((read) => read.name).join(', ');
    out.push(
      `    ${source.id} ${source.function} (${where(source)}) reads ${reads}; ${source.paths.length > 0 ? `used by ${source.paths.join(', ')}` : 'on no validation path'}`,
    );
  }
  out.push('');

  out.push(chalk.bold(`Duplicate classes (${result.duplicates.length})`));
  if (result.duplicates.length === 0) out.push('    none');
  for (const group of result.duplicates.slice(0, LIST_LIMIT)) out.push(...duplicateLines(group, chalk), '');
  if (result.duplicates.length > LIST_LIMIT)
    out.push(`    … and ${result.duplicates.length - LIST_LIMIT} more groups`, '');

  if (result.similarClasses.length > 0) {
    out.push(chalk.bold(`Warning: differently named classes with the same members (${result.similarClasses.length})`));
    for (const pair of result.similarClasses.slice(0, LIST_LIMIT)) {
      out.push(
        `    ${pair.a.name} (${where(pair.a)}) and ${pair.b.name} (${where(pair.b)}): ${Math.round(pair.overlap * 100)}% shared`,
      );
    }
    if (result.similarClasses.length > LIST_LIMIT)
      out.push(`    … and ${result.similarClasses.length - LIST_LIMIT} more`);
    out.push('');
  }

  if (result.skipped.length > 0) {
    out.push(chalk.bold(`Skipped files (${result.skipped.length})`));
    for (const entry of result.skipped) out.push(`    ${entry.file}: ${entry.reason}`);
    out.push('');
  }
  for (const note of result.notes) out.push(chalk.dim(`note: ${note}`));
  return `${out.join('\n').trimEnd()}\n`;
}

function duplicateLines(group: DuplicateGroup, chalk: InstanceType<typeof Chalk>): string[] {
  const lines = [
    `    ${chalk.bold(group.name)}: ${plural(group.copies.length, 'copy', 'copies')}${group.scope === 'across-packages' ? ' in different packages' : ''}`,
  ];
  group.copies.forEach((copy, position) => {
    const mark = copy.canonical ? ' (canonical)' : '';
    const importers =
      copy.importers.length > 0 ? copy.importers.map((importer) => where(importer)).join(', ') : 'no importers';
    lines.push(`      [${position + 1}] ${where(copy)}${mark}, imported by ${importers}`);
  });
  const width = Math.max(...group.members.map((row) => row.member.length), 6);
  lines.push(
    `      ${'member'.padEnd(width)}  ${group.copies.map((_copy, position) => `[${position + 1}]`).join(' ')}`,
  );
  for (const row of group.members) {
    const cells = row.presentIn.map((present) => (present ? ' x ' : ' - ')).join(' ');
    const drift = row.presentIn.some((present) => !present);
    lines.push(`      ${drift ? chalk.yellow(row.member.padEnd(width)) : row.member.padEnd(width)}  ${cells}`);
  }
  for (const mismatch of group.mismatches) {
    lines.push(
      chalk.red(
        `      ! instanceof ${group.name} at ${where(mismatch.check)} (copy ${mismatch.check.copy}) receives values built at ${where(mismatch.construction)} (copy ${mismatch.construction.copy}); they meet in ${mismatch.meetsAt.name} (${where(mismatch.meetsAt)})`,
      ),
    );
  }
  return lines;
}
