/**
 * `npm run bench`: generates the benchmark repository, then measures, in one run on the same
 * files, the parse floor, `ssot audit` cold / warm / `--changed-since`, ESLint with and without
 * the plugin, and jscpd and dependency-cruiser as peers. Prints a Markdown table with the
 * ratios issue 5's targets ask for, and writes it to `.bench/results.md`.
 *
 *   npm run bench -- [--files 5000] [--lines 500000] [--seed N] [--repeat 1] [--reuse]
 *                    [--skip-eslint] [--skip-timing] [--skip-peers] [--target .bench/repo] [--out FILE]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { globSync } from 'tinyglobby';
import {
  DEFAULT_FILES,
  DEFAULT_LINES,
  DEFAULT_SEED,
  GENERATOR_VERSION,
  MANIFEST_FILE,
  type Manifest,
  describeManifest,
  generateRepository,
  parseCount,
} from './generate.js';
import { defaultPythonFiles } from './generator/python.js';
import { RULE_NAMES } from './generator/model.js';
import { type Command, type Measurement, CommandFailed, measure, memorySource } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const node = process.execPath;
const ssotBin = path.join(packageRoot, 'bin', 'ssot.js');
const GIB = 1024 ** 3;
const USAGE = `usage: npm run bench -- [options]

  --files N       source files to generate (default ${DEFAULT_FILES})
  --lines N       lines to generate (default ${DEFAULT_LINES}; with --files alone, 100 per file)
  --seed N        generator seed (default ${DEFAULT_SEED})
  --python-files N  Python files of the FastAPI service beside the TypeScript (default --files / 10; 0 for none)
  --repeat N      run each measurement N times, report the median wall time (default 1)
  --reuse         keep an unmodified repository generated with the same options
  --skip-eslint   leave out the ESLint rows
  --skip-timing   leave out the extra ESLint TIMING=all run
  --skip-peers    leave out jscpd and dependency-cruiser
  --target DIR    where to generate (default .bench/repo)
  --out FILE      where to write the Markdown (default <target>/../results.md)`;

interface RunOptions {
  target: string;
  files: number;
  pythonFiles: number;
  lines: number;
  seed: number;
  repeat: number;
  reuse: boolean;
  eslint: boolean;
  timing: boolean;
  peers: boolean;
  out: string;
}

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag} must be a positive integer (got ${value})`);
  return number;
}

function parseRunArgs(args: string[]): RunOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      target: { type: 'string' },
      files: { type: 'string' },
      lines: { type: 'string' },
      seed: { type: 'string' },
      'python-files': { type: 'string' },
      repeat: { type: 'string' },
      reuse: { type: 'boolean' },
      'skip-eslint': { type: 'boolean' },
      'skip-timing': { type: 'boolean' },
      'skip-peers': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const target = path.resolve(values.target ?? path.join(packageRoot, '.bench', 'repo'));
  const files = positive(values.files, DEFAULT_FILES, '--files');
  return {
    target,
    files,
    pythonFiles: parseCount(values['python-files'], defaultPythonFiles(files), '--python-files'),
    lines: positive(values.lines, values.files === undefined ? DEFAULT_LINES : files * 100, '--lines'),
    seed: positive(values.seed, DEFAULT_SEED, '--seed'),
    repeat: positive(values.repeat, 1, '--repeat'),
    reuse: values.reuse ?? false,
    eslint: !values['skip-eslint'],
    timing: !values['skip-timing'],
    peers: !values['skip-peers'],
    out: path.resolve(values.out ?? path.join(path.dirname(target), 'results.md')),
  };
}

/** One row of the table: a measurement (median wall time, highest peak RSS over the repetitions) or why there is none. */
interface Row {
  tool: string;
  wallMs?: number;
  peakRssBytes?: number | null;
  runs?: number[];
  /** Wall times in the order they ran (round by round). */
  ordered?: number[];
  notes: string[];
  na?: string;
}

interface AuditReport {
  summary: { files: number; findings: number; byRule: Record<string, number>; durationMs: number };
  findings: { ruleId: string; file: string }[];
}

