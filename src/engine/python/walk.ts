import type { SyntaxNode as Node } from './tree.js';
import { isAuthName } from '../naming.js';
import { emptyFileFacts, FunctionFacts } from '../record.js';
import type {
  CallTarget,
  ClassGraphFact,
  FileFacts,
  FunctionFact,
  FunctionKind,
  ImportFact,
  Position,
  Span,
  ValueRef,
} from '../types.js';
import { PYTHON_JWT_CLASSES } from './libraries.js';
import { LineMap, unwrap } from './syntax.js';

/** A visitor of one concern: sees every node once, in source order, with the walk's context. */
export interface PythonVisitor {
  enter(node: Node): void;
  finish?(): void;
}

/** A function, class body or the module: where names are bound and calls are owned. */
interface Scope {
  kind: 'module' | 'function' | 'class';
  name: string;
  /** The last value assigned to each name (flow-insensitive: enough to follow `secret = os.getenv(...)`). */
  values: Map<string, Node>;
  /** Annotations of parameters and annotated assignments (`auth: AuthJWT = Depends()`). */
  annotations: Map<string, Node>;
  fact: FunctionFact;
}

interface RegionNote {
  condition: Node;
  start: number;
  end: number;
  branch: 'then' | 'else' | 'after';
}

const EXITING = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);
const MAX_VALUE_DEPTH = 4;

/**
 * One walk over a Python syntax tree that fills the same FileFacts record the TypeScript walk
 * fills: scopes and imports are kept here, the visitors (one per concern) read them.
 */
export class PythonWalk {
  readonly record: FileFacts;
  readonly lines: LineMap;
  /** Module-level import bindings by local name (function-level imports are added too: Python code imports lazily). */
  readonly imports = new Map<string, ImportFact>();
  private readonly scopes: Scope[] = [];
  private readonly functions: FunctionFacts;
  private readonly regionNotes: RegionNote[] = [];
  private readonly envConditionIndex = new Map<number, number>();
  private readonly classes: ClassGraphFact[];
  private visitors: PythonVisitor[] = [];
  /** Depth of `if TYPE_CHECKING:` blocks around the current node. */
  typeCheckingDepth = 0;

  constructor(
    private readonly root: Node,
    readonly text: string,
    readonly file: string,
  ) {
    this.lines = new LineMap(text);
    this.record = emptyFileFacts(file, this.lines.lines);
    this.classes = this.record.graph.classes;
    this.functions = new FunctionFacts(file, this.record.graph);
  }

  run(createVisitors: (walk: PythonWalk) => PythonVisitor[]): FileFacts {
    const root = this.root;
    const module = this.addFunction('<module>', 'module', root, 0, this.text.length);
    this.scopes.push(this.newScope('module', '<module>', module));
    this.bindModuleLevel(root);
    this.visitors = createVisitors(this);
    this.visitChildren(root);
    for (const visitor of this.visitors) visitor.finish?.();
    for (const region of this.regionNotes) {
      const envCondition = this.envConditionIndex.get(region.condition.startIndex);
      if (envCondition !== undefined)
        this.record.graph.regions.push({ envCondition, start: region.start, end: region.end, branch: region.branch });
    }
    return this.record;
  }

  // ------------------------------------------------------------ positions

  span(node: Node): Span {
    return this.lines.span(node.startIndex, node.endIndex);
  }

  position(node: Node): Position {
    const { line, column } = this.lines.position(node.startIndex);
    return { line, column, start: node.startIndex };
  }

  // ------------------------------------------------------------ context

  get current(): FunctionFact {
    return this.scopes.findLast((scope) => scope.kind !== 'class')!.fact;
  }

  get atModuleLevel(): boolean {
    return this.scopes.every((scope) => scope.kind === 'module');
  }

  /** The innermost enclosing class, when the current function is one of its methods (or its body). */
  get currentClass(): string | undefined {
    const top = this.scopes[this.scopes.length - 1];
    if (top?.kind === 'class') return top.name;
    const parent = this.scopes[this.scopes.length - 2];
    return top?.kind === 'function' && parent?.kind === 'class' ? parent.name : undefined;
  }

  /** Names of the enclosing functions and classes, outermost first. */
  get scopeNames(): string[] {
    return this.scopes.filter((scope) => scope.kind !== 'module').map((scope) => scope.name);
  }

  authScope(): string | undefined {
    return this.scopeNames.reverse().find((name) => isAuthName(name));
  }

  /** `Class.method` or `function`: what a JWT use is reported inside. */
  enclosing(): string | undefined {
    const names = this.scopeNames;
    return names.length > 0 ? names.join('.') : undefined;
  }

