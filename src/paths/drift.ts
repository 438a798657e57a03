import type { ImportFact } from '../engine/types.js';
import type { ClassDeclaration, ProjectIndex } from '../project/project-index.js';
import type { CallGraph } from './call-graph.js';
import type {
  ChainStep,
  ClassCopy,
  ClassImporter,
  DuplicateGroup,
  InstanceofMismatch,
  SimilarClasses,
  SourceLocation,
} from './types.js';
import { compareStrings } from '../compare.js';

/** Classes smaller than this share members by accident (`id`, `name`, `toJSON`), not by copying. */
export const MIN_SIMILAR_MEMBERS = 4;
export const SIMILARITY_THRESHOLD = 0.8;
const MAX_MEET_DEPTH = 8;
const MAX_PAIRS_PER_GROUP = 50;

export interface DriftReport {
  duplicates: DuplicateGroup[];
  similarClasses: SimilarClasses[];
}

interface ImportUse {
  file: string;
  fact: ImportFact;
}

/**
 * For every group of same-named classes: the member table, who imports which copy, and where an
 * `instanceof` check against one copy meets values built from another (the seeds' outage). Then,
 * as warnings, differently named classes whose members are the same.
 */
export function buildDriftReport(index: ProjectIndex, graph: CallGraph): DriftReport {
  const importsByName = new Map<string, ImportUse[]>();
  for (const [file, facts] of index.files) {
    if (index.isIgnoredFile(file)) continue;
    for (const fact of facts.imports) {
      const key = fact.imported;
      importsByName.set(key, [...(importsByName.get(key) ?? []), { file, fact }]);
    }
  }
  const canonical = index.canonical();
  const duplicates: DuplicateGroup[] = [];
  const names = [...index.classesByName().keys()].sort(compareStrings);
  for (const name of names) {
    const declarations = [...index.classesByName().get(name)!].sort(
      (a, b) => compareStrings(a.file, b.file) || a.span.line - b.span.line,
    );
    if (new Set(declarations.map((declaration) => declaration.file)).size < 2) continue;
    duplicates.push(describeGroup(index, graph, name, declarations, importsByName, canonical.get(name)?.file));
  }
  duplicates.sort((a, b) => (a.scope === b.scope ? compareStrings(a.name, b.name) : a.scope === 'package' ? -1 : 1));
  return { duplicates, similarClasses: similarClasses(index) };
}

