import type ts from 'typescript';
import type { TypeScript } from '../facts/extract-facts.js';

/**
 * Call-graph facts of one file, for `ssot paths`: functions (with their spans), the calls each
 * makes (symbolically: names, `this.field.method`, results of calls), the entry points the file
 * registers, and the regions each condition guards. Plain data, like FileFacts: the AST is
 * dropped once these are extracted, and only files that matter are walked at all.
 */

/** 1-based line and column, plus the 0-based offset that ties a position to its function. */
export interface Position {
  line: number;
  column: number;
  start: number;
}

/** What an expression denotes, symbolically; resolved across files by the call graph. */
export type ValueRef =
  | { kind: 'name'; name: string }
  | { kind: 'this' }
  | { kind: 'super' }
  | { kind: 'field'; field: string }
  | { kind: 'type'; name: string }
  | { kind: 'result'; call: CallTarget }
  /** A dependency injected by token (`@Inject('USER_AUTH_GUARD')`): whatever a module provides under it. */
  | { kind: 'token'; token: string }
  | { kind: 'member'; object: ValueRef; member: string };

export type CallTarget =
  | { kind: 'call'; callee: ValueRef }
  | { kind: 'new'; callee: ValueRef }
  /** `AuthGuard('jwt')`, `AuthGuard(['jwt', 'api-key'])` (@nestjs/passport) or `passport.authenticate('jwt')`: runs the strategies registered under the names; null = any. */
  | { kind: 'strategy'; names: string[] | null }
  /** A guard class named in `@UseGuards(...)`, `APP_GUARD` or `useGlobalGuards`: its `canActivate` runs. */
  | { kind: 'guard'; callee: ValueRef }
  /** A function of this file, by node id (entry nodes call their handler method this way). */
  | { kind: 'node'; id: string };

export interface CallFact extends Position {
  target: CallTarget;
  /** Source text of the callee, shortened, for reports. */
  text: string;
  /** A function passed by reference (`arr.map(validate)`), not called here: followed all the same. */
  reference?: boolean;
}

export type FunctionKind = 'module' | 'function' | 'method' | 'constructor' | 'class-init' | 'object-method' | 'entry';

export interface FunctionFact extends Position {
  /** `${file}#${name}`; unique in the file. */
  id: string;
  /** `websocketEndpoint`, `UserContextExtractor.validateAndDecodeJwt`, `logger.info`, `<module>`. */
  name: string;
  kind: FunctionKind;
  className?: string;
  /** End offset (exclusive). */
  end: number;
  calls: CallFact[];
  /** Declared return type (Promise<> unwrapped), when it names a type. */
  returnType?: string;
  /** Calls `createAuthCore` of `ssot-lint/auth-core`: calling it yields the auth core. */
  createsCore?: boolean;
  /** `UseGuards(...)` called inside this function: a decorator factory (`applyDecorators(UseGuards(X))`) applies them where it decorates. */
  guards?: GuardRef[];
  /** A module-level variable's initialiser (`const key = encode(process.env.JWT_SECRET)`): runs when the module loads. */
  moduleLevel?: boolean;
}

/** A guard named in `@UseGuards(...)`, `APP_GUARD` or `useGlobalGuards(...)`, where it is named. */
export interface GuardRef extends Position {
  text: string;
  target: CallTarget;
}

export interface ClassGraphFact extends Position {
  name: string;
  end: number;
  /** The class-init function (field initialisers, heritage): what `new X()` runs besides the constructor. */
  init: string;
  /** `extends X`: the base class, when it is a plain name. */
  extendsName?: string;
  /** `extends AuthGuard('jwt')`, `extends Mixin(...)`: methods it does not declare come from that call's class. */
  extendsCall?: boolean;
  /** `extends PassportStrategy(Strategy, 'jwt')`: the strategy name it registers. */
  passportStrategy?: string;
  /** Field name -> what it holds: constructor parameter properties, typed or `new`-initialised fields, `this.x = …` in the constructor. */
  fields: Map<string, ValueRef>;
  /** Method name -> function id (constructor under `constructor`). */
  methods: Map<string, string>;
}

export type EntryKind =
  | 'http-route'
  | 'http-middleware'
  | 'http-server'
  | 'next-route'
  | 'next-middleware'
  | 'nest-route'
  | 'ws-upgrade'
  | 'ws-connection'
  | 'ws-verify-client'
  | 'ws-middleware'
  | 'ws-message'
  | 'nest-guard';

export interface RawEntry extends Position {
  kind: EntryKind;
  framework: string;
  label: string;
  method?: string;
  route?: string;
  /** The function whose reach is the entry's flow (a synthetic node over the handler arguments, or the handler method). */
  node: string;
  /** Root name of the receiver (`app`, `router`, `wss`, `io`): a middleware protects routes registered on the same receiver after it. */
  receiver?: string;
  /** The function (or module) the registration sits in: protection does not cross it. */
  scope: string;
  /** NestJS guards (`@UseGuards`) applying to this route or gateway handler. */
  guards?: GuardRef[];
  /** Other decorators of the handler and its class (`@UserAuthentication()`): their functions may apply guards. */
  decorators?: ValueRef[];
  /** Nest controller/gateway class, for grouping. */
  className?: string;
}

/** A region of code that runs only when a condition holds (or fails). */
export interface GuardedRegion {
  /** Start offset of the condition: equal to an EnvConditionFact's span.start when the condition reads the environment. */
  condition: number;
  start: number;
  end: number;
  branch: 'then' | 'else' | 'after';
}

export interface InstanceofFact extends Position {
  className: string;
}

export interface NewFact extends Position {
  className: string;
}

/** `passport.use([name,] new Strategy(...))`: the strategy the name runs. */
export interface StrategyRegistration extends Position {
  name: string;
  /** The function holding the registration (where the `new Strategy` primitive sits). */
  node: string;
}

export interface FileGraph {
  file: string;
  functions: FunctionFact[];
  classes: ClassGraphFact[];
  /** Module-level variables: what their initialiser or type denotes. */
  variables: Map<string, ValueRef>;
  /** Module-level object literals whose properties are functions (`export const logger = { info() {} }`). */
  objects: string[];
  entries: RawEntry[];
  regions: GuardedRegion[];
  instanceofs: InstanceofFact[];
  news: NewFact[];
  strategies: StrategyRegistration[];
  /** `{ provide: APP_GUARD, useClass: X }`, `app.useGlobalGuards(new X())`. */
  globalGuards: GuardRef[];
  /** `{ provide: 'TOKEN', useClass: X }` (or `useExisting`): what `@Inject('TOKEN')` receives. */
  providers: { token: string; target: ValueRef }[];
}

/** Nest decorators that configure routing, validation or docs, never guards: not worth resolving. */
const NEST_OWN_DECORATORS = new Set([
  'Controller',
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Options',
  'Head',
  'Search',
  'UseGuards',
  'UseInterceptors',
  'UsePipes',
  'UseFilters',
  'HttpCode',
  'Header',
  'Redirect',
  'Render',
  'Version',
  'SetMetadata',
  'Injectable',
  'Body',
  'Param',
  'Query',
  'Req',
  'Res',
  'Headers',
  'Ip',
  'Inject',
  'WebSocketGateway',
  'SubscribeMessage',
  'MessageBody',
  'ConnectedSocket',
  'ApiTags',
  'ApiOperation',
  'ApiResponse',
  'ApiOkResponse',
  'ApiBearerAuth',
  'SerializeOptions',
]);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
const NEST_HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search']);
/** Modules whose default export or named factory makes an HTTP app or router. */
const HTTP_FRAMEWORKS = new Set([
  'express',
  'koa',
  '@koa/router',
  'koa-router',
  'fastify',
  'hono',
  'restify',
  'polka',
  'connect',
  'router',
  '@hono/node-server',
]);
const WS_MODULES = new Set([
  'ws',
  'socket.io',
  '@nestjs/websockets',
  '@nestjs/platform-socket.io',
  '@nestjs/platform-ws',
  'uWebSockets.js',
]);
const NODE_HTTP = new Set(['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2']);
const APP_LIKE =
  /^(app|application|server|api|router|routes|route|fastify|instance|koa|hono|[a-z][A-Za-z0-9]*(Router|App|Routes|Server|Api))$/;
