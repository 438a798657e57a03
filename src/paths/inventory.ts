import type { EnvConditionFact } from '../engine/types.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { CallGraph, Edge, PrimitiveSite } from './call-graph.js';
import type { CallFact, FunctionFact, GuardRef, RawEntry } from '../engine/types.js';
import type {
  BypassMark,
  ChainStep,
  EntryPoint,
  EnvBranchMark,
  EnvGate,
  PathAlternative,
  PathPrimitive,
  SecretSource,
  SourceLocation,
  ValidationPath,
} from './types.js';
import { compareStrings } from '../compare.js';

const LAYER_KINDS = new Set(['http-middleware', 'next-middleware', 'ws-verify-client', 'ws-middleware', 'nest-guard']);

interface Entry {
  raw: RawEntry;
  file: string;
  id: string;
  guardKeys: string[];
}

type Item = { kind: 'site'; site: PrimitiveSite } | { kind: 'edge'; edge: Edge };

interface Hop {
  node: string;
  call?: CallFact;
}

/** One entry point's way into one validation path. */
interface Instance {
  entry: Entry;
  /** `all`: the gateway's whole flow; `self`: its own uses at a branch point; `group`: some of its calls at a branch point. */
  scope: 'all' | 'self' | 'group';
  via: Hop[];
  gateway: string;
  items: Item[];
  sites: Set<string>;
  identity: string;
}

export interface Inventory {
  entryPoints: EntryPoint[];
  paths: ValidationPath[];
  secretSources: SecretSource[];
}

/**
 * Entry points, validation paths and secret sources.
 *
 * A path starts where an entry point's flow first validates: walking down from the handler,
 * a function with a single call that leads to a primitive hands over to it (the flow funnels).
 * The first function that uses a primitive itself, or reaches primitives in more than one way,
 * is the branch point. There, each unit (a class, or a module's free functions) it reaches
 * primitives through is its own path, and its own inline uses are one more: these are the
 * independent validators the entry runs. Calls inside one unit (`this.fallback()`) never split
 * a path; they are its alternatives. Instances that run the same primitives (every call into
 * the auth core counting as one) are one path, shared by all their entry points.
 */
