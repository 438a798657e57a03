import type ts from 'typescript';
import { isSecretName } from '../naming.js';
import { shortText, spanOf } from '../span.js';
import { dottedName, unwrap } from '../syntax.js';
import type { FactVisitor, Walk } from '../walk.js';
import { processEnvName } from './environment.js';

/** Reads of JWT secrets and keys: `process.env.JWT_SECRET`, `import.meta.env.…`, `config.get('jwt.secret')`. */
export class SecretVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];

  constructor(private readonly walk: Walk) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.PropertyAccessExpression,
      kind.ElementAccessExpression,
      kind.CallExpression,
      kind.BindingElement,
    ];
  }

  enter(node: ts.Node): boolean {
    const t = this.walk.ts;
    if (t.isBindingElement(node)) this.checkDestructured(node);
    else if (t.isCallExpression(node)) {
      const key = configSecretKey(this.walk, node);
      if (key) this.add(key, node);
    } else {
      const name = secretReadName(this.walk, node as ts.Expression);
      if (name) this.add(name, node);
    }
    return false;
  }

  finish(): void {
    const seen = new Set<string>();
    this.walk.record.secretReads = this.walk.record.secretReads.filter((read) => {
      const key = `${read.span.start}:${read.span.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private add(name: string, node: ts.Node): void {
    const sourceFile = this.walk.sourceFile;
    this.walk.record.secretReads.push({ name, text: shortText(node, sourceFile), span: spanOf(node, sourceFile) });
  }

  /** `const { JWT_SECRET } = process.env`. */
  private checkDestructured(node: ts.BindingElement): void {
    const t = this.walk.ts;
    const declaration = node.parent.parent;
    if (!t.isVariableDeclaration(declaration) || !declaration.initializer) return;
    if (dottedName(t, declaration.initializer) !== 'process.env') return;
    const keyNode = node.propertyName ?? node.name;
    const key = t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
    if (key && t.isIdentifier(node.name) && isSecretName(key)) this.add(key, node);
  }
}

/** The secret a `process.env.JWT_SECRET`, `import.meta.env.JWT_SECRET` or config getter read names. */
export function secretReadName(walk: Walk, node: ts.Expression): string | undefined {
  const t = walk.ts;
  const expression = unwrap(t, node);
  if (t.isPropertyAccessExpression(expression) || t.isElementAccessExpression(expression)) {
    const envName = processEnvName(walk, expression);
    if (envName && isSecretName(envName)) return envName;
    if (
      t.isPropertyAccessExpression(expression) &&
      dottedName(t, expression.expression) === 'import.meta.env' &&
      isSecretName(expression.name.text)
    ) {
      return expression.name.text;
    }
  }
  if (t.isCallExpression(expression)) return configSecretKey(walk, expression);
  return undefined;
}

/** `config.get('jwt.secret')`, `configService.getOrThrow<string>('JWT_SECRET')`. */
function configSecretKey(walk: Walk, node: ts.CallExpression): string | undefined {
  const t = walk.ts;
  const callee = node.expression;
  if (!t.isPropertyAccessExpression(callee) || !/^(get|getOrThrow|getString|require)$/.test(callee.name.text))
    return undefined;
  const key = node.arguments[0];
  if (!key || !t.isStringLiteralLike(key) || !isSecretName(key.text)) return undefined;
  return key.text;
}