const WS_LIKE =
  /^(wss|ws|io|socketServer|webSocketServer|wsServer|websocketServer|socketio|socketIo|nsp|namespace|server|[a-z][A-Za-z0-9]*(Wss|Io|SocketServer|Gateway))$/;
const PASSPORT_DEFAULT_NAMES: Record<string, string> = {
  'passport-jwt': 'jwt',
  'passport-local': 'local',
  'passport-anonymous': 'anonymous',
  'passport-http-bearer': 'bearer',
  'passport-headerapikey': 'headerapikey',
  'passport-custom': 'custom',
};

type Local = ValueRef | null | 'function';

/** Walks one file's AST into a FileGraph. Pure: same AST in, same facts out. */
export function extractGraphFacts(typescript: TypeScript, sourceFile: ts.SourceFile, file: string): FileGraph {
  return new GraphWalker(typescript, sourceFile, file).run();
}

class GraphWalker {
  private readonly graph: FileGraph;
  private readonly stack: FunctionFact[] = [];
  private readonly scopes: Map<string, Local>[] = [];
  private readonly classStack: ClassGraphFact[] = [];
  /** Local name -> module specifier and imported name. */
  private readonly imports = new Map<string, { specifier: string; imported: string }>();
  /** Module-level names made by an HTTP framework (`const app = express()`) or a WebSocket server. */
  private readonly frameworkVars = new Map<string, 'http' | 'ws' | 'io'>();
  private readonly usedNames = new Set<string>();
  private readonly classDecorators = new Map<string, ValueRef[]>();
  private hasHttpFramework = false;
  private hasWsModule = false;

  constructor(
    private readonly ts: TypeScript,
    private readonly sourceFile: ts.SourceFile,
    private readonly file: string,
  ) {
    this.graph = {
      file,
      functions: [],
      classes: [],
      variables: new Map(),
      objects: [],
      entries: [],
      regions: [],
      instanceofs: [],
      news: [],
      strategies: [],
      globalGuards: [],
      providers: [],
    };
  }

  run(): FileGraph {
    const t = this.ts;
    for (const statement of this.sourceFile.statements) {
      if (t.isImportDeclaration(statement) && t.isStringLiteral(statement.moduleSpecifier))
        this.collectImport(statement, statement.moduleSpecifier.text);
      else if (t.isVariableStatement(statement))
        for (const declaration of statement.declarationList.declarations) this.collectRequire(declaration);
    }
    const module = this.addFunction(
      '<module>',
      'module',
      this.sourceFile,
      this.sourceFile.getStart(this.sourceFile),
      this.sourceFile.getEnd(),
    );
    this.stack.push(module);
    this.scopes.push(new Map());
    for (const statement of this.sourceFile.statements) this.visitTopLevel(statement);
    this.scopes.pop();
    this.stack.pop();
    this.collectNextEntries();
    return this.graph;
  }

  // ------------------------------------------------------------ helpers

  private position(node: ts.Node): Position {
    const start = node.getStart(this.sourceFile);
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(start);
    return { line: line + 1, column: character + 1, start };
  }

  private text(node: ts.Node, max = 60): string {
    const text = node.getText(this.sourceFile).replace(/\s+/g, ' ');
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  private addFunction(
    name: string,
    kind: FunctionKind,
    at: ts.Node,
    start: number,
    end: number,
    className?: string,
  ): FunctionFact {
    let unique = name;
    for (let counter = 2; this.usedNames.has(unique); counter++) unique = `${name}~${counter}`;
    this.usedNames.add(unique);
    const fact: FunctionFact = {
      id: `${this.file}#${unique}`,
      name: unique,
      kind,
      ...this.position(at),
      start,
      end,
      calls: [],
    };
    if (className) fact.className = className;
    this.graph.functions.push(fact);
    return fact;
  }

  private get current(): FunctionFact {
    return this.stack[this.stack.length - 1]!;
  }

  private unwrap(node: ts.Expression): ts.Expression {
    const t = this.ts;
    let current = node;
    while (
      t.isParenthesizedExpression(current) ||
      t.isAsExpression(current) ||
      t.isNonNullExpression(current) ||
      t.isSatisfiesExpression(current) ||
      t.isTypeAssertionExpression(current) ||
      t.isAwaitExpression(current)
    ) {
      current = current.expression;
    }
    return current;
  }

  private collectImport(statement: ts.ImportDeclaration, specifier: string): void {
    const t = this.ts;
    if (HTTP_FRAMEWORKS.has(specifier) || specifier.startsWith('@nestjs/')) this.hasHttpFramework = true;
    if (WS_MODULES.has(specifier)) this.hasWsModule = true;
    const clause = statement.importClause;
    if (!clause) return;
    if (clause.name) this.imports.set(clause.name.text, { specifier, imported: 'default' });
    const bindings = clause.namedBindings;
    if (bindings && t.isNamespaceImport(bindings)) this.imports.set(bindings.name.text, { specifier, imported: '*' });
    else if (bindings) {
      for (const element of bindings.elements) {
        this.imports.set(element.name.text, { specifier, imported: (element.propertyName ?? element.name).text });
      }
    }
  }

  /** `const express = require('express')`, `const { Router } = require('express')`. */
  private collectRequire(declaration: ts.VariableDeclaration): void {
    const t = this.ts;
    const init = declaration.initializer && this.unwrap(declaration.initializer);
    if (!init || !t.isCallExpression(init) || !t.isIdentifier(init.expression) || init.expression.text !== 'require')
      return;
    const argument = init.arguments[0];
    if (!argument || !t.isStringLiteralLike(argument)) return;
    const specifier = argument.text;
    if (HTTP_FRAMEWORKS.has(specifier) || specifier.startsWith('@nestjs/')) this.hasHttpFramework = true;
    if (WS_MODULES.has(specifier)) this.hasWsModule = true;
    if (t.isIdentifier(declaration.name)) this.imports.set(declaration.name.text, { specifier, imported: '*' });
    else if (t.isObjectBindingPattern(declaration.name)) {
      for (const element of declaration.name.elements) {
        const key = element.propertyName ?? element.name;
        if (t.isIdentifier(element.name) && t.isIdentifier(key))
          this.imports.set(element.name.text, { specifier, imported: key.text });
      }
    }
  }

  /** The module a name was imported from (also for `const x = require('m')`). */
  private importOf(name: string): { specifier: string; imported: string } | undefined {
    return this.imports.get(name);
  }

  private lookupLocal(name: string): Local | undefined {
    for (let index = this.scopes.length - 1; index >= 1; index--) {
      const scope = this.scopes[index]!;
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  }

  private typeName(type: ts.TypeNode | undefined): string | undefined {
    const t = this.ts;
    if (!type || !t.isTypeReferenceNode(type)) return undefined;
    const name = t.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    if (name === 'Promise' && type.typeArguments?.length === 1) return this.typeName(type.typeArguments[0]);
    return name;
  }

  // ---------------------------------------------------------- top level

  private visitTopLevel(statement: ts.Statement): void {
    const t = this.ts;
    if (t.isImportDeclaration(statement) || t.isInterfaceDeclaration(statement) || t.isTypeAliasDeclaration(statement))
      return;
    if (t.isFunctionDeclaration(statement) && statement.body) {
      const isDefault = statement.modifiers?.some((modifier) => modifier.kind === t.SyntaxKind.DefaultKeyword);
      const name = statement.name?.text ?? (isDefault ? 'default' : '<anonymous>');
      this.visitFunctionNode(name, 'function', statement, statement);
      return;
    }
    if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) this.visitTopLevelVariable(declaration);
      return;
    }
    if (t.isExportAssignment(statement)) {
      const expression = this.unwrap(statement.expression);
      if (t.isArrowFunction(expression) || t.isFunctionExpression(expression)) {
        this.visitFunctionNode('default', 'function', expression, expression);
        return;
      }
    }
    this.visit(statement);
  }

