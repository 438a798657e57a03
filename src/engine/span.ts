import type ts from 'typescript';
import { detached } from './strings.js';
import type { Span } from './types.js';

export function spanOf(node: ts.Node, sourceFile: ts.SourceFile): Span {
  const start = node.getStart(sourceFile);
  const end = node.getEnd();
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return {
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    start,
    end,
  };
}

/** Source text of a node, on one line and shortened, for messages: a string of its own. */
export function shortText(node: ts.Node, sourceFile: ts.SourceFile, max = 80): string {
  return detached(oneLineText(node, sourceFile, max));
}

/** The same text, possibly a slice of the source: for a caller that copies it (`pooled`) or drops it. */
export function oneLineText(node: ts.Node, sourceFile: ts.SourceFile, max = 80): string {
  const text = node.getText(sourceFile).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
