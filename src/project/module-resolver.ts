import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import type { TypeScript } from '../engine/syntax.js';
import { MIB, readRegularFile } from '../io/read-bounded.js';
import { stampOf } from './facts-cache.js';
import { PythonResolver } from './python-resolver.js';
import { DEFER, resolveRelativeImport } from './relative-import.js';

/**
 * The project-relative path (`/`-separated) of an absolute path inside the root and outside any
 * node_modules, else undefined. A prefix test for the plain child paths TypeScript probes with;
 * `path.relative` for every probe was a measurable share of a cold audit.
 */
function projectRelative(root: string): (absolute: string) => string | undefined {
  const prefix = `${root.replace(/[\\/]+$/, '')}/`;
  return (absolute) => {
    const plain = absolute.replace(/\/+$/, '');
    const relative =
      plain.startsWith(prefix) && !/(^|\/)\.\.?(\/|$)/.test(plain.slice(prefix.length))
        ? plain.slice(prefix.length)
        : path.relative(root, absolute).split(path.sep).join('/');
    return relative.startsWith('..') || path.isAbsolute(relative) || /(^|\/)node_modules(\/|$)/.test(relative)
      ? undefined
      : relative;
  };
}

/** What resolving a bare specifier from a directory depends on, besides the specifier. */
interface Ancestry {
  /** The directories on the way up that hold a `node_modules` folder. */
  modules: string;
  /** The nearest directory holding a package.json (a package imports itself by name). */
  packageScope: string;
  /** The above with the directory's tsconfig: directories with the same resolve bare specifiers alike. */
  bareScope: string;
}

/** A workspace package of the project: its name, directory and the manifest fields that name its entry. */
interface WorkspacePackage {
  name: string;
  directory: string;
  exports?: unknown;
  entries: string[];
}

/**
 * The one module resolver: every rule, `ssot paths` and `ssot init` resolve imports through it.
 * TypeScript's own resolver first, so tsconfig `paths`, `baseUrl`, `.js`-suffixed imports of
 * `.ts` files and index files work as they do for tsc (each file with the options of its nearest
 * tsconfig.json); then the monorepo's own packages by name (`@acme/shared`, `@acme/shared/sub`),
 * through their `exports` map, `source`/`types`/`main` fields or `src/index.ts`, mapped from
 * build output back to the sources: a checkout without node_modules cannot follow workspace
 * symlinks, and a manifest's `main` usually points at a build that is not in the audit.
 */
export class ModuleResolver {
  private readonly optionsByTsconfig = new Map<string, ts.CompilerOptions>();
  private readonly resolved: Map<string, string | null>;
  private readonly ancestries = new Map<string, Ancestry>();
  private readonly packageDirectories: ReadonlySet<string>;
  private readonly tsconfigDirectories: string[];
  private readonly workspacePackages: WorkspacePackage[];
  /**
   * Project files exist when the index holds their facts, whether or not they are on disk now:
   * resolution answers from the records (a warm run opens no source file), the disk only for
   * what lies outside the audit (node_modules, manifests).
   */
  private readonly host: ts.ModuleResolutionHost;
  private readonly projectDirectories = new Set<string>();
  private python: PythonResolver | undefined;

