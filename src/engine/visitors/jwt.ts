import type ts from 'typescript';
import { INSTANCE_MARKER, JWT_SERVICE_CLASSES, PRIMITIVE_NAMES, jwtLibrary, primitiveFor } from '../jwt-libraries.js';
import type { JwtBinding } from '../scope.js';
import { spanOf } from '../span.js';
import { dottedName, dynamicImportSpecifier, requireSpecifier, unwrap, type TypeScript } from '../syntax.js';
import type { FactVisitor, Walk } from '../walk.js';

/**
 * Uses of JWT primitives: names bound to a JWT library (imports, `require`, aliases,
 * destructuring, `new JwtService()` instances, `this.jwt` fields typed or assigned in the
 * constructor), resolved through the walk's scopes so a parameter or a local that hides an
 * import is not the library. Uses of project modules under primitive names become candidates
 * the project index resolves through re-exports.
 */
export class JwtVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];
  /** `this.<field>` -> JWT-library binding, per class. */
  private readonly fieldsByClass = new Map<ts.ClassLikeDeclaration, Map<string, JwtBinding>>();

  constructor(private readonly walk: Walk) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.Identifier,
      kind.PropertyAccessExpression,
      kind.ElementAccessExpression,
      kind.CallExpression,
      kind.VariableDeclaration,
      kind.Parameter,
      kind.ClassDeclaration,
      kind.ClassExpression,
    ];
  }

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  enter(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isIdentifier(node)) return this.walk.scope.notable.has(node.text) && this.checkReference(node);
    if (t.isVariableDeclaration(node)) return this.collectVariable(node);
    if (t.isParameter(node)) {
      this.collectTypedParameter(node);
      return false;
    }
    if (t.isClassDeclaration(node) || t.isClassExpression(node)) {
      this.collectFields(node);
      return false;
    }
    return this.checkReference(node);
  }

  /** Resolves an expression to the JWT-library member it denotes, if any. */
  resolve(node: ts.Expression): JwtBinding | undefined {
    return this.mayDenoteJwt(node) ? this.resolveChain(node) : undefined;
  }

  /**
   * Whether a member chain (`a.b(c).d`, through calls too) starts where a JWT binding can: a name
   * some scope binds to an import or a JWT library, `this` in a class with JWT fields, `require`
   * or `import()`. Most chains of a file start elsewhere; this answers for them without resolving
   * (and allocating) every level, which `resolve` and `isJwtCall` do for every member access.
   */
  mayDenoteJwt(node: ts.Expression): boolean {
    const t = this.ts;
    const root = chainRoot(t, node);
    if (t.isIdentifier(root)) return root.text === 'require' || this.walk.scope.notable.has(root.text);
    if (root.kind === t.SyntaxKind.ThisKeyword) return this.fieldsByClass.size > 0;
    return root.kind === t.SyntaxKind.ImportKeyword;
  }

  /** One call of a JWT library per node: the secret and bypass visitors both ask for each call. */
  readonly jwtCallMemo: { node?: ts.Node; isJwtCall: boolean } = { isJwtCall: false };

  private resolveChain(node: ts.Expression): JwtBinding | undefined {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (t.isIdentifier(expression)) return this.walk.scope.lookup(expression.text)?.jwt;
    if (t.isPropertyAccessExpression(expression)) {
      if (expression.expression.kind === t.SyntaxKind.ThisKeyword) return this.fieldOf(expression);
      const object = this.resolveChain(expression.expression);
      return object && { module: object.module, path: [...object.path, expression.name.text] };
    }
    if (t.isElementAccessExpression(expression) && t.isStringLiteralLike(expression.argumentExpression)) {
      const object = this.resolveChain(expression.expression);
      return object && { module: object.module, path: [...object.path, expression.argumentExpression.text] };
    }
    const required = requireSpecifier(t, expression);
    if (required) {
      const library = jwtLibrary(required.text);
      return library && { module: library.module, path: library.requirePath };
    }
    const imported = dynamicImportSpecifier(t, expression);
    if (imported) {
      const library = jwtLibrary(imported.text);
      return library && { module: library.module, path: [] };
    }
    return undefined;
  }

  // ------------------------------------------------------------ uses

  /** Reports a use; true when it is one (its children are part of it, not further uses). */
  private checkReference(node: ts.Node): boolean {
    const t = this.ts;
    if (!this.isReference(node)) return false;
    const binding = this.resolve(node as ts.Expression);
    const primitive = binding && primitiveFor(binding.module, binding.path);
    if (primitive) {
      this.walk.record.jwtUses.push({
        primitive: primitive.name,
        kind: primitive.kind,
        span: spanOf(this.useSite(node), this.walk.sourceFile),
        ...this.enclosing(),
      });
      // Arguments may hold further uses or keys: `jwt.verify(token, 'secret')` is walked by the call.
      return true;
    }
    if (t.isPropertyAccessExpression(node) && this.isFastifyJwtUse(node)) return true;
    return this.collectCandidate(node as ts.Expression);
  }

  private enclosing(): { enclosing?: string } {
    const name = this.walk.enclosingName();
    return name ? { enclosing: name } : {};
  }

  /** Whether a node stands for a value being used (not a declaration name, not a member name). */
  private isReference(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) return true;
    // `require('jwt-decode')(token)` is a use; `const decode = require('jwt-decode')` is an import.
    if (t.isCallExpression(node))
      return requireSpecifier(t, node) !== undefined && !t.isVariableDeclaration(node.parent);
    if (!t.isIdentifier(node)) return false;
    const parent = node.parent;
    if (!parent) return false;
    if (t.isPropertyAccessExpression(parent) && parent.name === node) return false;
    if (
      (t.isVariableDeclaration(parent) ||
        t.isParameter(parent) ||
        t.isBindingElement(parent) ||
        t.isPropertyAssignment(parent) ||
        t.isPropertyDeclaration(parent) ||
        t.isMethodDeclaration(parent) ||
        t.isFunctionDeclaration(parent) ||
        t.isClassDeclaration(parent) ||
        t.isExportSpecifier(parent) ||
        t.isPropertySignature(parent) ||
        t.isEnumMember(parent) ||
        t.isJsxAttribute(parent) ||
        t.isLabeledStatement(parent)) &&
      (parent as { name?: ts.Node }).name === node
    ) {
      return false;
    }
    if (t.isBindingElement(parent) && parent.propertyName === node) return false;
    return true;
  }

  /** A use starts where its expression starts: `new Strategy(...)` at `new`. */
  private useSite(node: ts.Node): ts.Node {
    const parent = node.parent;
    return parent && this.ts.isNewExpression(parent) && parent.expression === node ? parent : node;
  }

  /**
   * `@fastify/jwt` decorates requests and the instance instead of exporting functions:
   * `request.jwtVerify()`, `fastify.jwt.verify(token)`.
   */
  private isFastifyJwtUse(node: ts.PropertyAccessExpression): boolean {
    const t = this.ts;
    const name = node.name.text;
    let primitive: string | undefined;
    let kind: 'verify' | 'decode' = 'verify';
    if (name !== 'jwtVerify' && name !== 'jwtDecode' && name !== 'verify' && name !== 'decode') return false;
    const receiver = dottedName(t, node.expression) ?? '';
    // The plugin decorates the request and reply: `authService.jwtVerify()` is somebody's own method.
    const isRequestLike = /^(request|req|reply|res|ctx|this\.request)$|\.(request|req)$/.test(receiver);
    if (
      (name === 'jwtVerify' || name === 'jwtDecode') &&
      isRequestLike &&
      t.isCallExpression(node.parent) &&
      node.parent.expression === node &&
      !this.resolve(node.expression)
    ) {
      primitive = `@fastify/jwt.${name}`;
      kind = name === 'jwtVerify' ? 'verify' : 'decode';
    } else if (
      (name === 'verify' || name === 'decode') &&
      t.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'jwt'
    ) {
      const owner = dottedName(t, node.expression.expression) ?? '';
      if (/^(fastify|app|server|instance|this\.server|request\.server|req\.server)$/.test(owner)) {
        primitive = `@fastify/jwt.jwt.${name}`;
        kind = name;
      }
    }
    if (!primitive) return false;
    this.walk.record.jwtUses.push({ primitive, kind, span: spanOf(node, this.walk.sourceFile), ...this.enclosing() });
    return true;
  }

  /** `verify(...)` imported from `@app/lib/jwt`, or `jwtLib.verify(...)`: resolved later through re-exports. */
  private collectCandidate(node: ts.Expression): boolean {
    const t = this.ts;
    let local: string | undefined;
    let member: string | undefined;
    if (t.isIdentifier(node)) local = node.text;
    else if (t.isPropertyAccessExpression(node) && t.isIdentifier(node.expression)) {
      local = node.expression.text;
      member = node.name.text;
    } else return false;
    // Only imports bind `from`, and every value import is a notable name: most roots are neither.
    if (!this.walk.scope.notable.has(local)) return false;
    const imported = this.walk.scope.lookup(local)?.from;
    if (!imported || imported.typeOnly || jwtLibrary(imported.specifier)) return false;
    const name = member ?? imported.imported;
    if (member !== undefined && imported.imported !== '*' && imported.imported !== 'default') return false;
    if (member === undefined && (imported.imported === '*' || !(PRIMITIVE_NAMES.has(name) || name === 'default')))
      return false;
    if (member !== undefined && !PRIMITIVE_NAMES.has(member)) return false;
    this.walk.record.jwtCandidates.push({
      specifier: imported.specifier,
      imported: imported.imported,
      ...(member !== undefined ? { member } : {}),
      span: spanOf(this.useSite(node), this.walk.sourceFile),
      ...this.enclosing(),
    });
    return true;
  }

  // ------------------------------------------------------ declarations

  /** Aliases and instances a declaration makes; true when it aliases a JWT-library member (not a use). */
  private collectVariable(node: ts.VariableDeclaration): boolean {
    const t = this.ts;
    if (!node.initializer) return false;
    const init = unwrap(t, node.initializer);
    const scope = this.walk.scope;
    if (requireSpecifier(t, init) || dynamicImportSpecifier(t, init)) {
      // The import itself was recorded by the module visitor; only a JWT library binding mutes it.
      return t.isIdentifier(node.name) ? scope.lookup(node.name.text)?.jwt !== undefined : true;
    }
    if (t.isIdentifier(node.name)) {
      const name = node.name.text;
      if (t.isPropertyAccessExpression(init) && requireSpecifier(t, unwrap(t, init.expression)))
        return scope.lookup(name)?.jwt !== undefined;
      const binding = this.resolve(init);
      if (binding) {
        this.bind(name, binding);
        return true;
      }
      if (t.isNewExpression(init)) {
        const instance = this.instanceOf(init.expression);
        if (instance) this.bind(name, instance);
      }
      return false;
    }
    if (!t.isObjectBindingPattern(node.name)) return false;
    const source = this.resolve(init);
    if (!source) return false;
    for (const element of node.name.elements) {
      if (element.dotDotDotToken || !t.isIdentifier(element.name)) continue;
      const keyNode = element.propertyName ?? element.name;
      const key = t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
      if (key) this.bind(element.name.text, { module: source.module, path: [...source.path, key] });
    }
    return true;
  }

  private bind(name: string, binding: JwtBinding): void {
    const scope = this.walk.scope;
    const target = scope.isDeclaredHere(name) ? scope.lookup(name)! : scope.declare(name, { declaredAs: 'variable' });
    target.jwt = binding;
    scope.notable.add(name);
  }

  /** `(jwt: JwtService)`: the parameter is a JWT service instance within its function. */
  private collectTypedParameter(node: ts.ParameterDeclaration): void {
    const t = this.ts;
    if (!t.isIdentifier(node.name)) return;
    const instance = this.instanceOfType(node.type, node.initializer);
    if (instance) this.bind(node.name.text, instance);
  }

  /**
   * Fields that hold a JWT service: `private readonly jwt: JwtService` (a field or a constructor
   * parameter property), `jwt = new JwtService()`, or `this.jwt = new JwtService({})` and
   * `this.jwt = jwtParameter` in the constructor. Read when the walk enters the class, so a
   * method declared above the constructor sees them too.
   */
  private collectFields(node: ts.ClassLikeDeclaration): void {
    const t = this.ts;
    const fields = new Map<string, JwtBinding>();
    for (const member of node.members) {
      if (t.isPropertyDeclaration(member) && (t.isIdentifier(member.name) || t.isPrivateIdentifier(member.name))) {
        const instance = this.instanceOfType(member.type, member.initializer);
        if (instance) fields.set(member.name.text, instance);
      }
      if (!t.isConstructorDeclaration(member)) continue;
      const parameters = new Map<string, JwtBinding>();
      for (const parameter of member.parameters) {
        if (!t.isIdentifier(parameter.name)) continue;
        const instance = this.instanceOfType(parameter.type, parameter.initializer);
        if (!instance) continue;
        parameters.set(parameter.name.text, instance);
        if ((t.getModifiers(parameter)?.length ?? 0) > 0) fields.set(parameter.name.text, instance);
      }
      for (const statement of member.body?.statements ?? []) {
        if (!t.isExpressionStatement(statement)) continue;
        const assignment = statement.expression;
        if (!t.isBinaryExpression(assignment) || assignment.operatorToken.kind !== t.SyntaxKind.EqualsToken) continue;
        const left = assignment.left;
        if (!t.isPropertyAccessExpression(left) || left.expression.kind !== t.SyntaxKind.ThisKeyword) continue;
        const right = unwrap(t, assignment.right);
        const instance = t.isNewExpression(right)
          ? this.instanceOf(right.expression)
          : t.isIdentifier(right)
            ? parameters.get(right.text)
            : undefined;
        if (instance) fields.set(left.name.text, instance);
      }
    }
    if (fields.size > 0) this.fieldsByClass.set(node, fields);
  }

  private fieldOf(node: ts.PropertyAccessExpression): JwtBinding | undefined {
    const t = this.ts;
    const name = node.name;
    if (this.fieldsByClass.size === 0 || (!t.isIdentifier(name) && !t.isPrivateIdentifier(name))) return undefined;
    for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
      if (t.isClassLike(current)) return this.fieldsByClass.get(current)?.get(name.text);
    }
    return undefined;
  }

  private instanceOfType(
    type: ts.TypeNode | undefined,
    initializer: ts.Expression | undefined,
  ): JwtBinding | undefined {
    const t = this.ts;
    const created = initializer && unwrap(t, initializer);
    const classReference =
      type && t.isTypeReferenceNode(type) && t.isIdentifier(type.typeName)
        ? type.typeName
        : created && t.isNewExpression(created)
          ? created.expression
          : undefined;
    return classReference ? this.instanceOf(classReference) : undefined;
  }

  private instanceOf(classReference: ts.Expression): JwtBinding | undefined {
    const binding = this.resolve(classReference);
    if (!binding) return undefined;
    const isService = JWT_SERVICE_CLASSES.some(
      (service) => service.module === binding.module && binding.path.length === 1 && binding.path[0] === service.name,
    );
    return isService ? { module: binding.module, path: [...binding.path, INSTANCE_MARKER] } : undefined;
  }
}

/** Where a member chain starts: `a` of `a.b(c)[d].e`, past calls, `new`, parentheses and assertions. */
function chainRoot(t: TypeScript, node: ts.Expression): ts.Expression {
  let current = unwrap(t, node);
  while (
    t.isPropertyAccessExpression(current) ||
    t.isElementAccessExpression(current) ||
    t.isCallExpression(current) ||
    t.isNewExpression(current)
  )
    current = unwrap(t, current.expression);
  return current;
}