  importOf(name: string): ImportFact | undefined {
    return this.imports.get(name);
  }

  /** The value last assigned to `name` in the innermost scope that assigns it (class scopes are not seen from methods, as in Python). */
  valueOf(name: string): Node | undefined {
    for (let index = this.scopes.length - 1; index >= 0; index--) {
      const scope = this.scopes[index]!;
      if (scope.kind === 'class' && index !== this.scopes.length - 1) continue;
      const value = scope.values.get(name);
      if (value) return value;
      if (scope.annotations.has(name)) return undefined;
    }
    return undefined;
  }

  annotationOf(name: string): Node | undefined {
    for (let index = this.scopes.length - 1; index >= 0; index--) {
      const annotation = this.scopes[index]!.annotations.get(name);
      if (annotation) return annotation;
      if (this.scopes[index]!.values.has(name)) return undefined;
    }
    return undefined;
  }

  /**
   * The fully qualified name an expression denotes through the file's imports: `jwt.decode` for
   * `pyjwt.decode` after `import jwt as pyjwt`, `jose.jwt.decode` after `from jose import jwt`,
   * `fastapi_jwt_auth.AuthJWT#jwt_required` on a parameter annotated `AuthJWT`. Project modules
   * imported relatively have no qualified name (they are not libraries).
   */
  qualified(node: Node | null | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_VALUE_DEPTH) return undefined;
    const expression = unwrap(node);
    if (expression.type === 'identifier') return this.qualifiedName(expression.text, depth);
    if (expression.type === 'attribute') {
      const object = this.qualified(expression.childForFieldName('object'), depth + 1);
      const attribute = expression.childForFieldName('attribute')?.text;
      if (!object || !attribute) return undefined;
      return object.endsWith('#') ? `${object}${attribute}` : `${object}.${attribute}`;
    }
    if (expression.type === 'call') {
      // `JsonWebToken(["HS256"]).decode(...)`, `AuthJWT()`: an instance of a library class.
      const callee = this.qualified(expression.childForFieldName('function'), depth + 1);
      return callee && PYTHON_JWT_CLASSES.has(callee) ? `${callee}#` : undefined;
    }
    return undefined;
  }

  private qualifiedName(name: string, depth: number): string | undefined {
    const value = this.valueOf(name);
    if (value) {
      const held = this.qualified(value, depth + 1);
      if (held) return held;
      // `Authorize: AuthJWT = Depends()`: FastAPI builds the annotated class.
      if (!this.isDependsCall(value, depth + 1)) return undefined;
    }
    const annotation = this.annotationOf(name);
    if (annotation) {
      const type = this.qualified(annotation, depth + 1);
      if (type && PYTHON_JWT_CLASSES.has(type)) return `${type}#`;
    }
    const imported = this.importOf(name);
    if (!imported || imported.specifier.startsWith('.')) return undefined;
    return imported.imported === '*' ? imported.specifier : `${imported.specifier}.${imported.imported}`;
  }

  private isDependsCall(node: Node, depth = 0): boolean {
    const expression = unwrap(node);
    if (expression.type !== 'call') return false;
    const callee = this.qualified(expression.childForFieldName('function'), depth);
    return callee === 'fastapi.Depends' || callee === 'fastapi.params.Depends';
  }

  /** Values an expression may hold, following names to their assignment (for data flow into JWT keys). */
  resolveValue(node: Node, depth = 0): Node {
    const expression = unwrap(node);
    if (expression.type !== 'identifier' || depth > MAX_VALUE_DEPTH) return expression;
    const value = this.valueOf(expression.text);
    return value ? this.resolveValue(value, depth + 1) : expression;
  }

  // ------------------------------------------------------------ graph

  addFunction(
    name: string,
    kind: FunctionKind,
    at: Node,
    start: number,
    end: number,
    className?: string,
  ): FunctionFact {
    return this.functions.add(name, kind, this.position(at), start, end, className);
  }

  addCall(target: CallTarget, at: Node, options: { reference?: boolean; owner?: FunctionFact } = {}): void {
    (options.owner ?? this.current).calls.push({
      ...this.position(at),
      target,
      text: this.text.slice(at.startIndex, at.endIndex).replace(/\s+/g, ' ').slice(0, 80),
      ...(options.reference ? { reference: true } : {}),
    });
  }

  /** What an expression denotes for the call graph: names, `self`, `self.field`, `super()`, members, call results. */
  valueRef(node: Node | null | undefined, depth = 0): ValueRef | undefined {
    if (!node || depth > MAX_VALUE_DEPTH) return undefined;
    const expression = unwrap(node);
    switch (expression.type) {
      case 'identifier':
        if (expression.text === 'self' || expression.text === 'cls')
          return this.currentClass ? { kind: 'this' } : undefined;
        return this.localValueRef(expression.text, depth) ?? { kind: 'name', name: expression.text };
      case 'attribute': {
        const dotted = this.dottedImportName(expression);
        if (dotted) return { kind: 'name', name: dotted };
        const objectNode = expression.childForFieldName('object');
        const member = expression.childForFieldName('attribute')?.text;
        if (!objectNode || !member) return undefined;
        // `self.extractor` is a field (or a method, when called): the class knows which.
        if ((objectNode.text === 'self' || objectNode.text === 'cls') && this.currentClass)
          return { kind: 'field', field: member };
        const object = this.valueRef(objectNode, depth + 1);
        return object ? { kind: 'member', object, member } : undefined;
      }
      case 'call': {
        const callee = expression.childForFieldName('function');
        if (callee?.type === 'identifier' && callee.text === 'super') return { kind: 'super' };
        const target = this.callTarget(expression, depth + 1);
        return target ? { kind: 'result', call: target } : undefined;
      }
      case 'await':
        return this.valueRef(expression.namedChild(0), depth + 1);
      default:
        return undefined;
    }
  }

  /**
   * A name bound in the current function: what its value denotes (`extractor = UserContextExtractor()`),
   * or the class its annotation names (`extractor: UserContextExtractor`). Module-level names are
   * left to the call graph, which resolves them across files.
   */
  private localValueRef(name: string, depth: number): ValueRef | undefined {
    for (let index = this.scopes.length - 1; index > 0; index--) {
      const scope = this.scopes[index]!;
      if (scope.kind !== 'function') continue;
      const value = scope.values.get(name);
      if (value && unwrap(value).type !== 'identifier') {
        const ref = this.isDependsCall(value, depth + 1) ? undefined : this.valueRef(value, depth + 1);
        if (ref) return ref;
      }
      const annotation = scope.annotations.get(name);
      const type = annotation ? unwrap(annotation) : undefined;
      if (type && (type.type === 'identifier' || type.type === 'attribute') && isClassName(lastSegment(type.text)))
        return { kind: 'type', name: type.text };
      if (value || annotation) return undefined;
    }
    return undefined;
  }

  /** `import app.services.auth` binds the dotted name: `app.services.auth.verify` is a member of that module. */
  private dottedImportName(node: Node): string | undefined {
    const text = this.text.slice(node.startIndex, node.endIndex);
    if (!text.includes('.')) return undefined;
    const imported = this.imports.get(text);
    return imported?.imported === '*' ? text : undefined;
  }

  /** A call as the call graph sees it: `new` for a class (capitalised by convention, as PEP 8 has it), else a call. */
  callTarget(call: Node, depth = 0): CallTarget | undefined {
    const callee = call.childForFieldName('function');
    const ref = this.valueRef(callee, depth);
    if (!ref || !callee) return undefined;
    return isClassName(lastSegment(callee.text)) ? { kind: 'new', callee: ref } : { kind: 'call', callee: ref };
  }

  noteEnvCondition(condition: Node, index: number): void {
    this.envConditionIndex.set(condition.startIndex, index);
    const statement = condition.parent;
    if (!statement) return;
    if (statement.type === 'if_statement' || statement.type === 'elif_clause' || statement.type === 'while_statement') {
      const consequence = statement.childForFieldName('consequence') ?? statement.childForFieldName('body');
      if (consequence)
        this.regionNotes.push({ condition, start: consequence.startIndex, end: consequence.endIndex, branch: 'then' });
      const alternatives = statement.type === 'while_statement' ? [] : this.alternativesOf(statement);
      const first = alternatives[0];
      if (first) {
        const last = alternatives[alternatives.length - 1]!;
        this.regionNotes.push({ condition, start: first.startIndex, end: last.endIndex, branch: 'else' });
      }
      const exits = consequence?.namedChildren.at(-1);
      const block = statement.type === 'elif_clause' ? statement.parent?.parent : statement.parent;
      if (exits && EXITING.has(exits.type) && block) {
        const ifStatement = statement.type === 'elif_clause' ? statement.parent! : statement;
        if (ifStatement.endIndex < block.endIndex)
          this.regionNotes.push({ condition, start: ifStatement.endIndex, end: block.endIndex, branch: 'after' });
      }
    } else if (statement.type === 'conditional_expression') {
      const [value, , , , otherwise] = statement.children;
      if (value) this.regionNotes.push({ condition, start: value.startIndex, end: value.endIndex, branch: 'then' });
      if (otherwise)
        this.regionNotes.push({ condition, start: otherwise.startIndex, end: otherwise.endIndex, branch: 'else' });
    }
  }

  /** The `elif` and `else` clauses after an `if` (or after an `elif`: the ones that follow it). */
  private alternativesOf(statement: Node): Node[] {
    if (statement.type === 'if_statement') return statement.childrenForFieldName('alternative');
    const siblings = statement.parent?.childrenForFieldName('alternative') ?? [];
    return siblings.filter((clause) => clause.startIndex > statement.startIndex);
  }

  // ------------------------------------------------------------ the walk

  private visit(node: Node): void {
    for (const visitor of this.visitors) visitor.enter(node);
    switch (node.type) {
      case 'function_definition':
        this.visitFunction(node);
        return;
      case 'class_definition':
        this.visitClass(node);
        return;
      case 'lambda':
        this.visitLambda(node);
        return;
      case 'if_statement':
        if (isTypeCheckingCondition(node.childForFieldName('condition'))) {
          this.typeCheckingDepth++;
          this.visitChildren(node.childForFieldName('consequence'));
          this.typeCheckingDepth--;
          for (const alternative of node.childrenForFieldName('alternative')) this.visit(alternative);
          return;
        }
        break;
      case 'assignment':
        this.noteAssignment(node);
        break;
      case 'call':
        this.noteCall(node);
        break;
    }
    this.visitChildren(node);
  }

  private visitChildren(node: Node | null): void {
    if (!node) return;
    for (const child of node.namedChildren) this.visit(child);
  }

  private visitFunction(node: Node): void {
    const name = node.childForFieldName('name')?.text ?? '<anonymous>';
    const className = this.scopes[this.scopes.length - 1]?.kind === 'class' ? this.currentClass : undefined;
    const kind: FunctionKind = className ? (name === '__init__' ? 'constructor' : 'method') : 'function';
    const qualifiedName = [
      ...this.scopeNames.filter((scope) => scope !== className),
      ...(className ? [className] : []),
      name,
    ]
      .filter(Boolean)
      .join('.');
    const holder = node.parent?.type === 'decorated_definition' ? node.parent : node;
    const fact = this.addFunction(
      qualifiedName,
      kind,
      node.childForFieldName('name') ?? node,
      node.startIndex,
      holder.endIndex,
      className,
    );
    const returnType = node.childForFieldName('return_type');
    if (returnType) {
      const type = returnTypeName(returnType);
      if (type) fact.returnType = type;
    }
    if (className) {
      const classFact = this.classes.findLast((item) => item.name === className);
      classFact?.methods.push({ name: name === '__init__' ? 'constructor' : name, id: fact.id });
    }
    const scope = this.newScope('function', name, fact);
    this.bindParameters(node.childForFieldName('parameters'), scope);
    // Defaults and annotations run where the function is defined; the body runs when it is called.
    this.visitChildren(node.childForFieldName('parameters'));
    this.scopes.push(scope);
    this.visitChildren(node.childForFieldName('body'));
    this.scopes.pop();
  }

  private visitLambda(node: Node): void {
    const fact = this.addFunction(
      `<lambda ${this.position(node).line}>`,
      'function',
      node,
      node.startIndex,
      node.endIndex,
    );
    const scope = this.newScope('function', '', fact);
    this.bindParameters(node.childForFieldName('parameters'), scope);
    this.scopes.push(scope);
    this.visitChildren(node.childForFieldName('body'));
    this.scopes.pop();
  }

  private visitClass(node: Node): void {
    const name = node.childForFieldName('name')?.text ?? '<anonymous>';
    const init = this.addFunction(
      `${name}.<init>`,
      'class-init',
      node.childForFieldName('name') ?? node,
      node.startIndex,
      node.endIndex,
      name,
    );
    const fact: ClassGraphFact = {
      name,
      ...this.position(node.childForFieldName('name') ?? node),
      end: node.endIndex,
      init: init.id,
      fields: [],
      methods: [],
    };
    const base = node
      .childForFieldName('superclasses')
      ?.namedChildren.find((child) => child.type !== 'keyword_argument');
    if (base?.type === 'identifier') fact.extendsName = base.text;
    else if (base?.type === 'attribute') fact.extendsName = base.childForFieldName('attribute')?.text ?? base.text;
    else if (base?.type === 'call') fact.extendsCall = true;
    this.classes.push(fact);
    this.visitChildren(node.childForFieldName('superclasses'));
    const scope = this.newScope('class', name, init);
    this.scopes.push(scope);
    this.visitChildren(node.childForFieldName('body'));
    this.scopes.pop();
    for (const [field, value] of scope.annotations) {
      const type = this.valueRef(value);
      if (type?.kind === 'name') fact.fields.push({ name: field, value: { kind: 'type', name: type.name } });
    }
  }

  private noteAssignment(node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const type = node.childForFieldName('type');
    const scope = this.scopes[this.scopes.length - 1]!;
    if (left?.type === 'identifier') {
      if (right) scope.values.set(left.text, right);
      if (type) scope.annotations.set(left.text, type);
      if (right && this.atModuleLevel) {
        const value = this.valueRef(right);
        if (value) this.record.graph.variables.push({ name: left.text, value });
      }
      return;
    }
    // `self.x = Service()` in a method: what the field holds.
    if (left?.type === 'attribute' && right && left.childForFieldName('object')?.text === 'self') {
      const className = this.currentClass;
      const field = left.childForFieldName('attribute')?.text;
      const value = this.valueRef(right);
      const classFact = className ? this.classes.findLast((item) => item.name === className) : undefined;
      if (classFact && field && value && !classFact.fields.some((item) => item.name === field))
        classFact.fields.push({ name: field, value });
    }
  }

  private noteCall(node: Node): void {
    const target = this.callTarget(node);
    if (target) this.addCall(target, node.childForFieldName('function') ?? node);
    const callee = node.childForFieldName('function');
    if (callee?.type === 'identifier' && callee.text === 'isinstance') {
      const types = node.childForFieldName('arguments')?.namedChildren[1];
      const names = types?.type === 'tuple' ? types.namedChildren : types ? [types] : [];
      for (const type of names) {
        const className = lastSegment(type.text);
        if (isClassName(className)) this.record.graph.instanceofs.push({ ...this.position(type), className });
      }
    } else if (target?.kind === 'new' && callee) {
      const className = lastSegment(callee.text);
      this.record.graph.news.push({ ...this.position(callee), className });
    }
  }

  private newScope(kind: Scope['kind'], name: string, fact: FunctionFact): Scope {
    return { kind, name, values: new Map(), annotations: new Map(), fact };
  }

  private bindParameters(parameters: Node | null, scope: Scope): void {
    for (const parameter of parameters?.namedChildren ?? []) {
      const name =
        parameter.type === 'identifier'
          ? parameter
          : (parameter.childForFieldName('name') ??
            parameter.namedChildren.find((child) => child.type === 'identifier'));
      if (!name || name.type !== 'identifier') continue;
      const type = parameter.childForFieldName('type');
      const value = parameter.childForFieldName('value');
      if (type) scope.annotations.set(name.text, type);
      if (value) scope.values.set(name.text, value);
    }
  }

  /** Module-level assignments are visible in every function, whatever their order in the file. */
  private bindModuleLevel(root: Node): void {
    const scope = this.scopes[0]!;
    const statements = (block: Node): void => {
      for (const statement of block.namedChildren) {
        if (statement.type === 'expression_statement') {
          const assignment = statement.namedChild(0);
          if (assignment?.type !== 'assignment') continue;
          const left = assignment.childForFieldName('left');
          const right = assignment.childForFieldName('right');
          if (left?.type === 'identifier' && right) scope.values.set(left.text, right);
        } else if (statement.type === 'if_statement' || statement.type === 'try_statement') {
          for (const child of statement.namedChildren) {
            if (child.type === 'block') statements(child);
            else if (child.type !== 'comment') {
              const body =
                child.childForFieldName('consequence') ??
                child.childForFieldName('body') ??
                child.namedChildren.find((item) => item.type === 'block');
              if (body?.type === 'block') statements(body);
            }
          }
        }
      }
    };
    statements(root);
  }
}

function isTypeCheckingCondition(condition: Node | null): boolean {
  const text = condition?.text;
  return text === 'TYPE_CHECKING' || text === 'typing.TYPE_CHECKING';
}

export function lastSegment(text: string): string {
  return text.slice(text.lastIndexOf('.') + 1);
}

export function isClassName(name: string): boolean {
  return /^_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(name);
}

/** `-> User`, `-> Optional[User]`, `-> "User"`: the class a function returns, when it names one. */
function returnTypeName(type: Node): string | undefined {
  const text = type.text.replace(/^["']|["']$/g, '');
  const match = /^(?:Optional\[|Awaitable\[|Coroutine\[[^,]*,[^,]*,\s*)?([A-Za-z_][\w.]*)\]?$/.exec(text);
  return match?.[1] ? lastSegment(match[1]) : undefined;
}