  constructor(
    private readonly ts: TypeScript,
    private readonly root: string,
    /** Relative tsconfig.json paths found in the project. */
    tsconfigs: readonly string[],
    /** Relative paths of the files in the audit: resolution outside them is ignored. */
    private readonly projectFiles: ReadonlySet<string>,
    /** Directories (relative, '' for the root) that hold a package.json. */
    packageDirectories: readonly string[] = [],
    /** Answers a resolver gave for the same files and settings (`answers`), kept by the facts cache. */
    known?: ReadonlyMap<string, string | null>,
  ) {
    this.resolved = new Map(known);
    this.workspacePackages = readWorkspacePackages(root, packageDirectories);
    this.packageDirectories = new Set(packageDirectories);
    for (const file of projectFiles) {
      for (let directory = path.posix.dirname(file); directory !== '.'; directory = path.posix.dirname(directory)) {
        if (this.projectDirectories.has(directory)) break;
        this.projectDirectories.add(directory);
      }
    }
    const sys = ts.sys;
    const inProject = projectRelative(root);
    // The disk outside the audit (node_modules, ancestors' manifests) is asked once per path for
    // the resolver's life, one index build: TypeScript probes the same directories for every import.
    const onDisk = new Map<string, boolean>();
    const asked = (key: string, ask: () => boolean): boolean => {
      let answer = onDisk.get(key);
      if (answer === undefined) onDisk.set(key, (answer = ask()));
      return answer;
    };
    // A project directory is listed once instead: resolution probes several names in each.
    const listings = new Map<string, ReadonlySet<string>>();
    const listed = (directory: string): ReadonlySet<string> => {
      let names = listings.get(directory);
      if (!names) listings.set(directory, (names = filesIn(path.join(root, directory))));
      return names;
    };
    this.host = {
      fileExists: (file) => {
        const relative = inProject(file);
        if (relative === undefined) return asked(`f${file}`, () => sys.fileExists(file));
        if (projectFiles.has(relative)) return true;
        const directory = path.posix.dirname(relative);
        return directory === '.' || this.projectDirectories.has(directory)
          ? listed(directory).has(path.posix.basename(relative))
          : asked(`f${file}`, () => sys.fileExists(file));
      },
      directoryExists: (directory) => {
        const relative = inProject(directory);
        if (relative !== undefined && (relative === '' || this.projectDirectories.has(relative))) return true;
        return asked(`d${directory}`, () => sys.directoryExists?.(directory) ?? false);
      },
      readFile: (file) => sys.readFile(file),
      realpath: sys.realpath ? (file) => sys.realpath!(file) : undefined,
      getCurrentDirectory: () => root,
      useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
    };
    this.tsconfigDirectories = tsconfigs
      .map((file) => path.posix.dirname(file).replace(/^\.$/, ''))
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Every answer so far, by where it was asked from (directory or scope) and specifier. They hold
   * while the project's files, tsconfigs, manifests and node_modules folders are the same.
   */
  get answers(): ReadonlyMap<string, string | null> {
    return this.resolved;
  }

  /** Relative path of the project file `specifier` resolves to from `fromFile`, or undefined (a package, or unresolvable). */
  resolve(fromFile: string, specifier: string): string | undefined {
    if (fromFile.endsWith('.py'))
      return (this.python ??= new PythonResolver(this.projectFiles)).resolve(fromFile, specifier);
    const directory = path.posix.dirname(fromFile);
    const key = `${isRelative(specifier) ? directory : this.ancestryOf(directory).bareScope}\0${specifier}`;
    let result = this.resolved.get(key);
    if (result === undefined) {
      result = this.resolveUncached(fromFile, specifier) ?? this.resolveWorkspacePackage(specifier) ?? null;
      this.resolved.set(key, result);
    }
    return result ?? undefined;
  }

  /**
   * What a bare specifier (`@nestjs/common`, `@acme/shared`, a `paths` alias) resolves against from
   * a directory (`Ancestry.bareScope`). Directories that share it resolve every bare specifier
   * alike, so each is resolved once per scope, not once per directory: TypeScript's walk up the
   * ancestors' `node_modules` was most of a warm audit's resolution time.
   */
  private ancestryOf(directory: string): Ancestry {
    const known = this.ancestries.get(directory);
    if (known) return known;
    const relative = directory === '.' ? '' : directory;
    const above = relative === '' ? undefined : this.ancestryOf(path.posix.dirname(directory));
    const modules = this.host.directoryExists!(path.join(this.root, relative, 'node_modules'))
      ? `${above?.modules ?? ''}:${relative}`
      : (above?.modules ?? '');
    const packageScope = this.packageDirectories.has(relative) ? relative : (above?.packageScope ?? '');
    const ancestry = { modules, packageScope, bareScope: `${this.tsconfigOf(relative)}|${packageScope}|${modules}` };
    this.ancestries.set(directory, ancestry);
    return ancestry;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const options = this.optionsFor(fromFile);
    const inProject = this.resolveRelative(fromFile, specifier, options);
    if (inProject !== DEFER) return inProject;
    const containingFile = path.join(this.root, fromFile);
    // No ts.ModuleResolutionCache: it keeps every failed lookup location of every resolution (a
    // fifth of a large audit's heap). `resolved` caches the answers and `onDisk` the probes.
    const resolution = this.ts.resolveModuleName(specifier, containingFile, options, this.host).resolvedModule;
    if (!resolution || resolution.isExternalLibraryImport) return undefined;
    const relative = path.relative(this.root, resolution.resolvedFileName).split(path.sep).join('/');
    return this.projectFiles.has(relative) ? relative : undefined;
  }

  /** The nearest tsconfig.json above a file or directory (relative), '' for none. */
  private tsconfigOf(file: string): string {
    const directory = this.tsconfigDirectories.find(
      (candidate) => candidate === '' || file.startsWith(`${candidate}/`) || file === candidate,
    );
    return directory === undefined ? '' : path.posix.join(directory, 'tsconfig.json');
  }

  /**
   * A relative import inside the project, answered from the files that exist in TypeScript's own
   * order of candidates (`resolveRelativeImport`), where the options leave no other way:
   * `bundler` or `node10` resolution without `rootDirs` or `moduleSuffixes`. The one difference:
   * a symlinked project file is taken as the project lists it, not at its real path.
   */
  private resolveRelative(
    fromFile: string,
    specifier: string,
    options: ts.CompilerOptions,
  ): string | undefined | typeof DEFER {
    const kinds = this.ts.ModuleResolutionKind;
    const node10 = options.moduleResolution === kinds.Node10;
    if (!isRelative(specifier) || specifier.startsWith('/')) return DEFER;
    if (!(node10 || options.moduleResolution === kinds.Bundler)) return DEFER;
    if (options.rootDirs?.length || options.moduleSuffixes?.some((suffix) => suffix !== '')) return DEFER;
    // The project's own directories only: a parent of the root, or the root as a file, is TypeScript's.
    const target = path.posix.join(path.posix.dirname(fromFile), specifier);
    if (target === '.' || target === '..' || target.startsWith('../')) return DEFER;
    const found = resolveRelativeImport(
      target,
      node10,
      (file) => this.projectFiles.has(file) || this.host.fileExists(path.join(this.root, file)),
    );
    if (found === DEFER) return DEFER;
    return found !== undefined && this.projectFiles.has(found) ? found : undefined;
  }

  private optionsFor(file: string): ts.CompilerOptions {
    const tsconfig = this.tsconfigOf(file);
    let options = this.optionsByTsconfig.get(tsconfig);
    if (!options) {
      options = this.readOptions(tsconfig);
      this.optionsByTsconfig.set(tsconfig, options);
    }
    return options;
  }

  private readOptions(tsconfig: string): ts.CompilerOptions {
    const t = this.ts;
    const defaults: ts.CompilerOptions = {
      allowJs: true,
      module: t.ModuleKind.ESNext,
      moduleResolution: t.ModuleResolutionKind.Bundler,
    };
    if (!tsconfig) return defaults;
    const file = path.join(this.root, tsconfig);
    const { config, error } = t.readConfigFile(file, t.sys.readFile);
    if (error || !config) return defaults;
    // A broken `extends` or unknown option must not lose the audit: fall back to what could be read.
    // Only the options are needed: a host that lists no directory keeps TypeScript from expanding
    // `include` into every file of the project (a third of a warm audit on a large monorepo).
    const optionsOnly: ts.ParseConfigHost = { ...t.sys, readDirectory: () => [] };
    const parsed = t.parseJsonConfigFileContent(config, optionsOnly, path.dirname(file), undefined, file);
    const options = { ...parsed.options, allowJs: true, noEmit: true };
    if (options.moduleResolution === undefined || options.moduleResolution === t.ModuleResolutionKind.Classic) {
      options.moduleResolution = t.ModuleResolutionKind.Bundler;
      options.module = t.ModuleKind.ESNext;
    }
    return options;
  }

  /** `@acme/shared` or `@acme/shared/sub` as a project file, when a workspace package has that name. */
  private resolveWorkspacePackage(specifier: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
    const found = this.workspacePackages.find(
      (candidate) => specifier === candidate.name || specifier.startsWith(`${candidate.name}/`),
    );
    if (!found) return undefined;
    const subpath = specifier === found.name ? '.' : `.${specifier.slice(found.name.length)}`;
    const prefix = found.directory === '' ? '' : `${found.directory}/`;
    const targets = [
      ...exportTargets(found.exports, subpath),
      ...(subpath === '.' ? found.entries : [subpath]),
      ...(subpath === '.' ? ['src/index', 'index', 'lib/index'] : [`src/${subpath.slice(2)}`]),
    ];
    for (const target of targets) {
      for (const candidate of sourceCandidates(path.posix.normalize(`${prefix}${target}`))) {
        if (this.projectFiles.has(candidate)) return candidate;
      }
    }
    return undefined;
  }
}

function readWorkspacePackages(root: string, directories: readonly string[]): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const directory of [...directories].sort()) {
    let manifest: Record<string, unknown>;
    try {
      // A device or a huge file in a manifest's place is skipped, never read to the end.
      const text = readRegularFile(path.join(root, directory, 'package.json'), MAX_MANIFEST_BYTES).toString('utf8');
      manifest = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A package directory without a readable manifest has no name to import it by.
      continue;
    }
    if (typeof manifest.name !== 'string' || packages.some((item) => item.name === manifest.name)) continue;
    const entries = ['source', 'types', 'typings', 'module', 'main'].flatMap((field) =>
      typeof manifest[field] === 'string' ? [manifest[field] as string] : [],
    );
    packages.push({ name: manifest.name, directory, exports: manifest.exports, entries });
  }
  // Longest names first: `@acme/shared-utils` before `@acme/shared`.
  return packages.sort((a, b) => b.name.length - a.name.length);
}

