import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';
import type { SkippedFile } from '../model.js';

export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'py'] as const;

/** Build output, dependencies and caches: never source of truth, whatever .gitignore says. */
export const ALWAYS_IGNORED_DIRECTORIES = [
  'node_modules',
  'dist',
  'build',
  'coverage',
  'out',
  '.git',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.vercel',
  '.ssot-cache',
  'bower_components',
  'jspm_packages',
  'storybook-static',
  // Python: virtual environments, installed packages, byte code and tool caches.
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  '.tox',
  '.nox',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
];

export interface DiscoveredProject {
  /** Source files, relative to the root with forward slashes, sorted. */
  files: string[];
  /** Directories (relative, '' for the root) holding a package.json: the workspace packages. */
  packageDirectories: string[];
  /** tsconfig.json files, relative. */
  tsconfigs: string[];
  /** Compiled `.js` files left out because a `.ts` source sits beside them. */
  compiledSiblings: string[];
  /** Folders below the root with an ssot.config.json of their own: separate projects, left out. */
  nestedProjects: string[];
  /** Directories (relative, trailing slash) whose content could not be listed, with why: skipped, and said so. */
  unreadableDirectories: SkippedFile[];
  /** Whether a (possibly new, unsaved) relative path would be left out of the audit. */
  isExcluded(file: string): boolean;
}

/**
 * Lists the project's source files: the eight extensions, minus `.d.ts`, `.gitignore`d paths
 * (nested .gitignore files included), build folders and the configured `ignore` globs.
 */