  private visitTopLevelVariable(declaration: ts.VariableDeclaration): void {
    const t = this.ts;
    if (!t.isIdentifier(declaration.name) || !declaration.initializer) {
      this.visit(declaration);
      return;
    }
    const name = declaration.name.text;
    const init = this.unwrap(declaration.initializer);
    if (t.isArrowFunction(init) || t.isFunctionExpression(init)) {
      this.visitFunctionNode(name, 'function', declaration, init);
      return;
    }
    if (t.isClassExpression(init)) {
      this.visitClass(init, name);
      return;
    }
    if (
      t.isObjectLiteralExpression(init) &&
      init.properties.some(
        (property) =>
          t.isMethodDeclaration(property) ||
          (t.isPropertyAssignment(property) && this.isFunctionLike(property.initializer)),
      )
    ) {
      this.graph.objects.push(name);
      this.visitObjectLiteral(name, init);
      return;
    }
    const typed = this.typeName(declaration.type);
    const value = typed ? ({ kind: 'type', name: typed } as const) : this.valueOf(init);
    if (value) this.graph.variables.set(name, value);
    this.noteFrameworkVar(name, init);
    // `export const GET = withAuth(async (req) => …)`, `const verifier = createVerifier({…})`: calling the
    // variable runs what its initialiser built, so the initialiser is a function of its own.
    if (t.isCallExpression(init)) {
      const fact = this.visitFunctionNode(name, 'function', declaration, init);
      if (!init.arguments.some((argument) => this.isFunctionLike(argument))) fact.moduleLevel = true;
      return;
    }
    this.visit(declaration);
  }

  private isFunctionLike(node: ts.Node): boolean {
    const t = this.ts;
    const expression = t.isExpression(node) ? this.unwrap(node) : node;
    return t.isArrowFunction(expression) || t.isFunctionExpression(expression);
  }

  private noteFrameworkVar(name: string, init: ts.Expression): void {
    const t = this.ts;
    let callee: ts.Expression | undefined;
    if (t.isCallExpression(init) || t.isNewExpression(init)) callee = init.expression;
    if (!callee) return;
    const root = t.isPropertyAccessExpression(callee) ? callee.expression : callee;
    if (!t.isIdentifier(root)) return;
    const source = this.importOf(root.text)?.specifier;
    if (!source) return;
    if (source === 'socket.io') this.frameworkVars.set(name, 'io');
    else if (WS_MODULES.has(source)) this.frameworkVars.set(name, 'ws');
    else if (HTTP_FRAMEWORKS.has(source) || NODE_HTTP.has(source)) this.frameworkVars.set(name, 'http');
  }

  private visitObjectLiteral(objectName: string, literal: ts.ObjectLiteralExpression): void {
    const t = this.ts;
    for (const property of literal.properties) {
      const key =
        property.name && (t.isIdentifier(property.name) || t.isStringLiteral(property.name))
          ? property.name.text
          : undefined;
      if (key && t.isMethodDeclaration(property))
        this.visitFunctionNode(`${objectName}.${key}`, 'object-method', property, property);
      else if (key && t.isPropertyAssignment(property) && this.isFunctionLike(property.initializer)) {
        this.visitFunctionNode(`${objectName}.${key}`, 'object-method', property, this.unwrap(property.initializer));
      } else this.visit(property);
    }
  }

  /** A function that gets its own node: top-level functions, methods, constructors, object methods. */
  private visitFunctionNode(
    name: string,
    kind: FunctionKind,
    at: ts.Node,
    body: ts.Node,
    className?: string,
  ): FunctionFact {
    const t = this.ts;
    const fact = this.addFunction(name, kind, at, at.getStart(this.sourceFile), at.getEnd(), className);
    if (t.isFunctionLike(body)) {
      const returnType = this.typeName((body as ts.SignatureDeclaration).type);
      if (returnType) fact.returnType = returnType;
    }
    this.stack.push(fact);
    this.scopes.push(new Map());
    if (t.isFunctionLike(body)) this.declareParameters(body as ts.SignatureDeclaration);
    t.forEachChild(body, (child) => this.visit(child));
    this.scopes.pop();
    this.stack.pop();
    return fact;
  }

  private declareParameters(node: ts.SignatureDeclaration): void {
    const t = this.ts;
    const scope = this.scopes[this.scopes.length - 1]!;
    for (const parameter of node.parameters) {
      if (t.isIdentifier(parameter.name)) {
        const type = this.typeName(parameter.type);
        scope.set(parameter.name.text, type ? { kind: 'type', name: type } : null);
      } else this.declareBindingNames(parameter.name, scope);
    }
  }

  private declareBindingNames(name: ts.BindingName, scope: Map<string, Local>): void {
    const t = this.ts;
    if (t.isIdentifier(name)) {
      scope.set(name.text, null);
      return;
    }
    for (const element of name.elements)
      if (!t.isOmittedExpression(element)) this.declareBindingNames(element.name, scope);
  }

  // --------------------------------------------------------------- classes

