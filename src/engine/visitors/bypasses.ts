import type ts from 'typescript';
import { KEY_OPTION_NAMES, isBypassHeader, isSuspiciousTokenContent, isTokenName } from '../naming.js';
import { spanOf } from '../span.js';
import { dottedName, unwrap, type TypeScript } from '../syntax.js';
import type { BypassFact } from '../types.js';
import type { FactVisitor, Walk } from '../walk.js';
import { arrayLiteral } from './environment.js';
import type { JwtVisitor } from './jwt.js';
import { secretReadName } from './secrets.js';

/**
 * Shapes that switch verification off: bypass headers read, token contents compared with
 * literals, `ignoreExpiration`, `alg: none`, literal keys handed to a JWT library (also through a
 * `const` in scope) and secrets that fall back to a literal.
 */
export class BypassVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];

  constructor(
    private readonly walk: Walk,
    private readonly jwt: JwtVisitor,
  ) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.ElementAccessExpression,
      kind.CallExpression,
      kind.NewExpression,
      kind.PropertyAssignment,
      kind.BinaryExpression,
    ];
  }

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  enter(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isPropertyAssignment(node)) this.checkVerificationOption(node);
    else if (t.isBinaryExpression(node)) this.checkBinary(node);
    else if (t.isElementAccessExpression(node)) this.checkHeaderRead(node);
    else if (t.isCallExpression(node) || t.isNewExpression(node)) {
      if (t.isCallExpression(node)) {
        this.checkHeaderRead(node);
        this.checkTokenContent(node);
      }
      if (this.isJwtRelatedCall(node)) this.checkHardcodedKeys(node);
    }
    return false;
  }

  finish(): void {
    const seen = new Set<string>();
    this.walk.record.bypasses = this.walk.record.bypasses.filter((bypass) => {
      const key = `${bypass.kind}:${bypass.span.start}:${bypass.span.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private add(kind: BypassFact['kind'], detail: string, node: ts.Node): void {
    this.walk.record.bypasses.push({ kind, detail, span: spanOf(node, this.walk.sourceFile) });
  }

  /**
   * Reads of a bypass header: `req.headers['x-e2e-test']`, `req.get('X-Test-Mode')`,
   * `headers.get(E2E_HEADER)`. Setting one on a response or listing it for CORS is not a read.
   */
  private checkHeaderRead(node: ts.ElementAccessExpression | ts.CallExpression): void {
    const t = this.ts;
    let key: ts.Expression | undefined;
    if (t.isElementAccessExpression(node)) {
      const owner = node.expression;
      if (
        t.isPropertyAccessExpression(owner)
          ? owner.name.text === 'headers'
          : t.isIdentifier(owner) && /headers$/i.test(owner.text)
      )
        key = node.argumentExpression;
    } else if (
      t.isPropertyAccessExpression(node.expression) &&
      /^(get|header|getHeader|has)$/.test(node.expression.name.text)
    ) {
      key = node.arguments[0];
    }
    if (!key) return;
    const name = this.literalValues(key)[0];
    if (name !== undefined && isBypassHeader(name)) this.add('bypass-header', name, node);
  }

  private checkVerificationOption(node: ts.PropertyAssignment): void {
    const t = this.ts;
    const name = t.isIdentifier(node.name) || t.isStringLiteral(node.name) ? node.name.text : undefined;
    if (!name) return;
    const value = unwrap(t, node.initializer);
    if (name === 'ignoreExpiration' && value.kind === t.SyntaxKind.TrueKeyword) {
      this.add('ignore-expiration', 'ignoreExpiration: true', node);
      return;
    }
    if (name === 'algorithms' && t.isArrayLiteralExpression(value)) {
      for (const element of value.elements) {
        if (t.isStringLiteralLike(element) && element.text.toLowerCase() === 'none')
          this.add('algorithm-none', element.text, element);
      }
      return;
    }
    if ((name === 'algorithm' || name === 'alg') && t.isStringLiteralLike(value) && value.text.toLowerCase() === 'none')
      this.add('algorithm-none', value.text, value);
  }

  private checkBinary(node: ts.BinaryExpression): void {
    const t = this.ts;
    const operator = node.operatorToken.kind;
    // `process.env.JWT_SECRET || 'dev-secret'`: a secret that silently falls back to a literal.
    if (operator === t.SyntaxKind.BarBarToken || operator === t.SyntaxKind.QuestionQuestionToken) {
      const right = unwrap(t, node.right);
      if (t.isStringLiteralLike(right) && right.text.length > 0 && secretReadName(this.walk, node.left))
        this.add('fallback-secret', right.text, right);
      return;
    }
    const isEquality =
      operator === t.SyntaxKind.EqualsEqualsEqualsToken ||
      operator === t.SyntaxKind.EqualsEqualsToken ||
      operator === t.SyntaxKind.ExclamationEqualsEqualsToken ||
      operator === t.SyntaxKind.ExclamationEqualsToken;
    if (!isEquality) return;
    const [tokenSide, literalSide] = this.isTokenExpression(node.left)
      ? [node.left, node.right]
      : [node.right, node.left];
    const literal = unwrap(t, literalSide);
    if (!this.isTokenExpression(tokenSide) || !t.isStringLiteralLike(literal)) return;
    if (literal.text === '' || /^(undefined|null|string|object|bearer)$/i.test(literal.text)) return;
    this.add('token-content-check', literal.text, node);
  }

  private isTokenExpression(node: ts.Expression): boolean {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (t.isIdentifier(expression)) return isTokenName(expression.text);
    if (t.isPropertyAccessExpression(expression)) return isTokenName(expression.name.text);
    return false;
  }

  /** `token.includes('e2e')`, `token.startsWith('test-')`, `/staging-e2e/.test(token)`. */
  private checkTokenContent(node: ts.CallExpression): void {
    const t = this.ts;
    const callee = node.expression;
    if (!t.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const argument = node.arguments[0];
    if (!argument) return;
    if (
      /^(includes|startsWith|endsWith|indexOf|match|search)$/.test(method) &&
      this.isTokenExpression(callee.expression)
    ) {
      const suspicious = this.literalValues(argument).find((value) => isSuspiciousTokenContent(value));
      if (suspicious !== undefined) this.add('token-content-check', suspicious, node);
      return;
    }
    const pattern = unwrap(t, callee.expression);
    if (method === 'test' && t.isRegularExpressionLiteral(pattern) && this.isTokenExpression(argument)) {
      const text = pattern.getText(this.walk.sourceFile);
      if (isSuspiciousTokenContent(text)) this.add('token-content-check', text, node);
    }
  }

  /**
   * The literal strings an argument can hold: a literal, a regex, a const in scope, or the
   * element of a literal array a callback iterates (`PATTERNS.some((p) => token.includes(p))`).
   */
  private literalValues(node: ts.Expression): string[] {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (t.isStringLiteralLike(expression)) return [expression.text];
    if (t.isRegularExpressionLiteral(expression)) return [expression.text];
    if (!t.isIdentifier(expression)) return [];
    const constant = this.walk.scope.lookup(expression.text)?.initializer;
    if (constant && t.isStringLiteralLike(constant)) return [constant.text];
    // A callback parameter: find the array the callback runs over.
    const parameter = findParameter(t, expression);
    const callback = parameter?.parent;
    const call = callback?.parent;
    if (!callback || !call || !t.isCallExpression(call) || !t.isPropertyAccessExpression(call.expression)) return [];
    if (!/^(some|every|find|filter|findIndex|forEach)$/.test(call.expression.name.text)) return [];
    const array = arrayLiteral(this.walk, call.expression.expression);
    return array
      ? array.elements
          .filter((element) => t.isStringLiteralLike(element))
          .map((element) => (element as ts.StringLiteralLike).text)
      : [];
  }

  /** A call on a JWT library, or on a chain that starts at one (`new SignJWT(p).sign(key)`). */
  private isJwtRelatedCall(node: ts.CallExpression | ts.NewExpression): boolean {
    const t = this.ts;
    let current: ts.Expression = node.expression;
    for (;;) {
      current = unwrap(t, current);
      if (this.jwt.resolve(current)) return true;
      if (
        t.isPropertyAccessExpression(current) ||
        t.isElementAccessExpression(current) ||
        t.isCallExpression(current) ||
        t.isNewExpression(current)
      ) {
        current = current.expression;
        continue;
      }
      return false;
    }
  }

  /** Literal keys handed to a JWT library: `jwt.sign(p, 'secret')`, `{ secretOrKey: 'dev' }`, `const SECRET = '…'`. */
  private checkHardcodedKeys(node: ts.CallExpression | ts.NewExpression): void {
    const t = this.ts;
    const args = node.arguments ?? [];
    const callee = unwrap(t, node.expression);
    const isChainedKeyMethod =
      t.isPropertyAccessExpression(callee) &&
      /^(sign|encrypt|verify)$/.test(callee.name.text) &&
      !this.jwt.resolve(callee);
    // The key is the second argument of verify/sign in every library (`jwt.verify(token, key, options)`),
    // the first of a chained `.sign(key)`; later literals are algorithms or options.
    args.forEach((argument, index) => {
      if (index === (isChainedKeyMethod ? 0 : 1)) this.reportLiteralKey(argument);
      this.scanKeyOptions(argument);
    });
  }

  private reportLiteralKey(argument: ts.Expression): void {
    const t = this.ts;
    const expression = unwrap(t, argument);
    const literal = this.keyLiteral(expression);
    if (literal) {
      this.add('hardcoded-secret', literal.text, literal);
      return;
    }
    if (t.isIdentifier(expression)) {
      const constant = this.walk.scope.lookup(expression.text)?.initializer;
      const constantLiteral = constant && this.keyLiteral(constant);
      if (constantLiteral) this.add('hardcoded-secret', constantLiteral.text, constantLiteral);
    }
  }

  /** A string literal, or `new TextEncoder().encode('…')` / `Buffer.from('…')` of one. */
  private keyLiteral(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (t.isStringLiteralLike(expression)) return expression.text.length > 0 ? expression : undefined;
    return this.encodedLiteral(expression);
  }

  private encodedLiteral(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    if (!t.isCallExpression(node) || node.arguments.length === 0) return undefined;
    const callee = node.expression;
    const isEncode =
      t.isPropertyAccessExpression(callee) &&
      ((callee.name.text === 'encode' &&
        t.isNewExpression(callee.expression) &&
        dottedName(t, callee.expression.expression) === 'TextEncoder') ||
        (callee.name.text === 'from' && dottedName(t, callee.expression) === 'Buffer'));
    if (!isEncode) return undefined;
    const argument = node.arguments[0]!;
    return t.isStringLiteralLike(argument) ? argument : undefined;
  }

  /** Walks option objects (and factory functions returning them) for key-carrying properties. */
  private scanKeyOptions(node: ts.Node): void {
    const t = this.ts;
    if (t.isPropertyAssignment(node)) {
      const name = t.isIdentifier(node.name) || t.isStringLiteral(node.name) ? node.name.text : undefined;
      if (name && KEY_OPTION_NAMES.has(name)) this.reportLiteralKey(node.initializer);
    }
    t.forEachChild(node, (child) => this.scanKeyOptions(child));
  }
}

function findParameter(t: TypeScript, identifier: ts.Identifier): ts.ParameterDeclaration | undefined {
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    if (t.isFunctionLike(node))
      return node.parameters.find(
        (parameter) => t.isIdentifier(parameter.name) && parameter.name.text === identifier.text,
      );
  }
  return undefined;
}
