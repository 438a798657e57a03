import path from 'node:path';
import type { RelatedLocation } from '../model.js';
import type { ClassDeclaration } from '../project/project-index.js';
import type { Check, CheckContext, RuleFinding } from './types.js';

export interface NoDuplicateClassOptions {
  /** Also report names shared across workspace packages. */
  checkAcrossPackages?: boolean;
}

/**
 * The same class declared in two modules that one program loads together: the seeds' failure
 * (two drifting `UserExecutionContext`s, values built from one failing `instanceof` against the
 * other). Evidence, not names, decides:
 *
 * - the two copies **meet** when some production module reaches both through value imports
 *   (type-only imports load nothing); a client model and a server model that no program loads
 *   together do not, and are not errors;
 * - they are **copies** when their text is identical, when most members are shared by modules of
 *   the same kind (their imports overlap: a DTO and an ORM entity with the same fields are two
 *   layers, not a copy), or when their modules are copies (several classes declared in both);
 * - two **different classes with one name** that meet are reported only where one module loads
 *   both, the one place the wrong one gets imported.
 *
 * A declared canonical module (`canonical` in config, `@canonical`) is the user's word: every
 * other declaration is a copy. `checkAcrossPackages` (the strict config) also reports copies no
 * program loads together, such as a class copy-pasted into two separately deployed apps.
 */
