import { AUTH_CORE_PACKAGE, isAuthCorePackage } from '../engine/jwt-libraries.js';
import type { BypassFact, EnvConditionFact, SecretReadFact } from '../engine/types.js';
import { firstFound, type SearchStep } from '../project/first-found.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { CallFact, CallTarget, ClassGraphFact, FileGraph, FunctionFact, ValueRef } from '../engine/types.js';

const CORE_METHODS = new Set(['authenticate', 'verifyToken']);
const CORE_ADAPTERS = new Set(['withHttpAuth', 'createUpgradeHandler']);
const MAX_DEPTH = 12;

/** A verification or decoding primitive used at one place, or a call into the auth core. */
export interface PrimitiveSite {
  /** `${file}:${start}`. */
  id: string;
  primitive: string;
  kind: 'verify' | 'decode' | 'core';
  file: string;
  line: number;
  column: number;
  start: number;
  /** The function holding the use. */
  node: string;
  inCore: boolean;
}

export interface Edge {
  to: string;
  call: CallFact;
}

export interface GraphNode {
  fact: FunctionFact;
  file: string;
  /** Calls within one unit (a class, or a module's free functions) never split a path. */
  unit: string;
}

interface LoadedFile {
  graph: FileGraph;
  sites: Map<string, PrimitiveSite[]>;
  secretReads: Map<string, SecretReadFact[]>;
  envConditions: Map<string, EnvConditionFact[]>;
  bypasses: Map<string, BypassFact[]>;
}

type Symbol =
  | { kind: 'function'; id: string }
  | { kind: 'class'; file: string; name: string }
  /** `node`: the function its initialiser makes, for a variable that is called (`verifier(token)`). */
  | { kind: 'var'; file: string; ref: ValueRef; node?: string }
  | { kind: 'object'; file: string; name: string }
  | { kind: 'module'; file: string }
  | { kind: 'external'; module: string; name: string };

type Value =
  | { kind: 'function'; id: string }
  | { kind: 'class'; file: string; name: string }
  | { kind: 'instance'; file: string; name: string }
  | { kind: 'module'; file: string }
  | { kind: 'object'; file: string; name: string }
  | { kind: 'core' }
  | { kind: 'core-factory' }
  | { kind: 'core-call'; name: string }
  | { kind: 'external'; module: string; name: string }
  /** What a class inherits from a mixin call (`extends AuthGuard('jwt')`): its initialiser, which makes that call. */
  | { kind: 'mixin'; init: string }
  /** Several providers registered under one injection token (a community and an enterprise guard). */
  | { kind: 'union'; values: Value[] };

/** A step of a name lookup: a module-level name of a file, or a name a file exports. */
interface SymbolQuery {
  kind: 'name' | 'export';
  file: string;
  name: string;
}

interface Context {
  file: string;
  className?: string;
}

/**
 * The project's call graph, built lazily: a file is parsed (for graph facts) only when an entry
 * point lives in it or a call reaches it. Names are resolved with the project index (imports,
 * barrels, tsconfig paths), `this.field` through constructor parameters and field types,
 * instances through `new`, results of calls through declared return types.
 */
export class CallGraph {
  private readonly loaded = new Map<string, LoadedFile | null>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edgeCache = new Map<string, Edge[]>();
  private readonly reachMemo = new Map<string, ReadonlySet<string>>();
  private readonly coreSites = new Map<string, PrimitiveSite[]>();
  private readonly siteById = new Map<string, PrimitiveSite>();
  private strategyIndex: { name: string | undefined; targets: string[] }[] | undefined;
  private readonly providerCache = new Map<string, { file: string; target: ValueRef }[]>();

  constructor(
    readonly index: ProjectIndex,
    private readonly isCoreFile: (file: string) => boolean,
  ) {}

  // ------------------------------------------------------------- loading

