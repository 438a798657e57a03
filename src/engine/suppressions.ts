import type { SuppressionFact } from './types.js';

const DIRECTIVE =
  /\/\/[ \t]*eslint-(disable-next-line|disable-line)\b([^\n]*)|\/\*\s*eslint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)\*\//g;

/**
 * ESLint's inline directives, so that `ssot audit` honours the same suppressions the
 * editor does. Only directives naming `ssot/*` rules, or no rule at all, matter here.
 */
export function extractSuppressions(text: string): SuppressionFact[] {
  const suppressions: SuppressionFact[] = [];
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };

  for (const match of text.matchAll(DIRECTIVE)) {
    const directive = (match[1] ?? match[3])!;
    const body = (match[2] ?? match[4] ?? '').split(/\s--\s|\s--$/)[0]!.trim();
    const rules =
      body === ''
        ? null
        : body
            .split(',')
            .map((rule) => rule.trim())
            .filter(Boolean);
    if (rules && !rules.some((rule) => rule.startsWith('ssot/'))) continue;
    const startLine = lineAt(match.index);
    const endLine = lineAt(match.index + match[0].length - 1);
    switch (directive) {
      case 'disable-next-line':
        suppressions.push({ kind: 'next-line', line: endLine + 1, rules });
        break;
      case 'disable-line':
        suppressions.push({ kind: 'line', line: startLine, rules });
        break;
      case 'disable':
        suppressions.push({ kind: 'block-start', line: startLine, rules });
        break;
      default:
        suppressions.push({ kind: 'block-end', line: startLine, rules });
    }
  }
  return suppressions;
}

/** Whether a finding of `ruleId` on `line` is suppressed by the file's directives. */
export function isSuppressed(suppressions: readonly SuppressionFact[], ruleId: string, line: number): boolean {
  const names = (rules: string[] | null) => rules === null || rules.includes(ruleId);
  let disabledByBlock = false;
  for (const suppression of suppressions) {
    if (
      (suppression.kind === 'next-line' || suppression.kind === 'line') &&
      suppression.line === line &&
      names(suppression.rules)
    )
      return true;
    if (suppression.line > line) continue;
    if (suppression.kind === 'block-start' && names(suppression.rules)) disabledByBlock = true;
    if (suppression.kind === 'block-end' && names(suppression.rules)) disabledByBlock = false;
  }
  return disabledByBlock;
}
