import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/load-config.js';
import type { TypeScript } from '../engine/extract-facts.js';
import { isAuthPath } from '../engine/naming.js';
import { jwtLibrary, primitiveFor } from '../engine/jwt-libraries.js';
import type { ClassFact, FileFacts, JwtUseFact } from '../engine/types.js';
import type { SkippedFile } from '../model.js';
import { isTestFile, testFilesOf } from './discover-files.js';
import { firstFound, type SearchStep } from './first-found.js';
import { ModuleGraph } from './module-graph.js';
import { ModuleResolver } from './module-resolver.js';

/** A name as one module exports it: a step of a re-export chain. */
interface ExportedName {
  file: string;
  name: string;
}

interface JwtBinding {
  module: string;
  path: string[];
}

/** A module to search, or a JWT library the chain reached. */
type JwtSearchNode = ExportedName | { binding: JwtBinding };

/** Where a symbol's single source of truth lives. */
export interface CanonicalLocation {
  file: string;
  line: number;
  column: number;
  /** How it was declared canonical. */
  source: 'config' | 'jsdoc';
}

/** A class declaration with its file, for cross-file queries. */
export interface ClassDeclaration extends ClassFact {
  file: string;
}

export interface ProjectIndexInit {
  typescript: TypeScript;
  config: ResolvedConfig;
  files: Map<string, FileFacts>;
  skipped: SkippedFile[];
  packageDirectories: string[];
  tsconfigs: string[];
  notes?: string[];
  /** Import resolutions a run on the same files and settings made (see `ModuleResolver.answers`). */
  knownResolutions?: ReadonlyMap<string, string | null>;
}

/**
 * The whole project as facts: built once, then only queried. Derived views (classes by
 * name, canonical map) are computed on first use and dropped when a file changes, which
 * is what the ESLint plugin does between lint runs.
 */
export class ProjectIndex {
  readonly root: string;
  readonly config: ResolvedConfig;
  readonly files: Map<string, FileFacts>;
  readonly skipped: SkippedFile[];
  readonly notes: string[];
  private readonly typescript: TypeScript;
  private readonly packageDirectories: string[];
  private readonly tsconfigs: string[];
  private resolver: ModuleResolver | undefined;
  private knownResolutions: ReadonlyMap<string, string | null> | undefined;
  private classesByNameView: Map<string, ClassDeclaration[]> | undefined;
  private canonicalView: Map<string, CanonicalLocation> | undefined;
  private readonly derivedViews = new Map<string, unknown>();
  private readonly isAuthCoreGlob: (file: string) => boolean;
  private readonly isAuthGlob: ((file: string) => boolean) | undefined;
  private readonly isIgnored: (file: string) => boolean;

  constructor(init: ProjectIndexInit) {
    this.typescript = init.typescript;
    this.config = init.config;
    this.root = init.config.root;
    this.files = init.files;
    this.skipped = init.skipped;
    this.notes = init.notes ?? [];
    this.packageDirectories = [...init.packageDirectories].sort((a, b) => b.length - a.length);
    this.tsconfigs = init.tsconfigs;
    this.knownResolutions = init.knownResolutions;
    this.isAuthCoreGlob =
      init.config.authCore.length > 0 ? picomatch(init.config.authCore, { dot: true }) : isAuthCoreByConvention;
    this.isAuthGlob = init.config.authGlobs ? picomatch(init.config.authGlobs, { dot: true }) : undefined;
    this.isIgnored = init.config.ignore.length > 0 ? picomatch(init.config.ignore, { dot: true }) : () => false;
  }

  /**
   * Replaces (or adds) one file's facts; derived views are rebuilt on next use. Linting an
   * unchanged file changes nothing, so a whole-project ESLint run builds the views once.
   */
  updateFile(facts: FileFacts): void {
    const previous = this.files.get(facts.file);
    if (previous && JSON.stringify(previous) === JSON.stringify(facts)) return;
    this.files.set(facts.file, facts);
    this.invalidate(!previous);
  }

  /** A view computed from the facts once and kept until a file changes. */
  derived<T>(key: string, compute: () => T): T {
    if (!this.derivedViews.has(key)) this.derivedViews.set(key, compute());
    return this.derivedViews.get(key) as T;
  }

  removeFile(file: string): void {
    if (this.files.delete(file)) this.invalidate(true);
  }

  private invalidate(fileSetChanged: boolean): void {
    this.classesByNameView = undefined;
    this.canonicalView = undefined;
    this.derivedViews.clear();
    if (fileSetChanged) {
      this.resolver = undefined;
      this.knownResolutions = undefined;
    }
  }

  /** Files excluded by the config's `ignore` globs (the plugin sees every file ESLint lints). */
  isIgnoredFile(file: string): boolean {
    return this.isIgnored(file);
  }

  /** Test files by convention, less those that production code imports (see `testFilesOf`). */
  isTestFile(file: string): boolean {
    if (!isTestFile(file)) return false;
    const tests = this.derived('testFiles', () => {
      const graph = this.moduleGraph();
      return testFilesOf(this.files.keys(), (from) => graph.importees(from));
    });
    return tests.has(file);
  }

