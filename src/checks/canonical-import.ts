import path from 'node:path';
import type { FileFacts, ImportFact } from '../engine/types.js';
import type { FindingFix } from '../model.js';
import type { CanonicalLocation, ProjectIndex } from '../project/project-index.js';
import type { Check, RuleFinding } from './types.js';
import { isPythonFile } from '../project/parse-file.js';
import { pythonModuleSpecifier } from '../project/python-resolver.js';

/**
 * A symbol with a canonical module imported (named, default, namespace member, require,
 * dynamic import, re-export) from a module that resolves to another declaration.
 * Barrels and tsconfig `paths` that lead to the canonical declaration are fine.
 */
export const canonicalImport = {
  name: 'canonical-import',
  skipsTests: false,
  messages: {
    wrongModule:
      "{{symbol}} is imported from '{{specifier}}', which resolves to another declaration ({{origin}}). The canonical {{symbol}} is in {{canonical}}: {{advice}}.",
  },
  run(context) {
    const { index } = context;
    const canonical = index.canonical();
    if (canonical.size === 0) return [];
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) findings.push(...checkFile(index, canonical, facts));
    return findings;
  },
} satisfies Check;

function checkFile(index: ProjectIndex, canonical: Map<string, CanonicalLocation>, facts: FileFacts): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const defaultExported = canonicalDefaultExports(index, canonical);
  for (const fact of facts.imports) {
    if (fact.imported === '*') continue;
    // Resolving costs file-system lookups: only imports that can name a canonical symbol need it.
    if (fact.imported === 'default' ? !defaultExported : !canonical.has(fact.imported)) continue;
    const target = index.resolveImport(facts.file, fact.specifier);
    if (!target) continue;
    const symbol = fact.imported === 'default' ? index.files.get(target)?.defaultExportName : fact.imported;
    const location = symbol ? canonical.get(symbol) : undefined;
    if (!symbol || !location || facts.file === location.file) continue;
    const origin = index.originOf(target, fact.imported);
    if (!origin || origin === location.file) continue;
    const rewrite = rewriteFor(index, canonical, facts, fact, target, location);
    findings.push({
      file: facts.file,
      line: fact.span.line,
      column: fact.span.column,
      endLine: fact.span.endLine,
      endColumn: fact.span.endColumn,
      messageId: 'wrongModule',
      data: messageData(symbol, fact.specifier, origin, location, rewrite?.edit.text),
      symbol,
      key: `${symbol}|${fact.specifier}`,
      related: [
        { file: location.file, line: location.line, column: location.column, message: 'canonical declaration' },
      ],
      ...(rewrite ? (rewrite.safe ? { fix: rewrite.edit } : { suggestion: rewrite.edit }) : {}),
    });
  }
  for (const use of facts.memberUses) {
    const location = canonical.get(use.member);
    if (!location || facts.file === location.file) continue;
    const namespace = facts.imports.find((fact) => fact.local === use.object && fact.imported === '*');
    const target = namespace && index.resolveImport(facts.file, namespace.specifier);
    const origin = target && index.originOf(target, use.member);
    if (!namespace || !origin || origin === location.file) continue;
    findings.push({
      file: facts.file,
      line: use.span.line,
      column: use.span.column,
      endLine: use.span.endLine,
      endColumn: use.span.endColumn,
      messageId: 'wrongModule',
      data: messageData(
        use.member,
        namespace.specifier,
        origin,
        location,
        isPythonFile(facts.file)
          ? pythonModuleSpecifier((from, specifier) => index.resolveImport(from, specifier), facts.file, location.file)
          : suggestedSpecifier(facts.file, namespace.specifier, location.file),
      ),
      symbol: use.member,
      key: `${use.member}|${namespace.specifier}|member`,
      related: [
        { file: location.file, line: location.line, column: location.column, message: 'canonical declaration' },
      ],
    });
  }
  return findings;
}

function messageData(
  symbol: string,
  specifier: string,
  origin: string,
  location: CanonicalLocation,
  suggestion: string | undefined,
): Record<string, string> {
  return {
    symbol,
    specifier,
    origin,
    canonical: `${location.file}:${location.line}`,
    advice: suggestion ? `import it from '${suggestion}'` : `import it from ${location.file}`,
  };
}

/**
 * Re-points the statement at the canonical module when every binding it takes exists there;
 * otherwise the edit would break the other bindings, so none is offered. The edit is `safe`
 * (an autofix) only when it cannot change behaviour: each binding keeps its declaration or gets
 * one with the same members (`new UC('a', 'b')` must not start building a class with another
 * constructor), and the specifier keeps its style (a tsconfig `paths` alias stays an alias).
 * Otherwise it is a suggestion.
 */