const rows = new Map<string, Row>();
const checks: { ok: boolean; text: string }[] = [];
let logs = '';
const revision = sourceRevision();
const loadAtStart = os.loadavg()[0]!;

function check(ok: boolean, text: string): void {
  checks.push({ ok, text });
  if (!ok) console.error(`  CHECK FAILED: ${text}`);
}

function progress(message: string): void {
  console.error(`[bench] ${message}`);
}

interface Timed {
  key: string;
  tool: string;
  command: Command;
  /** Called ahead of each run (with the run's index). */
  before?: (run: number) => void;
}

/**
 * Runs the commands `repeat` times, round-robin (A, B, A, B…), so load from elsewhere on the
 * machine falls on every row of a comparison alike; records each row as the median wall time
 * and the highest peak RSS of its runs. Returns the last measurement of each command.
 */
async function timedRounds(entries: readonly Timed[], repeat: number): Promise<Map<string, Measurement>> {
  const measurements = new Map<string, Measurement[]>(entries.map((entry) => [entry.key, []]));
  for (let run = 0; run < repeat; run++) {
    for (const { key, tool, command, before } of entries) {
      before?.(run);
      progress(`${tool}${repeat > 1 ? ` (run ${run + 1}/${repeat})` : ''}`);
      const measurement = await measure(
        { ...command, name: repeat > 1 ? `${command.name}.${run + 1}` : command.name },
        logs,
      );
      progress(`  ${seconds(measurement.wallMs)}, peak ${mebibytes(measurement.peakRssBytes)}`);
      measurements.get(key)!.push(measurement);
    }
  }
  const last = new Map<string, Measurement>();
  for (const { key, tool } of entries) {
    const runs = measurements.get(key)!;
    const ordered = runs.map((measurement) => measurement.wallMs);
    const walls = [...ordered].sort((a, b) => a - b);
    const peaks = runs
      .map((measurement) => measurement.peakRssBytes)
      .filter((value): value is number => value !== null);
    rows.set(key, {
      tool,
      wallMs: walls[Math.floor(walls.length / 2)]!,
      peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : null,
      runs: walls,
      ordered,
      notes: [],
    });
    last.set(key, runs[runs.length - 1]!);
  }
  return last;
}

async function timed(
  key: string,
  tool: string,
  command: Command,
  repeat: number,
  before?: (run: number) => void,
): Promise<Measurement> {
  return (await timedRounds([{ key, tool, command, ...(before ? { before } : {}) }], repeat)).get(key)!;
}

function notAvailable(key: string, tool: string, reason: string): void {
  progress(`${tool}: n/a (${reason})`);
  rows.set(key, { tool, na: reason, notes: [] });
}

function note(key: string, text: string): void {
  rows.get(key)?.notes.push(text);
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
}

function mebibytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MiB`;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function gitIn(directory: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd: directory, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function auditFlags(): { noCache: boolean; cacheLocation: boolean; changedSince: boolean } {
  const help = spawnSync(node, [ssotBin, 'audit', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`ssot audit --help failed (is the package built?): ${help.stderr}`);
  return {
    noCache: help.stdout.includes('--no-cache'),
    cacheLocation: help.stdout.includes('--cache-location'),
    changedSince: help.stdout.includes('--changed-since'),
  };
}

function loadOrGenerate(options: RunOptions): Manifest {
  const manifestFile = path.join(options.target, MANIFEST_FILE);
  if (options.reuse && existsSync(manifestFile)) {
    const manifest = readJson<Manifest>(manifestFile);
    const same =
      manifest.version === GENERATOR_VERSION &&
      manifest.seed === options.seed &&
      manifest.requested.files === options.files &&
      manifest.requested.pythonFiles === options.pythonFiles &&
      manifest.requested.lines === options.lines;
    const clean =
      existsSync(path.join(options.target, '.git')) && gitIn(options.target, ['status', '--porcelain']) === '';
    if (same && clean) {
      progress(`reusing ${options.target}`);
      return manifest;
    }
    progress('--reuse: the repository on disk does not match the options (or is modified); generating it again');
  }
  progress(`generating ${options.files} files / ${options.lines} lines into ${options.target}`);
  const started = performance.now();
  const manifest = generateRepository({
    target: options.target,
    files: options.files,
    lines: options.lines,
    seed: options.seed,
    git: true,
    pythonFiles: options.pythonFiles,
  });
  progress(`  generated in ${seconds(performance.now() - started)}`);
  return manifest;
}

/**
 * The peers are not dependencies of this package (every `npm ci` would pay for them, and jscpd's
 * per-platform binaries do not fit a lock file written on one platform): the bench installs them
 * on demand here, and reports "n/a" where they do not install.
 */
const peersRoot = path.join(packageRoot, '.bench', 'peers');
const PEERS = ['jscpd@5.3.3', 'dependency-cruiser@17'];

function installPeers(): string | undefined {
  if (PEERS.every((spec) => packageDir(spec.slice(0, spec.lastIndexOf('@'))))) return undefined;
  mkdirSync(peersRoot, { recursive: true });
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      peersRoot,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...PEERS,
    ],
    { encoding: 'utf8' },
  );
  return install.status === 0
    ? undefined
    : (install.stderr || `npm install exited with ${install.status}`).trim().split('\n')[0];
}

/** The folder of an installed package (found the way Node looks, without going through its `exports`). */
function packageDir(name: string): string | undefined {
  if (name === 'ssot-lint') return packageRoot;
  return [...(require.resolve.paths(name) ?? []), path.join(peersRoot, 'node_modules')]
    .map((base) => path.join(base, name))
    .find((candidate) => existsSync(path.join(candidate, 'package.json')));
}

function packageVersion(name: string): string {
  const directory = packageDir(name);
  return directory ? readJson<{ version: string }>(path.join(directory, 'package.json')).version : 'not installed';
}

/** Path of a package's bin script, or undefined when the package is not installed. */
function binOf(name: string, bin: string): string | undefined {
  const directory = packageDir(name);
  if (!directory) return undefined;
  const manifest = readJson<{ bin?: string | Record<string, string> }>(path.join(directory, 'package.json'));
  const relative = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  return relative ? path.join(directory, relative) : undefined;
}

function ratio(numerator: Row | undefined, denominator: Row | undefined): number | undefined {
  if (numerator?.wallMs === undefined || denominator?.wallMs === undefined) return undefined;
  return numerator.wallMs / denominator.wallMs;
}

/** The ESLint `TIMING` table: per-rule milliseconds. */
function parseTiming(text: string): Record<string, number> {
  const timings: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*[\d.]+%\s*$/.exec(line.trim());
    if (match) timings[match[1]!] = Number(match[2]);
  }
  return timings;
}

/** Runs the audit rows; returns the cold audit's findings per rule (for the plugin parity check), if it ran. */
interface FloorSummary {
  typescript: string;
  files: number;
  lines: number;
  syntaxErrors: string[];
  /** The .py files, parsed with the audit's tree-sitter parser (absent in summaries of older builds). */
  python?: { files: number; lines: number; syntaxErrors: string[] };
}

/**
 * The parse floor and the audit rows. Returns the cold audit's findings per rule (for the
 * plugin parity check), if it ran.
 */
async function runFloorAndAudits(options: RunOptions, manifest: Manifest): Promise<Record<string, number> | undefined> {
  const flags = auditFlags();
  const repo = options.target;
  const audit = (...extra: string[]): Command => ({
    name: '',
    command: node,
    args: [ssotBin, 'audit', repo, '--format', 'json', ...extra],
    cwd: repo,
    okExitCodes: [0, 1],
  });
  const report = (measurement: Measurement | undefined) => readJson<AuditReport>(measurement!.stdoutFile);
  const cache = path.join(path.dirname(repo), 'ssot-cache');
  const target = path.join(repo, manifest.changeTarget);
  const original = readFileSync(target, 'utf8');
  const tools = {
    cold: 'ssot audit, cold (`--no-cache`)',
    populate: 'ssot audit, cold, writing the cache',
    warm: 'ssot audit, warm (cache)',
    changed: 'ssot audit `--changed-since HEAD`, 1 file changed, warm',
  };
  const withCache = flags.cacheLocation;
  const entries: Timed[] = [
    {
      key: 'floor',
      tool: 'Parse floor: `ts.createSourceFile` on every TypeScript file, tree-sitter on every Python file',
      command: {
        name: 'parse-floor',
        command: node,
        args: [path.join(here, 'parse-floor.js'), repo, path.join(logs, 'parse-floor.json')],
        cwd: packageRoot,
      },
      // Every round starts from the committed files.
      before: () => writeFileSync(target, original),
    },
    ...(flags.noCache
      ? [{ key: 'cold', tool: tools.cold, command: { ...audit('--no-cache'), name: 'audit-cold' } }]
      : []),
    ...(withCache
      ? [
          {
            key: 'populate',
            tool: tools.populate,
            command: { ...audit('--cache-location', cache), name: 'audit-populate' },
            before: () => rmSync(cache, { recursive: true, force: true }),
          },
          { key: 'warm', tool: tools.warm, command: { ...audit('--cache-location', cache), name: 'audit-warm' } },
        ]
      : []),
    ...(withCache && flags.changedSince
      ? [
          {
            key: 'changed',
            tool: tools.changed,
            command: { ...audit('--changed-since', 'HEAD', '--cache-location', cache), name: 'audit-changed-since' },
            // A new revision each round, so every run has exactly one file the cache has not seen.
            before: (run: number) =>
              writeFileSync(target, `${original}\nexport const wsAuthenticatorRevision = ${run + 1};\n`),
          },
        ]
      : []),
  ];
  let last: Map<string, Measurement>;
  try {
    last = await timedRounds(entries, options.repeat);
  } finally {
    writeFileSync(target, original);
  }

  const floor = readJson<FloorSummary>(path.join(logs, 'parse-floor.json'));
  note(
    'floor',
    `${floor.files} files, ${floor.lines.toLocaleString('en-US')} lines, TypeScript ${floor.typescript} (ts-morph's)`,
  );
  if (floor.python && floor.python.files > 0)
    note(
      'floor',
      `and ${floor.python.files} Python files, ${floor.python.lines.toLocaleString('en-US')} lines (tree-sitter)`,
    );
  const syntaxErrors = [...floor.syntaxErrors, ...(floor.python?.syntaxErrors ?? [])];
  if (syntaxErrors.length > 0)
    throw new Error(`the generated repository has syntax errors in ${syntaxErrors.slice(0, 5).join(', ')}`);
  if (!withCache) {
    notAvailable('populate', tools.populate, 'flag not available');
    notAvailable('warm', tools.warm, 'flag not available');
  }
  if (!withCache || !flags.changedSince) notAvailable('changed', tools.changed, 'flag not available');
  if (!flags.noCache) {
    notAvailable('cold', tools.cold, 'flag not available');
    return undefined;
  }

  const cold = report(last.get('cold'));
  note(
    'cold',
    `${cold.summary.files} files, ${cold.summary.findings} findings; in-process ${seconds(cold.summary.durationMs)}`,
  );
  const python = pythonShare(manifest, cold.summary.files, floor);
  note('cold', python.note);
  check(
    cold.summary.files === floor.files + python.audited,
    `the audit sees the parse floor's files${python.audited > 0 ? ` and the ${python.audited} Python files` : ''} (${cold.summary.files} vs ${floor.files + python.audited})`,
  );
  for (const rule of RULE_NAMES) {
    const found = cold.summary.byRule[`ssot/${rule}`] ?? 0;
    const planted = python.plantedByRule[rule];
    check(found === planted, `ssot/${rule}: ${found} finding(s), ${planted} planted${python.scope}`);
  }
  if (withCache) {
    const populate = report(last.get('populate'));
    check(
      populate.summary.findings === cold.summary.findings,
      `an audit writing the cache reports what the cold audit reports (${populate.summary.findings} vs ${cold.summary.findings})`,
    );
    const warm = report(last.get('warm'));
    note('warm', `in-process ${seconds(warm.summary.durationMs)}`);
    check(
      warm.summary.findings === cold.summary.findings,
      `the warm audit reports what the cold audit reports (${warm.summary.findings} vs ${cold.summary.findings})`,
    );
  }
  if (withCache && flags.changedSince) {
    const inTarget = cold.findings.filter((finding) => finding.file === manifest.changeTarget).length;
    const changed = report(last.get('changed'));
    note('changed', `${changed.summary.findings} findings; in-process ${seconds(changed.summary.durationMs)}`);
    check(
      changed.findings.every((finding) => finding.file === manifest.changeTarget) &&
        changed.findings.length === inTarget,
      `--changed-since reports only the changed file's ${inTarget} finding(s) (got ${changed.findings.length}: ${[...new Set(changed.findings.map((finding) => finding.file))].join(', ') || 'none'})`,
    );
  }
  return cold.summary.byRule;
}