  private visitClass(node: ts.ClassLikeDeclaration, name: string): void {
    const t = this.ts;
    const init = this.addFunction(
      `${name}.<init>`,
      'class-init',
      node.name ?? node,
      node.getStart(this.sourceFile),
      node.getEnd(),
      name,
    );
    const fact: ClassGraphFact = {
      name,
      ...this.position(node.name ?? node),
      end: node.getEnd(),
      init: init.id,
      fields: new Map(),
      methods: new Map(),
    };
    this.graph.classes.push(fact);
    this.classStack.push(fact);
    this.stack.push(init);
    this.scopes.push(new Map());

    const heritage = node.heritageClauses?.find((clause) => clause.token === t.SyntaxKind.ExtendsKeyword)?.types[0];
    if (heritage) {
      const base = this.unwrap(heritage.expression);
      if (t.isIdentifier(base)) fact.extendsName = base.text;
      else if (t.isCallExpression(base)) {
        fact.extendsCall = true;
        if (t.isIdentifier(base.expression) && base.expression.text === 'PassportStrategy')
          fact.passportStrategy = this.passportStrategyName(base);
      }
      this.visit(heritage.expression);
    }

    const classGuards = this.guardsOf(node);
    this.classDecorators.set(name, this.otherDecorators(node));
    const controller = this.decorator(node, 'Controller');
    const gateway = this.decorator(node, 'WebSocketGateway');
    const prefix = controller ? this.controllerPath(controller) : '';

    for (const member of node.members) {
      const memberName =
        member.name &&
        (t.isIdentifier(member.name) || t.isPrivateIdentifier(member.name) || t.isStringLiteral(member.name))
          ? member.name.text
          : undefined;
      if (t.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (!t.isIdentifier(parameter.name) || (t.getModifiers(parameter)?.length ?? 0) === 0) continue;
          const token = this.injectToken(parameter);
          const type = this.typeName(parameter.type);
          if (token !== undefined) fact.fields.set(parameter.name.text, { kind: 'token', token });
          else if (type) fact.fields.set(parameter.name.text, { kind: 'type', name: type });
        }
        if (member.body)
          fact.methods.set(
            'constructor',
            this.visitFunctionNode(`${name}.constructor`, 'constructor', member, member, name).id,
          );
        continue;
      }
      if ((t.isMethodDeclaration(member) || t.isGetAccessor(member)) && memberName && member.body) {
        const method = this.visitFunctionNode(`${name}.${memberName}`, 'method', member, member, name);
        fact.methods.set(memberName, method.id);
        // Parameter decorators (`@UserSession() user`) run on every call of the handler: part of its flow.
        for (const parameter of member.parameters) {
          for (const callee of this.otherDecorators(parameter))
            method.calls.push({
              target: { kind: 'call', callee },
              ...this.position(parameter),
              text: `@${this.text(parameter, 40)}`,
            });
        }
        this.nestEntry(member, method, name, prefix, controller !== undefined, gateway !== undefined, classGuards);
        continue;
      }
      if (t.isPropertyDeclaration(member) && memberName) {
        const type = this.typeName(member.type);
        const initializer = member.initializer && this.unwrap(member.initializer);
        if (initializer && (t.isArrowFunction(initializer) || t.isFunctionExpression(initializer))) {
          fact.methods.set(
            memberName,
            this.visitFunctionNode(`${name}.${memberName}`, 'method', member, initializer, name).id,
          );
          continue;
        }
        const value = type
          ? ({ kind: 'type', name: type } as const)
          : initializer
            ? this.valueOf(initializer)
            : undefined;
        if (value) fact.fields.set(memberName, value);
        this.visit(member);
        continue;
      }
      this.visit(member);
    }
    this.scopes.pop();
    this.stack.pop();
    this.classStack.pop();
  }

  /** `@Inject('USER_AUTH_GUARD')` on a constructor parameter. */
  private injectToken(parameter: ts.ParameterDeclaration): string | undefined {
    const t = this.ts;
    for (const decorator of this.decorators(parameter)) {
      const expression = decorator.expression;
      if (
        t.isCallExpression(expression) &&
        t.isIdentifier(expression.expression) &&
        expression.expression.text === 'Inject'
      ) {
        const argument = expression.arguments[0];
        if (argument && t.isStringLiteralLike(argument)) return argument.text;
      }
    }
    return undefined;
  }

  /**
   * A strategy name as written: a literal, or an enum member (`PassportStrategyEnum.JWT`). Enums are
   * not evaluated; their member names are compared the way passport names are usually spelled
   * (`HEADER_API_KEY` ~ `headerapikey`), see `sameStrategyName`.
   */
  private strategyName(node: ts.Expression | undefined): string | undefined {
    const t = this.ts;
    if (!node) return undefined;
    const expression = this.unwrap(node);
    if (t.isStringLiteralLike(expression)) return expression.text;
    if (t.isPropertyAccessExpression(expression)) return expression.name.text;
    return undefined;
  }

  private passportStrategyName(call: ts.CallExpression): string {
    const named = this.strategyName(call.arguments[1]);
    if (named !== undefined) return named;
    const t = this.ts;
    const strategy = call.arguments[0];
    const root = strategy && t.isPropertyAccessExpression(strategy) ? strategy.expression : strategy;
    const module = root && t.isIdentifier(root) ? this.importOf(root.text)?.specifier : undefined;
    return (module && PASSPORT_DEFAULT_NAMES[module]) ?? module?.replace(/^passport-/, '') ?? 'default';
  }

  private decorators(node: ts.Node): ts.Decorator[] {
    const t = this.ts;
    return t.canHaveDecorators(node) ? [...(t.getDecorators(node) ?? [])] : [];
  }

  /** The call of the decorator named `name` (`@Controller('x')`), or the identifier for `@Controller`. */
  private decorator(node: ts.Node, name: string): ts.CallExpression | ts.Identifier | undefined {
    const t = this.ts;
    for (const decorator of this.decorators(node)) {
      const expression = decorator.expression;
      if (
        t.isCallExpression(expression) &&
        t.isIdentifier(expression.expression) &&
        expression.expression.text === name
      )
        return expression;
      if (t.isIdentifier(expression) && expression.text === name) return expression;
    }
    return undefined;
  }

  private controllerPath(decorator: ts.CallExpression | ts.Identifier): string {
    const t = this.ts;
    if (!t.isCallExpression(decorator)) return '';
    const argument = decorator.arguments[0];
    if (!argument) return '';
    return (
      this.pathValue(argument) ?? (t.isObjectLiteralExpression(argument) ? this.objectPath(argument) : undefined) ?? ''
    );
  }

  private objectPath(literal: ts.ObjectLiteralExpression): string | undefined {
    const t = this.ts;
    for (const property of literal.properties) {
      if (
        t.isPropertyAssignment(property) &&
        t.isIdentifier(property.name) &&
        (property.name.text === 'path' || property.name.text === 'namespace')
      )
        return this.pathValue(property.initializer);
    }
    return undefined;
  }

  private pathValue(node: ts.Expression): string | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isStringLiteralLike(expression)) return expression.text;
    if (
      t.isArrayLiteralExpression(expression) &&
      expression.elements[0] &&
      t.isStringLiteralLike(expression.elements[0])
    )
      return expression.elements[0].text;
    return undefined;
  }

  /** Decorator factories that are not Nest's own (`@UserAuthentication()`): they may apply guards. */
  private otherDecorators(node: ts.Node): ValueRef[] {
    const t = this.ts;
    const refs: ValueRef[] = [];
    for (const decorator of this.decorators(node)) {
      const expression = decorator.expression;
      if (!t.isCallExpression(expression)) continue;
      const callee = this.unwrap(expression.expression);
      if (t.isIdentifier(callee) && NEST_OWN_DECORATORS.has(callee.text)) continue;
      const value = this.valueOf(callee);
      if (value) refs.push(value);
    }
    return refs;
  }

  private guardsOf(node: ts.Node): GuardRef[] {
    const t = this.ts;
    const guards: GuardRef[] = [];
    for (const decorator of this.decorators(node)) {
      const expression = decorator.expression;
      if (
        !t.isCallExpression(expression) ||
        !t.isIdentifier(expression.expression) ||
        expression.expression.text !== 'UseGuards'
      )
        continue;
      for (const argument of expression.arguments) {
        const guard = this.guardRef(argument);
        if (guard) guards.push(guard);
      }
    }
    return guards;
  }

  private guardRef(argument: ts.Expression): GuardRef | undefined {
    const t = this.ts;
    const expression = this.unwrap(argument);
    const text = this.text(expression);
    const at = this.position(expression);
    if (t.isNewExpression(expression)) {
      const callee = this.valueOf(expression.expression);
      return callee ? { text, target: { kind: 'guard', callee }, ...at } : undefined;
    }
    if (t.isCallExpression(expression)) {
      const strategy = this.strategyCall(expression);
      if (strategy) return { text, target: strategy, ...at };
      const callee = this.valueOf(expression.expression);
      return callee ? { text, target: { kind: 'call', callee }, ...at } : undefined;
    }
    const callee = this.valueOf(expression);
    return callee ? { text, target: { kind: 'guard', callee }, ...at } : undefined;
  }

  /** `AuthGuard('jwt')` from @nestjs/passport, `passport.authenticate('jwt', …)`. */
  private strategyCall(call: ts.CallExpression): CallTarget | undefined {
    const t = this.ts;
    const callee = call.expression;
    const first = call.arguments[0] && this.unwrap(call.arguments[0]);
    const listed =
      first && t.isArrayLiteralExpression(first)
        ? first.elements.map((element) => this.strategyName(element))
        : [this.strategyName(first)];
    const names = listed.every((name) => name !== undefined) && listed.length > 0 ? (listed as string[]) : null;
    if (
      t.isIdentifier(callee) &&
      callee.text === 'AuthGuard' &&
      this.importOf('AuthGuard')?.specifier === '@nestjs/passport'
    )
      return { kind: 'strategy', names };
    if (
      t.isPropertyAccessExpression(callee) &&
      callee.name.text === 'authenticate' &&
      t.isIdentifier(callee.expression) &&
      this.importOf(callee.expression.text)?.specifier === 'passport'
    ) {
      return { kind: 'strategy', names };
    }
    return undefined;
  }

  private nestEntry(
    member: ts.MethodDeclaration | ts.GetAccessorDeclaration,
    method: FunctionFact,
    className: string,
    prefix: string,
    isController: boolean,
    isGateway: boolean,
    classGuards: GuardRef[],
  ): void {
    const t = this.ts;
    const guards = [...classGuards, ...this.guardsOf(member)];
    const decorators = [...this.otherDecorators(member), ...(this.classDecorators.get(className) ?? [])];
    const position = this.position(member.name);
    const base = {
      ...position,
      node: method.id,
      scope: method.id,
      className,
      ...(guards.length > 0 ? { guards } : {}),
      ...(decorators.length > 0 ? { decorators } : {}),
    };
    if (isController) {
      for (const decorator of this.decorators(member)) {
        const expression = decorator.expression;
        const name =
          t.isCallExpression(expression) && t.isIdentifier(expression.expression)
            ? expression.expression.text
            : t.isIdentifier(expression)
              ? expression.text
              : undefined;
        if (!name || !NEST_HTTP_DECORATORS.has(name)) continue;
        const path =
          t.isCallExpression(expression) && expression.arguments[0]
            ? (this.pathValue(expression.arguments[0]) ?? '')
            : '';
        const route = joinRoute(prefix, path);
        this.graph.entries.push({
          ...base,
          kind: 'nest-route',
          framework: 'nestjs',
          label: `${name.toUpperCase()} ${route}`,
          method: name.toUpperCase(),
          route,
        });
      }
    }
    if (isGateway) {
      const subscribe = this.decorator(member, 'SubscribeMessage');
      if (subscribe) {
        const event =
          t.isCallExpression(subscribe) && subscribe.arguments[0]
            ? (this.pathValue(subscribe.arguments[0]) ?? '?')
            : '?';
        this.graph.entries.push({
          ...base,
          kind: 'ws-message',
          framework: 'nestjs',
          label: `@SubscribeMessage('${event}') ${className}.${method.name.split('.').pop()}`,
          route: event,
        });
      } else if (method.name === `${className}.handleConnection`) {
        this.graph.entries.push({
          ...base,
          kind: 'ws-connection',
          framework: 'nestjs',
          label: `${className}.handleConnection (@WebSocketGateway)`,
        });
      }
    }
  }

  // -------------------------------------------------------------- walk

  private visit(node: ts.Node): void {
    const t = this.ts;
    if (t.isTypeNode(node) && !t.isExpressionWithTypeArguments(node)) return;
    // Decorators configure (guards, routes); they are read where the class is, not run as calls.
    if (t.isDecorator(node)) return;
    if (t.isInterfaceDeclaration(node) || t.isTypeAliasDeclaration(node) || t.isImportDeclaration(node)) return;
    if (t.isClassDeclaration(node) || t.isClassExpression(node)) {
      const name =
        node.name?.text ??
        (t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name) ? node.parent.name.text : '<class>');
      this.visitClass(node, name);
      return;
    }
    if (t.isFunctionLike(node) && !t.isClassStaticBlockDeclaration(node)) {
      // Nested functions are inlined into the enclosing node: a callback runs as part of its owner's flow.
      this.scopes.push(new Map());
      this.declareParameters(node as ts.SignatureDeclaration);
      t.forEachChild(node, (child) => this.visit(child));
      this.scopes.pop();
      return;
    }
    if (t.isVariableDeclaration(node)) this.declareVariable(node);
    if (t.isCatchClause(node) && node.variableDeclaration)
      this.declareBindingNames(node.variableDeclaration.name, this.scopes[this.scopes.length - 1]!);
    if (t.isIfStatement(node)) this.addIfRegions(node);
    else if (t.isConditionalExpression(node)) {
      this.addRegion(node.condition, node.whenTrue, 'then');
      this.addRegion(node.condition, node.whenFalse, 'else');
    } else if (
      t.isBinaryExpression(node) &&
      (node.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken ||
        node.operatorToken.kind === t.SyntaxKind.BarBarToken)
    ) {
      this.addRegion(
        node,
        node.right,
        node.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken ? 'then' : 'else',
      );
    } else if (t.isSwitchStatement(node)) {
      for (const clause of node.caseBlock.clauses) this.addRegion(node.expression, clause, 'then');
    } else if (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.InstanceOfKeyword) {
      const right = this.unwrap(node.right);
      const name = t.isIdentifier(right)
        ? right.text
        : t.isPropertyAccessExpression(right)
          ? right.name.text
          : undefined;
      if (name) this.graph.instanceofs.push({ className: name, ...this.position(node) });
    } else if (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      this.noteFieldAssignment(node);
    } else if (t.isObjectLiteralExpression(node)) {
      this.noteAppGuardProvider(node);
    }

    if (t.isNewExpression(node)) {
      this.noteNew(node);
      if (this.noteVerifyClient(node)) return;
    }
    if (t.isCallExpression(node)) {
      if (this.noteEntry(node)) return;
      this.noteCall(node);
    }
    t.forEachChild(node, (child) => this.visit(child));
  }

  private declareVariable(node: ts.VariableDeclaration): void {
    if (this.scopes.length <= 1) return;
    const t = this.ts;
    const scope = this.scopes[this.scopes.length - 1]!;
    if (!t.isIdentifier(node.name)) {
      this.declareBindingNames(node.name, scope);
      return;
    }
    const init = node.initializer && this.unwrap(node.initializer);
    if (init && (t.isArrowFunction(init) || t.isFunctionExpression(init))) {
      scope.set(node.name.text, 'function');
      return;
    }
    const type = this.typeName(node.type);
    scope.set(node.name.text, type ? { kind: 'type', name: type } : init ? (this.valueOf(init) ?? null) : null);
  }

  /** `this.client = new Client()` or `= client` in a constructor types the field. */
  private noteFieldAssignment(node: ts.BinaryExpression): void {
    const t = this.ts;
    const owner = this.classStack[this.classStack.length - 1];
    const left = node.left;
    if (!owner || !t.isPropertyAccessExpression(left) || left.expression.kind !== t.SyntaxKind.ThisKeyword) return;
    if (owner.fields.has(left.name.text)) return;
    const value = this.valueOf(this.unwrap(node.right));
    if (value) owner.fields.set(left.name.text, value);
  }

  private addIfRegions(node: ts.IfStatement): void {
    this.addRegion(node.expression, node.thenStatement, 'then');
    if (node.elseStatement) {
      this.addRegion(node.expression, node.elseStatement, 'else');
      return;
    }
    // `if (env !== 'staging') return;` guards everything after it in the block.
    if (this.exits(node.thenStatement) && this.ts.isBlock(node.parent)) {
      this.graph.regions.push({
        condition: node.expression.getStart(this.sourceFile),
        start: node.getEnd(),
        end: node.parent.getEnd(),
        branch: 'after',
      });
    }
  }

  private exits(statement: ts.Statement): boolean {
    const t = this.ts;
    if (t.isReturnStatement(statement) || t.isThrowStatement(statement)) return true;
    if (t.isBlock(statement)) {
      const last = statement.statements[statement.statements.length - 1];
      return last !== undefined && (t.isReturnStatement(last) || t.isThrowStatement(last));
    }
    return false;
  }

  private addRegion(condition: ts.Node, region: ts.Node, branch: GuardedRegion['branch']): void {
    this.graph.regions.push({
      condition: condition.getStart(this.sourceFile),
      start: region.getStart(this.sourceFile),
      end: region.getEnd(),
      branch,
    });
  }

  // --------------------------------------------------------- values & calls

  /** What an expression denotes, as far as one file can tell. */
  private valueOf(node: ts.Expression): ValueRef | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isIdentifier(expression)) {
      const local = this.lookupLocal(expression.text);
      if (local === undefined) return { kind: 'name', name: expression.text };
      return local === null || local === 'function' ? undefined : local;
    }
    if (expression.kind === t.SyntaxKind.ThisKeyword) return { kind: 'this' };
    if (expression.kind === t.SyntaxKind.SuperKeyword) return { kind: 'super' };
    if (
      t.isPropertyAccessExpression(expression) ||
      (t.isElementAccessExpression(expression) && t.isStringLiteralLike(expression.argumentExpression))
    ) {
      const member = t.isPropertyAccessExpression(expression)
        ? expression.name.text
        : (expression.argumentExpression as ts.StringLiteralLike).text;
      if (expression.expression.kind === t.SyntaxKind.ThisKeyword) return { kind: 'field', field: member };
      const object = this.valueOf(expression.expression);
      return object ? { kind: 'member', object, member } : undefined;
    }
    if (t.isCallExpression(expression)) {
      const call = this.callTarget(expression);
      return call ? { kind: 'result', call } : undefined;
    }
    if (t.isNewExpression(expression)) {
      const callee = this.valueOf(expression.expression);
      return callee ? { kind: 'result', call: { kind: 'new', callee } } : undefined;
    }
    return undefined;
  }

  private callTarget(node: ts.CallExpression): CallTarget | undefined {
    const t = this.ts;
    const strategy = this.strategyCall(node);
    if (strategy) return strategy;
    const callee = this.unwrap(node.expression);
    if (t.isIdentifier(callee) && this.lookupLocal(callee.text) === 'function') return undefined;
    if (callee.kind === t.SyntaxKind.SuperKeyword)
      return { kind: 'call', callee: { kind: 'member', object: { kind: 'super' }, member: 'constructor' } };
    const value = this.valueOf(callee);
    return value ? { kind: 'call', callee: value } : undefined;
  }

  private noteCall(node: ts.CallExpression): void {
    const t = this.ts;
    const target = this.callTarget(node);
    if (target) this.current.calls.push({ target, ...this.position(node), text: this.text(node.expression) });
    if (
      t.isIdentifier(node.expression) &&
      node.expression.text === 'createAuthCore' &&
      this.importOf('createAuthCore')?.specifier === 'ssot-lint/auth-core'
    )
      this.current.createsCore = true;
    this.notePassportUse(node);
    this.noteGlobalGuards(node);
    if (t.isIdentifier(node.expression) && node.expression.text === 'UseGuards') {
      const guards = node.arguments
        .map((argument) => this.guardRef(argument))
        .filter((guard): guard is GuardRef => guard !== undefined);
      if (guards.length > 0) this.current.guards = [...(this.current.guards ?? []), ...guards];
    }
    // Functions handed over by reference run as callbacks of this flow.
    for (const argument of node.arguments) {
      const expression = this.unwrap(argument);
      if (!(t.isIdentifier(expression) || t.isPropertyAccessExpression(expression))) continue;
      const value = this.valueOf(expression);
      if (value)
        this.current.calls.push({
          target: { kind: 'call', callee: value },
          ...this.position(expression),
          text: this.text(expression),
          reference: true,
        });
    }
  }

  private noteNew(node: ts.NewExpression): void {
    const t = this.ts;
    const callee = this.valueOf(node.expression);
    if (callee)
      this.current.calls.push({
        target: { kind: 'new', callee },
        ...this.position(node),
        text: `new ${this.text(node.expression)}`,
      });
    const expression = this.unwrap(node.expression);
    const name = t.isIdentifier(expression)
      ? expression.text
      : t.isPropertyAccessExpression(expression)
        ? expression.name.text
        : undefined;
    if (name) this.graph.news.push({ className: name, ...this.position(node) });
  }

  /** `passport.use([name,] new JwtStrategy(...))`: `passport.authenticate(name)` runs this node. */
  private notePassportUse(node: ts.CallExpression): void {
    const t = this.ts;
    const callee = node.expression;
    if (!t.isPropertyAccessExpression(callee) || callee.name.text !== 'use' || !t.isIdentifier(callee.expression))
      return;
    if (this.importOf(callee.expression.text)?.specifier !== 'passport') return;
    const [first, second] = node.arguments;
    let name: string | undefined;
    let strategy: ts.Expression | undefined = first;
    if (first && t.isStringLiteralLike(first)) {
      name = first.text;
      strategy = second;
    }
    if (!name && strategy && t.isNewExpression(strategy)) {
      const root = t.isPropertyAccessExpression(strategy.expression)
        ? strategy.expression.expression
        : strategy.expression;
      const module = t.isIdentifier(root) ? this.importOf(root.text)?.specifier : undefined;
      name = (module && PASSPORT_DEFAULT_NAMES[module]) ?? module?.replace(/^passport-/, '');
    }
    if (name) this.graph.strategies.push({ name, node: this.current.id, ...this.position(node) });
  }

  private noteGlobalGuards(node: ts.CallExpression): void {
    const t = this.ts;
    if (!t.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'useGlobalGuards') return;
    for (const argument of node.arguments) {
      const guard = this.guardRef(argument);
      if (guard) this.graph.globalGuards.push(guard);
    }
  }

  /** `{ provide: APP_GUARD, useClass: JwtAuthGuard }`. */
  private noteAppGuardProvider(node: ts.ObjectLiteralExpression): void {
    const t = this.ts;
    let isAppGuard = false;
    let guard: ts.Expression | undefined;
    for (const property of node.properties) {
      if (!t.isPropertyAssignment(property) || !t.isIdentifier(property.name)) continue;
      if (
        property.name.text === 'provide' &&
        t.isIdentifier(property.initializer) &&
        property.initializer.text === 'APP_GUARD'
      )
        isAppGuard = true;
      if (property.name.text === 'useClass' || property.name.text === 'useExisting') guard = property.initializer;
    }
    const token = node.properties.find(
      (property): property is ts.PropertyAssignment =>
        t.isPropertyAssignment(property) && t.isIdentifier(property.name) && property.name.text === 'provide',
    );
    const factory = node.properties.find(
      (property): property is ts.PropertyAssignment =>
        t.isPropertyAssignment(property) && t.isIdentifier(property.name) && property.name.text === 'useFactory',
    );
    const provided = guard ?? (factory ? this.returnedExpression(factory.initializer) : undefined);
    if (token && t.isStringLiteralLike(token.initializer) && provided) {
      const target = this.valueOf(provided);
      if (target) this.graph.providers.push({ token: token.initializer.text, target });
    }
    if (!isAppGuard || !guard) return;
    const ref = this.guardRef(guard);
    if (ref) this.graph.globalGuards.push(ref);
  }

  /** `(a, b) => new X(a, b)` or `function () { return new X(); }`: the first value a factory returns. */
  private returnedExpression(node: ts.Expression): ts.Expression | undefined {
    const t = this.ts;
    const factory = this.unwrap(node);
    if (!t.isArrowFunction(factory) && !t.isFunctionExpression(factory)) return undefined;
    if (!t.isBlock(factory.body)) return factory.body;
    let found: ts.Expression | undefined;
    const search = (child: ts.Node): void => {
      if (found || t.isFunctionLike(child)) return;
      if (t.isReturnStatement(child) && child.expression) found = child.expression;
      else t.forEachChild(child, search);
    };
    t.forEachChild(factory.body, search);
    return found;
  }

  // ------------------------------------------------------------ entries

  /** The receiver's root identifier: `app` for `app.route('/x').get`, `io` for `io.of('/n').use`. */
  private receiverRoot(expression: ts.Expression): string | undefined {
    const t = this.ts;
    let current = this.unwrap(expression);
    for (;;) {
      if (t.isIdentifier(current)) return current.text;
      if (current.kind === t.SyntaxKind.ThisKeyword) return 'this';
      if (t.isPropertyAccessExpression(current)) {
        if (current.expression.kind === t.SyntaxKind.ThisKeyword) return current.name.text;
        current = this.unwrap(current.expression);
      } else if (t.isCallExpression(current)) current = this.unwrap(current.expression);
      else return undefined;
    }
  }

  /** `app.route('/users').get(h)`: the path given to `route`. */
  private chainedRoute(expression: ts.Expression): string | undefined {
    const t = this.ts;
    const receiver = this.unwrap(expression);
    if (
      t.isCallExpression(receiver) &&
      t.isPropertyAccessExpression(receiver.expression) &&
      receiver.expression.name.text === 'route' &&
      receiver.arguments[0]
    ) {
      return this.pathValue(receiver.arguments[0]);
    }
    return undefined;
  }

  private isHandlerArgument(argument: ts.Expression): boolean {
    const t = this.ts;
    const expression = this.unwrap(argument);
    return (
      t.isArrowFunction(expression) ||
      t.isFunctionExpression(expression) ||
      t.isIdentifier(expression) ||
      t.isPropertyAccessExpression(expression) ||
      t.isCallExpression(expression) ||
      t.isArrayLiteralExpression(expression)
    );
  }

  private isRoutePath(argument: ts.Expression | undefined): argument is ts.StringLiteralLike | ts.TemplateExpression {
    const t = this.ts;
    if (!argument) return false;
    const expression = this.unwrap(argument);
    if (t.isStringLiteralLike(expression)) return /^[/*]/.test(expression.text) || expression.text === '';
    if (t.isTemplateExpression(expression)) return /^[/*`]/.test(expression.head.text) || expression.head.text === '';
    return false;
  }

  private routeText(argument: ts.Expression): string {
    const t = this.ts;
    const expression = this.unwrap(argument);
    return t.isStringLiteralLike(expression) ? expression.text : this.text(expression).replace(/^`|`$/g, '');
  }

  /** Recognises a registration; when it is one, walks its handler arguments into an entry node and returns true. */
  private noteEntry(node: ts.CallExpression): boolean {
    const t = this.ts;
    const callee = node.expression;
    if (
      t.isIdentifier(callee) &&
      callee.text === 'createServer' &&
      NODE_HTTP.has(this.importOf('createServer')?.specifier ?? '')
    ) {
      return this.nodeHttpServer(node);
    }
    if (!t.isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    const root = this.receiverRoot(callee.expression);
    if (!root) return false;
    const rootSource = this.importOf(root)?.specifier;
    if (method === 'createServer' && rootSource && NODE_HTTP.has(rootSource)) return this.nodeHttpServer(node);
    const framework = this.frameworkVars.get(root);
    const args = [...node.arguments];

    if (method === 'on' || method === 'once') {
      const event = args[0] && t.isStringLiteralLike(args[0]) ? args[0].text : undefined;
      const handlers = args.slice(1);
      if (event === 'upgrade')
        return this.addEntry(
          node,
          'ws-upgrade',
          framework === 'io' ? 'socket.io' : 'node:http',
          `${root}.on('upgrade')`,
          handlers,
          root,
        );
      if (event === 'request' && (framework === 'http' || /server/i.test(root)))
        return this.addEntry(node, 'http-server', 'node:http', `${root}.on('request')`, handlers, root);
      if (
        (event === 'connection' || event === 'connect') &&
        (framework === 'ws' || framework === 'io' || (this.hasWsModule && WS_LIKE.test(root)))
      ) {
        const lib = framework === 'io' || this.importOfSpecifierUsed('socket.io') ? 'socket.io' : 'ws';
        return this.addEntry(node, 'ws-connection', lib, `${root}.on('${event}')`, handlers, root);
      }
      return false;
    }
    if (
      method === 'use' &&
      (framework === 'io' ||
        (this.importOfSpecifierUsed('socket.io') && /^(io|nsp|namespace|server|socketServer)$/.test(root)))
    ) {
      return this.addEntry(node, 'ws-middleware', 'socket.io', `${root}.use(${this.handlerNames(args)})`, args, root);
    }
    const appLike =
      framework === 'http' ||
      (APP_LIKE.test(root) && (this.hasHttpFramework || framework !== undefined || /router|app$/i.test(root)));
    if (!appLike) return false;
    const frameworkName = this.httpFrameworkName();
    if (method === 'use') {
      const pathArgument = this.isRoutePath(args[0]) ? args[0] : undefined;
      const handlers = pathArgument ? args.slice(1) : args;
      if (handlers.length === 0 || !handlers.every((handler) => this.isHandlerArgument(handler))) return false;
      const route = pathArgument ? this.routeText(pathArgument) : undefined;
      return this.addEntry(
        node,
        'http-middleware',
        frameworkName,
        `${root}.use(${route ? `'${route}', ` : ''}${this.handlerNames(handlers)})`,
        handlers,
        root,
        route ? { route } : {},
      );
    }
    if (method === 'addHook') {
      const hook = args[0] && t.isStringLiteralLike(args[0]) ? args[0].text : '';
      if (!/^(onRequest|preParsing|preValidation|preHandler)$/.test(hook)) return false;
      return this.addEntry(node, 'http-middleware', 'fastify', `${root}.addHook('${hook}')`, args.slice(1), root);
    }
    if (method === 'route' && args[0] && t.isObjectLiteralExpression(this.unwrap(args[0]))) {
      return this.fastifyRoute(node, this.unwrap(args[0]) as ts.ObjectLiteralExpression, root);
    }
    if (HTTP_VERBS.has(method)) {
      const chained = this.chainedRoute(callee.expression);
      const pathIndex =
        chained !== undefined
          ? -1
          : this.isRoutePath(args[0])
            ? 0
            : this.isRoutePath(args[1]) && args[0] && t.isStringLiteralLike(args[0])
              ? 1
              : undefined;
      if (pathIndex === undefined) return false;
      const handlers = args
        .slice(pathIndex + 1)
        .filter((argument) => !t.isObjectLiteralExpression(this.unwrap(argument)) || false);
      if (handlers.length === 0 || !handlers.every((handler) => this.isHandlerArgument(handler))) return false;
      const route = chained ?? this.routeText(args[pathIndex]!);
      const verb = method === 'del' ? 'DELETE' : method.toUpperCase();
      return this.addEntry(node, 'http-route', frameworkName, `${verb} ${route}`, handlers, root, {
        method: verb,
        route,
      });
    }
    return false;
  }

  private importOfSpecifierUsed(specifier: string): boolean {
    for (const value of this.imports.values()) if (value.specifier === specifier) return true;
    return false;
  }

  private httpFrameworkName(): string {
    for (const value of this.imports.values()) {
      if (value.specifier === 'express') return 'express';
      if (value.specifier === 'koa' || value.specifier === '@koa/router' || value.specifier === 'koa-router')
        return 'koa';
      if (value.specifier === 'fastify') return 'fastify';
      if (value.specifier === 'hono') return 'hono';
    }
    return 'http';
  }

  private handlerNames(handlers: ts.Expression[]): string {
    return handlers.map((handler) => (this.isFunctionLike(handler) ? 'fn' : this.text(handler, 40))).join(', ');
  }

  private nodeHttpServer(node: ts.CallExpression): boolean {
    const t = this.ts;
    const handlers = node.arguments.filter((argument) => {
      const expression = this.unwrap(argument);
      if (t.isObjectLiteralExpression(expression)) return false;
      // `createServer(app)` serves an Express/Koa app whose routes are entries of their own.
      return !(t.isIdentifier(expression) && this.frameworkVars.get(expression.text) === 'http');
    });
    if (handlers.length === 0) return false;
    return this.addEntry(
      node,
      'http-server',
      'node:http',
      `createServer(${this.handlerNames(handlers)})`,
      handlers,
      undefined,
    );
  }

  private fastifyRoute(node: ts.CallExpression, options: ts.ObjectLiteralExpression, root: string): boolean {
    const t = this.ts;
    let method = 'ALL';
    let url = '?';
    const handlers: ts.Expression[] = [];
    for (const property of options.properties) {
      if (!t.isPropertyAssignment(property) || !t.isIdentifier(property.name)) {
        if (
          t.isMethodDeclaration(property) &&
          t.isIdentifier(property.name) &&
          /^(handler|preHandler|onRequest|preValidation)$/.test(property.name.text)
        )
          handlers.push(property as unknown as ts.Expression);
        continue;
      }
      const key = property.name.text;
      if (key === 'method') method = this.pathValue(property.initializer)?.toUpperCase() ?? method;
      else if (key === 'url' || key === 'path') url = this.pathValue(property.initializer) ?? url;
      else if (/^(handler|preHandler|onRequest|preValidation)$/.test(key)) handlers.push(property.initializer);
    }
    if (handlers.length === 0) return false;
    return this.addEntry(node, 'http-route', 'fastify', `${method} ${url}`, handlers, root, { method, route: url });
  }

  /** `new WebSocketServer({ verifyClient })`: a layer in front of the server's connections. */
  private noteVerifyClient(node: ts.NewExpression): boolean {
    const t = this.ts;
    const options = node.arguments?.[0] && this.unwrap(node.arguments[0]);
    if (!options || !t.isObjectLiteralExpression(options)) return false;
    const verify = options.properties.find(
      (property) => property.name && t.isIdentifier(property.name) && property.name.text === 'verifyClient',
    );
    if (!verify) return false;
    const holder =
      node.parent && t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name)
        ? node.parent.name.text
        : undefined;
    const handler = t.isPropertyAssignment(verify)
      ? verify.initializer
      : t.isShorthandPropertyAssignment(verify)
        ? verify.name
        : (verify as unknown as ts.Expression);
    const entryAdded = this.addEntry(
      node,
      'ws-verify-client',
      'ws',
      `${holder ?? 'WebSocketServer'} verifyClient`,
      [handler],
      holder,
    );
    for (const property of options.properties) if (property !== verify) this.visit(property);
    return entryAdded;
  }

  private addEntry(
    node: ts.Node,
    kind: EntryKind,
    framework: string,
    label: string,
    handlers: ts.Node[],
    receiver: string | undefined,
    extra: { method?: string; route?: string } = {},
  ): boolean {
    if (handlers.length === 0) return false;
    const position = this.position(node);
    const first = handlers[0]!;
    const last = handlers[handlers.length - 1]!;
    const entryNode = this.addFunction(
      `<entry ${position.line}:${position.column}>`,
      'entry',
      node,
      first.getStart(this.sourceFile),
      last.getEnd(),
    );
    this.graph.entries.push({
      kind,
      framework,
      label,
      ...position,
      node: entryNode.id,
      ...(receiver ? { receiver } : {}),
      scope: this.current.id,
      ...extra,
    });
    this.stack.push(entryNode);
    for (const handler of handlers) {
      const expression = this.ts.isExpression(handler) ? this.unwrap(handler) : handler;
      // A handler named by reference (`app.use(requireAuth)`) is called by the framework.
      if (this.ts.isIdentifier(expression) || this.ts.isPropertyAccessExpression(expression)) {
        const value = this.valueOf(expression);
        if (value)
          entryNode.calls.push({
            target: { kind: 'call', callee: value },
            ...this.position(expression),
            text: this.text(expression),
            reference: true,
          });
        continue;
      }
      if (this.ts.isArrayLiteralExpression(expression)) {
        for (const element of expression.elements) this.visitHandler(element, entryNode);
        continue;
      }
      this.visitHandler(handler, entryNode);
    }
    this.stack.pop();
    return true;
  }

  private visitHandler(handler: ts.Node, entryNode: FunctionFact): void {
    const t = this.ts;
    const expression = t.isExpression(handler) ? this.unwrap(handler) : handler;
    if (t.isIdentifier(expression) || t.isPropertyAccessExpression(expression)) {
      const value = this.valueOf(expression);
      if (value)
        entryNode.calls.push({
          target: { kind: 'call', callee: value },
          ...this.position(expression),
          text: this.text(expression),
          reference: true,
        });
      return;
    }
    this.visit(handler);
  }

  // ------------------------------------------------------------- Next.js

  /** `app/**\/route.ts` exporting GET/POST…, `pages/api/**` default exports, root `middleware.ts`. */
  private collectNextEntries(): void {
    const appRoute = /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.exec(this.file);
    const pagesApi = /(^|\/)pages\/(api\/.*)\.[cm]?[jt]sx?$/.exec(this.file);
    const middleware = /(^|\/)(src\/)?middleware\.[cm]?[jt]s$/.test(this.file);
    if (!appRoute && !pagesApi && !middleware) return;
    const module = this.graph.functions[0]!;
    const routeOf = (raw: string) =>
      `/${raw
        .split('/')
        .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
        .join('/')}`.replace(/\/index$/, '') || '/';
    for (const fn of this.graph.functions) {
      if (fn.kind !== 'function') continue;
      if (appRoute && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(fn.name)) {
        const route = routeOf(
          this.file
            .slice(appRoute.index)
            .replace(/^\/?app\//, '')
            .replace(/\/?route\.[cm]?[jt]sx?$/, ''),
        );
        this.graph.entries.push({
          kind: 'next-route',
          framework: 'nextjs',
          label: `${fn.name} ${route}`,
          method: fn.name,
          route,
          line: fn.line,
          column: fn.column,
          start: fn.start,
          node: fn.id,
          scope: module.id,
        });
      } else if (pagesApi && fn.name === 'default') {
        const route = routeOf(pagesApi[2]!);
        this.graph.entries.push({
          kind: 'next-route',
          framework: 'nextjs',
          label: `ALL ${route}`,
          method: 'ALL',
          route,
          line: fn.line,
          column: fn.column,
          start: fn.start,
          node: fn.id,
          scope: module.id,
        });
      } else if (middleware && (fn.name === 'middleware' || fn.name === 'default')) {
        this.graph.entries.push({
          kind: 'next-middleware',
          framework: 'nextjs',
          label: `Next.js middleware (${this.file})`,
          line: fn.line,
          column: fn.column,
          start: fn.start,
          node: fn.id,
          scope: module.id,
        });
      }
    }
  }
}

export function joinRoute(prefix: string, path: string): string {
  const joined = [prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
