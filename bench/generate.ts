/**
 * Generates a large, deterministic TypeScript monorepo for the benchmark: four apps and two
 * packages, realistic module shapes, and planted violations of every ssot rule; beside them a
 * Python FastAPI service (a tenth as many files by default) with planted violations of its own.
 *
 *   node dist/bench/generate.js [--target .bench/repo] [--files 5000] [--lines 500000] [--seed 20240601] [--python-files 500]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adminDomainFiles, apiDomainFiles, webDomainFiles, workerDomainFiles } from './generator/domains.js';
import { appFiles, authPackageFiles, rootFiles, sharedPackageFiles, utilityFile } from './generator/infrastructure.js';
import {
  type AppName,
  type Domain,
  type GeneratedFile,
  type Plant,
  type RuleName,
  type Utility,
  RULE_NAMES,
  lineCount,
  render,
} from './generator/model.js';
import {
  DOMAIN_NOUNS,
  DOMAIN_PREFIXES,
  FIELDS,
  UTILITY_SUFFIXES,
  UTILITY_WORDS,
  VERBS,
  camel,
  kebab,
  pascal,
  plural,
  snake,
} from './generator/names.js';
import { CHANGE_TARGET, plantedFiles } from './generator/plants.js';
import { PYTHON_FILE, defaultPythonFiles, pythonServiceFiles } from './generator/python.js';
import { Random } from './generator/random.js';
import { randomSnippet, renderFunction, renderMethod } from './generator/snippets.js';

export const GENERATOR_VERSION = 2;
export const MANIFEST_FILE = 'bench-manifest.json';
export const DEFAULT_FILES = 5000;
export const DEFAULT_LINES = 500_000;
export const DEFAULT_SEED = 20240601;

export interface GenerateOptions {
  target: string;
  files: number;
  lines: number;
  seed: number;
  /** Commit the result in a new git repository (needed for `--changed-since`). */
  git: boolean;
  /** Python files of the FastAPI service beside the TypeScript (default: a tenth of `files`; 0 for none). */
  pythonFiles?: number;
}

export interface Manifest {
  generator: string;
  version: number;
  seed: number;
  requested: { files: number; lines: number; pythonFiles: number };
  /** Source files (.ts, .tsx, .mjs, .cjs) and their lines. */
  sourceFiles: number;
  sourceLines: number;
  /** The Python share (.py files of the FastAPI service), not counted in `sourceFiles`. */
  pythonFiles: number;
  pythonLines: number;
  /** Every file written, manifests included. */
  allFiles: number;
  byApp: Record<string, { files: number; lines: number }>;
  domains: Record<AppName, number>;
  utilities: number;
  plants: Plant[];
  plantedByRule: Record<RuleName, number>;
  changeTarget: string;
  commit?: string;
}

const APP_CYCLE: readonly AppName[] = [
  'api',
  'api',
  'admin',
  'api',
  'web',
  'worker',
  'api',
  'admin',
  'web',
  'api',
  'worker',
  'web',
];
const FILES_PER_DOMAIN: Record<AppName, number> = { api: 12, admin: 4, worker: 3, web: 4 };
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function domainDir(app: AppName, name: string): string {
  switch (app) {
    case 'api':
      return `apps/api/src/modules/${name}`;
    case 'admin':
      return `apps/admin/src/features/${name}`;
    case 'worker':
      return 'apps/worker/src';
    case 'web':
      return `apps/web/src/components/${name}`;
  }
}

function buildUtilities(random: Random, count: number): Utility[] {
  const combos = UTILITY_WORDS.flatMap((word) => UTILITY_SUFFIXES.map((suffix) => `${word}-${suffix}`));
  return random.sample(combos, count).map((module) => {
    const stem = pascal(module);
    return { module, stem, entry: `${camel(module)}Value` };
  });
}