/** A stamp of the built package: another build in this checkout during the run would mix two versions in one table. */
function buildStamp(): string {
  const files = globSync('dist/{src,rules}/**/*.js', { cwd: packageRoot }).sort();
  return files.map((file) => `${file}:${statSync(path.join(packageRoot, file)).mtimeMs}`).join('|');
}

function sourceRevision(): string {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: packageRoot, encoding: 'utf8' });
  if (head.status !== 0) return 'not a git checkout';
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--', 'src', 'rules'], {
      cwd: packageRoot,
      encoding: 'utf8',
    }).stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/ or rules/' : ''}`;
}

async function runEslint(options: RunOptions, auditFindings: Record<string, number> | undefined): Promise<void> {
  const runner = path.join(here, 'eslint-run.js');
  const eslint = (mode: 'base' | 'plugin', name: string, env?: Record<string, string>): Command => ({
    name,
    command: node,
    args: [runner, options.target, mode, path.join(logs, `${name}.json`)],
    cwd: packageRoot,
    ...(env ? { env } : {}),
  });
  interface EslintSummary {
    files: number;
    errors: number;
    warnings: number;
    byRule: Record<string, number>;
  }
  const summary = (name: string) => readJson<EslintSummary>(path.join(logs, `${name}.json`));
  const otherRules = (counts: Record<string, number>) =>
    Object.entries(counts).filter(([rule]) => !rule.startsWith('ssot/'));

  // The plugin keeps the CLI's facts cache in the project; the target row starts without one, as ESLint does.
  const dropPluginCache = () => {
    for (const directory of [
      path.join(options.target, '.ssot-cache'),
      path.join(options.target, 'node_modules', '.cache', 'ssot-lint'),
    ]) {
      rmSync(directory, { recursive: true, force: true });
    }
  };
  // Interleaved: each round runs without the plugin, with it from scratch, then with the cache that run wrote.
  await timedRounds(
    [
      { key: 'eslint', tool: 'ESLint, typescript-eslint `recommended`', command: eslint('base', 'eslint-base') },
      {
        key: 'eslint-ssot',
        tool: 'ESLint, same + `ssot.configs.recommended` (no ssot cache)',
        command: eslint('plugin', 'eslint-plugin'),
        before: dropPluginCache,
      },
      {
        key: 'eslint-ssot-warm',
        tool: 'ESLint, same + `ssot.configs.recommended`, warm ssot cache',
        command: eslint('plugin', 'eslint-plugin-warm'),
      },
    ],
    options.repeat,
  );
  const base = summary('eslint-base');
  note(
    'eslint',
    `${base.files} files, ${base.errors + base.warnings} problems${
      otherRules(base.byRule).length
        ? ` (${otherRules(base.byRule)
            .map(([rule, count]) => `${rule} ${count}`)
            .join(', ')})`
        : ''
    }`,
  );
  const plugin = summary('eslint-plugin');
  const ssotFindings = Object.entries(plugin.byRule).filter(([rule]) => rule.startsWith('ssot/'));
  note(
    'eslint-ssot',
    `${plugin.files} files, ${ssotFindings.reduce((sum, [, count]) => sum + count, 0)} ssot findings`,
  );
  check(plugin.files === base.files, `both ESLint runs lint the same files (${plugin.files} vs ${base.files})`);
  if (auditFindings) {
    const differing = RULE_NAMES.filter(
      (rule) => (plugin.byRule[`ssot/${rule}`] ?? 0) !== (auditFindings[`ssot/${rule}`] ?? 0),
    );
    check(
      differing.length === 0,
      `the plugin reports what the audit reports, rule by rule${differing.length ? ` (differs: ${differing.join(', ')})` : ''}`,
    );
  }
  note('eslint-ssot-warm', 'the facts cache the previous row wrote (informational)');

  if (!options.timing) return;
  const timingRun = await timed(
    'eslint-timing',
    'ESLint with the plugin, no ssot cache, `TIMING=all` (informational)',
    eslint('plugin', 'eslint-timing', { TIMING: 'all' }),
    1,
    dropPluginCache,
  );
  const timings = parseTiming(readFileSync(timingRun.stdoutFile, 'utf8'));
  const total = Object.values(timings).reduce((sum, value) => sum + value, 0);
  const ssot = Object.entries(timings).filter(([rule]) => rule.startsWith('ssot/'));
  const ssotMs = ssot.reduce((sum, [, value]) => sum + value, 0);
  if (total === 0) {
    note('eslint-timing', 'no TIMING table in the output');
    return;
  }
  const wall = rows.get('eslint-timing')!.wallMs!;
  note(
    'eslint-timing',
    `ssot rules ${seconds(ssotMs)} = ${((100 * ssotMs) / total).toFixed(1)}% of all rule time (${seconds(total)}), ${((100 * ssotMs) / wall).toFixed(1)}% of the run; ` +
      ssot
        .sort((a, b) => b[1] - a[1])
        .map(([rule, value]) => `${rule} ${seconds(value)}`)
        .join(', '),
  );
}