  load(file: string): LoadedFile | undefined {
    if (this.loaded.has(file)) return this.loaded.get(file) ?? undefined;
    const facts = this.index.files.get(file);
    if (!facts) {
      this.loaded.set(file, null);
      return undefined;
    }
    const graph = facts.graph;
    const loaded: LoadedFile = {
      graph,
      sites: new Map(),
      secretReads: new Map(),
      envConditions: new Map(),
      bypasses: new Map(),
    };
    const sorted = [...graph.functions].sort((a, b) => a.start - b.start || b.end - a.end);
    const owner = (start: number): string => ownerIn(sorted, start);
    const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
    for (const use of this.index.jwtUses(file)) {
      const node = owner(use.span.start);
      const site: PrimitiveSite = {
        id: `${file}:${use.span.start}`,
        primitive: use.primitive,
        kind: use.kind,
        file,
        line: use.span.line,
        column: use.span.column,
        start: use.span.start,
        node,
        inCore: this.isCoreFile(file),
      };
      push(loaded.sites, node, site);
      this.siteById.set(site.id, site);
    }
    for (const read of facts.secretReads) push(loaded.secretReads, owner(read.span.start), read);
    for (const condition of facts.envConditions) push(loaded.envConditions, owner(condition.span.start), condition);
    for (const bypass of facts.bypasses) push(loaded.bypasses, owner(bypass.span.start), bypass);
    for (const fn of graph.functions)
      this.nodes.set(fn.id, { fact: fn, file, unit: fn.className ? `${file}#${fn.className}` : file });
    this.loaded.set(file, loaded);
    return loaded;
  }

  /** A function that no file declares: a guard named in decorators, resolved in `file`'s scope. */
  addVirtualNode(fact: FunctionFact, file: string): void {
    this.nodes.set(fact.id, { fact, file, unit: fact.id });
  }

  /** The innermost function holding a position of `file`. */
  ownerAt(file: string, start: number): string | undefined {
    const graph = this.load(file)?.graph;
    return graph
      ? ownerIn(
          [...graph.functions].sort((a, b) => a.start - b.start || b.end - a.end),
          start,
        )
      : undefined;
  }

  node(id: string): GraphNode | undefined {
    const known = this.nodes.get(id);
    if (known) return known;
    const file = id.slice(0, id.indexOf('#'));
    this.load(file);
    return this.nodes.get(id);
  }

  site(id: string): PrimitiveSite | undefined {
    return this.siteById.get(id);
  }

  fileGraph(file: string): FileGraph | undefined {
    return this.load(file)?.graph;
  }

  loadedFile(file: string): LoadedFile | undefined {
    return this.load(file);
  }

  /** Every file loaded so far. */
  loadedFiles(): string[] {
    return [...this.loaded.entries()].filter(([, value]) => value !== null).map(([file]) => file);
  }

  // ------------------------------------------------------------- queries

  /** The primitives a function uses itself (JWT library uses it owns, and calls into the auth core). */
  sitesOf(id: string): PrimitiveSite[] {
    const node = this.node(id);
    if (!node) return [];
    this.edges(id);
    return [...(this.loaded.get(node.file)?.sites.get(id) ?? []), ...(this.coreSites.get(id) ?? [])];
  }

  secretReadsOf(id: string): SecretReadFact[] {
    const node = this.node(id);
    return node ? (this.loaded.get(node.file)?.secretReads.get(id) ?? []) : [];
  }

  envConditionsOf(id: string): EnvConditionFact[] {
    const node = this.node(id);
    return node ? (this.loaded.get(node.file)?.envConditions.get(id) ?? []) : [];
  }

  bypassesOf(id: string): BypassFact[] {
    const node = this.node(id);
    return node ? (this.loaded.get(node.file)?.bypasses.get(id) ?? []) : [];
  }

  /** The environment conditions that guard a position, innermost last. */
  gatesAt(file: string, start: number): { condition: EnvConditionFact; branch: 'then' | 'else' | 'after' }[] {
    const loaded = this.load(file);
    if (!loaded) return [];
    const gates: { condition: EnvConditionFact; branch: 'then' | 'else' | 'after'; size: number }[] = [];
    const seen = new Set<number>();
    const conditions = this.index.files.get(file)?.envConditions ?? [];
    for (const region of loaded.graph.regions) {
      if (start < region.start || start >= region.end) continue;
      const condition = conditions[region.envCondition];
      if (!condition || seen.has(region.envCondition)) continue;
      seen.add(region.envCondition);
      gates.push({ condition, branch: region.branch, size: region.end - region.start });
    }
    return gates.sort((a, b) => b.size - a.size).map(({ condition, branch }) => ({ condition, branch }));
  }