export function buildInventory(index: ProjectIndex, graph: CallGraph): Inventory {
  const entries = collectEntries(index, graph);
  const labelOf = new Map(entries.map((entry) => [entry.raw.node, entry.raw.label]));
  const name = (node: string) => labelOf.get(node) ?? displayName(graph, node);
  const location = (node: string): SourceLocation => {
    const found = graph.node(node);
    return { file: found?.file ?? '', line: found?.fact.line ?? 1, column: found?.fact.column ?? 1 };
  };
  const gates = (file: string, start: number): EnvGate[] =>
    graph.gatesAt(file, start).map(({ condition, branch }) => ({
      ...at(file, condition),
      condition: condition.text,
      dependsOn: condition.dependsOn,
      branch,
    }));
  const step = (node: string, call?: CallFact, caller?: string): ChainStep => {
    const result: ChainStep = { name: name(node), ...location(node) };
    if (call && caller) {
      const callerFile = graph.node(caller)?.file ?? '';
      result.callSite = { file: callerFile, line: call.line, column: call.column };
      const gated = gates(callerFile, call.start);
      if (gated.length > 0) result.gates = gated;
    }
    return result;
  };

  // ------------------------------------------------ path instances per entry
  const instances: Instance[] = [];
  const ownPaths = new Map<Entry, Instance[]>();
  for (const entry of entries) {
    const found = flowInstances(graph, entry);
    ownPaths.set(entry, found);
    instances.push(...found);
  }

  // ----------------------------------------------- merge into distinct paths
  const byIdentity = new Map<string, Instance[]>();
  for (const instance of instances)
    byIdentity.set(instance.identity, [...(byIdentity.get(instance.identity) ?? []), instance]);
  const pathIdOf = new Map<string, string>();
  const secretOwners = collectSecretOwners(index, graph);
  const paths: ValidationPath[] = [];
  for (const [identity, group] of byIdentity) {
    const id = `P${paths.length + 1}`;
    pathIdOf.set(identity, id);
    paths.push(describePath(id, group, graph, { name, location, gates, step }, secretOwners, index));
  }

  // ------------------------------------------------------- secret sources
  const secretSources: SecretSource[] = [];
  const secretIdOf = new Map<string, string>();
  for (const owner of secretOwners.keys()) {
    const sourceId = `S${secretSources.length + 1}`;
    secretIdOf.set(owner, sourceId);
    const node = graph.node(owner)!;
    secretSources.push({
      id: sourceId,
      function: displayName(graph, owner),
      ...location(owner),
      reads: graph.secretReadsOf(owner).map((read) => ({
        name: read.name,
        text: read.text,
        file: node.file,
        line: read.span.line,
        column: read.span.column,
      })),
      paths: [],
    });
  }
  for (const validationPath of paths) {
    validationPath.secretSources = validationPath.secretSources.map((owner) => secretIdOf.get(owner)!).filter(Boolean);
    for (const sourceId of validationPath.secretSources)
      secretSources.find((source) => source.id === sourceId)!.paths.push(validationPath.id);
  }

  // --------------------------------------------------------- entry points
  const entryPoints: EntryPoint[] = entries.map((entry) => {
    const raw = entry.raw;
    const own = [...new Set((ownPaths.get(entry) ?? []).map((instance) => pathIdOf.get(instance.identity)!))].sort(
      comparePathIds,
    );
    const reached = new Set(graph.reachable([raw.node]));
    const secrets = [...secretOwners.keys()]
      .filter((owner) => reached.has(owner))
      .map((owner) => secretIdOf.get(owner)!);
    return {
      id: entry.id,
      kind: raw.kind,
      transport: raw.kind.startsWith('ws-') ? 'websocket' : 'http',
      framework: raw.framework,
      label: raw.label,
      ...(raw.method ? { method: raw.method } : {}),
      ...(raw.route !== undefined ? { route: raw.route } : {}),
      file: entry.file,
      line: raw.line,
      column: raw.column,
      role: LAYER_KINDS.has(raw.kind) ? 'layer' : 'endpoint',
      status: 'layer',
      paths: own,
      protectedBy: [],
      secretSources: secrets,
    } satisfies EntryPoint;
  });
  const pointOf = new Map(entries.map((entry, position) => [entry, entryPoints[position]!]));
  // A layer protects only if it verifies: a guard that merely decodes the token does not.
  const verifyingPaths = new Set(
    paths.filter((item) => item.primitives.some((primitive) => primitive.kind !== 'decode')).map((item) => item.id),
  );
  const validatingLayer = (entry: Entry) => pointOf.get(entry)!.paths.some((id) => verifyingPaths.has(id));
  for (const entry of entries) {
    const point = pointOf.get(entry)!;
    const layers = layersFor(entry, entries).filter(validatingLayer);
    point.protectedBy = layers.map((layer) => layer.id);
    // Decoding without verifying is no validation: such an endpoint still counts as reaching no validator.
    const verifies = point.paths.some((id) => verifyingPaths.has(id));
    if (point.role === 'layer') point.status = verifies ? 'validates' : 'layer';
    else point.status = verifies ? 'validates' : layers.length > 0 ? 'protected' : 'unauthenticated';
  }
  return { entryPoints, paths, secretSources };
}

/** `JwtStrategy` for a class's initialiser (heritage, fields), `module src/x.ts` for top-level code. */
function displayName(graph: CallGraph, node: string): string {
  const found = graph.node(node);
  if (!found) return node;
  if (found.fact.kind === 'class-init') return found.fact.className ?? found.fact.name;
  if (found.fact.kind === 'module') return `module ${found.file}`;
  return found.fact.name;
}

// ----------------------------------------------------------------- entries