/**
 * What the resolver's answers depend on, as one hash: the project's files, the stat stamps of its
 * directories (a file added beside them, even one the audit leaves out, changes what an import
 * finds), of its tsconfig.json files and manifests, and of the `node_modules` folders beside the
 * manifests (an install adds or removes packages). Not seen: a change inside a package already
 * installed, or in a tsconfig a project tsconfig extends from outside the project.
 */
export function resolutionFingerprint(
  root: string,
  files: Iterable<string>,
  tsconfigs: readonly string[],
  packageDirectories: readonly string[],
): string {
  const hash = createHash('sha1');
  const directories = new Set<string>(['']);
  for (const file of [...files].sort()) {
    hash.update(file).update('\0');
    for (let directory = path.posix.dirname(file); directory !== '.'; directory = path.posix.dirname(directory)) {
      if (directories.has(directory)) break;
      directories.add(directory);
    }
  }
  const stamped = [
    ...tsconfigs,
    ...packageDirectories.flatMap((directory) => [
      path.posix.join(directory, 'package.json'),
      path.posix.join(directory, 'node_modules'),
    ]),
    ...directories,
  ];
  for (const entry of stamped.sort()) hash.update(`\n${entry}\0${stampOf(path.join(root, entry))}`);
  return hash.digest('base64url');
}