function describeGroup(
  index: ProjectIndex,
  graph: CallGraph,
  name: string,
  declarations: ClassDeclaration[],
  importsByName: Map<string, ImportUse[]>,
  canonicalFile: string | undefined,
): DuplicateGroup {
  const copyFiles = declarations.map((declaration) => declaration.file);
  const copies: ClassCopy[] = declarations.map((declaration) => ({
    file: declaration.file,
    line: declaration.span.line,
    column: declaration.span.column,
    package: index.packageOf(declaration.file),
    canonical: declaration.file === canonicalFile,
    members: declaration.members.filter((member) => member !== 'constructor'),
    importers: [],
    instanceofChecks: [],
    constructions: [],
  }));
  const packages = new Set(copies.map((copy) => copy.package));

  // Which copy each importing file gets, and under which local name.
  const localNames = new Map<string, Map<string, string>>();
  const bind = (file: string, local: string, copy: string) => {
    const map = localNames.get(file) ?? new Map<string, string>();
    map.set(local, copy);
    localNames.set(file, map);
  };
  for (const copy of copyFiles) bind(copy, name, copy);
  const candidates = [
    ...(importsByName.get(name) ?? []),
    ...(importsByName.get('default') ?? []),
    ...(importsByName.get('*') ?? []),
  ];
  for (const { file, fact } of candidates) {
    const target = index.resolveImport(file, fact.specifier);
    if (!target) continue;
    let origin: string | undefined;
    if (fact.imported === '*') {
      const facts = index.files.get(file)!;
      const used =
        fact.local !== undefined && facts.memberUses.some((use) => use.object === fact.local && use.member === name);
      if (used) origin = index.originOf(target, name);
    } else if (fact.imported === 'default') {
      origin = index.originOf(target, 'default');
      if (origin && index.files.get(origin)?.defaultExportName !== name) origin = undefined;
    } else origin = index.originOf(target, fact.imported);
    if (!origin || !copyFiles.includes(origin)) continue;
    const copy = copies[copyFiles.indexOf(origin)]!;
    const importer: ClassImporter = {
      file,
      line: fact.span.line,
      column: fact.span.column,
      kind: fact.kind,
      typeOnly: fact.typeOnly,
    };
    if (
      !copy.importers.some(
        (existing) =>
          existing.file === importer.file && existing.line === importer.line && existing.column === importer.column,
      )
    )
      copy.importers.push(importer);
    if (fact.local && fact.imported !== '*' && fact.kind !== 're-export') bind(file, fact.local, origin);
  }

  // instanceof checks and constructions, by the local name each file uses.
  const checks: { copy: string; location: SourceLocation; node: string }[] = [];
  const constructions: { copy: string; location: SourceLocation; node: string }[] = [];
  for (const [file, locals] of [...localNames].sort(([a], [b]) => compareStrings(a, b))) {
    if (index.isTestFile(file)) continue;
    const fileGraph = graph.fileGraph(file);
    if (!fileGraph) continue;
    for (const fact of fileGraph.instanceofs) {
      const copy = locals.get(fact.className);
      if (copy)
        checks.push({
          copy,
          location: { file, line: fact.line, column: fact.column },
          node: graph.ownerAt(file, fact.start)!,
        });
    }
    for (const fact of fileGraph.news) {
      const copy = locals.get(fact.className);
      if (copy)
        constructions.push({
          copy,
          location: { file, line: fact.line, column: fact.column },
          node: graph.ownerAt(file, fact.start)!,
        });
    }
  }
  for (const check of checks) copies[copyFiles.indexOf(check.copy)]!.instanceofChecks.push(check.location);
  for (const construction of constructions)
    copies[copyFiles.indexOf(construction.copy)]!.constructions.push(construction.location);
  for (const copy of copies) copy.importers.sort(compareLocations);

  const mismatches: InstanceofMismatch[] = [];
  const pairs = checks.flatMap((check) =>
    constructions
      .filter((construction) => construction.copy !== check.copy)
      .map((construction) => ({ check, construction })),
  );
  if (pairs.length > 0) {
    const reverse = reverseEdges(index, graph, [
      ...new Set(pairs.flatMap(({ check, construction }) => [check.location.file, construction.location.file])),
    ]);
    for (const { check, construction } of pairs.slice(0, MAX_PAIRS_PER_GROUP)) {
      const meet = nearestCommonCaller(reverse, check.node, construction.node);
      if (!meet) continue;
      const meetNode = graph.node(meet)!;
      const meetsAt: ChainStep = {
        name: meetNode.fact.name,
        file: meetNode.file,
        line: meetNode.fact.line,
        column: meetNode.fact.column,
      };
      mismatches.push({
        check: { ...check.location, copy: check.copy, function: graph.node(check.node)?.fact.name ?? '?' },
        construction: {
          ...construction.location,
          copy: construction.copy,
          function: graph.node(construction.node)?.fact.name ?? '?',
        },
        meetsAt,
      });
    }
  }

  const members: string[] = [];
  for (const copy of copies) for (const member of copy.members) if (!members.includes(member)) members.push(member);
  return {
    name,
    scope: packages.size < copies.length ? 'package' : 'across-packages',
    copies,
    members: members.map((member) => ({ member, presentIn: copies.map((copy) => copy.members.includes(member)) })),
    mismatches,
  };
}

/**
 * Callers of every function loaded so far, after loading the files that import the files in
 * question: a value is handed from its constructor to its check by a caller of both.
 */