function buildDomains(random: Random, filesBudget: number, utilities: readonly Utility[]): Domain[] {
  const names = random.shuffle(DOMAIN_PREFIXES.flatMap((prefix) => DOMAIN_NOUNS.map((noun) => `${prefix}${noun}`)));
  const domains: Domain[] = [];
  let files = 0;
  for (let index = 0; files < filesBudget || domains.filter((domain) => domain.app === 'api').length < 5; index++) {
    const name = names[index];
    if (name === undefined) throw new Error(`--files is too large for the ${names.length} generated domain names`);
    // The first five domains are API modules: the planted violations live in them.
    const app: AppName = index < 5 ? 'api' : APP_CYCLE[index % APP_CYCLE.length]!;
    const earlier = domains.filter((domain) => domain.app === app);
    const k = kebab(name);
    const words = k.split('-');
    const fieldCount = random.int(5, 11);
    domains.push({
      app,
      name,
      kebab: k,
      camel: camel(name),
      label: words.join(' '),
      table: snake(plural(k)),
      fields: random.sample(FIELDS, fieldCount),
      dir: domainDir(app, k),
      ...(app === 'api' && earlier.length > 0 && random.chance(0.7) ? { neighbor: random.pick(earlier) } : {}),
      utility: random.pick(utilities),
    });
    files += FILES_PER_DOMAIN[app];
  }
  return domains;
}

/** Adds methods or functions to the fillable files until the line budget is met. */
function fill(files: GeneratedFile[], random: Random, linesTarget: number): void {
  const fillable = files.filter((file) => file.filler && SOURCE_FILE.test(file.path));
  const base = files.filter((file) => SOURCE_FILE.test(file.path)).reduce((sum, file) => sum + lineCount(file), 0);
  const deficit = Math.max(0, linesTarget - base);
  const shares = fillable.map((file) => file.filler!.weight * (0.4 + random.next() * 1.2));
  const totalShare = shares.reduce((sum, share) => sum + share, 0);
  fillable.forEach((file, index) => {
    const quota = totalShare === 0 ? 0 : (deficit * shares[index]!) / totalShare;
    const names = new Set<string>();
    let added = 0;
    while (added < quota) {
      const { kind, target } = file.filler!;
      const snippet = randomSnippet(random, target);
      let name = `${random.pick(VERBS)}${pascal(random.pick(target.fields).name)}`;
      for (let suffix = 2; names.has(name); suffix++) name = `${name.replace(/\d+$/, '')}${suffix}`;
      names.add(name);
      const rendered =
        kind === 'method'
          ? ['', ...renderMethod(snippet, name, random.chance(0.25) ? 'private ' : '')]
          : ['', ...renderFunction(snippet, name)];
      file.body.push(...rendered);
      added += rendered.length;
    }
  });
}

function countByRule(plants: readonly Plant[]): Record<RuleName, number> {
  const counts = Object.fromEntries(RULE_NAMES.map((rule) => [rule, 0])) as Record<RuleName, number>;
  for (const plant of plants) counts[plant.rule] += plant.count;
  return counts;
}

/** Refuses to wipe a directory this generator did not create. */
function prepareTarget(target: string): void {
  if (existsSync(target)) {
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
      throw new Error(
        `${target} is not empty and was not generated by the benchmark (no ${MANIFEST_FILE}); refusing to delete it`,
      );
    }
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(target, { recursive: true });
}

