import type ts from 'typescript';
import { isFunctionExpressionLike, type TypeScript } from '../syntax.js';
import type { EntryKind, FileGraph, FunctionFact, Position } from '../types.js';
import { APP_LIKE, HTTP_FRAMEWORKS, HTTP_VERBS, NODE_HTTP, WS_LIKE, WS_MODULES } from '../frameworks.js';
import type { Walk } from '../walk.js';

/**
 * Entry points a file registers: routes and middleware of HTTP frameworks, node:http servers,
 * WebSocket upgrades, connections and `verifyClient`, socket.io middleware, Next.js route files.
 * Each registration becomes an entry node whose handlers the walk runs inside it.
 */
export class EntryRegistrations {
  constructor(private readonly walk: Walk) {}

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  private get sourceFile(): ts.SourceFile {
    return this.walk.sourceFile;
  }

  private get file(): string {
    return this.walk.file;
  }

  private get graph(): FileGraph {
    return this.walk.graph;
  }

  private unwrap(node: ts.Expression): ts.Expression {
    return this.walk.unwrap(node);
  }

  private text(node: ts.Node, max?: number): string {
    return this.walk.text(node, max);
  }

  private position(node: ts.Node): Position {
    return this.walk.position(node);
  }

  private importOf(name: string): { specifier: string; imported: string } | undefined {
    return this.walk.importOf(name);
  }

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
      return this.walk.pathValue(receiver.arguments[0]);
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
  noteEntry(node: ts.CallExpression): boolean {
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
    const framework = this.walk.frameworkOf(root);
    const args: readonly ts.Expression[] = node.arguments;

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
        (framework === 'ws' || framework === 'io' || (this.hasWsModule() && WS_LIKE.test(root)))
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
      (APP_LIKE.test(root) && (this.hasHttpFramework() || framework !== undefined || /router|app$/i.test(root)));
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
    return this.walk.importsSpecifier(specifier);
  }

  private hasHttpFramework(): boolean {
    return this.walk.record.imports.some(
      (item) => HTTP_FRAMEWORKS.has(item.specifier) || item.specifier.startsWith('@nestjs/'),
    );
  }

  private hasWsModule(): boolean {
    return this.walk.record.imports.some((item) => WS_MODULES.has(item.specifier));
  }

  private httpFrameworkName(): string {
    for (const value of this.walk.record.imports) {
      if (value.specifier === 'express') return 'express';
      if (value.specifier === 'koa' || value.specifier === '@koa/router' || value.specifier === 'koa-router')
        return 'koa';
      if (value.specifier === 'fastify') return 'fastify';
      if (value.specifier === 'hono') return 'hono';
    }
    return 'http';
  }

  private handlerNames(handlers: readonly ts.Expression[]): string {
    return handlers
      .map((handler) => (isFunctionExpressionLike(this.ts, handler) ? 'fn' : this.text(handler, 40)))
      .join(', ');
  }

  private nodeHttpServer(node: ts.CallExpression): boolean {
    const t = this.ts;
    const handlers = node.arguments.filter((argument) => {
      const expression = this.unwrap(argument);
      if (t.isObjectLiteralExpression(expression)) return false;
      // `createServer(app)` serves an Express/Koa app whose routes are entries of their own.
      return !(t.isIdentifier(expression) && this.walk.frameworkOf(expression.text) === 'http');
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
      if (key === 'method') method = this.walk.pathValue(property.initializer)?.toUpperCase() ?? method;
      else if (key === 'url' || key === 'path') url = this.walk.pathValue(property.initializer) ?? url;
      else if (/^(handler|preHandler|onRequest|preValidation)$/.test(key)) handlers.push(property.initializer);
    }
    if (handlers.length === 0) return false;
    return this.addEntry(node, 'http-route', 'fastify', `${method} ${url}`, handlers, root, { method, route: url });
  }

  /** `new WebSocketServer({ verifyClient })`: a layer in front of the server's connections. */
  noteVerifyClient(node: ts.NewExpression): boolean {
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
    return entryAdded;
  }

  private addEntry(
    node: ts.Node,
    kind: EntryKind,
    framework: string,
    label: string,
    handlers: readonly ts.Node[],
    receiver: string | undefined,
    extra: { method?: string; route?: string } = {},
  ): boolean {
    if (handlers.length === 0) return false;
    const position = this.position(node);
    const first = handlers[0]!;
    const last = handlers[handlers.length - 1]!;
    const entryNode = this.walk.addFunction(
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
      scope: this.walk.current.id,
      ...extra,
    });
    for (const handler of handlers) {
      const expression = this.ts.isExpression(handler) ? this.unwrap(handler) : handler;
      if (this.ts.isArrayLiteralExpression(expression))
        for (const element of expression.elements) this.visitHandler(element, entryNode);
      else this.visitHandler(handler, entryNode);
    }
    return true;
  }

  /** A handler runs inside the entry node; one named by reference (`app.use(requireAuth)`) is called by the framework. */
  private visitHandler(handler: ts.Node, entryNode: FunctionFact): void {
    const t = this.ts;
    const expression = t.isExpression(handler) ? this.unwrap(handler) : handler;
    if (t.isIdentifier(expression) || t.isPropertyAccessExpression(expression)) {
      const value = this.walk.valueOf(expression);
      if (value)
        entryNode.calls.push({
          target: { kind: 'call', callee: value },
          ...this.position(expression),
          text: this.text(expression),
          reference: true,
        });
      return;
    }
    this.walk.claimFor(handler, entryNode);
  }

  // ------------------------------------------------------------- Next.js

  /** `app/**\/route.ts` exporting GET/POST…, `pages/api/**` default exports, root `middleware.ts`. */
  collectNextEntries(): void {
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
