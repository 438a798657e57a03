import type ts from 'typescript';
import { isBypassHeader, isSuspiciousTokenContent, isTokenName } from '../naming.js';
import { spanOf } from '../span.js';
import { detached } from '../strings.js';
import { dottedName, unwrap, type TypeScript } from '../syntax.js';
import type { BypassFact } from '../types.js';
import type { FactVisitor, Walk } from '../walk.js';
import { importsPublicKey } from '../jwt-libraries.js';
import { arrayLiteral } from './environment.js';
import type { JwtVisitor } from './jwt.js';
import { JwtCallSites } from './jwt-keys.js';
import { secretReadName } from './secrets.js';

/**
 * Shapes that switch verification off: bypass headers read, token contents compared with
 * literals, `ignoreExpiration`, `alg: none` in options a JWT call receives (also held in a
 * `const`, a constant or built with `Object.assign`), jose's unsecured `JWK.None` key, literal keys
 * handed to a JWT library (also through a `const` in scope and `Buffer.from`/`TextEncoder`) and
 * secrets that fall back to a literal or a literal constant.
 */
export class BypassVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];
  private readonly calls: JwtCallSites;

  constructor(
    private readonly walk: Walk,
    private readonly jwt: JwtVisitor,
  ) {
    this.calls = new JwtCallSites(walk, jwt);
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
    // Calls first: they are most of the nodes this visitor sees.
    if (t.isCallExpression(node) || t.isNewExpression(node)) {
      if (t.isCallExpression(node)) {
        this.checkHeaderRead(node);
        this.checkTokenContent(node);
      }
      if (this.calls.isJwtCall(node)) this.checkJwtCall(node);
    } else if (t.isPropertyAssignment(node)) this.checkVerificationOption(node);
    else if (t.isBinaryExpression(node)) this.checkBinary(node);
    else if (t.isElementAccessExpression(node)) this.checkHeaderRead(node);
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
    // `detail` may be cut from the source text (a regex literal): a copy keeps the file's text from staying alive.
    this.walk.record.bypasses.push({ kind, detail: detached(detail), span: spanOf(node, this.walk.sourceFile) });
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
    if (name === 'ignoreExpiration' && unwrap(t, node.initializer).kind === t.SyntaxKind.TrueKeyword)
      this.add('ignore-expiration', 'ignoreExpiration: true', node);
  }

  /** `algorithms: ['none']`, `algorithm: NONE` in the options a JWT call receives; `'none'` elsewhere is a word. */
  private checkAlgorithmNone(objects: readonly ts.ObjectLiteralExpression[]): void {
    const t = this.ts;
    for (const object of objects) {
      for (const property of object.properties) {
        if (!t.isPropertyAssignment(property)) continue;
        const name = t.isIdentifier(property.name) || t.isStringLiteral(property.name) ? property.name.text : undefined;
        if (name !== 'algorithms' && name !== 'algorithm' && name !== 'alg') continue;
        const value = unwrap(t, property.initializer);
        const array = name === 'algorithms' ? arrayLiteral(this.walk, value) : undefined;
        for (const element of array ? array.elements : [value]) {
          const literal = this.literalNode(element);
          if (literal && literal.text.toLowerCase() === 'none') this.add('algorithm-none', literal.text, literal);
        }
      }
    }
  }

  /** A string literal written in place or held by a `const` in scope. */
  private literalNode(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (t.isStringLiteralLike(expression)) return expression;
    if (!t.isIdentifier(expression)) return undefined;
    const constant = this.walk.scope.lookup(expression.text)?.initializer;
    return constant && t.isStringLiteralLike(constant) ? constant : undefined;
  }

  private checkBinary(node: ts.BinaryExpression): void {
    const t = this.ts;
    const operator = node.operatorToken.kind;
    // `process.env.JWT_SECRET || 'dev-secret'`: a secret that silently falls back to a literal.
    if (operator === t.SyntaxKind.BarBarToken || operator === t.SyntaxKind.QuestionQuestionToken) {
      const right = this.literalNode(node.right);
      if (right && right.text.length > 0 && secretReadName(this.walk, node.left))
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

  /** What a JWT call receives: literal keys, jose's unsecured key, `alg: none` options. */
  private checkJwtCall(node: ts.CallExpression | ts.NewExpression): void {
    const t = this.ts;
    const objects = this.calls.optionObjects(node);
    this.checkAlgorithmNone(objects);
    const keys = this.calls.keyOptionValues(objects);
    const argument = this.calls.keyArgument(node);
    const binding = this.jwt.resolve(unwrap(t, node.expression));
    // A published public key in `importSPKI(pem, alg)` is not a secret; the algorithm is no key at all.
    if (argument && !(binding && importsPublicKey(binding.path))) keys.push(argument);
    for (const key of keys) {
      if (this.isUnsecuredKey(key)) this.add('algorithm-none', 'JWK.None', key);
      else this.reportLiteralKey(key);
    }
  }

  /** jose v1/v2's `JWK.None`: signs and accepts unsigned tokens. */
  private isUnsecuredKey(node: ts.Expression): boolean {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (!t.isPropertyAccessExpression(expression) || expression.name.text !== 'None') return false;
    const owner = this.jwt.resolve(expression.expression);
    return owner?.module === 'jose' && owner.path.at(-1) === 'JWK';
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
    return this.literalNode(node.arguments[0]!);
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