function git(target: string, args: string[]): string {
  const result = spawnSync('git', args, {
    cwd: target,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'ssot-lint bench',
      GIT_AUTHOR_EMAIL: 'bench@ssot-lint.invalid',
      GIT_AUTHOR_DATE: '2024-06-01T00:00:00Z',
      GIT_COMMITTER_NAME: 'ssot-lint bench',
      GIT_COMMITTER_EMAIL: 'bench@ssot-lint.invalid',
      GIT_COMMITTER_DATE: '2024-06-01T00:00:00Z',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
  if (result.status !== 0)
    throw new Error(`git ${args.join(' ')} failed in ${target}: ${result.stderr || result.error?.message}`);
  return result.stdout.trim();
}

/**
 * ESLint 10 looks a config file up from each linted file's folder: this one keeps the
 * repository's own `eslint .` out of the generated files when they live in `.bench/`.
 */
function shieldFromParentLint(target: string): void {
  const parent = path.dirname(target);
  if (path.basename(parent) !== '.bench') return;
  writeFileSync(
    path.join(parent, 'eslint.config.mjs'),
    "// Written by bench/generate.ts: the generated repository is benchmark input, not this package's source.\nexport default [{ ignores: ['**/*'] }];\n",
  );
}

interface Assembled {
  files: GeneratedFile[];
  domains: Domain[];
  utilities: Utility[];
  plants: Plant[];
}

function assemble(random: Random, options: GenerateOptions, domainFileBudget: number): Assembled {
  const pythonFiles = pythonFileCount(options);
  const utilities = buildUtilities(
    random.fork('utilities'),
    Math.min(300, Math.max(8, Math.round(options.files / 50))),
  );
  const domains = buildDomains(random.fork('domains'), domainFileBudget, utilities);
  const domainRandom = random.fork('domain-files');
  const domainFiles = domains.flatMap((domain) => {
    switch (domain.app) {
      case 'api':
        return apiDomainFiles(domain, domainRandom);
      case 'admin':
        return adminDomainFiles(domain, domainRandom);
      case 'worker':
        return workerDomainFiles(domain, domainRandom);
      case 'web':
        return webDomainFiles(domain, domainRandom);
    }
  });
  const planted = plantedFiles(domains.filter((domain) => domain.app === 'api'));
  const utilityRandom = random.fork('utility-files');
  const files = [
    ...rootFiles(pythonFiles > 0),
    ...sharedPackageFiles(utilities),
    ...authPackageFiles(),
    ...utilities.map((utility) => utilityFile(utility, utilityRandom)),
    ...appFiles(domains),
    ...domainFiles,
    ...planted.files,
  ];
  return { files, domains, utilities, plants: planted.plants };
}

export function generateRepository(options: GenerateOptions): Manifest {
  const target = path.resolve(options.target);
  const random = new Random(options.seed);
  const sources = (candidate: Assembled) => candidate.files.filter((file) => SOURCE_FILE.test(file.path)).length;
  // Manifests, wiring, utilities and plants take part of the file budget: the domains get the rest.
  let budget = options.files;
  let assembled = assemble(random, options, budget);
  budget = Math.max(1, budget - (sources(assembled) - options.files));
  assembled = assemble(random, options, budget);
  while (sources(assembled) < options.files) {
    budget += options.files - sources(assembled);
    assembled = assemble(random, options, budget);
  }
  const { domains, utilities } = assembled;
  fill(assembled.files, random.fork('filler'), options.lines);
  const pythonFiles = pythonFileCount(options);
  // The Python share keeps the TypeScript files' average length; its own stream leaves the TypeScript untouched.
  const python = pythonServiceFiles(
    random.fork('python'),
    pythonFiles,
    Math.round((options.lines * pythonFiles) / options.files),
  );
  const files = [...assembled.files, ...python.files];
  const planted = { plants: [...assembled.plants, ...python.plants] };

  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`generator bug: ${file.path} generated twice`);
    seen.add(file.path);
  }

  prepareTarget(target);
  shieldFromParentLint(target);
  const byApp: Record<string, { files: number; lines: number }> = {};
  let sourceFiles = 0;
  let sourceLines = 0;
  let pythonFileTotal = 0;
  let pythonLines = 0;
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const absolute = path.join(target, file.path);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, render(file));
    if (PYTHON_FILE.test(file.path)) {
      pythonFileTotal += 1;
      pythonLines += lineCount(file);
      continue;
    }
    if (!SOURCE_FILE.test(file.path)) continue;
    const lines = lineCount(file);
    sourceFiles += 1;
    sourceLines += lines;
    const segments = file.path.split('/');
    const area = segments.slice(0, segments.length > 2 ? 2 : 1).join('/');
    const entry = (byApp[area] ??= { files: 0, lines: 0 });
    entry.files += 1;
    entry.lines += lines;
  }

  const manifest: Manifest = {
    generator: 'ssot-lint bench/generate.ts',
    version: GENERATOR_VERSION,
    seed: options.seed,
    requested: { files: options.files, lines: options.lines, pythonFiles },
    sourceFiles,
    sourceLines,
    pythonFiles: pythonFileTotal,
    pythonLines,
    allFiles: files.length + 1,
    byApp,
    domains: {
      api: 0,
      admin: 0,
      worker: 0,
      web: 0,
      ...Object.fromEntries(
        ['api', 'admin', 'worker', 'web'].map((app) => [app, domains.filter((domain) => domain.app === app).length]),
      ),
    },
    utilities: utilities.length,
    plants: planted.plants,
    plantedByRule: countByRule(planted.plants),
    changeTarget: CHANGE_TARGET,
  };
  writeFileSync(path.join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.git) {
    git(target, ['-c', 'init.defaultBranch=main', 'init', '-q']);
    git(target, ['add', '-A']);
    git(target, [
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.autocrlf=false',
      'commit',
      '-q',
      '-m',
      `Generated benchmark repository (seed ${options.seed})`,
    ]);
    manifest.commit = git(target, ['rev-parse', 'HEAD']);
  }
  return manifest;
}