  /** Resolved calls out of a function (cached). Calls into the auth core become primitive sites instead. */
  edges(id: string): Edge[] {
    const cached = this.edgeCache.get(id);
    if (cached) return cached;
    const node = this.nodes.get(id) ?? this.node(id);
    const edges: Edge[] = [];
    this.edgeCache.set(id, edges);
    if (!node) return edges;
    const context: Context = { file: node.file, ...(node.fact.className ? { className: node.fact.className } : {}) };
    const seen = new Set<string>();
    for (const call of node.fact.calls) {
      const resolved = this.resolveCall(context, call.target);
      if (resolved.core && !call.reference) {
        const site: PrimitiveSite = {
          id: `${node.file}:${call.start}`,
          primitive: `${AUTH_CORE_PACKAGE}.${resolved.core}`,
          kind: 'core',
          file: node.file,
          line: call.line,
          column: call.column,
          start: call.start,
          node: id,
          inCore: true,
        };
        if (!this.siteById.has(site.id)) {
          this.coreSites.set(id, [...(this.coreSites.get(id) ?? []), site]);
          this.siteById.set(site.id, site);
        }
      }
      for (const target of resolved.targets) {
        if (target === id || seen.has(target)) continue;
        seen.add(target);
        edges.push({ to: target, call });
      }
    }
    // A class's initialiser stands for constructing it (a passport strategy is reached that way): the constructor runs too.
    if (node.fact.kind === 'class-init' && node.fact.className) {
      const constructor =
        methodOf(this.classFact(node.file, node.fact.className), 'constructor') ??
        this.inheritedConstructor(node.file, node.fact.className);
      if (constructor && !seen.has(constructor))
        edges.push({
          to: constructor,
          call: {
            target: { kind: 'node', id: constructor },
            line: node.fact.line,
            column: node.fact.column,
            start: node.fact.start,
            text: 'constructor',
          },
        });
    }
    return edges;
  }

