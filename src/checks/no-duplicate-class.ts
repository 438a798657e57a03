import path from 'node:path';
import type { RelatedLocation } from '../model.js';
import type { ClassDeclaration } from '../project/project-index.js';
import type { Check, CheckContext, RuleFinding } from './types.js';

export interface NoDuplicateClassOptions {
  /** Also report names shared across workspace packages. */
  checkAcrossPackages?: boolean;
}

/**
 * The same class name declared in two or more modules. Inside one workspace package that is
 * the seeds' failure (two drifting `UserExecutionContext`s). Across packages it is often
 * deliberate (separately deployed apps mirror each other's models), so it is reported only
 * with `checkAcrossPackages`, and even then copies at the same path inside their packages
 * (`src/app.module.ts` in every Nest app) are taken as a convention, not a copy. A per-finding
 * severity would be simpler for the CLI but impossible in ESLint, and the two must agree.
 */
export const noDuplicateClass = {
  name: 'no-duplicate-class',
  skipsTests: true,
  messages: {
    copyOfCanonical:
      'Class {{name}} is a copy of the canonical {{name}} in {{canonical}}. Delete this copy and import the canonical class; two copies drift apart and `instanceof` fails across them.{{drift}}',
    duplicateInPackage:
      'Class {{name}} is declared in {{count}} modules of {{package}}: here and {{others}}. Keep one, mark it `/** @canonical */` (or list it under "canonical" in ssot.config.json), delete the copies and import it everywhere.{{drift}}',
    duplicateAcrossPackages:
      'Class {{name}} is also declared in {{others}}. Packages deployed separately may keep their own copy, but copies drift: share one from a common package, or rename the one that means something else.{{drift}}',
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
      findings.push(...duplicatesWithoutCanonical(context, declarations, checkAcrossPackages));
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

function duplicatesWithoutCanonical(
  context: CheckContext,
  declarations: ClassDeclaration[],
  checkAcrossPackages: boolean,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const index = context.index;
  for (const declaration of declarations) {
    if (!wanted(context, declaration.file)) continue;
    const owner = index.packageOf(declaration.file);
    const others = declarations.filter(
      (other) => other.file !== declaration.file && !areParallelVariants(context, declaration.file, other.file),
    );
    const samePackage = others.filter((other) => index.packageOf(other.file) === owner);
    if (samePackage.length > 0) {
      const data = {
        name: declaration.name,
        count: String(samePackage.length + 1),
        package: packageLabel(owner),
        others: samePackage.map(where).join(', '),
        drift: drift(declaration, samePackage, 'the other copy'),
      };
      findings.push({
        ...position(declaration),
        messageId: 'duplicateInPackage',
        data,
        symbol: declaration.name,
        key: declaration.name,
        related: samePackage.map(relatedOf),
      });
      continue;
    }
    if (!checkAcrossPackages) continue;
    const elsewhere = others.filter(
      (other) => pathInPackage(index.packageOf(other.file), other.file) !== pathInPackage(owner, declaration.file),
    );
    if (elsewhere.length === 0) continue;
    const data = {
      name: declaration.name,
      others: elsewhere.map((other) => `${packageLabel(index.packageOf(other.file))} (${where(other)})`).join(', '),
      drift: drift(declaration, elsewhere, 'the other copy'),
    };
    findings.push({
      ...position(declaration),
      messageId: 'duplicateAcrossPackages',
      data,
      symbol: declaration.name,
      key: `${declaration.name}|across`,
      related: elsewhere.map(relatedOf),
    });
  }
  return findings;
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
          .filter((file) => file.startsWith(prefix) && !/(^|\/)index\.[cm]?[jt]sx?$/.test(file))
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

function packageLabel(directory: string): string {
  return directory === '' ? 'the root package' : `package ${directory}`;
}

function pathInPackage(directory: string, file: string): string {
  return directory === '' ? file : path.posix.relative(directory, file);
}