export function describeManifest(manifest: Manifest, target: string): string {
  const rows = RULE_NAMES.map((rule) => `  ssot/${rule.padEnd(22)} ${manifest.plantedByRule[rule]}`);
  return [
    `generated ${target}`,
    `  ${manifest.sourceFiles.toLocaleString('en-US')} source files, ${manifest.sourceLines.toLocaleString('en-US')} lines (${manifest.allFiles} files with manifests; seed ${manifest.seed})`,
    `  Python share: ${manifest.pythonFiles.toLocaleString('en-US')} files, ${manifest.pythonLines.toLocaleString('en-US')} lines (not counted above)`,
    `  domains: ${Object.entries(manifest.domains)
      .map(([app, count]) => `${app} ${count}`)
      .join(', ')}; shared utilities: ${manifest.utilities}`,
    ...(manifest.commit ? [`  git commit ${manifest.commit}`] : []),
    'planted violations (expected findings per rule):',
    ...rows,
  ].join('\n');
}

function pythonFileCount(options: GenerateOptions): number {
  return options.pythonFiles ?? defaultPythonFiles(options.files);
}

/** A count that may be 0 (`--python-files 0`: no Python share). */
export function parseCount(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} must be a whole number (got ${value})`);
  return number;
}

function parsePositive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const number = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag} must be a positive integer (got ${value})`);
  return number;
}

export function parseGenerateArgs(args: string[]): GenerateOptions {
  const { values } = parseArgs({
    args,
    options: {
      target: { type: 'string' },
      files: { type: 'string' },
      lines: { type: 'string' },
      seed: { type: 'string' },
      'python-files': { type: 'string' },
      'no-git': { type: 'boolean' },
    },
    strict: true,
  });
  const files = parsePositive(values.files, DEFAULT_FILES, '--files');
  return {
    target: values.target ?? '.bench/repo',
    files,
    // A smaller --files keeps about 100 lines a file unless --lines says otherwise.
    lines: parsePositive(values.lines, values.files === undefined ? DEFAULT_LINES : files * 100, '--lines'),
    seed: parsePositive(values.seed, DEFAULT_SEED, '--seed'),
    git: !values['no-git'],
    pythonFiles: parseCount(values['python-files'], defaultPythonFiles(files), '--python-files'),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseGenerateArgs(process.argv.slice(2));
    console.log(describeManifest(generateRepository(options), options.target));
  } catch (error) {
    console.error(`generate: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
