import path from 'node:path';
import type ts from 'typescript';
import type { TypeScript } from '../engine/syntax.js';
import { MIB, readRegularFile } from '../io/read-bounded.js';
import { PythonResolver } from './python-resolver.js';

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
  private readonly caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  private readonly resolved = new Map<string, string | null>();
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
  ) {
    this.workspacePackages = readWorkspacePackages(root, packageDirectories);
    for (const file of projectFiles) {
      for (let directory = path.posix.dirname(file); directory !== '.'; directory = path.posix.dirname(directory)) {
        if (this.projectDirectories.has(directory)) break;
        this.projectDirectories.add(directory);
      }
    }
    const sys = ts.sys;
    const inProject = (absolute: string): string | undefined => {
      const relative = path.relative(root, absolute).split(path.sep).join('/');
      return relative.startsWith('..') || path.isAbsolute(relative) || relative.split('/').includes('node_modules')
        ? undefined
        : relative;
    };
    this.host = {
      fileExists: (file) => {
        const relative = inProject(file);
        return relative !== undefined && projectFiles.has(relative) ? true : sys.fileExists(file);
      },
      directoryExists: (directory) => {
        const relative = inProject(directory);
        if (relative !== undefined && (relative === '' || this.projectDirectories.has(relative))) return true;
        return sys.directoryExists?.(directory) ?? false;
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

  /** Relative path of the project file `specifier` resolves to from `fromFile`, or undefined (a package, or unresolvable). */
  resolve(fromFile: string, specifier: string): string | undefined {
    if (fromFile.endsWith('.py'))
      return (this.python ??= new PythonResolver(this.projectFiles)).resolve(fromFile, specifier);
    const key = `${path.posix.dirname(fromFile)}\0${specifier}`;
    let result = this.resolved.get(key);
    if (result === undefined) {
      result = this.resolveUncached(fromFile, specifier) ?? this.resolveWorkspacePackage(specifier) ?? null;
      this.resolved.set(key, result);
    }
    return result ?? undefined;
  }

  private resolveUncached(fromFile: string, specifier: string): string | undefined {
    const options = this.optionsFor(fromFile);
    const containingFile = path.join(this.root, fromFile);
    let cache = this.caches.get(options);
    if (!cache) {
      cache = this.ts.createModuleResolutionCache(this.root, (name) => name, options);
      this.caches.set(options, cache);
    }
    const resolution = this.ts.resolveModuleName(specifier, containingFile, options, this.host, cache).resolvedModule;
    if (!resolution || resolution.isExternalLibraryImport) return undefined;
    const relative = path.relative(this.root, resolution.resolvedFileName).split(path.sep).join('/');
    return this.projectFiles.has(relative) ? relative : undefined;
  }

  private optionsFor(file: string): ts.CompilerOptions {
    const directory = this.tsconfigDirectories.find(
      (candidate) => candidate === '' || file.startsWith(`${candidate}/`),
    );
    const tsconfig = directory === undefined ? '' : path.posix.join(directory, 'tsconfig.json');
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
