import path from 'node:path';
import type { FileFacts, ImportFact } from '../engine/types.js';
import type { FindingFix } from '../model.js';
import type { CanonicalLocation, ProjectIndex } from '../project/project-index.js';
import type { Check, RuleFinding } from './types.js';

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
    const fix = fixFor(index, canonical, facts, fact, location);
    findings.push({
      file: facts.file,
      line: fact.span.line,
      column: fact.span.column,
      endLine: fact.span.endLine,
      endColumn: fact.span.endColumn,
      messageId: 'wrongModule',
      data: messageData(
        symbol,
        fact.specifier,
        origin,
        location,
        fix ? suggestedSpecifier(facts.file, fact.specifier, location.file) : undefined,
      ),
      symbol,
      key: `${symbol}|${fact.specifier}`,
      related: [
        { file: location.file, line: location.line, column: location.column, message: 'canonical declaration' },
      ],
      ...(fix ? { fix } : {}),
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
        suggestedSpecifier(facts.file, namespace.specifier, location.file),
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
 * Rewrites the specifier when every binding of the statement is available from the canonical
 * module; otherwise the fix would break the other bindings, so none is offered.
 */
function fixFor(
  index: ProjectIndex,
  canonical: Map<string, CanonicalLocation>,
  facts: FileFacts,
  fact: ImportFact,
  location: CanonicalLocation,
): FindingFix | undefined {
  if (fact.kind === 'dynamic-import') return undefined;
  const siblings = facts.imports.filter((other) => other.statement === fact.statement && other.kind === fact.kind);
  const allAvailable = siblings.every((other) => {
    if (other.imported === '*') return false;
    const name = other.imported === 'default' ? index.files.get(location.file)?.defaultExportName : other.imported;
    return (
      name !== undefined &&
      (canonical.get(name)?.file === location.file || index.originOf(location.file, other.imported) !== undefined)
    );
  });
  if (!allAvailable) return undefined;
  const span = fact.specifierSpan;
  return { range: [span.start + 1, span.end - 1], text: suggestedSpecifier(facts.file, fact.specifier, location.file) };
}

/** A specifier for `target` from `fromFile`, in the style of the original (extension or none). */
export function suggestedSpecifier(fromFile: string, original: string, target: string): string {
  let relative = path.posix.relative(path.posix.dirname(fromFile), target);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const originalExtension = /\.(c|m)?(j|t)sx?$/.exec(original)?.[0];
  const withoutExtension = relative.replace(/\.(c|m)?(j|t)sx?$/, '');
  if (!originalExtension) return withoutExtension.replace(/\/index$/, '') || '.';
  // `.js` in a specifier names the compiled file of a `.ts` source (NodeNext style).
  const targetExtension = /\.(c|m)?(j|t)sx?$/.exec(target)?.[0] ?? '';
  const compiled = originalExtension.includes('j')
    ? targetExtension.replace('t', 'j').replace(/x$/, '')
    : targetExtension;
  return `${withoutExtension}${compiled}`;
}

/** Whether any canonical symbol is some module's default export (only then do default imports need resolving). */
function canonicalDefaultExports(index: ProjectIndex, canonical: Map<string, CanonicalLocation>): boolean {
  return index.derived('canonicalDefaultExports', () => {
    for (const facts of index.files.values())
      if (facts.defaultExportName && canonical.has(facts.defaultExportName)) return true;
    return false;
  });
}