export const noDuplicateClass = {
  name: 'no-duplicate-class',
  skipsTests: true,
  messages: {
    copyOfCanonical:
      'Class {{name}} is a copy of the canonical {{name}} in {{canonical}}. Delete this copy and import the canonical class; two copies drift apart and `instanceof` fails across them.{{drift}}',
    copyLoadedTogether:
      'Class {{name}} is a copy of {{others}} ({{evidence}}), and both are loaded by {{loader}}: values built from one fail `instanceof` against the other. Delete one copy and import the other everywhere (mark it `/** @canonical */`).{{drift}}',
    sameNameDifferentClass:
      'Class {{name}} and the {{name}} in {{others}} have drifted into different classes ({{evidence}}), and both are loaded by {{loader}}: rename one, or merge them if they are one concept, so no import picks the wrong class.{{drift}}',
    copyNeverLoadedTogether:
      'Class {{name}} is a copy of {{others}} ({{evidence}}) in modules that no program loads together: they will drift apart. Move it into a package both import.{{drift}}',
  },
  run(context) {
    const findings: RuleFinding[] = [];
    const canonical = context.index.canonical();
    const checkAcrossPackages = (context.options as NoDuplicateClassOptions).checkAcrossPackages === true;
    const byName = context.index.classesByName();
    // Only the names the target files declare: the plugin asks for one file at a time.
    const names = context.onlyFiles
      ? new Set(context.targets.flatMap((facts) => facts.classes.map((declaration) => declaration.name)))
      : byName.keys();
    for (const name of names) {
      const declarations = byName.get(name);
      if (!declarations) continue;
      const files = new Set(declarations.map((declaration) => declaration.file));
      if (files.size < 2) continue;
      const canonicalLocation = canonical.get(name);
      const canonicalDeclaration =
        canonicalLocation && declarations.find((declaration) => declaration.file === canonicalLocation.file);
      if (canonicalDeclaration) {
        for (const copy of declarations) {
          if (copy.file === canonicalDeclaration.file || !wanted(context, copy.file)) continue;
          findings.push(copyOfCanonical(copy, canonicalDeclaration));
        }
        continue;
      }
      for (const declaration of declarations) {
        if (!wanted(context, declaration.file)) continue;
        const finding = judge(context, declaration, declarations, checkAcrossPackages);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
} satisfies Check;

function wanted(context: CheckContext, file: string): boolean {
  return !context.onlyFiles || context.onlyFiles.has(file);
}

function copyOfCanonical(copy: ClassDeclaration, canonical: ClassDeclaration): RuleFinding {
  return {
    ...position(copy),
    messageId: 'copyOfCanonical',
    data: { name: copy.name, canonical: where(canonical), drift: drift(copy, [canonical], 'the canonical') },
    symbol: copy.name,
    key: copy.name,
    related: [
      {
        file: canonical.file,
        line: canonical.span.line,
        column: canonical.span.column,
        message: 'canonical declaration',
      },
    ],
  };
}

/** How one declaration relates to another of the same name. */
interface Pairing {
  other: ClassDeclaration;
  evidence: Evidence | undefined;
  /** A production module that loads both. */
  loader: string | undefined;
}

/**
 * Why two same-named classes are one concept: identical text, most members shared, a copied
 * module; or `diverged`: some members shared by modules of the same kind, the rest drifted apart.
 */
type Evidence =
  | { kind: 'identical' }
  | { kind: 'members'; shared: number; total: number }
  | { kind: 'module'; classes: number }
  | { kind: 'diverged'; shared: number; total: number };

function judge(
  context: CheckContext,
  declaration: ClassDeclaration,
  declarations: ClassDeclaration[],
  checkAcrossPackages: boolean,
): RuleFinding | undefined {
  const pairings = declarations
    .filter(
      (other) =>
        other.file !== declaration.file &&
        !areParallelVariants(context, declaration.file, other.file) &&
        !dependsOnEachOther(context, declaration.file, other.file),
    )
    .map((other) => pairingOf(context, declaration, other));
  const copies = pairings.filter((pairing) => pairing.loader && isCopy(pairing.evidence));
  if (copies.length > 0) return pairFinding(declaration, copies, 'copyLoadedTogether');
  const diverged = pairings.filter(
    (pairing) =>
      pairing.loader && (pairing.evidence?.kind === 'diverged' || importsBoth(context, declaration, pairing)),
  );
  if (diverged.length > 0) return pairFinding(declaration, diverged, 'sameNameDifferentClass');
  if (!checkAcrossPackages) return undefined;
  const index = context.index;
  const apart = pairings.filter(
    (pairing) =>
      isCopy(pairing.evidence) &&
      // One `src/app.module.ts` per app is a convention of the framework, not a copy.
      pathInPackage(index.packageOf(pairing.other.file), pairing.other.file) !==
        pathInPackage(index.packageOf(declaration.file), declaration.file),
  );
  return apart.length > 0 ? pairFinding(declaration, apart, 'copyNeverLoadedTogether') : undefined;
}

/** A module that imports the other declaration's module knows both: it wraps or extends it on purpose. */
function dependsOnEachOther(context: CheckContext, first: string, second: string): boolean {
  const graph = context.index.moduleGraph();
  return graph.importees(first, true).includes(second) || graph.importees(second, true).includes(first);
}

function isCopy(evidence: Evidence | undefined): boolean {
  return evidence !== undefined && evidence.kind !== 'diverged';
}

function pairingOf(context: CheckContext, declaration: ClassDeclaration, other: ClassDeclaration): Pairing {
  const index = context.index;
  const loaders = index
    .moduleGraph()
    .commonLoaders(declaration.file, other.file, (file) => !index.isTestFile(file) && !index.isIgnoredFile(file));
  return { other, evidence: copyEvidence(context, declaration, other), loader: preferredLoader(context, loaders) };
}

/** The loader a maintainer recognises: a program's entry (a module nothing imports), then the shallowest. */
function preferredLoader(context: CheckContext, loaders: string[]): string | undefined {
  const graph = context.index.moduleGraph();
  return loaders.find((file) => graph.importers(file).length === 0) ?? loaders[0];
}

function copyEvidence(context: CheckContext, a: ClassDeclaration, b: ClassDeclaration): Evidence | undefined {
  if (a.textHash === b.textHash) return { kind: 'identical' };
  const copiedClasses = copiedModuleClasses(context, a.file, b.file);
  if (copiedClasses >= 2) return { kind: 'module', classes: copiedClasses };
  const shared = a.members.filter((member) => b.members.includes(member)).length;
  const total = new Set([...a.members, ...b.members]).size;
  // Members in common count only between modules that depend on the same things: a DTO and an
  // ORM entity, or a client model and a server model, share field names and nothing else.
  if (shared === 0 || importOverlap(context, a.file, b.file) < 0.2) return undefined;
  return shared * 2 > total ? { kind: 'members', shared, total } : { kind: 'diverged', shared, total };
}

/** Jaccard overlap of what two modules import (bindings, or specifiers for bare imports). */
function importOverlap(context: CheckContext, first: string, second: string): number {
  const importsOf = (file: string) =>
    new Set((context.index.files.get(file)?.imports ?? []).map((fact) => fact.local ?? fact.specifier));
  const a = importsOf(first);
  const b = importsOf(second);
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 1 : [...a].filter((name) => b.has(name)).length / union;
}

/** How many same-named classes two modules both declare, when at least one of them is an identical copy. */
function copiedModuleClasses(context: CheckContext, first: string, second: string): number {
  return context.index.derived(`copied-module:${first}\0${second}`, () => {
    const a = context.index.files.get(first)?.classes ?? [];
    const b = context.index.files.get(second)?.classes ?? [];
    const common = a.filter((declaration) => b.some((other) => other.name === declaration.name));
    const anIdentical = common.some((declaration) =>
      b.some((other) => other.name === declaration.name && other.textHash === declaration.textHash),
    );
    return anIdentical ? common.length : 0;
  });
}

/** A module that imports both declarations' modules directly: where the wrong one gets picked. */
function importsBoth(context: CheckContext, declaration: ClassDeclaration, pairing: Pairing): boolean {
  const graph = context.index.moduleGraph();
  const first = new Set(graph.importers(declaration.file));
  const both = graph.importers(pairing.other.file).filter((file) => first.has(file) && !context.index.isTestFile(file));
  if (both.length === 0) return false;
  pairing.loader = both.sort()[0];
  return true;
}

function describeEvidence(evidence: Evidence | undefined, a: ClassDeclaration, b: ClassDeclaration): string {
  if (!evidence) {
    const shared = a.members.filter((member) => b.members.includes(member)).length;
    return `${shared} of ${new Set([...a.members, ...b.members]).size} members shared, in modules that import different things`;
  }
  if (evidence.kind === 'identical') return 'identical text';
  if (evidence.kind === 'module') return `its module is a copy: ${evidence.classes} classes declared in both`;
  return `${evidence.shared} of ${evidence.total} members shared`;
}

/** One finding for a declaration and the same-named classes it pairs with; the message says which kind of pair. */
function pairFinding(
  declaration: ClassDeclaration,
  pairings: Pairing[],
  messageId: 'copyLoadedTogether' | 'copyNeverLoadedTogether' | 'sameNameDifferentClass',
): RuleFinding {
  const others = pairings.map((pairing) => pairing.other);
  const first = pairings[0]!;
  const different = messageId === 'sameNameDifferentClass';
  return {
    ...position(declaration),
    messageId,
    data: {
      name: declaration.name,
      others: others.map(where).join(', '),
      evidence: describeEvidence(first.evidence, declaration, first.other),
      loader: first.loader ?? '',
      drift: drift(declaration, others, different ? 'the other class' : 'the other copy'),
    },
    symbol: declaration.name,
    key:
      messageId === 'copyLoadedTogether'
        ? declaration.name
        : `${declaration.name}|${different ? 'different' : 'apart'}`,
    related: others.map(relatedOf),
  };
}

/** The member table, one line per difference, starting with a newline (empty when nothing to show). */
function drift(copy: ClassDeclaration, others: ClassDeclaration[], otherLabel: string): string {
  const lines = driftLines(copy, others, otherLabel);
  return lines.length > 0 ? `\n${lines.join('\n')}` : '';
}

/**
 * `persistence/document/mappers/user.mapper.ts` and `persistence/relational/mappers/user.mapper.ts`:
 * paths that differ in one folder whose siblings mirror each other file for file are parallel
 * implementations (adapters, drivers), one of which is wired in. They are not copies. The
 * seeds' `models/` and `services/` share one file name, not a mirrored tree, and stay reported.
 */
function areParallelVariants(context: CheckContext, first: string, second: string): boolean {
  const a = first.split('/');
  const b = second.split('/');
  if (a.length !== b.length) return false;
  const differing = a.map((segment, index) => (segment === b[index] ? -1 : index)).filter((index) => index >= 0);
  if (differing.length !== 1 || differing[0] === a.length - 1) return false;
  const depth = differing[0]! + 1;
  const left = `${a.slice(0, depth).join('/')}/`;
  const right = `${b.slice(0, depth).join('/')}/`;
  return context.index.derived(`mirror:${left}\0${right}`, () => {
    const relativeFiles = (prefix: string) =>
      new Set(
        [...context.index.files.keys()]
          .filter((file) => file.startsWith(prefix) && !/(^|\/)(index\.[cm]?[jt]sx?|__init__\.py)$/.test(file))
          .map((file) => file.slice(prefix.length)),
      );
    const leftFiles = relativeFiles(left);
    const rightFiles = relativeFiles(right);
    const shared = [...leftFiles].filter((file) => rightFiles.has(file)).length;
    return shared >= 2 && shared * 2 >= Math.min(leftFiles.size, rightFiles.size);
  });
}

function driftLines(copy: ClassDeclaration, others: ClassDeclaration[], otherLabel: string): string[] {
  const lines: string[] = [];
  for (const other of others) {
    const here = new Set(copy.members);
    const there = new Set(other.members);
    const onlyHere = copy.members.filter((member) => !there.has(member));
    const onlyThere = other.members.filter((member) => !here.has(member));
    const label = others.length > 1 ? ` (vs ${where(other)})` : '';
    if (onlyHere.length === 0 && onlyThere.length === 0) {
      lines.push(`  members${label}: identical, ${copy.members.length} members`);
      continue;
    }
    lines.push(`  member drift${label}:`);
    const width = Math.max('only in this copy:'.length, `only in ${otherLabel}:`.length) + 1;
    lines.push(`    ${'only in this copy:'.padEnd(width)}${onlyHere.length > 0 ? onlyHere.join(', ') : '-'}`);
    lines.push(`    ${`only in ${otherLabel}:`.padEnd(width)}${onlyThere.length > 0 ? onlyThere.join(', ') : '-'}`);
  }
  return lines;
}

function position(declaration: ClassDeclaration) {
  const { span } = declaration;
  return {
    file: declaration.file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

function where(declaration: ClassDeclaration): string {
  return `${declaration.file}:${declaration.span.line}`;
}

function relatedOf(declaration: ClassDeclaration): RelatedLocation {
  return {
    file: declaration.file,
    line: declaration.span.line,
    column: declaration.span.column,
    message: `also declares ${declaration.name}`,
  };
}

function pathInPackage(directory: string, file: string): string {
  return directory === '' ? file : path.posix.relative(directory, file);
}