/** The names of the regular files in a directory (symbolic links followed), as `fileExists` sees them. */
function filesIn(directory: string): ReadonlySet<string> {
  const names = new Set<string>();
  try {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isFile() || (entry.isSymbolicLink() && isFile(path.join(directory, entry.name)))) names.add(entry.name);
    }
  } catch {
    // Gone or unreadable: nothing in it can be imported.
  }
  return names;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `./x`, `../x`, `.`, `..` and absolute paths: resolved against the importing file's directory. */
function isRelative(specifier: string): boolean {
  return /^\.\.?(\/|$)/.test(specifier) || specifier.startsWith('/');
}

const MAX_MANIFEST_BYTES = 4 * MIB;
const CONDITIONS = ['source', 'types', 'import', 'module', 'node', 'require', 'default'];

/** The files an `exports` map names for a subpath, most source-like condition first. */
function exportTargets(exports: unknown, subpath: string): string[] {
  if (exports === undefined || exports === null) return [];
  if (typeof exports === 'string') return subpath === '.' ? [exports] : [];
  if (Array.isArray(exports)) return exports.flatMap((item) => exportTargets(item, subpath));
  if (typeof exports !== 'object') return [];
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.length > 0 && keys.every((key) => !key.startsWith('.'))) return conditionTargets(map);
  const exact = map[subpath];
  if (exact !== undefined) return conditionTargets(exact);
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const [head, tail] = [key.slice(0, star), key.slice(star + 1)];
    if (!subpath.startsWith(head) || !subpath.endsWith(tail)) continue;
    const matched = subpath.slice(head.length, subpath.length - tail.length);
    return conditionTargets(map[key]).map((target) => target.replace('*', matched));
  }
  return [];
}

function conditionTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => conditionTargets(item));
  if (!value || typeof value !== 'object') return [];
  const map = value as Record<string, unknown>;
  return [
    ...CONDITIONS.filter((key) => key in map),
    ...Object.keys(map).filter((key) => !CONDITIONS.includes(key)),
  ].flatMap((key) => conditionTargets(map[key]));
}

/** A manifest target as the source files it may stand for: itself, its `.ts` twin, `dist/` mapped to `src/`. */
function sourceCandidates(target: string): string[] {
  const stem = target.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '');
  const stems = [stem, stem.replace(/(^|\/)(dist|build|lib|out)(\/|$)/, '$1src$3')];
  const candidates = [target];
  for (const base of stems) {
    for (const extension of ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'])
      candidates.push(`${base}${extension}`, `${base}/index${extension}`);
  }
  return candidates.map((candidate) => candidate.replace(/^\.\//, ''));
}
