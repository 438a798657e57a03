import type { ProjectIndex } from '../project/project-index.js';

/**
 * Which files make up the auth core. Declared (config or the `auth-core` convention) applies
 * to the whole project. Otherwise each workspace package whose JWT primitives all sit in one
 * module gets that module as its de-facto core, so a plain app with one auth module is clean.
 */
export interface AuthCoreView {
  declared: boolean;
  isCore(file: string): boolean;
  /** How to name the core in a message about `file`. */
  describe(file: string): string | undefined;
  /** Without a declared core: production modules using JWT primitives, per package. */
  jwtModulesByPackage: Map<string, string[]>;
}

export function buildAuthCoreView(index: ProjectIndex): AuthCoreView {
  const declared = index.hasDeclaredAuthCore();
  const jwtModulesByPackage = new Map<string, string[]>();
  for (const file of index.files.keys()) {
    if (index.isTestFile(file) || index.isIgnoredFile(file) || index.jwtUses(file).length === 0) continue;
    const owner = index.packageOf(file);
    jwtModulesByPackage.set(owner, [...(jwtModulesByPackage.get(owner) ?? []), file]);
  }
  if (declared) {
    const coreFiles = [...index.files.keys()].filter((file) => index.isConfiguredAuthCore(file));
    const description =
      index.config.authCore.length > 0
        ? coreFiles.length === 1
          ? coreFiles[0]!
          : index.config.authCore.join(', ')
        : conventionCoreLocation(coreFiles);
    return {
      declared,
      isCore: (file) => index.isConfiguredAuthCore(file),
      describe: () => description,
      jwtModulesByPackage,
    };
  }
  const deFacto = new Map<string, string>();
  for (const [owner, modules] of jwtModulesByPackage) if (modules.length === 1) deFacto.set(owner, modules[0]!);
  return {
    declared,
    isCore: (file) => deFacto.get(index.packageOf(file)) === file,
    describe: (file) => deFacto.get(index.packageOf(file)),
    jwtModulesByPackage,
  };
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