function reverseEdges(index: ProjectIndex, graph: CallGraph, files: string[]): Map<string, string[]> {
  const wanted = new Set(files);
  for (const [file, facts] of index.files) {
    if (index.isTestFile(file)) continue;
    if (facts.imports.some((fact) => wanted.has(index.resolveImport(file, fact.specifier) ?? '')))
      graph.fileGraph(file);
  }
  const reverse = new Map<string, string[]>();
  for (const file of graph.loadedFiles().sort(compareStrings)) {
    for (const fn of graph.fileGraph(file)!.functions) {
      for (const edge of graph.edges(fn.id)) reverse.set(edge.to, [...(reverse.get(edge.to) ?? []), fn.id]);
    }
  }
  return reverse;
}

function ancestors(reverse: Map<string, string[]>, start: string): Map<string, number> {
  const distance = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const depth = distance.get(current)!;
    if (depth >= MAX_MEET_DEPTH) continue;
    for (const caller of reverse.get(current) ?? []) {
      if (distance.has(caller)) continue;
      distance.set(caller, depth + 1);
      queue.push(caller);
    }
  }
  return distance;
}

function nearestCommonCaller(reverse: Map<string, string[]>, a: string, b: string): string | undefined {
  const left = ancestors(reverse, a);
  const right = ancestors(reverse, b);
  let best: { node: string; cost: number } | undefined;
  for (const [node, depth] of left) {
    const other = right.get(node);
    if (other === undefined) continue;
    const cost = depth + other;
    if (!best || cost < best.cost || (cost === best.cost && node < best.node)) best = { node, cost };
  }
  return best?.node;
}

/** Differently named production classes whose members mostly coincide. */
function similarClasses(index: ProjectIndex): SimilarClasses[] {
  const classes: { name: string; file: string; line: number; column: number; members: string[] }[] = [];
  for (const [file, facts] of index.files) {
    if (index.isTestFile(file) || index.isIgnoredFile(file)) continue;
    for (const declaration of facts.classes) {
      const members = [...new Set(declaration.members.filter((member) => member !== 'constructor'))];
      if (members.length >= MIN_SIMILAR_MEMBERS)
        classes.push({
          name: declaration.name,
          file,
          line: declaration.span.line,
          column: declaration.span.column,
          members,
        });
    }
  }
  classes.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line);
  const postings = new Map<string, number[]>();
  classes.forEach((item, position) => {
    for (const member of item.members) postings.set(member, [...(postings.get(member) ?? []), position]);
  });
  const found: SimilarClasses[] = [];
  classes.forEach((item, position) => {
    const shared = new Map<number, number>();
    for (const member of item.members)
      for (const other of postings.get(member)!) if (other > position) shared.set(other, (shared.get(other) ?? 0) + 1);
    for (const [other, count] of shared) {
      const peer = classes[other]!;
      if (peer.name === item.name) continue;
      const overlap = count / Math.max(item.members.length, peer.members.length);
      if (overlap < SIMILARITY_THRESHOLD) continue;
      const peerMembers = new Set(peer.members);
      const itemMembers = new Set(item.members);
      found.push({
        a: { name: item.name, file: item.file, line: item.line, column: item.column, members: item.members.length },
        b: { name: peer.name, file: peer.file, line: peer.line, column: peer.column, members: peer.members.length },
        overlap: Math.round(overlap * 100) / 100,
        shared: item.members.filter((member) => peerMembers.has(member)),
        onlyInA: item.members.filter((member) => !peerMembers.has(member)),
        onlyInB: peer.members.filter((member) => !itemMembers.has(member)),
      });
    }
  });
  return found.sort(
    (x, y) =>
      y.overlap - x.overlap ||
      compareStrings(x.a.file, y.a.file) ||
      x.a.line - y.a.line ||
      compareStrings(x.b.file, y.b.file) ||
      x.b.line - y.b.line,
  );
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}