async function runPeers(options: RunOptions): Promise<void> {
  const installProblem = installPeers();
  const jscpd = binOf('jscpd', 'jscpd');
  if (!jscpd) notAvailable('jscpd', 'jscpd (peer)', installProblem ?? 'not installed');
  else {
    const output = path.join(logs, 'jscpd-report');
    rmSync(output, { recursive: true, force: true });
    try {
      await timed(
        'jscpd',
        `jscpd ${packageVersion('jscpd')} (peer)`,
        {
          name: 'jscpd',
          command: node,
          args: [
            jscpd,
            options.target,
            '--format',
            'typescript,tsx,javascript',
            '--reporters',
            'json',
            '--output',
            output,
            '--silent',
            '--no-tips',
          ],
          cwd: options.target,
        },
        options.repeat,
      );
      const stats = readJson<{ statistics: { total: { sources: number; clones: number; percentage: number } } }>(
        path.join(output, 'jscpd-report.json'),
      ).statistics.total;
      note(
        'jscpd',
        `${stats.sources} files with tokens, ${stats.clones} clones (${stats.percentage.toFixed(1)}% duplicated lines); native (Rust) engine, multi-threaded`,
      );
    } catch (error) {
      notAvailable('jscpd', 'jscpd (peer)', (error as Error).message.split('\n')[0]!);
    }
  }

  const depcruise = binOf('dependency-cruiser', 'depcruise');
  if (!depcruise) notAvailable('depcruise', 'dependency-cruiser (peer)', installProblem ?? 'not installed');
  else {
    const output = path.join(logs, 'depcruise.json');
    try {
      await timed(
        'depcruise',
        `dependency-cruiser ${packageVersion('dependency-cruiser')} (peer)`,
        {
          name: 'depcruise',
          command: node,
          args: [
            depcruise,
            '--no-config',
            '--ts-config',
            'tsconfig.json',
            '--output-type',
            'json',
            '--output-to',
            output,
            'apps',
            'packages',
            'scripts',
            'tools',
          ],
          cwd: options.target,
        },
        options.repeat,
      );
      const result = readJson<{ summary: { totalCruised: number; totalDependenciesCruised: number } }>(output).summary;
      note(
        'depcruise',
        `${result.totalCruised} modules, ${result.totalDependenciesCruised} dependencies resolved (no rules)`,
      );
    } catch (error) {
      notAvailable('depcruise', 'dependency-cruiser (peer)', (error as Error).message.split('\n')[0]!);
    }
  }
}