  /** The workspace package (directory holding a package.json, '' for the root) a file belongs to. */
  packageOf(file: string): string {
    return this.packageDirectories.find((directory) => directory === '' || file.startsWith(`${directory}/`)) ?? '';
  }

  /** Whether the config (or, without config, the `auth-core` naming convention) makes this file part of the auth core. */
  isConfiguredAuthCore(file: string): boolean {
    return this.isAuthCoreGlob(file);
  }

  /** Whether the auth core is named by config or found by convention anywhere in the project. */
  hasDeclaredAuthCore(): boolean {
    if (this.config.authCore.length > 0) return true;
    for (const file of this.files.keys()) if (isAuthCoreByConvention(file)) return true;
    return false;
  }

  /** Auth code for no-env-branching-auth: `authGlobs` (or the naming convention) and the auth core. */
  isAuthFile(file: string): boolean {
    if (this.isConfiguredAuthCore(file)) return true;
    return this.isAuthGlob ? this.isAuthGlob(file) : isAuthPath(file);
  }

  resolveImport(fromFile: string, specifier: string): string | undefined {
    this.resolver ??= new ModuleResolver(
      this.typescript,
      this.root,
      this.tsconfigs,
      new Set(this.files.keys()),
      this.packageDirectories,
      this.knownResolutions,
    );
    return this.resolver.resolve(fromFile, specifier);
  }

  /** The import resolutions made so far, for the facts cache to keep. */
  resolutions(): ReadonlyMap<string, string | null> {
    return this.resolver?.answers ?? new Map();
  }

  /** The module graph over every file's imports, with type-only edges marked; rebuilt when a file changes. */
  moduleGraph(): ModuleGraph {
    return this.derived(
      'moduleGraph',
      () => new ModuleGraph(this.files, (from, specifier) => this.resolveImport(from, specifier)),
    );
  }

  /** Exported top-level class declarations by name, production code only. */
  classesByName(): Map<string, ClassDeclaration[]> {
    if (!this.classesByNameView) {
      const view = new Map<string, ClassDeclaration[]>();
      for (const [file, facts] of this.files) {
        if (this.isTestFile(file) || this.isIgnored(file)) continue;
        for (const declaration of facts.classes) {
          // A class its module does not export cannot be imported by mistake: it is private, not a copy.
          const exported = declaration.exported || facts.exports.some((fact) => fact.local === declaration.name);
          if (!exported) continue;
          const list = view.get(declaration.name) ?? [];
          list.push({ ...declaration, file });
          view.set(declaration.name, list);
        }
      }
      this.classesByNameView = view;
    }
    return this.classesByNameView;
  }

  /** Symbol name -> canonical declaration: the config map first, then `@canonical` tags. */
  canonical(): Map<string, CanonicalLocation> {
    if (!this.canonicalView) {
      const view = new Map<string, CanonicalLocation>();
      for (const [file, facts] of this.files) {
        for (const declaration of [
          ...facts.classes.filter((item) => item.canonicalTag),
          ...facts.canonicalDeclarations,
        ]) {
          if (!view.has(declaration.name))
            view.set(declaration.name, {
              file,
              line: declaration.span.line,
              column: declaration.span.column,
              source: 'jsdoc',
            });
        }
      }
      for (const [name, configured] of Object.entries(this.config.canonical)) {
        const file = normaliseRelative(configured);
        const declaration =
          this.files.get(file)?.classes.find((item) => item.name === name) ??
          this.files.get(file)?.canonicalDeclarations.find((item) => item.name === name);
        view.set(name, {
          file,
          line: declaration?.span.line ?? 1,
          column: declaration?.span.column ?? 1,
          source: 'config',
        });
      }
      this.canonicalView = view;
    }
    return this.canonicalView;
  }

  /**
   * The file that finally declares `name` as exported by `file`, following re-exports and
   * barrels; undefined when the chain leaves the project or cannot be followed.
   */
  originOf(file: string, name: string): string | undefined {
    return firstFound<ExportedName, string>(
      { file, name },
      (node) => `${node.file}\0${node.name}`,
      (node) => this.originStep(node.file, node.name),
    );
  }

  /** One module of `originOf`'s search: the answer here, or the modules the name comes from. */
  private originStep(file: string, name: string): SearchStep<ExportedName, string> {
    const facts = this.files.get(file);
    if (!facts) return { found: undefined };
    if (name === 'default' && facts.defaultExportName) {
      const local = facts.defaultExportName;
      if (
        facts.classes.some((item) => item.name === local) ||
        facts.canonicalDeclarations.some((item) => item.name === local)
      )
        return { found: file };
      return this.originStepOfLocal(facts, local);
    }
    if (
      facts.classes.some((item) => item.name === name && item.exported) ||
      facts.canonicalDeclarations.some((item) => item.name === name)
    )
      return { found: file };
    for (const fact of facts.exports) {
      if (fact.exported !== name) continue;
      if (fact.from && fact.imported && fact.imported !== '*') {
        const target = this.resolveImport(file, fact.from);
        return target ? { tryInOrder: [{ file: target, name: fact.imported }] } : { found: undefined };
      }
      if (fact.local) return this.originStepOfLocal(facts, fact.local);
    }
    const starTargets = function* (index: ProjectIndex): Generator<ExportedName> {
      for (const fact of facts.exports) {
        if (fact.exported !== '*' || !fact.from) continue;
        const target = index.resolveImport(file, fact.from);
        if (target) yield { file: target, name };
      }
    };
    // A module that declares but does not export the name still "has" it (CommonJS, scripts).
    const declaredHere = facts.classes.some((item) => item.name === name) ? file : undefined;
    return { tryInOrder: starTargets(this), ...(declaredHere ? { otherwise: declaredHere } : {}) };
  }

