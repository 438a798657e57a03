import type { Node } from 'web-tree-sitter';
import type { EntryKind, ValueRef } from '../types.js';
import { callArguments, sequenceElements, stringValue, unwrap } from './syntax.js';
import type { PythonVisitor, PythonWalk } from './walk.js';

const ROUTE_VERBS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'options',
  'head',
  'trace',
  'api_route',
  'route',
]);
const FRAMEWORK_OF_FACTORY: Record<string, string> = {
  'fastapi.FastAPI': 'fastapi',
  'fastapi.APIRouter': 'fastapi',
  'flask.Flask': 'flask',
  'flask.Blueprint': 'flask',
  'starlette.applications.Starlette': 'starlette',
  'starlette.routing.Router': 'starlette',
};
const DEPENDENCY_MARKERS = new Set([
  'fastapi.Depends',
  'fastapi.Security',
  'fastapi.params.Depends',
  'fastapi.params.Security',
]);
const DJANGO_ROUTES = new Set(['django.urls.path', 'django.urls.re_path', 'django.conf.urls.url']);
const STARLETTE_ROUTES: Record<string, EntryKind> = {
  'starlette.routing.Route': 'http-route',
  'starlette.routing.WebSocketRoute': 'ws-connection',
};

interface PendingEntry {
  kind: EntryKind;
  framework: string;
  label: string;
  at: Node;
  method?: string;
  route?: string;
  receiver?: string;
  scope: string;
  /** The decorated function's start, when the entry is a decorator: its id is known once the walk has been there. */
  handlerStart?: number;
  references: { ref: ValueRef; at: Node }[];
}

/**
 * Entry points for `ssot paths`: FastAPI/Starlette routes and `@app.websocket` endpoints, Flask
 * routes, Django URL patterns and `@api_view`s, middleware (`app.add_middleware`, `@app.middleware`),
 * and FastAPI dependencies (`Depends(get_current_user)` runs before the handler it is declared on).
 */
export class PythonEntryVisitor implements PythonVisitor {
  private readonly pending: PendingEntry[] = [];
  /** `Depends(x)` in a function's parameters: the function's start and what runs first. */
  private readonly dependencies: { start: number; ref: ValueRef; at: Node }[] = [];

  constructor(private readonly walk: PythonWalk) {}

  enter(node: Node): void {
    if (node.type === 'decorated_definition') this.decorated(node);
    else if (node.type === 'function_definition') this.parameterDependencies(node);
    else if (node.type === 'call') this.registration(node);
    else if (node.type === 'assignment' && this.walk.atModuleLevel) this.dependencyAlias(node);
  }