function collectEntries(index: ProjectIndex, graph: CallGraph): Entry[] {
  const raw: { raw: RawEntry; file: string }[] = [];
  const globalGuards: { guard: GuardRef; file: string }[] = [];
  for (const [file, facts] of index.files) {
    if (index.isTestFile(file) || index.isIgnoredFile(file)) continue;
    if (facts.graph.entries.length === 0 && facts.graph.globalGuards.length === 0) continue;
    const fileGraph = graph.fileGraph(file);
    if (!fileGraph) continue;
    for (const entry of fileGraph.entries) raw.push({ raw: entry, file });
    for (const guard of fileGraph.globalGuards) globalGuards.push({ guard, file });
  }

  // Guards become layer entries of their own: one per distinct guard, wherever it is named.
  const guardEntries = new Map<string, { raw: RawEntry; file: string }>();
  const guardKeyOf = (guard: GuardRef, file: string, global: boolean): string => {
    const virtualId = `${file}#<guard ${guard.line}:${guard.column}>`;
    const resolved = graph.resolveCall({ file }, guard.target).targets;
    const key = `${global ? 'global:' : ''}${resolved.length > 0 ? [...resolved].sort().join('|') : `${file}:${guard.text}`}`;
    if (!guardEntries.has(key)) {
      const fact: FunctionFact = {
        id: virtualId,
        name: guard.text,
        kind: 'entry',
        line: guard.line,
        column: guard.column,
        start: guard.start,
        end: guard.start,
        calls: [{ target: guard.target, line: guard.line, column: guard.column, start: guard.start, text: guard.text }],
      };
      graph.addVirtualNode(fact, file);
      guardEntries.set(key, {
        file,
        raw: {
          kind: 'nest-guard',
          framework: 'nestjs',
          label: global ? `global guard ${guard.text}` : `@UseGuards(${guard.text})`,
          line: guard.line,
          column: guard.column,
          start: guard.start,
          node: virtualId,
          scope: virtualId,
        },
      });
    }
    return key;
  };
  const globalKeys = globalGuards.map(({ guard, file }) => guardKeyOf(guard, file, true));
  // `@UserAuthentication()`: a decorator factory whose body calls `UseGuards(...)` applies those guards.
  const decoratorGuards = (item: { raw: RawEntry; file: string }): string[] =>
    (item.raw.decorators ?? []).flatMap((callee) =>
      graph.resolveCall({ file: item.file }, { kind: 'call', callee }).targets.flatMap((id) => {
        const found = graph.node(id);
        return found ? (found.fact.guards ?? []).map((guard) => guardKeyOf(guard, found.file, false)) : [];
      }),
    );
  const withGuards = raw.map((item) => ({
    ...item,
    guardKeys: [
      ...new Set([
        ...(item.raw.guards ?? []).map((guard) => guardKeyOf(guard, item.file, false)),
        ...decoratorGuards(item),
        ...(item.raw.kind === 'nest-route' || item.raw.kind === 'ws-message' ? globalKeys : []),
      ]),
    ],
  }));
  const all = [...withGuards, ...[...guardEntries.values()].map((item) => ({ ...item, guardKeys: [] as string[] }))];
  all.sort(
    (a, b) => compareStrings(a.file, b.file) || a.raw.start - b.raw.start || compareStrings(a.raw.label, b.raw.label),
  );
  const entries: Entry[] = all.map((item, position) => ({
    raw: item.raw,
    file: item.file,
    id: `E${position + 1}`,
    guardKeys: item.guardKeys,
  }));
  // Guard keys point at guard entries by key; keep the mapping on the guard entry's raw node.
  const entryByGuardKey = new Map<string, Entry>();
  for (const [key, value] of guardEntries)
    entryByGuardKey.set(
      key,
      entries.find((entry) => entry.raw === value.raw)!,
    );
  for (const entry of entries) entry.guardKeys = entry.guardKeys.map((key) => entryByGuardKey.get(key)!.id);
  return entries;
}

