import { OutputError, writeFileAtomic } from '../io/atomic-write.js';
import type { AuditResult } from '../model.js';
import { REPORTERS, isReporterName, REPORTER_NAMES, type ReporterName } from '../reporters/index.js';
import { repositoryFileUrl } from '../package-info.js';
import { RULES } from '../rules/registry.js';
import { AUTH_RULE_IDS } from '../reporters/shared.js';
import { loadRuleDocs } from '../rules/rule-docs.js';
import { appendFileSync } from 'node:fs';
import { formatBaseline, pruneBaseline, readBaseline } from '../baseline/baseline.js';
import { runAudit } from '../run-audit.js';
import { createProgress } from './progress.js';
import { UsageError } from '../errors.js';
import { shouldUseColor } from './color.js';
import { repositoryPrefix } from './repository-prefix.js';

export interface AuditCommandOptions {
  format: string;
  output?: string;
  config?: string;
  rule?: string[];
  color: boolean;
  quiet?: boolean;
  maxWarnings?: string;
  /** false with `--no-cache`. */
  cache: boolean;
  cacheLocation?: string;
  baseline?: string;
  prune?: boolean;
  changedSince?: string;
}

/** `ssot audit [dir]`: runs the core, hands the result to a reporter, returns the exit code. */
export async function auditCommand(directory: string, options: AuditCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  if (options.prune && !options.baseline) throw new UsageError('--prune needs --baseline FILE');
  const progress = createProgress(process.stderr, 'ssot: parsing');
  const result = await runAudit({
    directory,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.rule ? { rules: options.rule } : {}),
    ...(options.cache === false ? { cache: false } : options.cacheLocation ? { cache: options.cacheLocation } : {}),
    ...(options.changedSince !== undefined ? { changedSince: options.changedSince } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    onProgress: (done, total) => progress.update(done, total),
  }).finally(() => progress.done());
  if (options.prune && result.baseline) await pruneBaselineFile(options.baseline!, result);
  // People read only what is new; tools (json, sarif) get every finding, marked.
  const forPeople = format === 'pretty' || format === 'markdown' || format === 'github';
  const visible = forPeople && result.baseline ? withoutBaselined(result) : result;
  const shown = options.quiet ? withoutWarnings(visible) : visible;
  const toFile = options.output !== undefined;
  // Annotations and code scanning resolve paths against the repository, not the audited folder.
  const prefix = format === 'github' || format === 'sarif' ? repositoryPrefix(result.root) : undefined;
  const text = REPORTERS[format](shown, {
    color: !toFile && shouldUseColor(process.stdout, options.color),
    rules: RULES,
    ...(prefix !== undefined ? { repositoryPrefix: prefix } : {}),
    ...(format === 'sarif' ? { ruleDocs: loadRuleDocs(RULES) } : {}),
    ...(shown.findings.some((finding) => AUTH_RULE_IDS.has(finding.ruleId))
      ? { pathsReportHint: pathsHint(directory) }
      : {}),
  });
  if (options.output !== undefined) {
    await writeFileAtomic(options.output, text);
    process.stderr.write(
      `ssot: wrote the ${format} report to ${options.output} (${result.summary.errors} errors, ${result.summary.warnings} warnings)\n`,
    );
  } else {
    process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  }
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    // The job summary gets the Markdown report, next to the annotations in the diff.
    appendSummary(summaryFile, REPORTERS.markdown(withoutBaselined(result), { color: false, rules: RULES }));
  }
  return exitCodeFor(result, maxWarnings);
}

/** The job summary is a file the runner provides; one it cannot take (a full disk) is an output error, not a crash. */
function appendSummary(file: string, markdown: string): void {
  try {
    appendFileSync(file, markdown);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOSPC' ? 'no space left on device' : (code ?? (error as Error).message.split('\n')[0]);
    throw new OutputError(file, `Cannot write the job summary to ${file} (GITHUB_STEP_SUMMARY): ${reason}`, {
      cause: error,
    });
  }
}

async function pruneBaselineFile(file: string, result: AuditResult): Promise<void> {
  const stale = result.baseline?.stale ?? [];
  await writeFileAtomic(file, formatBaseline(pruneBaseline(readBaseline(file), stale)));
  process.stderr.write(`ssot: pruned ${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'} from ${file}\n`);
  result.baseline = { ...result.baseline!, stale: [] };
}

function withoutBaselined(result: AuditResult): AuditResult {
  if (!result.baseline) return result;
  const hidden = result.findings.filter((finding) => finding.baselined).length;
  const stale = result.baseline.stale.length;
  const notes = [...result.notes, `baseline ${result.baseline.file}: ${hidden} known finding(s) not shown`];
  if (stale > 0)
    notes.push(
      `baseline ${result.baseline.file}: ${stale} stale entr${stale === 1 ? 'y' : 'ies'} (fixed or changed); run with --prune to drop them`,
    );
  return { ...result, findings: result.findings.filter((finding) => !finding.baselined), notes };
}

export function exitCodeFor(result: AuditResult, maxWarnings: number | undefined): number {
  if (result.summary.errors > 0) return 1;
  if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) return 1;
  return 0;
}

function parseFormat(value: string): ReporterName {
  if (!isReporterName(value))
    throw new UsageError(`unknown format "${value}"`, `use one of: ${REPORTER_NAMES.join(', ')}`);
  return value;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number (got "${value}")`);
  return Number(value);
}

/** `--quiet`, as ESLint has it: warnings are neither shown nor counted. */
function withoutWarnings(result: AuditResult): AuditResult {
  const findings = result.findings.filter((finding) => finding.severity === 'error');
  const byRule: AuditResult['summary']['byRule'] = {};
  for (const finding of findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return { ...result, findings, summary: { ...result.summary, findings: findings.length, warnings: 0, byRule } };
}

/**
 * The Markdown line that points auth findings at the path inventory: the command to run on the
 * same directory, and the page that explains the report.
 */
function pathsHint(directory: string): string {
  const target = directory === '.' ? '' : ` ${/^[\w./-]+$/.test(directory) ? directory : JSON.stringify(directory)}`;
  return `These findings are about JWT validation paths. For the inventory of every path (entry point → call chain → primitive, secret sources, environment gates, bypasses) run \`ssot paths${target} --format markdown\` ([how to read it](${repositoryFileUrl('docs/paths.md')})).`;
}