  /** The primitive sites reachable from a function (itself included). Tarjan's SCCs, iteratively, memoised. */
  reach(start: string): ReadonlySet<string> {
    const memo = this.reachMemo.get(start);
    if (memo) return memo;
    let counter = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const frames: { node: string; targets: string[]; next: number }[] = [];
    const open = (node: string) => {
      indexOf.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, targets: this.edges(node).map((edge) => edge.to), next: 0 });
    };
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++]!;
        if (this.reachMemo.has(target)) continue;
        if (!indexOf.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, indexOf.get(target)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== indexOf.get(frame.node)) continue;
      const members: string[] = [];
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
        if (member === frame.node) break;
      }
      const memberSet = new Set(members);
      const sites = new Set<string>();
      for (const member of members) {
        for (const site of this.sitesOf(member)) sites.add(site.id);
        for (const edge of this.edges(member)) {
          if (memberSet.has(edge.to)) continue;
          for (const site of this.reachMemo.get(edge.to) ?? []) sites.add(site);
        }
      }
      for (const member of members) this.reachMemo.set(member, sites);
    }
    return this.reachMemo.get(start)!;
  }

  /** Every function reachable from `starts` (themselves included), breadth first. */
  reachable(starts: readonly string[], limit = 5000): string[] {
    const seen = new Set<string>(starts);
    const queue = [...starts];
    while (queue.length > 0 && seen.size < limit) {
      const current = queue.shift()!;
      for (const edge of this.edges(current)) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    return [...seen];
  }

  /** Shortest call chain from one of `starts` to `goal` (node ids with the call taken into each). */
  chain(starts: readonly string[], goal: string): { node: string; call?: CallFact }[] | undefined {
    const previous = new Map<string, { from: string; call: CallFact } | null>();
    for (const start of starts) previous.set(start, null);
    const queue = [...starts];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (current === goal) break;
      for (const edge of this.edges(current)) {
        if (previous.has(edge.to)) continue;
        // Only through functions that lead somewhere useful keeps chains short on large graphs.
        previous.set(edge.to, { from: current, call: edge.call });
        queue.push(edge.to);
      }
    }
    if (!previous.has(goal)) return undefined;
    const steps: { node: string; call?: CallFact }[] = [];
    for (let current: string | undefined = goal; current !== undefined;) {
      const step = previous.get(current);
      steps.unshift(step ? { node: current, call: step.call } : { node: current });
      current = step?.from;
    }
    return steps;
  }

  // ---------------------------------------------------------- resolution

  resolveCall(context: Context, target: CallTarget): { targets: string[]; core?: string } {
    switch (target.kind) {
      case 'node':
        return { targets: [target.id] };
      case 'strategy':
        return { targets: this.strategyTargets(target.names) };
      case 'new': {
        const value = this.evaluate(context, target.callee, 0);
        return { targets: value?.kind === 'class' ? this.constructionTargets(value.file, value.name) : [] };
      }
      case 'guard': {
        const value = this.evaluate(context, target.callee, 0);
        if (value?.kind !== 'class' && value?.kind !== 'instance') return { targets: [] };
        const canActivate = this.findMethod(value.file, value.name, 'canActivate', 0);
        return {
          targets: [...this.constructionTargets(value.file, value.name), ...(canActivate ? [canActivate] : [])],
        };
      }
      case 'call': {
        const value = this.evaluate(context, target.callee, 0);
        if (!value) return { targets: [] };
        if (value.kind === 'function') return { targets: [value.id] };
        if (value.kind === 'union')
          return { targets: value.values.flatMap((item) => (item.kind === 'function' ? [item.id] : [])) };
        if (value.kind === 'core-call') return { targets: [], core: value.name };
        if (value.kind === 'class' && target.callee.kind === 'member' && target.callee.object.kind === 'super') {
          // `super(...)`: the base class's constructor.
          return { targets: this.constructionTargets(value.file, value.name) };
        }
        return { targets: [] };
      }
    }
  }

  /** What `new X()` runs: X's field initialisers and heritage (the class-init node), which leads on to its constructor. */
  private constructionTargets(file: string, name: string): string[] {
    const found = this.classFact(file, name);
    return found ? [found.init] : [];
  }

  private classFact(file: string, name: string): ClassGraphFact | undefined {
    return this.load(file)?.graph.classes.find((item) => item.name === name);
  }

  /** A method of a class or, failing that, of its project base classes. */
  findMethod(file: string, name: string, member: string, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const found = this.classFact(file, name);
    if (!found) return undefined;
    const own = methodOf(found, member);
    if (own) return own;
    if (!found.extendsName) return undefined;
    const base = this.resolveName(file, found.extendsName, new Set());
    return base?.kind === 'class' ? this.findMethod(base.file, base.name, member, depth + 1) : undefined;
  }

  /** Without a constructor of its own, a class runs its project base class's construction. */
  private inheritedConstructor(file: string, name: string): string | undefined {
    const base = this.classFact(file, name)?.extendsName;
    const symbol = base ? this.resolveName(file, base, new Set()) : undefined;
    return symbol?.kind === 'class' ? this.classFact(symbol.file, symbol.name)?.init : undefined;
  }

  /** The initialiser of the class (or project base class) that extends a mixin call, for methods the mixin supplies. */
  private mixinInit(file: string, name: string, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const found = this.classFact(file, name);
    if (!found) return undefined;
    if (found.extendsCall) return found.init;
    if (!found.extendsName) return undefined;
    const base = this.resolveName(file, found.extendsName, new Set());
    return base?.kind === 'class' ? this.mixinInit(base.file, base.name, depth + 1) : undefined;
  }

  private fieldOf(
    file: string,
    name: string,
    field: string,
    depth: number,
  ): { file: string; className: string; ref: ValueRef } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const found = this.classFact(file, name);
    if (!found) return undefined;
    const ref = found.fields.find((item) => item.name === field)?.value;
    if (ref) return { file, className: name, ref };
    if (!found.extendsName) return undefined;
    const base = this.resolveName(file, found.extendsName, new Set());
    return base?.kind === 'class' ? this.fieldOf(base.file, base.name, field, depth + 1) : undefined;
  }

  /** Classes registered as a passport strategy under one of `names` (null: any), and `passport.use` registrations. */
  private strategyTargets(names: string[] | null): string[] {
    if (!this.strategyIndex) {
      this.strategyIndex = [];
      for (const [file, facts] of this.index.files) {
        if (!facts.imports.some((item) => item.specifier === '@nestjs/passport' || item.specifier === 'passport'))
          continue;
        const graph = this.load(file)?.graph;
        if (!graph) continue;
        for (const cls of graph.classes) {
          if (cls.passportStrategy === undefined) continue;
          // Passport constructs the strategy (init -> constructor) and calls `validate` with the verified payload.
          const targets = [cls.init, methodOf(cls, 'validate')].filter((id): id is string => id !== undefined);
          this.strategyIndex.push({ name: cls.passportStrategy, targets });
        }
        for (const registration of graph.strategies)
          this.strategyIndex.push({ name: registration.name, targets: [registration.node] });
      }
    }
    return this.strategyIndex
      .filter((entry) => names === null || names.some((name) => sameStrategyName(name, entry.name)))
      .flatMap((entry) => entry.targets);
  }

  /**
   * What modules provide under an injection token. Module files are not entry points, so the files
   * that mention the token in a `provide:` are loaded on first use.
   */
  private providersOf(token: string): { file: string; target: ValueRef }[] {
    let found = this.providerCache.get(token);
    if (found) return found;
    found = [];
    for (const [file, facts] of [...this.index.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (this.index.isTestFile(file) || this.index.isIgnoredFile(file)) continue;
      for (const provider of facts.graph.providers)
        if (provider.token === token) found.push({ file, target: provider.target });
    }
    this.providerCache.set(token, found);
    return found;
  }

  /** The one module resolver's answer (tsconfig paths, workspace packages by name, barrels). */
  resolveModule(fromFile: string, specifier: string): string | undefined {
    return this.index.resolveImport(fromFile, specifier);
  }

  /** A module-level name in `file`: declared there or imported. */
  resolveName(file: string, name: string, seen: Set<string>): Symbol | undefined {
    return this.findSymbol({ kind: 'name', file, name }, seen);
  }

  /** What `file` exports as `name`, following re-exports and barrels. */
  exportOf(file: string, name: string, seen: Set<string>): Symbol | undefined {
    return this.findSymbol({ kind: 'export', file, name }, seen);
  }

  /** Import and re-export chains are searched iteratively: a barrel chain thousands of modules long must not exhaust the stack. */
  private findSymbol(start: SymbolQuery, seen: Set<string>): Symbol | undefined {
    return firstFound<SymbolQuery, Symbol>(
      start,
      (query) => `${query.kind === 'export' ? 'export\0' : ''}${query.file}\0${query.name}`,
      (query) =>
        query.kind === 'name' ? this.nameStep(query.file, query.name) : this.exportStep(query.file, query.name),
      seen,
    );
  }

  private nameStep(file: string, name: string): SearchStep<SymbolQuery, Symbol> {
    const graph = this.load(file)?.graph;
    const facts = this.index.files.get(file);
    if (!graph || !facts) return { found: undefined };
    const fn = graph.functions.find((item) => item.kind === 'function' && item.name === name);
    const variable = graph.variables.find((item) => item.name === name)?.value;
    if (variable) return { found: { kind: 'var', file, ref: variable, ...(fn ? { node: fn.id } : {}) } };
    if (fn) return { found: { kind: 'function', id: fn.id } };
    if (graph.classes.some((item) => item.name === name)) return { found: { kind: 'class', file, name } };
    if (graph.objects.includes(name)) return { found: { kind: 'object', file, name } };
    const imported = facts.imports.find((item) => item.local === name && item.kind !== 're-export');
    if (!imported) return { found: undefined };
    const target = this.resolveModule(file, imported.specifier);
    if (!target) return { found: { kind: 'external', module: imported.specifier, name: imported.imported } };
    if (imported.imported === '*') return { found: { kind: 'module', file: target } };
    return { tryInOrder: [{ kind: 'export', file: target, name: imported.imported }] };
  }

  private exportStep(file: string, name: string): SearchStep<SymbolQuery, Symbol> {
    const facts = this.index.files.get(file);
    if (!facts) return { found: undefined };
    for (const fact of facts.exports) {
      if (fact.exported !== name) continue;
      if (fact.from) {
        const target = this.resolveModule(file, fact.from);
        if (!target) return { found: { kind: 'external', module: fact.from, name: fact.imported ?? name } };
        return fact.imported === '*'
          ? { found: { kind: 'module', file: target } }
          : { tryInOrder: [{ kind: 'export', file: target, name: fact.imported ?? name }] };
      }
      if (fact.local) return { tryInOrder: [{ kind: 'name', file, name: fact.local }] };
    }
    if (name === 'default' && facts.defaultExportName)
      return { tryInOrder: [{ kind: 'name', file, name: facts.defaultExportName }] };
    if (name === 'default') {
      const graph = this.load(file)?.graph;
      const fn = graph?.functions.find((item) => item.kind === 'function' && item.name === 'default');
      if (fn) return { found: { kind: 'function', id: fn.id } };
    }
    const starTargets = function* (graph: CallGraph): Generator<SymbolQuery> {
      for (const fact of facts.exports) {
        if (fact.exported !== '*' || !fact.from) continue;
        const target = graph.resolveModule(file, fact.from);
        if (target) yield { kind: 'export', file: target, name };
      }
    };
    return { tryInOrder: starTargets(this) };
  }

  private symbolValue(symbol: Symbol | undefined, depth: number): Value | undefined {
    if (!symbol) return undefined;
    switch (symbol.kind) {
      case 'function':
      case 'module':
      case 'object':
        return symbol;
      case 'class':
        return { kind: 'class', file: symbol.file, name: symbol.name };
      case 'var': {
        const value = this.evaluate({ file: symbol.file }, symbol.ref, depth + 1);
        if (symbol.node && (!value || value.kind === 'external')) return { kind: 'function', id: symbol.node };
        return value;
      }
      case 'external':
        if (isAuthCorePackage(symbol.module)) {
          if (symbol.name === 'createAuthCore') return { kind: 'core-factory' };
          if (CORE_ADAPTERS.has(symbol.name)) return { kind: 'core-call', name: symbol.name };
        }
        return symbol;
    }
  }

  /** What an expression denotes, across files. */
  evaluate(context: Context, ref: ValueRef, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (ref.kind) {
      case 'name':
        return this.symbolValue(this.resolveName(context.file, ref.name, new Set()), depth);
      case 'this':
        return context.className ? { kind: 'instance', file: context.file, name: context.className } : undefined;
      case 'super': {
        if (!context.className) return undefined;
        const own = this.classFact(context.file, context.className);
        if (own?.extendsCall) return { kind: 'mixin', init: own.init };
        const base = own?.extendsName;
        const symbol = base ? this.resolveName(context.file, base, new Set()) : undefined;
        return symbol?.kind === 'class' ? { kind: 'class', file: symbol.file, name: symbol.name } : undefined;
      }
      case 'field': {
        if (!context.className) return undefined;
        const field = this.fieldOf(context.file, context.className, ref.field, 0);
        if (field) return this.evaluate({ file: field.file, className: field.className }, field.ref, depth + 1);
        // `this.handler` as a callback: a method of the class.
        const method = this.findMethod(context.file, context.className, ref.field, 0);
        return method ? { kind: 'function', id: method } : undefined;
      }
      case 'token': {
        const values = this.providersOf(ref.token).flatMap((provider) => {
          const value = this.evaluate({ file: provider.file }, provider.target, depth + 1);
          if (value?.kind === 'class') return [{ kind: 'instance', file: value.file, name: value.name } as Value];
          return value ? [value] : [];
        });
        return values.length === 0 ? undefined : values.length === 1 ? values[0] : { kind: 'union', values };
      }
      case 'type': {
        const symbol = this.resolveName(context.file, ref.name, new Set());
        if (symbol?.kind === 'class') return { kind: 'instance', file: symbol.file, name: symbol.name };
        if (symbol?.kind === 'external' && isAuthCorePackage(symbol.module) && symbol.name === 'AuthCore')
          return { kind: 'core' };
        return undefined;
      }
      case 'result': {
        const call = ref.call;
        if (call.kind === 'new') {
          const callee = this.evaluate(context, call.callee, depth + 1);
          return callee?.kind === 'class' ? { kind: 'instance', file: callee.file, name: callee.name } : undefined;
        }
        if (call.kind !== 'call') return undefined;
        const callee = this.evaluate(context, call.callee, depth + 1);
        if (callee?.kind === 'core-factory') return { kind: 'core' };
        if (callee?.kind === 'function') return this.returnOf(callee.id, depth + 1);
        return undefined;
      }
      case 'member': {
        const object = this.evaluate(context, ref.object, depth + 1);
        if (!object) return undefined;
        return this.memberOf(object, ref.member, depth);
      }
    }
  }

  private memberOf(object: Value, member: string, depth: number): Value | undefined {
    switch (object.kind) {
      case 'union': {
        const values = object.values
          .map((value) => this.memberOf(value, member, depth))
          .filter((value): value is Value => value !== undefined);
        return values.length === 0 ? undefined : values.length === 1 ? values[0] : { kind: 'union', values };
      }
      case 'module':
        return this.symbolValue(this.exportOf(object.file, member, new Set()), depth);
      case 'object': {
        const id = `${object.file}#${object.name}.${member}`;
        return this.node(id) ? { kind: 'function', id } : undefined;
      }
      case 'class':
      case 'instance': {
        const method = this.findMethod(object.file, object.name, member, 0);
        if (method) return { kind: 'function', id: method };
        if (object.kind === 'class' && member === 'constructor') return object;
        const mixin = this.mixinInit(object.file, object.name, 0);
        return mixin ? { kind: 'function', id: mixin } : undefined;
      }
      case 'mixin':
        // `super(...)` of a mixin runs the library's constructor, not the class's own initialiser again.
        return member === 'constructor' ? undefined : { kind: 'function', id: object.init };
      case 'core':
        return CORE_METHODS.has(member) ? { kind: 'core-call', name: member } : undefined;
      case 'external':
        if (isAuthCorePackage(object.module) && object.name === '*')
          return this.symbolValue({ kind: 'external', module: object.module, name: member }, depth);
        return undefined;
      default:
        return undefined;
    }
  }

  private returnOf(id: string, depth: number): Value | undefined {
    const node = this.node(id);
    if (!node) return undefined;
    const context: Context = { file: node.file, ...(node.fact.className ? { className: node.fact.className } : {}) };
    if (node.fact.returnType) {
      const value = this.evaluate(context, { kind: 'type', name: node.fact.returnType }, depth);
      if (value) return value;
    }
    return node.fact.createsCore ? { kind: 'core' } : undefined;
  }
}

/**
 * Strategy names are compared loosely: an enum member (`PassportStrategyEnum.HEADER_API_KEY`) is
 * not evaluated, and passport names are usually its words run together (`headerapikey`).
 */
export function sameStrategyName(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const normal = (name: string) => name.toLowerCase().replace(/[-_\s]/g, '');
  return a === b || normal(a) === normal(b);
}

/** `sorted` by start, then longest first: the last function that contains the position is the innermost. */
function ownerIn(sorted: readonly FunctionFact[], start: number): string {
  let best = sorted[0]!;
  for (const fn of sorted) {
    if (fn.start > start) break;
    if (start < fn.end) best = fn;
  }
  return best.id;
}

function methodOf(found: ClassGraphFact | undefined, name: string): string | undefined {
  return found?.methods.find((method) => method.name === name)?.id;
}
