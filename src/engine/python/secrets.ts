import type { Node } from 'web-tree-sitter';
import { isSecretName, secretKeyIdentity } from '../naming.js';
import type { SecretReadFact } from '../types.js';
import { configReadOf, type ConfigRead } from './environment.js';
import type { PythonJwtVisitor } from './jwt.js';
import { callArguments, shortened, stringValue, unwrap } from './syntax.js';
import type { PythonVisitor, PythonWalk } from './walk.js';

const MAX_DEPTH = 4;
const BASE_SETTINGS = new Set(['pydantic_settings.BaseSettings', 'pydantic.BaseSettings', 'pydantic.v1.BaseSettings']);

interface Recorded {
  read: ConfigRead;
  role: 'key' | 'name';
}

/**
 * JWT keys read from the environment or settings: by the name of the variable or field, or because
 * the value reaches the key argument of a JWT call (`jwt.decode(token, settings.SECRET_KEY, …)`),
 * with the same key-by-role logic as the TypeScript side. Literal keys and literal fallbacks
 * (`os.getenv("JWT_SECRET", "dev-secret")`) are bypasses.
 */
export class PythonSecretVisitor implements PythonVisitor {
  private readonly reads = new Map<number, Recorded>();
  private drained = 0;

  constructor(
    private readonly walk: PythonWalk,
    private readonly jwt: PythonJwtVisitor,
  ) {}

  enter(node: Node): void {
    // Key arguments are followed while their scope is live: the JWT visitor saw this call just before.
    for (; this.drained < this.jwt.keyArguments.length; this.drained++)
      this.followKey(this.jwt.keyArguments[this.drained]!, 0);
    if (node.type === 'class_definition') this.settingsClass(node);
    else if (node.type === 'subscript' || node.type === 'call' || node.type === 'attribute') {
      const read = configReadOf(this.walk, node);
      if (read && isSecretName(read.name)) this.record(read, 'name');
    }
  }

  finish(): void {
    const facts: SecretReadFact[] = [...this.reads.values()]
      .sort((a, b) => a.read.node.startIndex - b.read.node.startIndex)
      .map(({ read, role }) => ({
        name: read.name,
        text: shortened(read.node.text, 80),
        span: this.walk.span(read.node),
        key: secretKeyIdentity(read.name),
        source: read.source,
        ...(read.from ? { from: read.from } : {}),
        role,
      }));
    this.walk.record.secretReads.push(...facts);
  }

  private record(read: ConfigRead, role: 'key' | 'name'): void {
    const known = this.reads.get(read.node.startIndex);
    if (known) {
      if (role === 'key') known.role = 'key';
      return;
    }
    this.reads.set(read.node.startIndex, { read, role });
    const fallback = read.fallback ?? this.orFallback(read.node);
    const literal = stringValue(fallback ? unwrap(fallback) : undefined);
    if (fallback && literal)
      this.walk.record.bypasses.push({ kind: 'fallback-secret', detail: literal, span: this.walk.span(fallback) });
  }

  /** `os.getenv("JWT_SECRET") or "dev-secret"`. */
  private orFallback(node: Node): Node | undefined {
    const parent = node.parent;
    if (parent?.type !== 'boolean_operator' || parent.childForFieldName('left')?.startIndex !== node.startIndex)
      return undefined;
    return parent.childForFieldName('operator')?.type === 'or'
      ? (parent.childForFieldName('right') ?? undefined)
      : undefined;
  }

  /** What reaches a JWT call's key: a read (then a key-role read), a literal (a hard-coded key), or a name holding one. */
  private followKey(node: Node, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const expression = unwrap(node);
    const read = configReadOf(this.walk, expression);
    if (read) {
      this.record(read, 'key');
      return;
    }
    const literal = stringValue(expression);
    if (literal !== undefined) {
      if (literal !== '' && !/^-----BEGIN (RSA )?PUBLIC KEY/.test(literal))
        this.walk.record.bypasses.push({ kind: 'hardcoded-secret', detail: literal, span: this.walk.span(expression) });
      return;
    }
    switch (expression.type) {
      case 'identifier': {
        const value = this.walk.valueOf(expression.text);
        if (value) this.followKey(value, depth + 1);
        return;
      }
      case 'boolean_operator': {
        // `os.getenv("JWT_SECRET_STAGING") or os.getenv("JWT_SECRET")`: both are resolutions; a literal on the right is a fallback.
        this.followKey(expression.childForFieldName('left')!, depth + 1);
        const right = expression.childForFieldName('right');
        if (right && stringValue(unwrap(right)) === undefined) this.followKey(right, depth + 1);
        return;
      }
      case 'call': {
        // `str(x)`, `x.encode()`, `x.get_secret_value()`: the same key.
        const callee = expression.childForFieldName('function');
        if (callee?.type === 'attribute') this.followKey(callee.childForFieldName('object')!, depth + 1);
        else if (callee?.type === 'identifier' && /^(str|bytes)$/.test(callee.text)) {
          const first = callArguments(expression).positional[0];
          if (first) this.followKey(first, depth + 1);
        }
        return;
      }
    }
  }

  /** `class Settings(BaseSettings): JWT_SECRET: str = "dev-secret"`: each field is read from the environment. */
  private settingsClass(node: Node): void {
    const bases = node.childForFieldName('superclasses')?.namedChildren ?? [];
    if (!bases.some((base) => BASE_SETTINGS.has(this.walk.qualified(base) ?? ''))) return;
    const className = node.childForFieldName('name')?.text ?? 'BaseSettings';
    for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (!assignment || left?.type !== 'identifier' || !isSecretName(left.text)) continue;
      const right = assignment.childForFieldName('right');
      const fallback =
        right?.type === 'call'
          ? (callArguments(right).keywords.get('default') ?? callArguments(right).positional[0])
          : right;
      this.record(
        { name: left.text, source: className, node: left, variable: false, ...(fallback ? { fallback } : {}) },
        'name',
      );
    }
  }
}
