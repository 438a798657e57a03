import { detached } from './strings.js';
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
  /** `file#`, one flat string: an id is then one concatenation of it and the name, not two. */
  private readonly idPrefix: string;

  constructor(
    file: string,
    private readonly graph: FileGraph,
  ) {
    this.idPrefix = detached(`${file}#`);
  }

  add(
    name: string,
    kind: FunctionKind,
    position: Position,
    start: number,
    end: number,
    className?: string,
    returnType?: string,
  ): FunctionFact {
    let unique = name;
    for (let counter = 2; this.usedNames.has(unique); counter++) unique = `${name}~${counter}`;
    this.usedNames.add(unique);
    // Every field in one literal, the optional ones too (undefined is not serialised): a field
    // added later, or a spread, moves the fields out of the object, a third larger.
    const fact: FunctionFact = {
      id: this.idPrefix + unique,
      name: unique,
      kind,
      className: className || undefined,
      line: position.line,
      column: position.column,
      start,
      end,
      calls: [],
      returnType: returnType || undefined,
    };
    this.graph.functions.push(fact);
    return fact;
  }
}
