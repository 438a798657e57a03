import { AUTH_CORE_PACKAGE, isAuthCorePackage } from '../engine/jwt-libraries.js';
import type { ProjectIndex } from '../project/project-index.js';

/** The module taken as the auth core when none is declared, and why. */
export interface InferredCore {
  file: string;
  /** Why this module, in a few words: "the only module that uses JWT primitives", "the most imported verifier…". */
  reason: string;
  /** The only JWT module of the repository: then it simply is the core, and nothing is reported. */
  sole: boolean;
}

/**
 * Which files make up the auth core. Declared (config or the `auth-core` convention) applies to
 * the whole project. Without one, a project whose code imports the `@ssot-lint/auth-core` package
 * has its core there: no file of the project is the core, and every JWT use is a second path.
 * Otherwise the repository's JWT modules decide: one module is the core and
 * nothing is reported; with several, every use is a path of its own, and the module that looks
 * most like a core (it verifies, branches on no environment, has no bypass, most modules load it) is
 * proposed, so the messages, the notes and `ssot init` name the same module.
 */
export interface AuthCoreView {
  declared: boolean;
  isCore(file: string): boolean;
  /** How to name the core in a message about `file`. */
  describe(file: string): string | undefined;
  /** Without a declared core: the production modules that use JWT primitives, repository-wide. */
  jwtModules: string[];
  /** Without a declared core: the module proposed as the core (absent when no module uses JWTs). */
  inferred: InferredCore | undefined;
  /** The auth core package, when the project's core is that package (it declares none of its own). */
  corePackage?: { name: string; importers: string[] };
}

export function buildAuthCoreView(index: ProjectIndex): AuthCoreView {
  const jwtModules = [...index.files.keys()]
    .filter((file) => !index.isTestFile(file) && !index.isIgnoredFile(file) && index.jwtUses(file).length > 0)
    .sort();
  if (index.hasDeclaredAuthCore()) {
    const coreFiles = [...index.files.keys()].filter((file) => index.isConfiguredAuthCore(file));
    const description =
      index.config.authCore.length > 0
        ? coreFiles.length === 1
          ? coreFiles[0]!
          : index.config.authCore.join(', ')
        : conventionCoreLocation(coreFiles);
    return {
      declared: true,
      isCore: (file) => index.isConfiguredAuthCore(file),
      describe: () => description,
      jwtModules,
      inferred: undefined,
    };
  }
  const importers = corePackageImporters(index);
  if (importers.length > 0)
    return {
      declared: true,
      isCore: () => false,
      describe: () => AUTH_CORE_PACKAGE,
      jwtModules,
      inferred: undefined,
      corePackage: { name: AUTH_CORE_PACKAGE, importers },
    };
  const inferred = inferCore(index, jwtModules);
  return {
    declared: false,
    isCore: (file) => inferred?.sole === true && inferred.file === file,
    describe: () => inferred?.file,
    jwtModules,
    inferred,
  };
}

/** Production modules that load the auth core package at run time (type-only imports load nothing). */
function corePackageImporters(index: ProjectIndex): string[] {
  return [...index.files.values()]
    .filter(
      (facts) =>
        !index.isTestFile(facts.file) &&
        !index.isIgnoredFile(facts.file) &&
        facts.imports.some((fact) => isAuthCorePackage(fact.specifier) && fact.usedAsValue),
    )
    .map((facts) => facts.file)
    .sort();
}

/**
 * The module that looks most like an auth core: it verifies (decoding alone is no core), it
 * neither branches on the environment nor carries a bypass or a fallback secret (the seeds'
 * four-fallback extractor is the worst candidate, not the best), and most modules import it.
 */
export function inferCore(index: ProjectIndex, jwtModules: readonly string[]): InferredCore | undefined {
  if (jwtModules.length === 0) return undefined;
  if (jwtModules.length === 1)
    return { file: jwtModules[0]!, reason: 'the only module that uses JWT primitives', sole: true };
  const graph = index.moduleGraph();
  const candidates = jwtModules.map((file) => {
    const facts = index.files.get(file)!;
    return {
      file,
      verifies: index.jwtUses(file).filter((use) => use.kind === 'verify').length,
      branches: facts.envConditions.length + facts.bypasses.length,
      importers: graph.importers(file).length,
      // How much of the program loads it: a core sits under every entry point, a helper under few.
      loaders: graph.loadersOf(file).size,
    };
  });
  const best = candidates.sort(
    (a, b) =>
      Number(b.verifies > 0) - Number(a.verifies > 0) ||
      a.branches - b.branches ||
      b.loaders - a.loaders ||
      b.importers - a.importers ||
      b.verifies - a.verifies ||
      a.file.length - b.file.length ||
      (a.file < b.file ? -1 : 1),
  )[0]!;
  const traits = [
    best.verifies > 0 ? `verifies tokens (${best.verifies} call${best.verifies === 1 ? '' : 's'})` : 'decodes tokens',
    best.branches === 0
      ? 'no environment branch or bypass'
      : `the fewest environment branches and bypasses (${best.branches})`,
    `loaded by ${best.loaders - 1} module${best.loaders === 2 ? '' : 's'}`,
  ];
  return { file: best.file, reason: `of ${jwtModules.length} JWT modules, it ${traits.join(', ')}`, sole: false };
}

/** `src/auth-core/` for a folder found by convention, the file itself for `auth-core.ts`. */
function conventionCoreLocation(coreFiles: string[]): string {
  const first = coreFiles[0];
  if (!first) return 'auth-core';
  const segments = first.split('/');
  const position = segments.findIndex((segment) => /^auth[-_]?core$/i.test(segment));
  return position >= 0 ? `${segments.slice(0, position + 1).join('/')}/` : first;
}

/** The auth-core view of an index, computed once and kept until a file changes. */
export function authCoreViewOf(index: ProjectIndex): AuthCoreView {
  return index.derived('authCore', () => buildAuthCoreView(index));
}
