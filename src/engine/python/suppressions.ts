import type { Node, Tree } from 'web-tree-sitter';
import type { SuppressionFact } from '../types.js';
import type { LineMap } from './syntax.js';

/** `# ssot: ignore[no-auth-bypass, ssot/single-jwt-path] -- reason`, or `# ssot: ignore -- reason` for every rule. */
const DIRECTIVE = /^#\s*ssot:\s*ignore(?:\[([^\]]*)\])?(?:\s|$)/;

/**
 * Suppression comments, as the records the TypeScript side makes of `eslint-disable-line` and
 * `eslint-disable-next-line`: a directive at the end of a line covers that line; one on a line
 * of its own covers the next line. Only real comments count: text in a string suppresses nothing.
 */
export function extractPythonSuppressions(tree: Tree, text: string, lines: LineMap): SuppressionFact[] {
  const suppressions: SuppressionFact[] = [];
  if (!text.includes('ssot:')) return suppressions;
  for (const comment of tree.rootNode.descendantsOfType('comment')) {
    if (!comment) continue;
    const match = DIRECTIVE.exec(withoutReason(comment));
    if (!match) continue;
    const { line, column } = lines.position(comment.startIndex);
    const lineStart = text.lastIndexOf('\n', comment.startIndex - 1) + 1;
    const ownLine = text.slice(lineStart, comment.startIndex).trim() === '';
    suppressions.push({
      kind: ownLine ? 'next-line' : 'line',
      line: ownLine ? line + 1 : line,
      column,
      rules: ruleList(match[1]),
    });
  }
  return suppressions;
}

function withoutReason(comment: Node): string {
  const text = comment.text;
  const separator = /\s-{2,}\s/.exec(text);
  return separator ? text.slice(0, separator.index) : text;
}

function ruleList(list: string | undefined): string[] | null {
  if (list === undefined) return null;
  const rules = list
    .split(',')
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map((rule) => (rule.startsWith('ssot/') ? rule : `ssot/${rule}`));
  return rules.length > 0 ? rules : null;
}
