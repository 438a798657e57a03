import path from 'node:path';
import type { FileFacts } from '../engine/types.js';

/**
 * Python module resolution over the project's files: `from ..models import User` relative to the
 * importing module's package, `import app.core.security` from the directories Python would have on
 * its path. Those are the project root, `src/` (the src layout), and any folder above the importing
 * file that is not itself a package (`backend/` of `backend/app/main.py`, where the service runs).
 * A package folder (one with `__init__.py`) is never a root: `import jwt` beside an `app/core/jwt.py`
 * is PyJWT, not that module.
 */
export class PythonResolver {
  private readonly resolved = new Map<string, string | null>();

  constructor(private readonly projectFiles: ReadonlySet<string>) {}

  resolve(fromFile: string, specifier: string): string | undefined {
    const directory = path.posix.dirname(fromFile);
    const key = `${directory}\0${specifier}`;
    let result = this.resolved.get(key);
    if (result === undefined) {
      result =
        (specifier.startsWith('.')
          ? this.resolveRelative(directory, specifier)
          : this.resolveAbsolute(directory, specifier)) ?? null;
      this.resolved.set(key, result);
    }
    return result ?? undefined;
  }

  private resolveRelative(directory: string, specifier: string): string | undefined {
    const dots = /^\.+/.exec(specifier)![0].length;
    let base = directory === '.' ? '' : directory;
    for (let level = 1; level < dots; level++) {
      if (base === '') return undefined;
      base = path.posix.dirname(base).replace(/^\.$/, '');
    }
    const rest = specifier.slice(dots).split('.').filter(Boolean).join('/');
    return this.moduleFile([base, rest].filter(Boolean).join('/'));
  }

  private resolveAbsolute(directory: string, specifier: string): string | undefined {
    const modulePath = specifier.split('.').join('/');
    for (const root of this.rootsFor(directory)) {
      const found = this.moduleFile(root ? `${root}/${modulePath}` : modulePath);
      if (found) return found;
    }
    return undefined;
  }

  /** The project root and `src/`, then the non-package folders above the importing file, outermost first, each with its `src/`. */
  private rootsFor(directory: string): string[] {
    const ancestors: string[] = [];
    for (
      let current = directory === '.' ? '' : directory;
      current !== '';
      current = path.posix.dirname(current).replace(/^\.$/, '')
    )
      if (!this.projectFiles.has(`${current}/__init__.py`)) ancestors.unshift(current);
    return ['', 'src', ...ancestors.flatMap((ancestor) => [ancestor, `${ancestor}/src`])];
  }

  private moduleFile(modulePath: string): string | undefined {
    if (modulePath === '') return undefined;
    for (const candidate of [`${modulePath}.py`, `${modulePath}/__init__.py`])
      if (this.projectFiles.has(candidate)) return candidate;
    return undefined;
  }
}

/**
 * `from app.core import security` takes a submodule as much as a name: each package's
 * `__init__.py` is given the names of its submodules as exports (type-only: importing a package
 * does not load its submodules), so the call graph follows `security.verify(...)` into
 * `app/core/security.py`. Added to copies of the records, never to what the cache stores.
 */
export function withPackageSubmodules(files: Map<string, FileFacts>): void {
  const submodules = new Map<string, string[]>();
  for (const file of files.keys()) {
    const match = /^(?:(.*)\/)?([A-Za-z_]\w*)(?:\.py|\/__init__\.py)$/.exec(file);
    if (!match || match[2] === '__init__') continue;
    const init = match[1] ? `${match[1]}/__init__.py` : undefined;
    if (init && init !== file && files.has(init)) submodules.set(init, [...(submodules.get(init) ?? []), match[2]!]);
  }
  for (const [init, names] of submodules) {
    const facts = files.get(init)!;
    const missing = names.filter((name) => !facts.exports.some((fact) => fact.exported === name));
    if (missing.length === 0) continue;
    files.set(init, {
      ...facts,
      exports: [
        ...facts.exports,
        ...missing.map((name) => ({ exported: name, from: `.${name}`, imported: '*', typeOnly: true })),
      ],
    });
  }
}

/**
 * The dotted module path to import `target` by from `fromFile`: the shortest one that resolves to
 * it (`app.services.user_execution_context`, not `src.app.services…` under a src layout).
 */
export function pythonModuleSpecifier(
  resolve: (fromFile: string, specifier: string) => string | undefined,
  fromFile: string,
  target: string,
): string | undefined {
  const parts = target.replace(/(\/__init__)?\.py$/, '').split('/');
  for (let start = parts.length - 1; start >= 0; start--) {
    const candidate = parts.slice(start).join('.');
    if (resolve(fromFile, candidate) === target) return candidate;
  }
  return undefined;
}
