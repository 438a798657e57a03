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
    // Every field in one literal (no spread): the objects keep their properties inline, a third smaller.
    const fact: FunctionFact = {
      id: `${this.file}#${unique}`,
      name: unique,
      kind,
      line: position.line,
      column: position.column,
      start,
      end,
      calls: [],
    };
    if (className) fact.className = className;
    this.graph.functions.push(fact);
    return fact;
  }
}

/** One copy of each string for the records of one index build. */
export type StringPool = Map<string, string>;

/**
 * Stores a finished record compactly, for as long as the index holds it:
 *
 * - strings of its own, one copy per `pool`: V8 takes a substring of 13 characters or more as a
 *   slice that keeps its whole parent alive, so names and texts taken from the syntax tree kept
 *   their file's source text in memory (a sixth of a large audit's heap, for strings of a few
 *   bytes). Shorter strings are copies already;
 * - one shared, frozen empty list for all the empty ones: most of a record's lists (a function's
 *   calls, a class's fields) are empty, and records are not changed once made. Other lists stay
 *   as they are: copying each to its exact size cost more time than the memory it saved.
 */
export function compactRecord<T extends object>(record: T, pool: StringPool = new Map()): T {
  const own = (text: string): string => {
    let copy = pool.get(text);
    if (copy === undefined) {
      // A JSON round trip yields a flat string of its own (a concatenation sliced back is a slice again).
      copy = JSON.parse(JSON.stringify(text)) as string;
      pool.set(copy, copy);
    }
    return copy;
  };
  const compact = (value: unknown): unknown => {
    if (typeof value === 'string') return value.length >= MIN_SLICE_LENGTH ? own(value) : value;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      if (value.length === 0) return NO_ITEMS;
      for (let index = 0; index < value.length; index++) value[index] = compact(value[index]);
      return value;
    }
    const fields = value as Record<string, unknown>;
    for (const key in fields) fields[key] = compact(fields[key]);
    return fields;
  };
  return compact(record) as T;
}

const NO_ITEMS: readonly never[] = Object.freeze([]);

/** V8's shortest sliced (and concatenated) string: below it, substrings are copied. */
const MIN_SLICE_LENGTH = 13;
