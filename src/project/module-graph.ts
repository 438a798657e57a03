import type { FileFacts } from '../engine/types.js';

/** One module importing another, resolved to project files. */
export interface ModuleEdge {
  from: string;
  to: string;
  /**
   * Loads nothing at run time: `import type`, type-only re-exports, and static imports whose
   * bindings only appear in type positions (TypeScript erases them).
   */
  typeOnly: boolean;
}

/**
 * The project's module graph, built from the per-file records and the one resolver: who imports
 * whom, and which modules a program that loads one module also loads. Owned by the project
 * index as a derived view: rebuilt when any file's facts change, never stale across an edit.
 */
export class ModuleGraph {
  private readonly outgoing = new Map<string, ModuleEdge[]>();
  private readonly incoming = new Map<string, ModuleEdge[]>();
  private readonly loaderMemo = new Map<string, ReadonlySet<string>>();

  constructor(
    files: ReadonlyMap<string, FileFacts>,
    resolve: (fromFile: string, specifier: string) => string | undefined,
  ) {
    for (const [file, facts] of files) {
      for (const edge of edgesOf(facts, resolve)) {
        if (edge.to === file) continue;
        push(this.outgoing, file, edge);
        push(this.incoming, edge.to, edge);
      }
    }
  }

  /** Modules `file` imports (value imports only, unless `includeTypes`). */
  importees(file: string, includeTypes = false): string[] {
    return unique(
      (this.outgoing.get(file) ?? []).filter((edge) => includeTypes || !edge.typeOnly).map((edge) => edge.to),
    );
  }

  /** Modules that import `file` (value imports only, unless `includeTypes`). */
  importers(file: string, includeTypes = false): string[] {
    return unique(
      (this.incoming.get(file) ?? []).filter((edge) => includeTypes || !edge.typeOnly).map((edge) => edge.from),
    );
  }

  /** Every module whose loading loads `file` through value imports, `file` itself included. */
  loadersOf(file: string): ReadonlySet<string> {
    const memo = this.loaderMemo.get(file);
    if (memo) return memo;
    const seen = new Set<string>([file]);
    const queue = [file];
    // Iterative on purpose: import chains thousands of modules long must not exhaust the stack.
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const edge of this.incoming.get(next) ?? []) {
        if (edge.typeOnly || seen.has(edge.from)) continue;
        seen.add(edge.from);
        queue.push(edge.from);
      }
    }
    this.loaderMemo.set(file, seen);
    return seen;
  }

  /** Modules that load both `a` and `b` (each through value imports), that `accept` keeps. */
  commonLoaders(a: string, b: string, accept: (file: string) => boolean = () => true): string[] {
    const loadersOfB = this.loadersOf(b);
    return [...this.loadersOf(a)].filter((file) => loadersOfB.has(file) && accept(file)).sort(compareLoaders);
  }
}

/** One edge per import statement and target: a value edge when any binding of it loads at run time. */
function edgesOf(facts: FileFacts, resolve: (fromFile: string, specifier: string) => string | undefined): ModuleEdge[] {
  const byTarget = new Map<string, ModuleEdge>();
  const add = (specifier: string, typeOnly: boolean) => {
    const to = resolve(facts.file, specifier);
    if (!to) return;
    const known = byTarget.get(to);
    if (known) known.typeOnly &&= typeOnly;
    else byTarget.set(to, { from: facts.file, to, typeOnly });
  };
  for (const fact of facts.imports) add(fact.specifier, fact.typeOnly || !fact.usedAsValue);
  for (const fact of facts.exports) if (fact.from) add(fact.from, fact.typeOnly === true);
  return [...byTarget.values()];
}

function push(map: Map<string, ModuleEdge[]>, key: string, edge: ModuleEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

function unique(files: string[]): string[] {
  return [...new Set(files)];
}

/** Shallow paths first (an app's entry before its deep modules), then by name. */
function compareLoaders(a: string, b: string): number {
  const depth = a.split('/').length - b.split('/').length;
  return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
}