function formatTable(options: RunOptions, manifest: Manifest): string {
  const cold = rows.get('cold');
  const order = [
    'floor',
    'cold',
    'populate',
    'warm',
    'changed',
    'eslint',
    'eslint-ssot',
    'eslint-ssot-warm',
    'eslint-timing',
    'jscpd',
    'depcruise',
  ];
  const measured = order.map((key) => rows.get(key)).filter((row): row is Row => row !== undefined);
  const table = [
    '| Measurement | Wall time | Peak RSS | × cold audit | Notes |',
    '| --- | ---: | ---: | ---: | --- |',
    ...measured.map((row) => {
      if (row.na) return `| ${row.tool} | n/a | n/a | | ${row.na} |`;
      const versusCold = ratio(row, cold);
      const runs =
        row.runs && row.runs.length > 1
          ? ` (median of ${row.runs.length}: ${row.runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`
          : '';
      return `| ${row.tool} | ${seconds(row.wallMs)} | ${mebibytes(row.peakRssBytes)} | ${versusCold === undefined ? '' : `${versusCold.toFixed(2)}×`} | ${[...row.notes].join('; ')}${runs} |`;
    }),
  ];

  const target = (
    label: string,
    value: number | undefined,
    limit: number,
    show: (value: number) => string,
    limitText: string,
    rounds = '',
  ) =>
    value === undefined
      ? `| ${label} | n/a | ${limitText} | not measured |`
      : `| ${label} | ${show(value)}${rounds} | ${limitText} | ${value <= limit ? 'met' : `**missed** (${((value / limit - 1) * 100).toFixed(1)}% over the limit)`} |`;
  // Compared rows run round-robin: the ratio within each round shows how much of a result is noise.
  const perRound = (numerator: string, denominator: string): string => {
    const top = rows.get(numerator)?.ordered;
    const bottom = rows.get(denominator)?.ordered;
    if (!top || !bottom || top.length < 2 || top.length !== bottom.length) return '';
    return ` (rounds: ${top.map((value, index) => (value / bottom[index]!).toFixed(2)).join(', ')})`;
  };
  const times = (value: number) => `${value.toFixed(2)}×`;
  const coldPeak = cold?.peakRssBytes ?? undefined;
  const targets = [
    '| Target | Measured | Limit | Result |',
    '| --- | ---: | ---: | --- |',
    target('cold audit / parse floor', ratio(cold, rows.get('floor')), 2, times, '≤ 2×', perRound('cold', 'floor')),
    target('warm audit / cold audit', ratio(rows.get('warm'), cold), 0.25, times, '≤ 0.25×', perRound('warm', 'cold')),
    target(
      '`--changed-since` (1 file) / cold audit',
      ratio(rows.get('changed'), cold),
      0.2,
      times,
      '≤ 0.2×',
      perRound('changed', 'cold'),
    ),
    target(
      'peak RSS of the cold audit',
      coldPeak === null ? undefined : coldPeak,
      GIB,
      (bytes) => mebibytes(bytes),
      '≤ 1,024 MiB',
    ),
    target(
      'ESLint with the plugin / without',
      ratio(rows.get('eslint-ssot'), rows.get('eslint')),
      1.15,
      times,
      '≤ 1.15×',
      perRound('eslint-ssot', 'eslint'),
    ),
    target(
      '(informational) the same with a warm ssot cache',
      ratio(rows.get('eslint-ssot-warm'), rows.get('eslint')),
      1.15,
      times,
      '≤ 1.15×',
      perRound('eslint-ssot-warm', 'eslint'),
    ),
  ];

  const cpus = os.cpus();
  const machine = [
    `- Repository: ${manifest.sourceFiles.toLocaleString('en-US')} source files, ${manifest.sourceLines.toLocaleString('en-US')} lines (\`--files ${options.files} --lines ${options.lines} --seed ${options.seed}\`${manifest.commit ? `, commit \`${manifest.commit.slice(0, 12)}\`` : ''}), ${Object.values(manifest.plantedByRule).reduce((sum, count) => sum + count, 0)} planted violations; Python share: ${manifest.pythonFiles.toLocaleString('en-US')} files, ${manifest.pythonLines.toLocaleString('en-US')} lines (\`--python-files ${options.pythonFiles}\`)`,
    `- Machine: ${os.availableParallelism()} CPUs (\`nproc\`), ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / GIB)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
    `- Tools: ssot-lint ${packageVersion('ssot-lint')} (${revision}), TypeScript ${packageVersion('typescript')}, ESLint ${packageVersion('eslint')}, typescript-eslint ${packageVersion('typescript-eslint')}`,
    `- Wall time: median of ${options.repeat} run(s) per row, measured around the child process; peak RSS: ${memorySource()}`,
    `- Load average (1 min) at the start and the end: ${loadAtStart.toFixed(2)}, ${os.loadavg()[0]!.toFixed(2)} (other work on the machine inflates every row, not evenly)`,
  ];
  const checkLines = checks.map((entry) => `- ${entry.ok ? 'ok' : '**FAILED**'}: ${entry.text}`);
  return [
    '## Results',
    '',
    ...machine,
    '',
    ...table,
    '',
    '### Targets (issue 5)',
    '',
    ...targets,
    '',
    '### Consistency checks',
    '',
    ...(checkLines.length > 0 ? checkLines : ['- none ran']),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseRunArgs(process.argv.slice(2));
  logs = path.join(path.dirname(options.target), 'logs');
  rmSync(logs, { recursive: true, force: true });
  mkdirSync(logs, { recursive: true });

  const manifest = loadOrGenerate(options);
  console.error(describeManifest(manifest, options.target));

  const stampAtStart = buildStamp();
  const auditFindings = await runFloorAndAudits(options, manifest);
  if (options.eslint) await runEslint(options, auditFindings);
  if (options.peers) await runPeers(options);

  check(
    buildStamp() === stampAtStart,
    'dist/ was not rebuilt during the run (a build elsewhere in this checkout would mix two versions in one table)',
  );
  const markdown = formatTable(options, manifest);
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, markdown);
  console.log(markdown);
  progress(`written to ${options.out}; logs in ${logs}`);
  if (checks.some((entry) => !entry.ok)) {
    console.error('bench: consistency checks failed (see above)');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (error instanceof CommandFailed) console.error(`bench: a measured command failed\n${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});