function rewriteFor(
  index: ProjectIndex,
  canonical: Map<string, CanonicalLocation>,
  facts: FileFacts,
  fact: ImportFact,
  target: string,
  location: CanonicalLocation,
): { edit: FindingFix; safe: boolean } | undefined {
  if (fact.kind === 'dynamic-import') return undefined;
  const siblings = facts.imports.filter((other) => other.statement === fact.statement && other.kind === fact.kind);
  let sameBehaviour = true;
  for (const other of siblings) {
    if (other.imported === '*') return undefined;
    const name = other.imported === 'default' ? index.files.get(location.file)?.defaultExportName : other.imported;
    if (name === undefined) return undefined;
    const after =
      canonical.get(name)?.file === location.file ? location.file : index.originOf(location.file, other.imported);
    if (after === undefined) return undefined;
    const before = index.originOf(target, other.imported);
    if (before !== after && !sameMembers(index, other.imported, before, after)) sameBehaviour = false;
  }
  const styled = specifierInStyle(index, facts.file, fact.specifier, target, location.file);
  const python = isPythonFile(facts.file);
  const text = styled ?? (python ? undefined : suggestedSpecifier(facts.file, fact.specifier, location.file));
  if (text === undefined) return undefined;
  const span = fact.specifierSpan;
  // A Python module path is written without quotes: the edit covers the whole span.
  const range: [number, number] = python ? [span.start, span.end] : [span.start + 1, span.end - 1];
  return { edit: { range, text }, safe: sameBehaviour && styled !== undefined };
}

/** Whether `imported` names classes with the same members, in the same order, in both files (parameter properties are members). */
function sameMembers(index: ProjectIndex, imported: string, first: string | undefined, second: string): boolean {
  const classIn = (file: string) => {
    const facts = index.files.get(file);
    const local = imported === 'default' ? facts?.defaultExportName : imported;
    return facts?.classes.find((declaration) => declaration.name === local);
  };
  const a = first === undefined ? undefined : classIn(first);
  const b = classIn(second);
  return a !== undefined && b !== undefined && a.members.join('\0') === b.members.join('\0');
}

/**
 * A specifier for `canonicalFile` written the way `original` is: relative stays relative, an
 * alias stays an alias. Undefined when that specifier would not resolve to the canonical file.
 */
function specifierInStyle(
  index: ProjectIndex,
  fromFile: string,
  original: string,
  target: string,
  canonicalFile: string,
): string | undefined {
  if (isPythonFile(fromFile))
    return pythonModuleSpecifier((from, specifier) => index.resolveImport(from, specifier), fromFile, canonicalFile);
  const candidate = original.startsWith('.')
    ? suggestedSpecifier(fromFile, original, canonicalFile)
    : aliasSpecifier(original, target, canonicalFile);
  return candidate !== undefined && index.resolveImport(fromFile, candidate) === canonicalFile ? candidate : undefined;
}

/**
 * `@app/models/x`, which resolves to `src/models/x.ts`, written for `src/services/y.ts`: the part
 * the specifier shares with the file's path is swapped, the alias prefix (`@app` for `src`) kept.
 */
function aliasSpecifier(original: string, target: string, canonicalFile: string): string | undefined {
  const written = original.replace(EXTENSION, '').split('/');
  const resolved = target
    .replace(EXTENSION, '')
    .replace(/\/index$/, '')
    .split('/');
  let shared = 0;
  while (shared < Math.min(written.length, resolved.length) && written.at(-1 - shared) === resolved.at(-1 - shared))
    shared++;
  const aliasPrefix = written.slice(0, written.length - shared).join('/');
  const directory = resolved.slice(0, resolved.length - shared).join('/');
  if (shared === 0 || aliasPrefix === '' || (directory !== '' && !canonicalFile.startsWith(`${directory}/`)))
    return undefined;
  const rest = (directory === '' ? canonicalFile : canonicalFile.slice(directory.length + 1)).replace(EXTENSION, '');
  return EXTENSION.test(original)
    ? withExtensionLike(original, `${aliasPrefix}/${rest}`, canonicalFile)
    : `${aliasPrefix}/${rest}`.replace(/\/index$/, '');
}

const EXTENSION = /\.(c|m)?(j|t)sx?$/;

/** A specifier for `target` from `fromFile`, in the style of the original (extension or none). */
export function suggestedSpecifier(fromFile: string, original: string, target: string): string {
  let relative = path.posix.relative(path.posix.dirname(fromFile), target);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const withoutExtension = relative.replace(EXTENSION, '');
  if (!EXTENSION.test(original)) return withoutExtension.replace(/\/index$/, '') || '.';
  return withExtensionLike(original, withoutExtension, target);
}

/** `specifier` with an extension when `original` has one: `.js` in a specifier names the compiled file of a `.ts` source (NodeNext style). */
function withExtensionLike(original: string, specifier: string, target: string): string {
  const originalExtension = EXTENSION.exec(original)?.[0];
  if (!originalExtension) return specifier;
  const targetExtension = EXTENSION.exec(target)?.[0] ?? '';
  const compiled = originalExtension.includes('j')
    ? targetExtension.replace('t', 'j').replace(/x$/, '')
    : targetExtension;
  return `${specifier}${compiled}`;
}

/** Whether any canonical symbol is some module's default export (only then do default imports need resolving). */
function canonicalDefaultExports(index: ProjectIndex, canonical: Map<string, CanonicalLocation>): boolean {
  return index.derived('canonicalDefaultExports', () => {
    for (const facts of index.files.values())
      if (facts.defaultExportName && canonical.has(facts.defaultExportName)) return true;
    return false;
  });
}
