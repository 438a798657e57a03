import type ts from 'typescript';
import { keyArgumentIndex } from '../jwt-libraries.js';
import { KEY_OPTION_NAMES } from '../naming.js';
import { propertyNameText, returnedExpression, unwrap, type TypeScript } from '../syntax.js';
import type { Walk } from '../walk.js';
import type { JwtVisitor } from './jwt.js';

/**
 * Where a JWT call takes its key and options: the key argument of sign/verify
 * (`jwt.verify(token, key)`, `new SignJWT(p).sign(key)`, `importPKCS8(pem, alg)`), key options
 * (`{ secret }`, `{ secretOrKey }`, `secretOrKeyProvider: () => key`) in option objects, factories
 * (`registerAsync({ useFactory: () => ({ secret }) })`) and `const` option objects passed by name,
 * and `super({...})` of a class built on a JWT library's class (`PassportStrategy(Strategy)`).
 * Shared by the secret and bypass visitors, so both read the same key positions.
 */
export class JwtCallSites {
  constructor(
    private readonly walk: Walk,
    private readonly jwt: JwtVisitor,
  ) {}

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  /** A call on a JWT library, a chain that starts at one, or `super()` of a class extending one. */
  isJwtCall(node: ts.CallExpression | ts.NewExpression): boolean {
    const t = this.ts;
    if (t.isCallExpression(node) && node.expression.kind === t.SyntaxKind.SuperKeyword)
      return this.extendsJwtClass(node);
    const memo = this.jwt.jwtCallMemo;
    if (memo.node === node) return memo.isJwtCall;
    memo.node = node;
    memo.isJwtCall = this.jwt.mayDenoteJwt(node.expression) && this.chainHasJwtBinding(node.expression);
    return memo.isJwtCall;
  }

  private chainHasJwtBinding(callee: ts.Expression): boolean {
    const t = this.ts;
    let current = callee;
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

  /** The argument that carries the key, if the call has one in a fixed position. */
  keyArgument(node: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
    const t = this.ts;
    const args = node.arguments ?? [];
    const callee = unwrap(t, node.expression);
    if (callee.kind === t.SyntaxKind.SuperKeyword) return undefined;
    const binding = this.jwt.resolve(callee);
    if (binding) {
      const index = keyArgumentIndex(binding.module, binding.path);
      return index === undefined ? undefined : args[index];
    }
    // A chained `.sign(key)` / `.verify(key)` on a builder (`new SignJWT(p).sign(key)`).
    if (t.isPropertyAccessExpression(callee) && /^(sign|encrypt|verify|decrypt)$/.test(callee.name.text))
      return args[0];
    return undefined;
  }

  /** Every option object the call receives: literal arguments, `const` objects by name, `Object.assign` parts. */
  optionObjects(node: ts.CallExpression | ts.NewExpression): ts.ObjectLiteralExpression[] {
    const found: ts.ObjectLiteralExpression[] = [];
    for (const argument of node.arguments ?? []) this.collectObjects(argument, found, 0);
    return found;
  }

  /** Values under key-carrying option names (`secret`, `secretOrKey`, a provider's returned value). */
  keyOptionValues(objects: readonly ts.ObjectLiteralExpression[]): ts.Expression[] {
    const t = this.ts;
    const values: ts.Expression[] = [];
    for (const object of objects) {
      for (const property of object.properties) {
        if (!t.isPropertyAssignment(property) && !t.isShorthandPropertyAssignment(property)) continue;
        const name = propertyNameText(t, property.name);
        if (!name || !(KEY_OPTION_NAMES.has(name) || name === 'secretOrKeyProvider')) continue;
        const value = t.isPropertyAssignment(property) ? property.initializer : property.name;
        const returned = name === 'secretOrKeyProvider' ? this.returned(value) : value;
        if (returned) values.push(returned);
      }
    }
    return values;
  }

  /** The object literals an argument denotes, following names, factories and nested option objects. */
  private collectObjects(node: ts.Expression, found: ts.ObjectLiteralExpression[], depth: number): void {
    const t = this.ts;
    if (depth > 4) return;
    const expression = unwrap(t, node);
    if (t.isObjectLiteralExpression(expression)) {
      if (found.includes(expression)) return;
      found.push(expression);
      for (const property of expression.properties) {
        if (!t.isPropertyAssignment(property)) continue;
        const value = unwrap(t, property.initializer);
        // `verifyOptions: {...}`, `signOptions: {...}`, `useFactory: () => ({...})`.
        if (t.isObjectLiteralExpression(value) || t.isIdentifier(value)) this.collectObjects(value, found, depth + 1);
        else {
          const returned = this.returned(value);
          if (returned) this.collectObjects(returned, found, depth + 1);
        }
      }
      return;
    }
    if (t.isIdentifier(expression)) {
      const initializer = this.walk.scope.lookup(expression.text)?.initializer;
      if (initializer) this.collectObjects(initializer, found, depth + 1);
      return;
    }
    if (t.isPropertyAccessExpression(expression) && expression.expression.kind === t.SyntaxKind.ThisKeyword) {
      const field = classFieldInitializer(t, expression);
      if (field) this.collectObjects(field, found, depth + 1);
      return;
    }
    // `Object.assign({}, defaults, { algorithms: ['none'] })` builds one option object of its parts.
    if (t.isCallExpression(expression) && isObjectAssign(t, expression)) {
      for (const argument of expression.arguments) this.collectObjects(argument, found, depth + 1);
    }
  }

  /** What a function-valued option returns: `() => key`, `() => ({...})`, `function () { return x; }`. */
  private returned(node: ts.Expression): ts.Expression | undefined {
    return returnedExpression(this.ts, unwrap(this.ts, node));
  }

  /** `class S extends PassportStrategy(Strategy)`: its `super({...})` configures the library's class. */
  private extendsJwtClass(node: ts.CallExpression): boolean {
    const t = this.ts;
    for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
      if (!t.isClassLike(current)) continue;
      const heritage = current.heritageClauses?.find((clause) => clause.token === t.SyntaxKind.ExtendsKeyword);
      const base = heritage?.types[0]?.expression;
      if (!base) return false;
      const expression = unwrap(t, base);
      if (this.jwt.resolve(expression)) return true;
      return t.isCallExpression(expression) && expression.arguments.some((argument) => this.jwt.resolve(argument));
    }
    return false;
  }
}

/** `private readonly options = {...}` of the class `this.options` is read in. */
function classFieldInitializer(t: TypeScript, node: ts.PropertyAccessExpression): ts.Expression | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (!t.isClassLike(current)) continue;
    const field = current.members.find(
      (member): member is ts.PropertyDeclaration =>
        t.isPropertyDeclaration(member) && propertyNameText(t, member.name) === node.name.text,
    );
    return field?.initializer;
  }
  return undefined;
}

function isObjectAssign(t: TypeScript, node: ts.CallExpression): boolean {
  const callee = node.expression;
  return (
    t.isPropertyAccessExpression(callee) &&
    callee.name.text === 'assign' &&
    t.isIdentifier(callee.expression) &&
    callee.expression.text === 'Object'
  );
}