/** The layers that run in front of an endpoint. */
function layersFor(entry: Entry, entries: Entry[]): Entry[] {
  const raw = entry.raw;
  const byId = new Map(entries.map((item) => [item.id, item]));
  const guards = entry.guardKeys.map((key) => byId.get(key)!).filter(Boolean);
  switch (raw.kind) {
    case 'http-route':
    case 'http-middleware':
      // Express/Koa/Fastify run middleware registered earlier on the same app or router first.
      return entries.filter(
        (other) =>
          other.raw.kind === 'http-middleware' &&
          other !== entry &&
          other.file === entry.file &&
          other.raw.scope === raw.scope &&
          other.raw.receiver === raw.receiver &&
          other.raw.start < raw.start &&
          (other.raw.route === undefined || (raw.route ?? '').startsWith(other.raw.route.replace(/\*$/, ''))),
      );
    case 'ws-connection':
      return [
        ...guards,
        ...entries.filter(
          (other) =>
            other.file === entry.file &&
            ((other.raw.kind === 'ws-verify-client' && other.raw.receiver === raw.receiver) ||
              (other.raw.kind === 'ws-middleware' && other.raw.receiver === raw.receiver) ||
              // A `noServer` WebSocket server gets its connections from an upgrade handler that checks first.
              other.raw.kind === 'ws-upgrade'),
        ),
      ];
    case 'ws-message':
      // A gateway that verifies in handleConnection disconnects before any message arrives.
      return [
        ...guards,
        ...entries.filter(
          (other) =>
            other.file === entry.file && other.raw.kind === 'ws-connection' && other.raw.className === raw.className,
        ),
      ];
    case 'nest-route':
      return guards;
    case 'next-route':
      return entries.filter((other) => other.raw.kind === 'next-middleware');
    default:
      return guards;
  }
}

// ------------------------------------------------------------------- flows

