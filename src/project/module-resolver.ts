import path from 'node:path';
import type ts from 'typescript';
import type { TypeScript } from '../facts/extract-facts.js';

/**
 * Resolves import specifiers to project files with TypeScript's own resolver, so tsconfig
 * `paths`, `baseUrl`, `.js`-suffixed imports of `.ts` files and index files work as they do for tsc.
 * Each file uses the options of its nearest tsconfig.json.
 */
export class ModuleResolver {
  private readonly optionsByTsconfig = new Map<string, ts.CompilerOptions>();
  private readonly caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  private readonly resolved = new Map<string, string | null>();
  private readonly tsconfigDirectories: string[];

  constructor(
    private readonly ts: TypeScript,
    private readonly root: string,
    /** Relative tsconfig.json paths found in the project. */
    tsconfigs: readonly string[],
    /** Relative paths of the files in the audit: resolution outside them is ignored. */
    private readonly projectFiles: ReadonlySet<string>,
  ) {
    this.tsconfigDirectories = tsconfigs
      .map((file) => path.posix.dirname(file).replace(/^\.$/, ''))
      .sort((a, b) => b.length - a.length);
  }

  /** Relative path of the project file `specifier` resolves to from `fromFile`, or undefined (a package, or unresolvable). */
  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${path.posix.dirname(fromFile)}\0${specifier}`;
    let result = this.resolved.get(key);
    if (result === undefined) {
      result = this.resolveUncached(fromFile, specifier) ?? null;
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
    const resolution = this.ts.resolveModuleName(specifier, containingFile, options, this.ts.sys, cache).resolvedModule;
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
    const parsed = t.parseJsonConfigFileContent(config, t.sys, path.dirname(file), undefined, file);
    const options = { ...parsed.options, allowJs: true, noEmit: true };
    if (options.moduleResolution === undefined || options.moduleResolution === t.ModuleResolutionKind.Classic) {
      options.moduleResolution = t.ModuleResolutionKind.Bundler;
      options.module = t.ModuleKind.ESNext;
    }
    return options;
  }
}
