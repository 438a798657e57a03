import type ts from 'typescript';

/** The TypeScript namespace that produced the AST: SyntaxKind numbers differ between versions. */
export type TypeScript = typeof ts;

/** Strips parentheses, type assertions and non-null assertions: `(x as Y)!` is `x`. */
export function unwrap(t: TypeScript, node: ts.Expression): ts.Expression {
  const wrappers = wrapperKinds(t);
  let current = node;
  while (wrappers.has(current.kind)) current = (current as ts.ParenthesizedExpression).expression;
  return current;
}

/** The namespace whose wrapper kinds were looked up last: every file of a run uses the same one. */
let lastWrappers: { t: TypeScript; kinds: ReadonlySet<ts.SyntaxKind> } | undefined;

/** Parentheses, `as`, `!`, `satisfies` and `<T>x`: kinds looked up once, as `unwrap` runs for most expressions. */
function wrapperKinds(t: TypeScript): ReadonlySet<ts.SyntaxKind> {
  if (lastWrappers?.t !== t) {
    const k = t.SyntaxKind;
    lastWrappers = {
      t,
      kinds: new Set([
        k.ParenthesizedExpression,
        k.AsExpression,
        k.NonNullExpression,
        k.SatisfiesExpression,
        k.TypeAssertionExpression,
      ]),
    };
  }
  return lastWrappers.kinds;
}

/** Like `unwrap`, and `await x` is `x` too: what a call graph follows. */
export function unwrapAwait(t: TypeScript, node: ts.Expression): ts.Expression {
  let current = unwrap(t, node);
  while (t.isAwaitExpression(current)) current = unwrap(t, current.expression);
  return current;
}

/**
 * `process.env`, `this.configService`, `import.meta.env` as text, built from the AST rather
 * than sliced from the source (this runs for most member accesses of every file).
 */
export function dottedName(t: TypeScript, node: ts.Node): string | undefined {
  if (t.isIdentifier(node)) return node.text;
  if (node.kind === t.SyntaxKind.ThisKeyword) return 'this';
  if (t.isMetaProperty(node))
    return node.keywordToken === t.SyntaxKind.ImportKeyword ? `import.${node.name.text}` : undefined;
  if (t.isPropertyAccessExpression(node)) {
    const left = dottedName(t, node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (t.isParenthesizedExpression(node) || t.isNonNullExpression(node)) return dottedName(t, node.expression);
  return undefined;
}

/** The specifier of `require('m')`. */
export function requireSpecifier(t: TypeScript, node: ts.Expression): ts.StringLiteralLike | undefined {
  if (
    t.isCallExpression(node) &&
    t.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1
  ) {
    const argument = node.arguments[0]!;
    if (t.isStringLiteralLike(argument)) return argument;
  }
  return undefined;
}

/** The specifier of `import('m')` or `await import('m')`. */
export function dynamicImportSpecifier(t: TypeScript, node: ts.Expression): ts.StringLiteralLike | undefined {
  const inner = t.isAwaitExpression(node) ? unwrap(t, node.expression) : node;
  if (
    t.isCallExpression(inner) &&
    inner.expression.kind === t.SyntaxKind.ImportKeyword &&
    inner.arguments.length >= 1
  ) {
    const argument = inner.arguments[0]!;
    if (t.isStringLiteralLike(argument)) return argument;
  }
  return undefined;
}

export function hasModifier(t: TypeScript, node: ts.Node, kind: ts.SyntaxKind): boolean {
  return t.canHaveModifiers(node) && (t.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

/** The class a type annotation names (`Promise<X>` unwrapped), when it names one. */
export function typeName(t: TypeScript, type: ts.TypeNode | undefined): string | undefined {
  if (!type || !t.isTypeReferenceNode(type)) return undefined;
  const name = t.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  if (name === 'Promise' && type.typeArguments?.length === 1) return typeName(t, type.typeArguments[0]);
  return name;
}

/** The text of a property name that is an identifier or a string literal. */
export function propertyNameText(t: TypeScript, name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  return t.isIdentifier(name) || t.isPrivateIdentifier(name) || t.isStringLiteral(name) ? name.text : undefined;
}

export function isFunctionExpressionLike(t: TypeScript, node: ts.Node): boolean {
  const expression = t.isExpression(node) ? unwrapAwait(t, node) : node;
  return t.isArrowFunction(expression) || t.isFunctionExpression(expression);
}

/**
 * What a function expression returns: an arrow's expression body, or the first `return` value of
 * its block (nested functions' returns are theirs, not its). `node` is already unwrapped.
 */
export function returnedExpression(t: TypeScript, node: ts.Expression): ts.Expression | undefined {
  if (!t.isArrowFunction(node) && !t.isFunctionExpression(node)) return undefined;
  if (!t.isBlock(node.body)) return node.body;
  let found: ts.Expression | undefined;
  const search = (child: ts.Node): void => {
    if (found || t.isFunctionLike(child)) return;
    if (t.isReturnStatement(child) && child.expression) found = child.expression;
    else t.forEachChild(child, search);
  };
  t.forEachChild(node.body, search);
  return found;
}
