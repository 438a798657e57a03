import type { Node } from 'web-tree-sitter';
import type { Span } from '../types.js';

/** Offsets of the line starts of a text: spans are computed from offsets, in UTF-16 code units like the TypeScript side. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get lines(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  span(start: number, end: number): Span {
    const from = this.position(start);
    const to = this.position(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, start, end };
  }
}

/** The value of a plain string literal (`"x"`, `'x'`, `r"x"`); undefined for f-strings with interpolations and other nodes. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((child) => stringValue(child));
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  let value = '';
  for (const child of node.namedChildren) {
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content' || child.type === 'escape_sequence') value += child.text;
  }
  return value;
}

/** Parentheses and annotation wrappers dropped: `(a)` is `a`. */
export function unwrap(node: Node): Node {
  let current = node;
  // A `type` node wraps an annotation's expression (`auth: AuthJWT`).
  while ((current.type === 'parenthesized_expression' || current.type === 'type') && current.namedChildCount === 1)
    current = current.namedChild(0)!;
  return current;
}

/** `a.b.c` for identifiers and attribute chains; undefined for anything else. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const expression = unwrap(node);
  if (expression.type === 'identifier') return expression.text;
  if (expression.type !== 'attribute') return undefined;
  const object = dottedName(expression.childForFieldName('object'));
  const attribute = expression.childForFieldName('attribute')?.text;
  return object && attribute ? `${object}.${attribute}` : undefined;
}

/** Positional arguments and keyword arguments of a call. */
export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callArguments(call: Node): CallArguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return { positional, keywords };
  for (const argument of list.namedChildren) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      const value = argument.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (argument.type !== 'comment' && argument.type !== 'list_splat' && argument.type !== 'dictionary_splat')
      positional.push(argument);
  }
  return { positional, keywords };
}

/** A dictionary literal's entries with string keys (`{"verify_signature": False}`). */
export function dictionaryEntries(node: Node | null | undefined): Map<string, Node> {
  const entries = new Map<string, Node>();
  if (node?.type !== 'dictionary') return entries;
  for (const pair of node.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = stringValue(pair.childForFieldName('key'));
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) entries.set(key, value);
  }
  return entries;
}

/** Elements of a list, tuple or set literal. */
export function sequenceElements(node: Node | null | undefined): Node[] | undefined {
  if (!node) return undefined;
  const expression = unwrap(node);
  if (expression.type !== 'list' && expression.type !== 'tuple' && expression.type !== 'set') return undefined;
  return expression.namedChildren.filter((child) => child.type !== 'comment');
}

/** The operator tokens of a comparison (`==`, `in`, `not in`, `is not`). */
export function comparisonOperators(node: Node): string[] {
  const operators: string[] = [];
  const children = node.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.isNamed) continue;
    const next = children[index + 1];
    if ((child.type === 'not' && next?.type === 'in') || (child.type === 'is' && next?.type === 'not')) {
      operators.push(`${child.type} ${next.type}`);
      index++;
    } else operators.push(child.type);
  }
  return operators;
}

export function shortened(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
