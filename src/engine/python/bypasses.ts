import type { Node } from 'web-tree-sitter';
import { isBypassHeader, isSuspiciousTokenContent, isTokenName } from '../naming.js';
import type { BypassKind } from '../types.js';
import { callArguments, comparisonOperators, stringValue, unwrap } from './syntax.js';
import { lastSegment, type PythonVisitor, type PythonWalk } from './walk.js';

/**
 * Test switches in auth code: a header any client can send (`request.headers.get("x-e2e-test")`,
 * `websocket.headers["X-E2E-Test"]`, a FastAPI `x_e2e_test: str = Header(None)` parameter), and
 * tokens trusted for what they say (`"e2e-test" in token`, `token.startswith("test_")`).
 */
export class PythonBypassVisitor implements PythonVisitor {
  constructor(private readonly walk: PythonWalk) {}

  enter(node: Node): void {
    switch (node.type) {
      case 'string': {
        const value = stringValue(node);
        const read = value !== undefined && isBypassHeader(value) ? this.headerRead(node) : undefined;
        if (read) this.add('bypass-header', value!.toLowerCase(), read);
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        this.headerParameter(node);
        break;
      case 'comparison_operator':
        this.tokenComparison(node);
        break;
      case 'call':
        this.tokenPrefixCheck(node);
        break;
    }
  }

  private add(kind: BypassKind, detail: string, at: Node): void {
    this.walk.record.bypasses.push({ kind, detail, span: this.walk.span(at) });
  }

  /**
   * The read a literal names a header in, reported where the read starts as on the TypeScript side:
   * `headers.get(…)`, `headers[…]`, `… in headers`, `Header(alias=…)`.
   */
  private headerRead(literal: Node): Node | undefined {
    const parent = literal.parent;
    if (!parent) return undefined;
    if (parent.type === 'subscript') return isHeaders(parent.childForFieldName('value')) ? parent : undefined;
    if (parent.type === 'comparison_operator') {
      const [left, right] = parent.namedChildren;
      const membership = comparisonOperators(parent)[0]?.endsWith('in') === true;
      return left?.startIndex === literal.startIndex && membership && isHeaders(right) ? parent : undefined;
    }
    const call =
      parent.type === 'argument_list'
        ? parent.parent
        : parent.type === 'keyword_argument'
          ? parent.parent?.parent
          : undefined;
    if (call?.type !== 'call') return undefined;
    const callee = call.childForFieldName('function');
    if (callee?.type === 'attribute') return isHeaders(callee.childForFieldName('object')) ? call : undefined;
    const alias = parent.type === 'keyword_argument' && parent.childForFieldName('name')?.text === 'alias';
    return alias && this.isHeaderParameterCall(call) ? call : undefined;
  }

  private isHeaderParameterCall(call: Node): boolean {
    const qualified = this.walk.qualified(call.childForFieldName('function'));
    return qualified === 'fastapi.Header' || qualified === 'fastapi.params.Header';
  }

  /** `x_e2e_test: str | None = Header(None)`: FastAPI reads header `x-e2e-test` into it. */
  private headerParameter(parameter: Node): void {
    const value = parameter.childForFieldName('value');
    const name = parameter.childForFieldName('name');
    if (value?.type !== 'call' || name?.type !== 'identifier' || !this.isHeaderParameterCall(value)) return;
    if (callArguments(value).keywords.has('alias')) return;
    const header = name.text.replace(/_/g, '-');
    if (isBypassHeader(header)) this.add('bypass-header', header.toLowerCase(), name);
  }

  /** `"e2e-test" in token`, `token == "dev-token"`. */
  private tokenComparison(node: Node): void {
    const operators = comparisonOperators(node);
    const [left, right] = node.namedChildren;
    if (operators.length !== 1 || !left || !right) return;
    const operator = operators[0]!;
    if (operator === 'in' || operator === 'not in') {
      const literal = stringValue(unwrap(left));
      if (literal !== undefined && isSuspiciousTokenContent(literal) && holdsToken(right))
        this.add('token-content-check', literal, left);
      return;
    }
    if (operator !== '==' && operator !== '!=') return;
    for (const [side, other] of [
      [left, right],
      [right, left],
    ] as const) {
      const literal = stringValue(unwrap(side));
      if (literal !== undefined && isSuspiciousTokenContent(literal) && holdsToken(other))
        this.add('token-content-check', literal, side);
    }
  }

  /** `token.startswith("test_")`, `token.endswith("-e2e")`. */
  private tokenPrefixCheck(call: Node): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return;
    const method = callee.childForFieldName('attribute')?.text;
    if (method !== 'startswith' && method !== 'endswith') return;
    if (!holdsToken(callee.childForFieldName('object'))) return;
    const argument = callArguments(call).positional[0];
    const literal = stringValue(argument);
    if (argument && literal !== undefined && isSuspiciousTokenContent(literal))
      this.add('token-content-check', literal, argument);
  }
}

function isHeaders(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && /(^|\.)headers$/i.test(unwrap(node).text);
}

function holdsToken(node: Node | null | undefined): boolean {
  if (!node) return false;
  const expression = unwrap(node);
  if (expression.type !== 'identifier' && expression.type !== 'attribute') return false;
  return isTokenName(lastSegment(expression.text));
}
