import type ts from 'typescript';
import { isConfigLikeOwner, isSecretName, secretKeyIdentity } from '../naming.js';
import { shortText, spanOf } from '../span.js';
import { dottedName, unwrap, type TypeScript } from '../syntax.js';
import type { SecretReadFact } from '../types.js';
import type { FactVisitor, Walk } from '../walk.js';
import { destructuredProcessEnvKey, processEnvName } from './environment.js';
import type { JwtVisitor } from './jwt.js';
import { JwtCallSites } from './jwt-keys.js';

/** Where a key's value is read from, and the node that reads it. */
interface KeySource {
  node: ts.Node;
  name: string;
  source: string;
  from?: string;
}

/**
 * Reads of JWT secrets and keys, recognised two ways. By role: whatever reaches the key of a JWT
 * call or option (`jwt.verify(token, env.SECRET_KEY)`, `super({ secretOrKey })` of a passport-jwt
 * strategy, `JwtModule.registerAsync({ useFactory: (c) => ({ secret: c.get('…') }) })`), through
 * `const`s, wrappers (`Buffer.from`, `TextEncoder`, `${…}`) and fallbacks. By name: `process.env.JWT_SECRET`,
 * `import.meta.env.…`, `config.get('jwt.secret')`, `config.jwtSecret` on a config-like owner.
 * A per-user secret on an entity (`user.jwtSecret`) is neither: it is data, not configuration.
 */
export class SecretVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];
  private readonly calls: JwtCallSites;

  constructor(
    private readonly walk: Walk,
    jwt: JwtVisitor,
  ) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.PropertyAccessExpression,
      kind.ElementAccessExpression,
      kind.CallExpression,
      kind.NewExpression,
      kind.BindingElement,
    ];
    this.calls = new JwtCallSites(walk, jwt);
  }

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  enter(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isBindingElement(node)) this.checkDestructured(node);
    else if (t.isCallExpression(node) || t.isNewExpression(node)) {
      if (t.isCallExpression(node)) {
        const key = configSecretKey(this.walk, node);
        if (key) this.addNamed(key.name, key.source, node);
      }
      if (this.calls.isJwtCall(node)) this.checkKeyPositions(node);
    } else if (namesSecretWord(t, node as ts.PropertyAccessExpression | ts.ElementAccessExpression)) {
      const read = namedSecretRead(this.walk, node as ts.Expression);
      if (read) this.addNamed(read.name, read.source, node, read.from);
    }
    return false;
  }

  /** One fact per read: a read found by its role and by its name is a key read. */
  finish(): void {
    const byPosition = new Map<string, SecretReadFact>();
    for (const read of this.walk.record.secretReads) {
      const position = `${read.span.start}:${read.span.end}`;
      const known = byPosition.get(position);
      if (!known || (known.role === 'name' && read.role === 'key')) byPosition.set(position, read);
    }
    this.walk.record.secretReads = [...byPosition.values()].sort((a, b) => a.span.start - b.span.start);
  }

  private add(read: Omit<SecretReadFact, 'text' | 'span' | 'key'>, node: ts.Node): void {
    const sourceFile = this.walk.sourceFile;
    this.walk.record.secretReads.push({
      ...read,
      key: secretKeyIdentity(read.name),
      text: shortText(node, sourceFile),
      span: spanOf(node, sourceFile),
    });
  }

  private addNamed(name: string, source: string, node: ts.Node, from?: string): void {
    this.add({ name, source, ...(from ? { from } : {}), role: 'name' }, node);
  }

  private checkKeyPositions(node: ts.CallExpression | ts.NewExpression): void {
    const argument = this.calls.keyArgument(node);
    const values = [...(argument ? [argument] : []), ...this.calls.keyOptionValues(this.calls.optionObjects(node))];
    for (const value of values) {
      const source = this.keySource(value, 0);
      if (source)
        this.add(
          { name: source.name, source: source.source, ...(source.from ? { from: source.from } : {}), role: 'key' },
          source.node,
        );
    }
  }

  /** Where the value handed over as a key is read, through consts, wrappers and fallbacks. */
  private keySource(node: ts.Expression, depth: number): KeySource | undefined {
    const t = this.ts;
    if (depth > 4) return undefined;
    const expression = unwrap(t, node);
    if (t.isTemplateExpression(expression)) {
      const [span] = expression.templateSpans;
      const bare = expression.head.text === '' && expression.templateSpans.length === 1 && span!.literal.text === '';
      return bare ? this.keySource(span!.expression, depth + 1) : undefined;
    }
    if (t.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      const isFallback = operator === t.SyntaxKind.BarBarToken || operator === t.SyntaxKind.QuestionQuestionToken;
      return isFallback ? this.keySource(expression.left, depth + 1) : undefined;
    }
    if (t.isCallExpression(expression)) {
      const wrapped = wrappedKey(t, expression);
      if (wrapped) return this.keySource(wrapped, depth + 1);
      const getter = configGetterRead(this.walk, expression);
      return getter && { node: expression, ...getter };
    }
    if (t.isPropertyAccessExpression(expression) || t.isElementAccessExpression(expression)) {
      const read = configurationRead(this.walk, expression);
      return read && { node: expression, ...read };
    }
    if (t.isIdentifier(expression)) {
      const binding = this.walk.scope.lookup(expression.text);
      // An imported value was resolved by the module that exports it; here it is only used.
      if (!binding || binding.from || !binding.initializer) return undefined;
      return this.keySource(binding.initializer, depth + 1);
    }
    return undefined;
  }

  /** `const { JWT_SECRET } = process.env`. */
  private checkDestructured(node: ts.BindingElement): void {
    const key = destructuredProcessEnvKey(this.walk.ts, node);
    if (key && isSecretName(key)) this.addNamed(key, 'process.env', node);
  }
}