/**
 * The Python share of the repository, as far as this audit reads it: an audit that counts more files
 * than the TypeScript parse floor reads the Python files too (the floor parsed them with tree-sitter),
 * and must find their planted violations; one that does not is checked against the TypeScript
 * plants only.
 */
function pythonShare(
  manifest: Manifest,
  auditedFiles: number,
  floor: FloorSummary,
): { audited: number; plantedByRule: Record<string, number>; scope: string; note: string } {
  const readsPython = manifest.pythonFiles > 0 && auditedFiles > floor.files;
  const plantedByRule = Object.fromEntries(RULE_NAMES.map((rule) => [rule, 0])) as Record<string, number>;
  for (const plant of manifest.plants)
    if (readsPython || !plant.file.endsWith('.py')) plantedByRule[plant.rule]! += plant.count;
  const share = `${manifest.pythonFiles} Python files, ${manifest.pythonLines.toLocaleString('en-US')} lines`;
  return {
    audited: readsPython ? (floor.python?.files ?? manifest.pythonFiles) : 0,
    plantedByRule,
    scope: manifest.pythonFiles === 0 ? '' : readsPython ? ' (TypeScript and Python)' : ' (TypeScript only)',
    note:
      manifest.pythonFiles === 0
        ? 'no Python share (--python-files 0)'
        : readsPython
          ? `${share}, audited (the parse floor parses them with tree-sitter)`
          : `${share}, not audited: this ssot reads no Python yet, so only the TypeScript plants are checked`,
  };
}