function flowInstances(graph: CallGraph, entry: Entry): Instance[] {
  const items = (node: string): Item[] => [
    ...graph.sitesOf(node).map((site) => ({ kind: 'site', site }) as const),
    ...graph
      .edges(node)
      .filter((edge) => graph.reach(edge.to).size > 0)
      .map((edge) => ({ kind: 'edge', edge }) as const),
  ];
  const unit = (node: string) => graph.node(node)?.unit ?? node;
  const make = (via: Hop[], gateway: string, chosen: Item[], scope: Instance['scope']): Instance => {
    const sites = new Set<string>();
    for (const item of chosen) {
      if (item.kind === 'site') sites.add(item.site.id);
      else for (const site of graph.reach(item.edge.to)) sites.add(site);
    }
    const outside = [...sites].filter((site) => !graph.site(site)?.inCore).sort();
    const throughCore = [...sites].some((site) => graph.site(site)?.inCore);
    return {
      entry,
      scope,
      via,
      gateway,
      items: chosen,
      sites,
      identity: `${outside.join(',')}${throughCore ? '|core' : ''}`,
    };
  };
  /** Follows single hand-overs down from `node`. */
  const descend = (via: Hop[], node: string): { via: Hop[]; node: string; items: Item[] } => {
    const seen = new Set(via.map((hop) => hop.node));
    let current = node;
    let path = via;
    for (;;) {
      const here = items(current);
      const only = here[0];
      if (here.length === 1 && only?.kind === 'edge' && !seen.has(only.edge.to)) {
        seen.add(only.edge.to);
        path = [...path, { node: only.edge.to, call: only.edge.call }];
        current = only.edge.to;
        continue;
      }
      return { via: path, node: current, items: here };
    }
  };

  const start = descend([{ node: entry.raw.node }], entry.raw.node);
  if (start.items.length === 0) return [];
  const groups = new Map<string, Item[]>();
  for (const item of start.items) {
    const key = item.kind === 'site' ? unit(start.node) : unit(item.edge.to);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  if (groups.size === 1) return [make(start.via, start.node, start.items, 'all')];
  return [...groups].map(([key, chosen]) => {
    const only = chosen[0]!;
    if (key !== unit(start.node) && chosen.length === 1 && only.kind === 'edge') {
      const down = descend([...start.via, { node: only.edge.to, call: only.edge.call }], only.edge.to);
      return make(down.via, down.node, down.items, 'all');
    }
    return make(start.via, start.node, chosen, key === unit(start.node) ? 'self' : 'group');
  });
}

// ------------------------------------------------------------------- paths

interface Describers {
  name: (node: string) => string;
  location: (node: string) => SourceLocation;
  gates: (file: string, start: number) => EnvGate[];
  step: (node: string, call?: CallFact, caller?: string) => ChainStep;
}

function describePath(
  id: string,
  group: Instance[],
  graph: CallGraph,
  describe: Describers,
  secretOwners: Map<string, unknown>,
  index: ProjectIndex,
): ValidationPath {
  const first = group[0]!;
  const sites = [...new Set(group.flatMap((instance) => [...instance.sites]))]
    .map((site) => graph.site(site)!)
    .sort((a, b) => compareStrings(a.file, b.file) || a.start - b.start);
  const throughCore = sites.length > 0 && sites.every((site) => site.inCore);
  const inline =
    first.items.some((item) => item.kind === 'site') &&
    first.items.every(
      (item) => item.kind === 'site' || graph.node(item.edge.to)?.unit === graph.node(first.gateway)?.unit,
    );
  const gatewayName = describe.name(first.gateway);

  const viaSteps = (instance: Instance): ChainStep[] =>
    instance.via.map((hop, position) => describe.step(hop.node, hop.call, instance.via[position - 1]?.node));
  const entries = group.map((instance) => ({ entry: instance.entry.id, via: viaSteps(instance) }));
  const uniqueEntries = entries.filter(
    (entry, position) => entries.findIndex((other) => other.entry === entry.entry) === position,
  );

  const primitives: PathPrimitive[] = sites.map((site) => {
    const holder = group.find((instance) => instance.sites.has(site.id)) ?? first;
    const direct = holder.items.some((item) => item.kind === 'site' && item.site.id === site.id);
    const starts = holder.items
      .filter((item): item is { kind: 'edge'; edge: Edge } => item.kind === 'edge')
      .map((item) => item.edge.to);
    const hops = direct ? [] : (graph.chain(starts, site.node) ?? []);
    const chain: ChainStep[] = [describe.step(holder.gateway)];
    hops.forEach((hop, position) => {
      const caller = position === 0 ? holder.gateway : hops[position - 1]!.node;
      const call =
        position === 0
          ? holder.items.find(
              (item): item is { kind: 'edge'; edge: Edge } => item.kind === 'edge' && item.edge.to === hop.node,
            )?.edge.call
          : hop.call;
      chain.push(describe.step(hop.node, call, caller));
    });
    const gated = describe.gates(site.file, site.start);
    return {
      primitive: site.primitive,
      kind: site.kind,
      inCore: site.inCore,
      function: describe.name(site.node),
      file: site.file,
      line: site.line,
      column: site.column,
      chain,
      ...(gated.length > 0 ? { gates: gated } : {}),
    };
  });

  const gatewayFile = graph.node(first.gateway)?.file ?? '';
  const alternatives: PathAlternative[] =
    first.items.length < 2
      ? []
      : first.items.map((item) => {
          const position =
            item.kind === 'site'
              ? { file: item.site.file, line: item.site.line, column: item.site.column, start: item.site.start }
              : {
                  file: gatewayFile,
                  line: item.edge.call.line,
                  column: item.edge.call.column,
                  start: item.edge.call.start,
                };
          const gated = describe.gates(position.file, position.start);
          return {
            name: item.kind === 'site' ? `${item.site.primitive} (inline)` : describe.name(item.edge.to),
            file: position.file,
            line: position.line,
            column: position.column,
            ...(gated.length > 0 ? { gates: gated } : {}),
          };
        });

  // Functions the path runs: the gateway and everything its chosen branches reach.
  const nodes = new Set<string>();
  for (const instance of group) {
    const chosen = instance.items
      .filter((item): item is { kind: 'edge'; edge: Edge } => item.kind === 'edge')
      .map((item) => item.edge.to);
    let starts = chosen;
    if (instance.scope === 'all') starts = [instance.gateway];
    else if (instance.scope === 'self') {
      // The branch point's own code, and what it calls that is not another path's validator.
      const others = new Set(otherGroupTargets(graph, instance));
      nodes.add(instance.gateway);
      starts = graph
        .edges(instance.gateway)
        .map((edge) => edge.to)
        .filter((target) => !others.has(target));
    }
    for (const node of graph.reachable(starts)) nodes.add(node);
  }
  const ordered = [...nodes].sort();
  const gatingStarts = new Set<string>();
  for (const primitive of primitives)
    for (const gate of primitive.gates ?? []) gatingStarts.add(`${gate.file}:${gate.line}:${gate.column}`);
  for (const alternative of alternatives)
    for (const gate of alternative.gates ?? []) gatingStarts.add(`${gate.file}:${gate.line}:${gate.column}`);
  for (const entry of entries)
    for (const hop of entry.via)
      for (const gate of hop.gates ?? []) gatingStarts.add(`${gate.file}:${gate.line}:${gate.column}`);

  const envBranches: EnvBranchMark[] = [];
  const bypasses: BypassMark[] = [];
  const secretSources: string[] = [];
  const filesOnPath = new Set<string>();
  for (const node of ordered) {
    const found = graph.node(node);
    if (!found) continue;
    filesOnPath.add(found.file);
    for (const condition of graph.envConditionsOf(node)) {
      const key = `${found.file}:${condition.span.line}:${condition.span.column}`;
      // The same conditions no-env-branching-auth reports (auth code), plus any that decides whether a validator runs.
      if (!(index.isAuthFile(found.file) || condition.authScope || gatingStarts.has(key))) continue;
      envBranches.push({
        condition: condition.text,
        dependsOn: condition.dependsOn,
        function: displayName(graph, node),
        ...at(found.file, condition),
      });
    }
    for (const bypass of graph.bypassesOf(node)) {
      bypasses.push({
        kind: bypass.kind,
        detail: bypass.detail,
        function: displayName(graph, node),
        file: found.file,
        line: bypass.span.line,
        column: bypass.span.column,
      });
    }
    if (secretOwners.has(node)) secretSources.push(node);
  }
  // Module-level secret reads run when the module loads: a path through the module uses them.
  for (const owner of secretOwners.keys()) {
    const found = graph.node(owner);
    if (
      (found?.fact.kind === 'module' || found?.fact.moduleLevel) &&
      filesOnPath.has(found.file) &&
      !secretSources.includes(owner)
    )
      secretSources.push(owner);
  }

  const environmentGated = group.every((instance) => {
    const last = instance.via[instance.via.length - 1];
    const callerFile =
      instance.via.length > 1 ? graph.node(instance.via[instance.via.length - 2]!.node)?.file : undefined;
    if (last?.call && callerFile && describe.gates(callerFile, last.call.start).length > 0) return true;
    return instance.items.every((item) =>
      item.kind === 'site'
        ? describe.gates(item.site.file, item.site.start).length > 0
        : describe.gates(graph.node(instance.gateway)?.file ?? '', item.edge.call.start).length > 0,
    );
  });

  return {
    id,
    label: throughCore ? 'auth core' : inline ? `inline in ${gatewayName}` : gatewayName,
    kind: throughCore ? 'core' : inline ? 'inline' : 'delegated',
    gateway: describe.step(first.gateway),
    entries: uniqueEntries,
    primitives,
    alternatives,
    secretSources,
    envBranches: uniqueBy(envBranches, (mark) => `${mark.file}:${mark.line}:${mark.column}`).sort(compareLocations),
    bypasses: uniqueBy(bypasses, (mark) => `${mark.kind}:${mark.file}:${mark.line}:${mark.column}`).sort(
      compareLocations,
    ),
    environmentGated,
  };
}

/** At a branch point: the callees that reach primitives through another unit (other paths' validators). */
function otherGroupTargets(graph: CallGraph, instance: Instance): string[] {
  const ownUnit = graph.node(instance.gateway)?.unit;
  return graph
    .edges(instance.gateway)
    .filter((edge) => graph.reach(edge.to).size > 0 && graph.node(edge.to)?.unit !== ownUnit)
    .map((edge) => edge.to);
}

/** Functions that read JWT secrets, in production code; module-level reads belong to `<module>`. */
function collectSecretOwners(index: ProjectIndex, graph: CallGraph): Map<string, true> {
  const owners: string[] = [];
  for (const [file, facts] of index.files) {
    if (facts.secretReads.length === 0 || index.isTestFile(file) || index.isIgnoredFile(file)) continue;
    const loaded = graph.loadedFile(file);
    if (!loaded) continue;
    for (const owner of loaded.secretReads.keys()) owners.push(owner);
  }
  owners.sort((a, b) => {
    const left = graph.node(a)!;
    const right = graph.node(b)!;
    return compareStrings(left.file, right.file) || left.fact.start - right.fact.start;
  });
  return new Map(owners.map((owner) => [owner, true as const]));
}

// ---------------------------------------------------------------- helpers

function at(file: string, condition: EnvConditionFact): SourceLocation {
  return { file, line: condition.span.line, column: condition.span.column };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function comparePathIds(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}
