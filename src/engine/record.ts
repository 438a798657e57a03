import type { FileFacts, FileGraph, FunctionFact, FunctionKind, Position } from './types.js';

/** The record a front end fills for one file: every list present and empty. */
export function emptyFileFacts(file: string, lines: number): FileFacts {
  return {
    file,
    lines,
    classes: [],
    canonicalDeclarations: [],
    imports: [],
    memberUses: [],
    exports: [],
    jwtUses: [],
    jwtCandidates: [],
    envConditions: [],
    secretReads: [],
    bypasses: [],
    suppressions: [],
    credentialIssues: [],
    graph: {
      functions: [],
      classes: [],
      variables: [],
      objects: [],
      entries: [],
      regions: [],
      instanceofs: [],
      news: [],
      strategies: [],
      globalGuards: [],
      providers: [],
    },
  };
}

/**
 * The functions of one file's call graph, whatever the language: each named once within the file
 * (a second `handler` is `handler~2`), identified as `file#name`, appended to the graph in order.
 */
export class FunctionFacts {
  private readonly usedNames = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly graph: FileGraph,
  ) {}

  add(
    name: string,
    kind: FunctionKind,
    position: Position,
    start: number,
    end: number,
    className?: string,
  ): FunctionFact {
    let unique = name;
    for (let counter = 2; this.usedNames.has(unique); counter++) unique = `${name}~${counter}`;
    this.usedNames.add(unique);
    const fact: FunctionFact = { id: `${this.file}#${unique}`, name: unique, kind, ...position, start, end, calls: [] };
    if (className) fact.className = className;
    this.graph.functions.push(fact);
    return fact;
  }
}

/** One copy of each string for the records of one index build. */
export type StringPool = Map<string, string>;

/**
 * Gives the record strings of its own, shared through `pool`. V8 takes a substring of 13
 * characters or more as a slice that keeps its whole parent alive, so a record whose names and
 * texts come from the syntax tree keeps its file's source text in memory for as long as the index
 * lives: a sixth of a large audit's heap, for strings of a few bytes. Shorter strings are copies
 * already.
 */
export function detachStrings<T extends object>(record: T, pool: StringPool = new Map()): T {
  const own = (text: string): string => {
    let copy = pool.get(text);
    if (copy === undefined) {
      // A JSON round trip yields a flat string of its own (a concatenation sliced back is a slice again).
      copy = JSON.parse(JSON.stringify(text)) as string;
      pool.set(copy, copy);
    }
    return copy;
  };
  const visit = (value: Record<string, unknown> | unknown[]): void => {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        if (typeof item === 'string') {
          if (item.length >= MIN_SLICE_LENGTH) value[index] = own(item);
        } else if (item !== null && typeof item === 'object') visit(item as Record<string, unknown>);
      }
      return;
    }
    for (const key in value) {
      const item = value[key];
      if (typeof item === 'string') {
        if (item.length >= MIN_SLICE_LENGTH) value[key] = own(item);
      } else if (item !== null && typeof item === 'object') visit(item as Record<string, unknown>);
    }
  };
  visit(record as Record<string, unknown>);
  return record;
}

/** V8's shortest sliced (and concatenated) string: below it, substrings are copied. */
const MIN_SLICE_LENGTH = 13;