/**
 * Every secret name has `secret` or `key` in it (see `isSecretName`), and a member read's name is
 * made of its own segments: a chain without either word names no secret, whatever its owner.
 * Most member reads of a file are such chains; this spares them building and splitting their text.
 */
function namesSecretWord(t: TypeScript, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  let current: ts.Expression = node;
  for (;;) {
    if (t.isPropertyAccessExpression(current)) {
      if (SECRET_WORD.test(current.name.text)) return true;
    } else if (t.isElementAccessExpression(current)) {
      const argument = current.argumentExpression;
      if (!t.isStringLiteralLike(argument) || SECRET_WORD.test(argument.text)) return true;
    } else if (t.isParenthesizedExpression(current) || t.isNonNullExpression(current)) {
      // dottedName looks through these two; so does this.
    } else return false;
    current = current.expression;
  }
}

const SECRET_WORD = /secret|key/i;

/** `Buffer.from(x)`, `new TextEncoder().encode(x)`, `String(x)`, `createSecretKey(x)`: the key inside. */
function wrappedKey(t: TypeScript, node: ts.CallExpression): ts.Expression | undefined {
  const callee = node.expression;
  const argument = node.arguments[0];
  if (!argument) return undefined;
  if (t.isIdentifier(callee)) return /^(String|createSecretKey)$/.test(callee.text) ? argument : undefined;
  if (!t.isPropertyAccessExpression(callee)) return undefined;
  if (callee.name.text === 'from' && dottedName(t, callee.expression) === 'Buffer') return argument;
  const isEncoder =
    callee.name.text === 'encode' &&
    t.isNewExpression(callee.expression) &&
    dottedName(t, callee.expression.expression) === 'TextEncoder';
  return isEncoder ? argument : undefined;
}

/** Any environment or configuration read, whatever its name: what a key position holds. */
function configurationRead(
  walk: Walk,
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
): Omit<KeySource, 'node'> | undefined {
  const t = walk.ts;
  const envName = processEnvName(walk, node);
  if (envName) return { name: envName, source: 'process.env' };
  if (envName === '') return undefined;
  if (!t.isPropertyAccessExpression(node)) return undefined;
  if (dottedName(t, node.expression) === 'import.meta.env') return { name: node.name.text, source: 'import.meta.env' };
  return configObjectPath(walk, node);
}

/**
 * `env.SECRET_KEY`, `this.config.jwt.secret`: a field path under a config-like owner. The owner's
 * import, if it has one, is where the configuration is defined.
 */
function configObjectPath(walk: Walk, node: ts.PropertyAccessExpression): Omit<KeySource, 'node'> | undefined {
  const t = walk.ts;
  const dotted = dottedName(t, node);
  if (!dotted) return undefined;
  const segments = dotted.split('.');
  let owner = -1;
  for (let index = segments.length - 2; index >= 0; index--) {
    if (isConfigLikeOwner(segments[index]!)) {
      owner = index;
      break;
    }
  }
  if (owner < 0) return undefined;
  const root = segments[0]!;
  const binding = root === 'this' ? undefined : walk.scope.lookup(root);
  // `function verify(token, options) { … options.secret … }`: the caller resolved the key.
  if (owner === 0 && binding?.declaredAs === 'parameter' && /^(options|opts)$|Options$/.test(root)) return undefined;
  const from = binding?.from?.specifier;
  return {
    name: segments.slice(owner + 1).join('.'),
    source: segments.slice(0, owner + 1).join('.'),
    ...(from ? { from } : {}),
  };
}

/** A JWT secret read by its name: `process.env.JWT_SECRET`, `import.meta.env.…`, `config.jwtSecret`, a config getter. */
export function namedSecretRead(walk: Walk, node: ts.Expression): Omit<KeySource, 'node'> | undefined {
  const t = walk.ts;
  const expression = unwrap(t, node);
  if (t.isCallExpression(expression)) return configSecretKey(walk, expression);
  if (!t.isPropertyAccessExpression(expression) && !t.isElementAccessExpression(expression)) return undefined;
  const read = configurationRead(walk, expression);
  if (!read || !isSecretName(read.name)) return undefined;
  // `config.jwtSecret.length` is a use of the `config.jwtSecret` read, not another one.
  const parentPath = read.name.split('.').slice(0, -1).join('.');
  if (parentPath && isSecretName(parentPath)) return undefined;
  return read;
}

/** The secret a `process.env.JWT_SECRET`, `import.meta.env.JWT_SECRET` or config getter read names. */
export function secretReadName(walk: Walk, node: ts.Expression): string | undefined {
  return namedSecretRead(walk, node)?.name;
}

/** `config.get('…')`, `configService.getOrThrow<string>('…')` with a literal key on a config-like owner. */
function configGetterRead(walk: Walk, node: ts.CallExpression): Omit<KeySource, 'node'> | undefined {
  const t = walk.ts;
  const callee = node.expression;
  if (!t.isPropertyAccessExpression(callee) || !/^(get|getOrThrow|getString|require)$/.test(callee.name.text))
    return undefined;
  const key = node.arguments[0];
  if (!key || !t.isStringLiteralLike(key)) return undefined;
  const owner = dottedName(t, callee.expression) ?? '';
  if (!isConfigLikeOwner(owner) && !isSecretName(key.text)) return undefined;
  return { name: key.text, source: `${owner.replace(/^this\./, '')}.${callee.name.text}` };
}

/** `config.get('jwt.secret')`, `configService.getOrThrow<string>('JWT_SECRET')`. */
function configSecretKey(walk: Walk, node: ts.CallExpression): Omit<KeySource, 'node'> | undefined {
  const read = configGetterRead(walk, node);
  return read && isSecretName(read.name) ? read : undefined;
}