  /**
   * `CurrentUser = Annotated[User, Depends(get_current_user)]`: a parameter annotated `CurrentUser`
   * (in this module or one that imports the alias) runs `get_current_user`. The alias becomes a
   * function of the module that calls its dependencies, so the call graph follows it across files.
   */
  private dependencyAlias(assignment: Node): void {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) return;
    const dependencies = this.annotatedDependencies(right);
    if (dependencies.length === 0) return;
    const alias = this.walk.addFunction(left.text, 'function', left, assignment.startIndex, assignment.endIndex);
    for (const dependency of dependencies)
      this.walk.addCall({ kind: 'call', callee: dependency.ref }, dependency.at, { reference: true, owner: alias });
  }

  /** The `Depends(...)` inside `Annotated[T, Depends(f)]`. */
  private annotatedDependencies(annotation: Node): { ref: ValueRef; at: Node }[] {
    const expression = unwrap(annotation);
    if (expression.type !== 'subscript') return [];
    const base = this.walk.qualified(expression.childForFieldName('value'));
    if (base !== 'typing.Annotated' && base !== 'typing_extensions.Annotated') return [];
    return expression.childrenForFieldName('subscript').flatMap((item) => {
      const ref = this.dependencyOf(item);
      return ref ? [{ ref, at: item }] : [];
    });
  }

  finish(): void {
    const functions = this.walk.record.graph.functions;
    const byStart = (start: number) =>
      functions.find((fn) => fn.start === start && fn.kind !== 'entry' && fn.kind !== 'class-init');
    for (const dependency of this.dependencies) {
      const owner = byStart(dependency.start);
      if (owner) this.walk.addCall({ kind: 'call', callee: dependency.ref }, dependency.at, { reference: true, owner });
    }
    for (const entry of this.pending) {
      const position = this.walk.position(entry.at);
      const node = this.walk.addFunction(
        `<entry ${position.line}:${position.column}>`,
        'entry',
        entry.at,
        entry.at.startIndex,
        entry.at.endIndex,
      );
      const handler = entry.handlerStart !== undefined ? byStart(entry.handlerStart) : undefined;
      if (handler) this.walk.addCall({ kind: 'node', id: handler.id }, entry.at, { owner: node });
      for (const reference of entry.references)
        this.walk.addCall({ kind: 'call', callee: reference.ref }, reference.at, { reference: true, owner: node });
      this.walk.record.graph.entries.push({
        kind: entry.kind,
        framework: entry.framework,
        label: entry.label,
        ...position,
        node: node.id,
        scope: entry.scope,
        ...(entry.receiver ? { receiver: entry.receiver } : {}),
        ...(entry.method ? { method: entry.method } : {}),
        ...(entry.route !== undefined ? { route: entry.route } : {}),
      });
    }
  }

  /** `@app.get("/me")`, `@router.websocket("/ws")`, `@app.middleware("http")`, `@bp.route(...)`, `@api_view(["POST"])`. */
  private decorated(node: Node): void {
    const definition = node.childForFieldName('definition');
    if (definition?.type !== 'function_definition') return;
    for (const decorator of node.namedChildren) {
      if (decorator.type !== 'decorator') continue;
      const expression = decorator.namedChild(0);
      if (expression?.type !== 'call') continue;
      const callee = expression.childForFieldName('function');
      const args = callArguments(expression);
      if (this.walk.qualified(callee) === 'rest_framework.decorators.api_view') {
        const methods = (sequenceElements(args.positional[0]) ?? []).map((item) => stringValue(item)).filter(Boolean);
        this.add({
          kind: 'http-route',
          framework: 'django',
          label: `${methods.join(',') || 'GET'} ${definition.childForFieldName('name')?.text ?? ''}`,
          at: decorator,
          handlerStart: definition.startIndex,
          references: [],
        });
        continue;
      }
      if (callee?.type !== 'attribute') continue;
      const verb = callee.childForFieldName('attribute')?.text ?? '';
      const receiverNode = callee.childForFieldName('object');
      const receiver = receiverNode?.type === 'identifier' ? receiverNode.text : undefined;
      const framework = this.frameworkOf(receiverNode);
      if (!framework) continue;
      const route = stringValue(args.positional[0] ?? args.keywords.get('path'));
      const references = this.dependencyList(args.keywords.get('dependencies'));
      const common = {
        framework,
        at: decorator,
        handlerStart: definition.startIndex,
        references,
        ...(receiver ? { receiver } : {}),
        ...(route !== undefined ? { route } : {}),
      };
      if (verb === 'websocket' || verb === 'websocket_route')
        this.add({ ...common, kind: 'ws-connection', label: `WebSocket ${route ?? ''}`.trim() });
      else if (verb === 'middleware' || verb === 'before_request')
        this.add({
          ...common,
          kind: 'http-middleware',
          label: `${framework} middleware ${definition.childForFieldName('name')?.text ?? ''}`.trim(),
        });
      else if (ROUTE_VERBS.has(verb)) {
        const methods = (sequenceElements(args.keywords.get('methods')) ?? [])
          .map((item) => stringValue(item))
          .filter(Boolean);
        const method =
          verb === 'route' || verb === 'api_route' ? (methods.join(',') || 'GET').toUpperCase() : verb.toUpperCase();
        this.add({ ...common, kind: 'http-route', method, label: `${method} ${route ?? ''}`.trim() });
      }
    }
  }

  private add(entry: Omit<PendingEntry, 'scope'>): void {
    this.pending.push({ ...entry, scope: this.walk.current.id });
  }

  /** The framework an `app`/`router`/`bp` belongs to: what built it, else what the file imports. */
  private frameworkOf(receiver: Node | null): string | undefined {
    if (!receiver) return undefined;
    const value = receiver.type === 'identifier' ? this.walk.valueOf(receiver.text) : undefined;
    const factory = value?.type === 'call' ? this.walk.qualified(value.childForFieldName('function')) : undefined;
    if (factory && FRAMEWORK_OF_FACTORY[factory]) return FRAMEWORK_OF_FACTORY[factory];
    const specifiers = [...this.walk.imports.values()].map((item) => item.specifier.split('.')[0]);
    return ['fastapi', 'flask', 'starlette'].find((framework) => specifiers.includes(framework));
  }

  /** `dependencies=[Depends(verify_token)]`. */
  private dependencyList(list: Node | undefined): { ref: ValueRef; at: Node }[] {
    return (sequenceElements(list) ?? []).flatMap((item) => {
      const ref = this.dependencyOf(item);
      return ref ? [{ ref, at: item }] : [];
    });
  }

  /** `Depends(get_current_user)` → what runs: `get_current_user`. */
  private dependencyOf(node: Node): ValueRef | undefined {
    const call = unwrap(node);
    if (call.type !== 'call' || !DEPENDENCY_MARKERS.has(this.walk.qualified(call.childForFieldName('function')) ?? ''))
      return undefined;
    const args = callArguments(call);
    const target = args.positional[0] ?? args.keywords.get('dependency');
    return target ? this.walk.valueRef(target) : undefined;
  }

  /** `user = Depends(f)`, `user: Annotated[User, Depends(f)]`, `user: CurrentUser` (an alias of one). */
  private parameterDependencies(fn: Node): void {
    for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      const value = parameter.childForFieldName('value');
      const ref = value ? this.dependencyOf(value) : undefined;
      if (ref && value) this.dependencies.push({ start: fn.startIndex, ref, at: value });
      const type = parameter.childForFieldName('type');
      if (!type) continue;
      for (const dependency of this.annotatedDependencies(type))
        this.dependencies.push({ start: fn.startIndex, ...dependency });
      const alias = unwrap(type);
      if (alias.type === 'identifier' && (this.walk.importOf(alias.text) || this.isDependencyAlias(alias.text)))
        this.dependencies.push({ start: fn.startIndex, ref: { kind: 'name', name: alias.text }, at: alias });
    }
  }

  private isDependencyAlias(name: string): boolean {
    const value = this.walk.valueOf(name);
    return value !== undefined && this.annotatedDependencies(value).length > 0;
  }

  /** `app.add_middleware(AuthMiddleware)`, `path("login/", views.login)`, `Route("/", endpoint)`, `WebSocketRoute(...)`. */
  private registration(call: Node): void {
    const callee = call.childForFieldName('function');
    if (!callee) return;
    const args = callArguments(call);
    const qualified = this.walk.qualified(callee);
    if (callee.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'add_middleware') {
      const middleware = args.positional[0];
      const receiverNode = callee.childForFieldName('object');
      const framework = this.frameworkOf(receiverNode);
      const ref = middleware ? this.walk.valueRef(middleware) : undefined;
      if (!framework || !ref) return;
      this.add({
        kind: 'http-middleware',
        framework,
        label: `${framework} middleware ${middleware!.text}`,
        at: call,
        references: ['dispatch', '__call__'].map((member) => ({
          ref: { kind: 'member', object: ref, member },
          at: middleware!,
        })),
        ...(receiverNode?.type === 'identifier' ? { receiver: receiverNode.text } : {}),
      });
      return;
    }
    const routeKind = qualified
      ? DJANGO_ROUTES.has(qualified)
        ? 'http-route'
        : STARLETTE_ROUTES[qualified]
      : undefined;
    if (!routeKind) return;
    const route = stringValue(args.positional[0]);
    const view = args.positional[1] ?? args.keywords.get('endpoint') ?? args.keywords.get('view');
    if (!view) return;
    const references = this.viewReferences(view);
    if (references.length === 0) return;
    const framework = DJANGO_ROUTES.has(qualified!) ? 'django' : 'starlette';
    this.add({
      kind: routeKind,
      framework,
      label: `${routeKind === 'ws-connection' ? 'WebSocket' : 'ALL'} ${route ?? ''}`.trim(),
      at: call,
      references,
      ...(route !== undefined ? { route } : {}),
    });
  }

  /** A view function, or a class-based view's `as_view()`: its handlers. */
  private viewReferences(view: Node): { ref: ValueRef; at: Node }[] {
    const expression = unwrap(view);
    const asView =
      expression.type === 'call' &&
      expression.childForFieldName('function')?.childForFieldName('attribute')?.text === 'as_view'
        ? expression.childForFieldName('function')?.childForFieldName('object')
        : undefined;
    const ref = this.walk.valueRef(asView ?? expression);
    if (!ref) return [];
    if (!asView) return [{ ref, at: view }];
    return ['dispatch', 'get', 'post', 'put', 'patch', 'delete'].map((member) => ({
      ref: { kind: 'member', object: ref, member } as ValueRef,
      at: view,
    }));
  }
}
