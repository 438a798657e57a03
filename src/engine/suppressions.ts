import type ts from 'typescript';
import { detached } from './strings.js';
import type { TypeScript } from './syntax.js';
import type { SuppressionFact } from './types.js';

/**
 * The labels of ESLint's directives that switch rules off and on (the rest of its `directivesPattern`
 * in lib/shared/directives.js configures rules and globals, which the audit has no use for).
 */
const LABEL = /^(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s|$)/u;
/** ESLint's separator between a directive and its description: `-- reason`, two or more dashes with space around. */
const DESCRIPTION_SEPARATOR = /\s-{2,}\s/u;
const KIND_OF_LABEL = {
  'eslint-disable-next-line': 'next-line',
  'eslint-disable-line': 'line',
  'eslint-disable': 'block-start',
  'eslint-enable': 'block-end',
} as const satisfies Record<string, SuppressionFact['kind']>;

/**
 * ESLint's inline directives, read from the file's comments the way ESLint reads them, so that
 * `ssot audit` honours exactly the suppressions the editor does. Text that only looks like a
 * directive (in a string, template literal, regular expression or JSX text) is not a comment and
 * suppresses nothing. Only directives naming `ssot/*` rules, or no rule at all, are kept.
 */
export function extractSuppressions(typescript: TypeScript, sourceFile: ts.SourceFile): SuppressionFact[] {
  const suppressions: SuppressionFact[] = [];
  for (const comment of commentsMentioningEslint(typescript, sourceFile)) {
    const suppression = directiveOf(typescript, sourceFile, comment);
    if (suppression) suppressions.push(suppression);
  }
  return suppressions;
}

/**
 * The comments that contain `eslint-`, in source order. Only the tokens around each occurrence are
 * visited, so a file without one costs a single `indexOf`. An occurrence is in a comment when it
 * lies in the trivia before the token whose full range holds it; inside the token itself it is
 * string, template, regular-expression or JSX text.
 */
function commentsMentioningEslint(typescript: TypeScript, sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text;
  const comments: ts.CommentRange[] = [];
  let at = text.indexOf('eslint-');
  while (at !== -1) {
    const token = tokenHolding(typescript, sourceFile, at);
    const comment =
      token && token.kind !== typescript.SyntaxKind.JsxText
        ? commentsBefore(typescript, text, token.pos).find((range) => range.pos <= at && at < range.end)
        : undefined;
    if (comment) comments.push(comment);
    const inTokenText = !comment && token !== undefined && at >= token.getStart(sourceFile);
    at = text.indexOf('eslint-', comment ? comment.end : inTokenText ? token.end : at + 1);
  }
  return comments;
}

/** The token whose full range (leading trivia included) holds `position`. */
function tokenHolding(typescript: TypeScript, sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  let node: ts.Node = sourceFile;
  while (!typescript.isTokenKind(node.kind)) {
    // JSDoc children overlap the trivia of the real children; the real ones tile the parent's range.
    const child = node
      .getChildren(sourceFile)
      .find(
        (candidate) =>
          candidate.kind !== typescript.SyntaxKind.JSDoc && candidate.pos <= position && position < candidate.end,
      );
    if (!child) return undefined;
    node = child;
  }
  return node;
}

/** Every comment in the trivia that starts at `position`: TypeScript splits it into trailing (same line) and leading. */
function commentsBefore(typescript: TypeScript, text: string, position: number): ts.CommentRange[] {
  // At 0 the leading ranges are all of them (and skip a shebang, which is never a directive).
  if (position === 0) return typescript.getLeadingCommentRanges(text, 0) ?? [];
  return [
    ...(typescript.getTrailingCommentRanges(text, position) ?? []),
    ...(typescript.getLeadingCommentRanges(text, position) ?? []),
  ];
}

/** ESLint's reading of one comment (ConfigCommentParser.parseDirective, SourceCode.getDisableDirectives). */
function directiveOf(
  typescript: TypeScript,
  sourceFile: ts.SourceFile,
  comment: ts.CommentRange,
): SuppressionFact | undefined {
  const isLineComment = comment.kind === typescript.SyntaxKind.SingleLineCommentTrivia;
  const value = sourceFile.text.slice(comment.pos + 2, isLineComment ? comment.end : comment.end - 2);
  const separator = DESCRIPTION_SEPARATOR.exec(value);
  const directive = (separator ? value.slice(0, separator.index) : value).trim();
  const label = LABEL.exec(directive)?.[1] as keyof typeof KIND_OF_LABEL | undefined;
  if (!label) return undefined;
  const kind = KIND_OF_LABEL[label];
  // `// eslint-disable` and `// eslint-enable` are not directives; only the -line forms work as line comments.
  if (isLineComment && (kind === 'block-start' || kind === 'block-end')) return undefined;
  const start = sourceFile.getLineAndCharacterOfPosition(comment.pos);
  const endLine = sourceFile.getLineAndCharacterOfPosition(comment.end).line;
  // ESLint reports a multi-line eslint-disable-line as a problem and ignores it.
  if (kind === 'line' && endLine !== start.line) return undefined;
  const rules = ruleList(directive.slice(label.length));
  if (rules && !rules.some((rule) => rule.startsWith('ssot/'))) return undefined;
  return {
    kind,
    // A next-line directive covers the line after the comment's last line.
    line: kind === 'next-line' ? endLine + 2 : start.line + 1,
    column: start.character + 1,
    // Copies: a rule id cut from the comment would keep the file's whole text alive in the record.
    rules: rules && rules.map(detached),
  };
}

/** ESLint's `parseListConfig`: comma-separated, optionally quoted rule ids; none means every rule. */
function ruleList(text: string): string[] | null {
  const rules = text
    .split(',')
    .map((rule) => rule.trim().replace(/^(['"]?)(.*)\1$/su, '$2'))
    .filter((rule) => rule !== '');
  return rules.length > 0 ? rules : null;
}

/**
 * Whether ESLint would suppress a finding of `ruleId` at `position` (1-based line and column), as
 * lib/linter/apply-disable-directives.js decides: a -line directive covers its whole line; a block
 * directive takes effect where its comment starts, and an `eslint-enable` naming the rule (or none)
 * ends every disable of it before.
 */
export function isSuppressed(
  suppressions: readonly SuppressionFact[],
  ruleId: string,
  position: { line: number; column: number },
): boolean {
  const names = (rules: string[] | null) => rules === null || rules.includes(ruleId);
  let disabledByBlock = false;
  for (const suppression of suppressions) {
    if (suppression.kind === 'next-line' || suppression.kind === 'line') {
      if (suppression.line === position.line && names(suppression.rules)) return true;
      continue;
    }
    const before =
      suppression.line < position.line || (suppression.line === position.line && suppression.column <= position.column);
    if (before && names(suppression.rules)) disabledByBlock = suppression.kind === 'block-start';
  }
  return disabledByBlock;
}