export function discoverProject(root: string, ignoreGlobs: readonly string[]): DiscoveredProject {
  if (!existsSync(root)) throw new UsageError(`${root}: no such directory`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${root}: not a directory`);

  const { files: entries, unreadable: unlisted } = walk(root);

  const gitignores = loadGitignores(
    root,
    entries.filter((entry) => path.posix.basename(entry) === '.gitignore'),
  );
  const isUserIgnored = ignoreGlobs.length > 0 ? picomatch([...ignoreGlobs], { dot: true }) : () => false;
  // A folder with its own ssot.config.json is another project, as the ESLint plugin sees it too.
  const nestedProjects = entries
    .filter((entry) => path.posix.basename(entry) === 'ssot.config.json' && entry.includes('/'))
    .map((entry) => path.posix.dirname(entry))
    .filter(
      (directory) => !isGitignored(gitignores, `${directory}/`) && !isUserIgnored(`${directory}/ssot.config.json`),
    )
    .sort();
  const inNestedProject = (entry: string) => nestedProjects.some((directory) => entry.startsWith(`${directory}/`));
  const isLeftOut = (entry: string) =>
    isGitignored(gitignores, entry) || isUserIgnored(entry) || inNestedProject(entry);
  const kept = entries.filter((entry) => !isLeftOut(entry)).sort();
  const unreadableDirectories = unlisted
    .filter((entry) => !isLeftOut(entry.file))
    .sort((a, b) => (a.file < b.file ? -1 : 1));

  const sources = kept.filter((entry) => isSourceFile(entry));
  const sourceSet = new Set(sources);
  const compiledSiblings = sources.filter((file) => /\.(c|m)?js$/.test(file) && hasTypeScriptTwin(file, sourceSet));
  // Alembic keeps its revisions in `versions/` beside its `env.py`, wherever the script location is.
  const alembicRevision = (file: string) =>
    /(^|\/)versions\/[^/]+\.py$/.test(file) &&
    sourceSet.has(`${path.posix.dirname(path.posix.dirname(file))}/env.py`.replace(/^\.\//, ''));
  const leftOut = new Set([...compiledSiblings, ...sources.filter((file) => alembicRevision(file))]);

  const isExcluded = (file: string): boolean =>
    !isSourceFile(file) ||
    file.split('/').some((segment) => ALWAYS_IGNORED_DIRECTORIES.includes(segment)) ||
    isGitignored(gitignores, file) ||
    isUserIgnored(file) ||
    inNestedProject(file) ||
    leftOut.has(file);
  return {
    isExcluded,
    nestedProjects,
    unreadableDirectories,
    files: sources.filter((file) => !leftOut.has(file)),
    packageDirectories: kept
      .filter((entry) => path.posix.basename(entry) === 'package.json')
      .map((entry) => path.posix.dirname(entry).replace(/^\.$/, '')),
    tsconfigs: kept.filter((entry) => path.posix.basename(entry) === 'tsconfig.json'),
    compiledSiblings,
  };
}

const PROJECT_FILES = new Set(['package.json', 'tsconfig.json', '.gitignore', 'ssot.config.json']);

function isWantedFile(entry: string): boolean {
  return isSourceFile(entry) || PROJECT_FILES.has(path.posix.basename(entry));
}

/**
 * Every regular file the audit may read, below `root`, without following symlinks (a link loop
 * must not hang the audit; linked packages are audited where they live) and without descending
 * into build and dependency folders. Iterative, so depth is no limit. Written out instead of a
 * glob: globs pass over unreadable directories in silence, and their `**` does not match a name
 * holding a newline, so a file named that way would hide its code from the audit.
 */
function walk(root: string): { files: string[]; unreadable: SkippedFile[] } {
  const files: string[] = [];
  const unreadable: SkippedFile[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, directory), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      if (directory === '') throw new UsageError(`${root}: cannot read the directory (${code})`);
      unreadable.push({ file: `${directory}/`, reason: `unreadable directory (${code})` });
      continue;
    }
    // A virtual environment under any name (`env/`, `.python/`) says so with its pyvenv.cfg.
    if (directory !== '' && entries.some((entry) => entry.name === 'pyvenv.cfg' && entry.isFile())) continue;
    for (const entry of entries) {
      const relative = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!ALWAYS_IGNORED_DIRECTORIES.includes(entry.name) && !entry.name.endsWith('.egg-info'))
          pending.push(relative);
      } else if (entry.isFile() && isWantedFile(relative)) files.push(relative);
    }
  }
  return { files, unreadable };
}

function isSourceFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file) || /\.d\.[^.]+\.ts$/.test(file)) return false;
  if (/\.min\.[cm]?js$/.test(file)) return false;
  if (file.endsWith('.py')) return !isGeneratedPython(file);
  return SOURCE_EXTENSIONS.some((extension) => file.endsWith(`.${extension}`));
}

function hasTypeScriptTwin(file: string, sources: Set<string>): boolean {
  const stem = file.replace(/\.(c|m)?js$/, '');
  return ['ts', 'tsx', 'mts', 'cts'].some((extension) => sources.has(`${stem}.${extension}`));
}

interface ScopedIgnore {
  /** Directory of the .gitignore, relative ('' for the root). */
  directory: string;
  matcher: Ignore;
}

function loadGitignores(root: string, files: string[]): ScopedIgnore[] {
  return files.flatMap((file) => {
    try {
      const matcher = ignore().add(readFileSync(path.join(root, file), 'utf8'));
      return [{ directory: path.posix.dirname(file).replace(/^\.$/, ''), matcher }];
    } catch {
      return [];
    }
  });
}

function isGitignored(gitignores: ScopedIgnore[], entry: string): boolean {
  return gitignores.some(({ directory, matcher }) => {
    if (directory && !entry.startsWith(`${directory}/`)) return false;
    const relative = directory ? entry.slice(directory.length + 1) : entry;
    return relative !== '' && matcher.ignores(relative);
  });
}

/**
 * Django and Alembic migrations (`app/migrations/0001_initial.py`, `alembic/versions/ab12_add.py`):
 * written by `makemigrations` and `alembic revision`, never a source of truth.
 */
function isGeneratedPython(file: string): boolean {
  return /(^|\/)migrations\//.test(file) || /(^|\/)alembic\/versions\//.test(file);
}

/** Test file names: `x.test.ts`, `x.spec.ts`, `x.e2e-spec.ts`, stories; pytest's `test_x.py`, `x_test.py`, `conftest.py`. */
const TEST_FILE_NAME =
  /\.(test|spec|e2e-spec|e2e|cy|stories)\.[cm]?[jt]sx?$|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;
/** Test folders: `test/`, `__tests__/`, `e2e/`, and suffixed ones (`integration-tests/`, `api-e2e/`). */
const TEST_FOLDER =
  /(^|\/)(__tests__|__mocks__|__fixtures__|test|tests|testing|spec|specs|e2e|cypress|playwright|[\w.]+[-_](tests|specs|e2e))\//;

/** Conventional test locations: excluded from the rules that concern production code. */
export function isTestFile(file: string): boolean {
  return TEST_FILE_NAME.test(file) || TEST_FOLDER.test(file);
}

/**
 * The project's test files: conventional names and folders, except that a module in a
 * test-named folder which production code imports (at run time) is production code: an app's
 * `testing/` module that its production module mounts ships and runs. Spread from production
 * modules through their value imports; a file named `x.spec.ts` stays a test whatever imports it.
 */
export function testFilesOf(files: Iterable<string>, importees: (file: string) => readonly string[]): Set<string> {
  const tests = new Set<string>();
  const production: string[] = [];
  for (const file of files) {
    if (isTestFile(file)) tests.add(file);
    else production.push(file);
  }
  for (let next = production.pop(); next !== undefined; next = production.pop()) {
    for (const imported of importees(next)) {
      if (!tests.has(imported) || TEST_FILE_NAME.test(imported)) continue;
      tests.delete(imported);
      production.push(imported);
    }
  }
  return tests;
}