  /** A local name in `facts`: declared there, or imported from elsewhere. */
  private originStepOfLocal(facts: FileFacts, local: string): SearchStep<ExportedName, string> {
    if (facts.classes.some((item) => item.name === local)) return { found: facts.file };
    const imported = facts.imports.find((item) => item.local === local && item.kind !== 're-export');
    if (!imported || imported.imported === '*') return { found: undefined };
    const target = this.resolveImport(facts.file, imported.specifier);
    return target ? { tryInOrder: [{ file: target, name: imported.imported }] } : { found: undefined };
  }

  /**
   * The JWT primitives a file uses: those bound directly to a library, plus uses of project
   * modules that re-export a library (`export { verify } from 'jsonwebtoken'` in a barrel).
   */
  jwtUses(file: string): JwtUseFact[] {
    const facts = this.files.get(file);
    if (!facts) return [];
    if (facts.jwtCandidates.length === 0) return facts.jwtUses;
    return this.derived(`jwtUses:${file}`, () => {
      const resolved: JwtUseFact[] = [];
      for (const candidate of facts.jwtCandidates) {
        const target = this.resolveImport(file, candidate.specifier);
        if (!target) continue;
        const exportedName = candidate.imported === '*' ? candidate.member! : candidate.imported;
        const binding = this.jwtBindingOf(target, exportedName);
        if (!binding) continue;
        const path =
          candidate.imported !== '*' && candidate.member !== undefined
            ? [...binding.path, candidate.member]
            : binding.path;
        const primitive = primitiveFor(binding.module, path);
        if (primitive)
          resolved.push({
            primitive: primitive.name,
            kind: primitive.kind,
            span: candidate.span,
            ...(candidate.enclosing ? { enclosing: candidate.enclosing } : {}),
          });
      }
      return [...facts.jwtUses, ...resolved].sort((a, b) => a.span.start - b.span.start);
    });
  }

  /** The JWT-library member a project module exports under `name`, following re-exports. */
  private jwtBindingOf(file: string, name: string): JwtBinding | undefined {
    return firstFound<JwtSearchNode, JwtBinding>(
      { file, name },
      (node) =>
        'binding' in node ? `\0${node.binding.module}\0${node.binding.path.join('.')}` : `${node.file}\0${node.name}`,
      (node) => ('binding' in node ? { found: node.binding } : this.jwtBindingStep(node.file, node.name)),
    );
  }

  private jwtBindingStep(file: string, name: string): SearchStep<JwtSearchNode, JwtBinding> {
    const facts = this.files.get(file);
    if (!facts) return { found: undefined };
    const fromSpecifier = (specifier: string, imported: string): JwtSearchNode | undefined => {
      const library = jwtLibrary(specifier);
      if (library)
        return {
          binding: {
            module: library.module,
            path: imported === 'default' ? library.defaultPath : imported === '*' ? [] : [imported],
          },
        };
      const target = this.resolveImport(file, specifier);
      return target ? { file: target, name: imported } : undefined;
    };
    const only = (node: JwtSearchNode | undefined): SearchStep<JwtSearchNode, JwtBinding> =>
      node ? { tryInOrder: [node] } : { found: undefined };
    for (const fact of facts.exports) {
      if (fact.exported !== name) continue;
      if (fact.from) return only(fromSpecifier(fact.from, fact.imported ?? name));
      if (fact.local) {
        const imported = facts.imports.find((item) => item.local === fact.local && item.kind !== 're-export');
        return only(imported && fromSpecifier(imported.specifier, imported.imported));
      }
    }
    const starExports = function* (): Generator<JwtSearchNode> {
      for (const fact of facts.exports) {
        if (fact.exported !== '*' || !fact.from) continue;
        const node = fromSpecifier(fact.from, name);
        if (node) yield node;
      }
    };
    return { tryInOrder: starExports() };
  }

  totalLines(): number {
    let lines = 0;
    for (const facts of this.files.values()) lines += facts.lines;
    return lines;
  }
}

/** Without config, a path segment named `auth-core`, `auth_core` or `authCore` marks the auth core. */
export function isAuthCoreByConvention(file: string): boolean {
  return file.split('/').some((segment) => /^auth[-_]?core(\.[cm]?[jt]sx?)?$/i.test(segment));
}

export function normaliseRelative(file: string): string {
  return path.posix.normalize(file.replace(/\\/g, '/')).replace(/^\.\//, '');
}
