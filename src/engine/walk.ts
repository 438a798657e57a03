import type ts from 'typescript';
import { emptyFileFacts, FunctionFacts } from './record.js';
import { ScopeStack } from './scope.js';
import { oneLineText } from './span.js';
import { pooled, type NamePool } from './strings.js';
import {
  hasModifier,
  isFunctionExpressionLike,
  propertyNameText,
  returnedExpression,
  typeName,
  unwrapAwait,
  type TypeScript,
} from './syntax.js';
import type {
  CallFact,
  CallTarget,
  ClassGraphFact,
  FileFacts,
  FileGraph,
  FunctionFact,
  FunctionKind,
  GuardRef,
  GuardedRegion,
  Position,
  ValueRef,
} from './types.js';
import { EntryRegistrations } from './visitors/entries.js';
import { isAuthCorePackage } from './jwt-libraries.js';
import {
  HTTP_FRAMEWORKS,
  NEST_HTTP_DECORATORS,
  NEST_OWN_DECORATORS,
  NODE_HTTP,
  PASSPORT_DEFAULT_NAMES,
  WS_MODULES,
} from './frameworks.js';

/** A node the walk must run as a function of its own: a named function, a method, an entry's handlers. */
type Claim =
  | { kind: 'new'; name: string; functionKind: FunctionKind; at: ts.Node; className?: string }
  | { kind: 'existing'; fact: FunctionFact };

/**
 * Every fact visitor sees the nodes it asked for, in source order, with the walk's scopes, the
 * function and class it sits in, and whether it sits in a condition. Returning true keeps every
 * fact visitor out of the node's children (`jwt.verify` is one use, not two).
 */
export interface FactVisitor {
  /**
   * Syntax kinds to be called for. Identifiers arrive only when their name is notable (bound by
   * some scope to an import or a JWT library, see `ScopeStack.notable`): nothing else is known of
   * a bare name, and identifiers are a third of all nodes.
   */
  readonly kinds: readonly ts.SyntaxKind[];
  /** Before the walk: module-level declarations that uses anywhere in the file may name. */
  prepare?(): void;
  enter(node: ts.Node): boolean | void;
  /** After the walk. */
  finish?(): void;
}

/**
 * The one walk over a file: lexical scopes, the function and class each node belongs to, the
 * condition flag, and the call-graph structure (functions, classes, calls, regions, entries).
 * Fact visitors (imports, JWT primitives, environment, secrets, bypasses) ride along on it.
 */
export class Walk {
  readonly record: FileFacts;
  readonly graph: FileGraph;
  readonly scope: ScopeStack;
  /** Whether the node being visited is (part of) a condition: an `if` test, a guard's operand. */
  inCondition = false;
  /** Names of the enclosing functions, classes and members, outermost first. */
  readonly scopeNames: string[] = [];
  private readonly stack: FunctionFact[] = [];
  private readonly classStack: ClassGraphFact[] = [];
  private readonly claims = new Map<ts.Node, Claim>();
  /** Module-level names made by an HTTP framework (`const app = express()`) or a WebSocket server. */
  private readonly frameworkVars = new Map<string, 'http' | 'ws' | 'io'>();
  private readonly functions: FunctionFacts;
  private readonly classDecorators = new Map<string, ValueRef[]>();
  /** Conditions whose regions were noted, by node: joined to environment conditions after the walk. */
  private readonly regionConditions: {
    condition: ts.Node;
    start: number;
    end: number;
    branch: GuardedRegion['branch'];
  }[] = [];
  private readonly envConditionIndex = new Map<ts.Node, number>();
  private readonly visitors: FactVisitor[];
  /** Inside decorators: they configure (guards, routes) rather than run, so the call graph ignores them. */
  private graphMuted = 0;
  private factsMuted = 0;
  private readonly entries: EntryRegistrations;

  constructor(
    readonly ts: TypeScript,
    readonly sourceFile: ts.SourceFile,
    readonly file: string,
    createVisitors: (walk: Walk) => FactVisitor[],
    /** Where the texts the record keeps get their one copy (see `strings.ts`). */
    private readonly names: NamePool,
  ) {
    this.scope = new ScopeStack(ts);
    this.flags = kindFlagsOf(ts);
    this.identifierKind = ts.SyntaxKind.Identifier;
    this.record = emptyFileFacts(file, sourceFile.getLineAndCharacterOfPosition(sourceFile.getEnd()).line + 1);
    this.graph = this.record.graph;
    this.functions = new FunctionFacts(file, this.graph);
    this.visitors = createVisitors(this);
    this.visitorMasks = visitorMasksOf(ts, createVisitors, this.flags.length, this.visitors);
    this.entries = new EntryRegistrations(this);
  }

  run(): FileFacts {
    const sourceFile = this.sourceFile;
    this.scope.declareStatements(sourceFile.statements);
    for (const visitor of this.visitors) visitor.prepare?.();
    const module = this.addFunction(
      '<module>',
      'module',
      sourceFile,
      sourceFile.getStart(sourceFile),
      sourceFile.getEnd(),
    );
    this.stack.push(module);
    for (const statement of sourceFile.statements) this.claimTopLevel(statement);
    this.ts.forEachChild(sourceFile, this.visitChild);
    this.stack.pop();
    for (const visitor of this.visitors) visitor.finish?.();
    this.joinRegions();
    this.entries.collectNextEntries();
    return this.record;
  }

  // ------------------------------------------------------------ context

  get current(): FunctionFact {
    return this.stack[this.stack.length - 1]!;
  }

  get currentClass(): ClassGraphFact | undefined {
    return this.classStack[this.classStack.length - 1];
  }

  get isGraphMuted(): boolean {
    return this.graphMuted > 0;
  }

  /** `Class.method` or `function`, innermost first with its class. */
  enclosingName(): string | undefined {
    const names = this.scopeNames;
    if (names.length === 0) return undefined;
    return names.length >= 2 ? `${names[names.length - 2]}.${names[names.length - 1]}` : names[0];
  }

  /** The module a name in scope was imported (or required) from. */
  importOf(name: string): { specifier: string; imported: string } | undefined {
    return this.scope.lookup(name)?.from;
  }

  importsSpecifier(specifier: string): boolean {
    return this.record.imports.some((item) => item.specifier === specifier);
  }

  frameworkOf(name: string): 'http' | 'ws' | 'io' | undefined {
    return this.frameworkVars.get(name);
  }

  position(node: ts.Node): Position {
    const start = node.getStart(this.sourceFile);
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(start);
    return { line: line + 1, column: character + 1, start };
  }

  /** The node's text for the record (a call's callee), one copy per distinct text of the index. */
  text(node: ts.Node, max = 60): string {
    return pooled(this.names, oneLineText(node, this.sourceFile, max));
  }

  unwrap(node: ts.Expression): ts.Expression {
    return unwrapAwait(this.ts, node);
  }

  /** Runs `handler` (a node the walk has not reached yet) as part of `fact` instead of the current function. */
  claimFor(handler: ts.Node, fact: FunctionFact): void {
    this.claims.set(handler, { kind: 'existing', fact });
  }

  /** The environment condition a condition node became, for regions and gates. */
  noteEnvCondition(node: ts.Node, index: number): void {
    this.envConditionIndex.set(node, index);
  }

  addFunction(
    name: string,
    kind: FunctionKind,
    at: ts.Node,
    start: number,
    end: number,
    className?: string,
    returnType?: string,
  ): FunctionFact {
    return this.functions.add(name, kind, this.position(at), start, end, className, returnType);
  }

  // ------------------------------------------------------------ the walk

  /** What the walk decides per syntax kind, one table read per node (see `KindFlag`). */
  private readonly flags: Uint8Array;
  private readonly identifierKind: ts.SyntaxKind;
  /** Per syntax kind, the fact visitors asking for it, as bits by position in `visitors`. */
  private readonly visitorMasks: Uint16Array;

  /**
   * The walk of one node, the callback of every `forEachChild`: allocated once (a closure per
   * node would be most of the walk's garbage), and returning nothing so the children go on.
   */
  private readonly visitChild = (node: ts.Node): undefined => {
    const flags = this.flags;
    const own = flags[node.kind]!;
    if (own & KindFlag.Skip) return;
    const parentCondition = this.inCondition;
    if (own & KindFlag.Function) this.inCondition = false;
    else {
      const parent = node.parent;
      if (parent !== undefined && flags[parent.kind]! & KindFlag.ConditionParent)
        this.inCondition = conditionFlag(this.ts, node, parentCondition);
    }
    const scopeName = own & KindFlag.Named ? scopeNameOf(this.ts, node) : undefined;
    if (scopeName !== undefined) this.scopeNames.push(scopeName);
    const mask =
      this.factsMuted === 0 &&
      (node.kind !== this.identifierKind || this.scope.notable.has((node as ts.Identifier).text))
        ? this.visitorMasks[node.kind]!
        : 0;
    const muteFacts = mask !== 0 && enterAll(this.visitors, mask, node);
    if (muteFacts) this.factsMuted++;
    this.visitStructure(node, own);
    if (muteFacts) this.factsMuted--;
    if (scopeName !== undefined) this.scopeNames.pop();
    this.inCondition = parentCondition;
    return undefined;
  };

  /** Functions, classes and scopes around the node's children; the call graph's notes on the node itself. */
  private visitStructure(node: ts.Node, own: number): void {
    const t = this.ts;
    if (this.claims.size !== 0) {
      const claim = this.claims.get(node);
      if (claim) {
        this.claims.delete(node);
        this.runClaimed(node, claim);
        return;
      }
    }
    if (own & KindFlag.Decorator) {
      this.graphMuted++;
      t.forEachChild(node, this.visitChild);
      this.graphMuted--;
      return;
    }
    if (own & KindFlag.Class) {
      this.visitClass(node as ts.ClassLikeDeclaration, classNameOf(t, node as ts.ClassLikeDeclaration));
      return;
    }
    if (own & KindFlag.Function) {
      // Nested functions are inlined into the enclosing node: a callback runs as part of its owner's flow.
      this.scope.push();
      this.declareParameters(node as ts.SignatureDeclaration);
      t.forEachChild(node, this.visitChild);
      this.scope.pop();
      return;
    }
    if (own & KindFlag.BlockScope) {
      // Inline rather than through `withScope`: blocks are the most frequent scopes, a closure each adds up.
      this.scope.push();
      declareBlock(t, this.scope, node);
      t.forEachChild(node, this.visitChild);
      this.scope.pop();
      return;
    }
    if (own & KindFlag.Graph && this.graphMuted === 0 && this.noteGraph(node)) return;
    t.forEachChild(node, this.visitChild);
  }

  private withScope(body: () => void): void {
    this.scope.push();
    body();
    this.scope.pop();
  }

  private runClaimed(node: ts.Node, claim: Claim): void {
    const t = this.ts;
    let fact: FunctionFact;
    if (claim.kind === 'existing') fact = claim.fact;
    else {
      const returnType = t.isFunctionLike(node) ? typeName(t, (node as ts.SignatureDeclaration).type) : undefined;
      fact = this.addFunction(
        claim.name,
        claim.functionKind,
        claim.at,
        claim.at.getStart(this.sourceFile),
        claim.at.getEnd(),
        claim.className,
        returnType,
      );
      if (this.moduleLevel.has(node)) fact.moduleLevel = true;
      this.claimed.set(node, fact);
    }
    this.stack.push(fact);
    this.withScope(() => {
      if (t.isFunctionLike(node)) this.declareParameters(node as ts.SignatureDeclaration);
      if (claim.kind === 'existing' && !this.isGraphMuted) {
        if (this.noteGraph(node)) return;
      }
      t.forEachChild(node, this.visitChild);
    });
    this.stack.pop();
  }

  /** The function a claimed node became, once the walk has run it. */
  private readonly claimed = new Map<ts.Node, FunctionFact>();

  private declareParameters(node: ts.SignatureDeclaration): void {
    const t = this.ts;
    for (const parameter of node.parameters) {
      if (t.isIdentifier(parameter.name)) {
        const type = typeName(t, parameter.type);
        this.scope.declare(parameter.name.text, {
          declaredAs: 'parameter',
          ...(type ? { value: { kind: 'type', name: type } } : {}),
        });
      } else this.scope.declarePattern(parameter.name, 'parameter');
    }
  }

  // ---------------------------------------------------------- top level

  /** Module-level functions, variables and objects become functions of their own. */
  private claimTopLevel(statement: ts.Statement): void {
    const t = this.ts;
    if (t.isFunctionDeclaration(statement) && statement.body) {
      const isDefault = hasModifier(t, statement, t.SyntaxKind.DefaultKeyword);
      const name = statement.name?.text ?? (isDefault ? 'default' : '<anonymous>');
      this.claims.set(statement, { kind: 'new', name, functionKind: 'function', at: statement });
      return;
    }
    if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) this.claimTopLevelVariable(declaration);
      return;
    }
    if (t.isExportAssignment(statement)) {
      const expression = this.unwrap(statement.expression);
      if (t.isArrowFunction(expression) || t.isFunctionExpression(expression))
        this.claims.set(expression, { kind: 'new', name: 'default', functionKind: 'function', at: expression });
    }
  }

  private claimTopLevelVariable(declaration: ts.VariableDeclaration): void {
    const t = this.ts;
    if (!t.isIdentifier(declaration.name) || !declaration.initializer) return;
    const name = declaration.name.text;
    const init = this.unwrap(declaration.initializer);
    if (t.isArrowFunction(init) || t.isFunctionExpression(init)) {
      this.claims.set(init, { kind: 'new', name, functionKind: 'function', at: declaration });
      return;
    }
    if (t.isClassExpression(init)) return;
    if (
      t.isObjectLiteralExpression(init) &&
      init.properties.some(
        (property) =>
          t.isMethodDeclaration(property) ||
          (t.isPropertyAssignment(property) && isFunctionExpressionLike(t, property.initializer)),
      )
    ) {
      this.graph.objects.push(name);
      this.claimObjectMethods(name, init);
      return;
    }
    const typed = typeName(t, declaration.type);
    const value = typed ? ({ kind: 'type', name: typed } as const) : this.valueOf(init);
    if (value) this.graph.variables.push({ name, value });
    this.noteFrameworkVar(name, init);
    // `export const GET = withAuth(async (req) => …)`, `const verifier = createVerifier({…})`: calling the
    // variable runs what its initialiser built, so the initialiser is a function of its own.
    if (t.isCallExpression(init)) {
      this.claims.set(init, { kind: 'new', name, functionKind: 'function', at: declaration });
      if (!init.arguments.some((argument) => isFunctionExpressionLike(t, argument))) this.moduleLevel.add(init);
    }
  }

  /** Initialisers that run when the module loads, marked once their function exists. */
  private readonly moduleLevel = new Set<ts.Node>();

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

  private claimObjectMethods(objectName: string, literal: ts.ObjectLiteralExpression): void {
    const t = this.ts;
    for (const property of literal.properties) {
      const key =
        property.name && (t.isIdentifier(property.name) || t.isStringLiteral(property.name))
          ? property.name.text
          : undefined;
      if (key && t.isMethodDeclaration(property))
        this.claims.set(property, {
          kind: 'new',
          name: `${objectName}.${key}`,
          functionKind: 'object-method',
          at: property,
        });
      else if (key && t.isPropertyAssignment(property) && isFunctionExpressionLike(t, property.initializer)) {
        this.claims.set(this.unwrap(property.initializer), {
          kind: 'new',
          name: `${objectName}.${key}`,
          functionKind: 'object-method',
          at: property,
        });
      }
    }
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
      fields: [],
      methods: [],
    };
    this.graph.classes.push(fact);
    const heritage = node.heritageClauses?.find((clause) => clause.token === t.SyntaxKind.ExtendsKeyword)?.types[0];
    if (heritage) {
      const base = this.unwrap(heritage.expression);
      if (t.isIdentifier(base)) fact.extendsName = base.text;
      else if (t.isCallExpression(base)) {
        fact.extendsCall = true;
        if (t.isIdentifier(base.expression) && base.expression.text === 'PassportStrategy')
          fact.passportStrategy = this.passportStrategyName(base);
      }
    }
    this.classDecorators.set(name, this.otherDecorators(node));
    const nest = {
      classGuards: this.guardsOf(node),
      controller: this.decorator(node, 'Controller'),
      gateway: this.decorator(node, 'WebSocketGateway'),
    };
    const prefix = nest.controller ? this.controllerPath(nest.controller) : '';
    const methodClaims: { member: ts.MethodDeclaration | ts.GetAccessorDeclaration; memberName: string }[] = [];
    for (const member of node.members) {
      const memberName = propertyNameText(t, member.name);
      if (t.isConstructorDeclaration(member)) {
        this.noteParameterProperties(member, fact);
        if (member.body)
          this.claims.set(member, {
            kind: 'new',
            name: `${name}.constructor`,
            functionKind: 'constructor',
            at: member,
            className: name,
          });
      } else if ((t.isMethodDeclaration(member) || t.isGetAccessor(member)) && memberName && member.body) {
        this.claims.set(member, {
          kind: 'new',
          name: `${name}.${memberName}`,
          functionKind: 'method',
          at: member,
          className: name,
        });
        methodClaims.push({ member, memberName });
      } else if (t.isPropertyDeclaration(member) && memberName) {
        const initializer = member.initializer && this.unwrap(member.initializer);
        if (initializer && (t.isArrowFunction(initializer) || t.isFunctionExpression(initializer))) {
          this.claims.set(initializer, {
            kind: 'new',
            name: `${name}.${memberName}`,
            functionKind: 'method',
            at: member,
            className: name,
          });
          this.propertyMethods.push({ initializer, memberName, fact });
          continue;
        }
        const type = typeName(t, member.type);
        const value = type
          ? ({ kind: 'type', name: type } as const)
          : initializer
            ? this.valueOf(initializer)
            : undefined;
        if (value) setField(fact, memberName, value);
      }
    }
    this.classStack.push(fact);
    this.stack.push(init);
    this.withScope(() => this.ts.forEachChild(node, this.visitChild));
    this.stack.pop();
    this.classStack.pop();
    for (const member of node.members) {
      const constructorFact = t.isConstructorDeclaration(member) ? this.claimed.get(member) : undefined;
      if (constructorFact) fact.methods.push({ name: 'constructor', id: constructorFact.id });
    }
    for (const { member, memberName } of methodClaims) {
      const method = this.claimed.get(member);
      if (!method) continue;
      fact.methods.push({ name: memberName, id: method.id });
      // Parameter decorators (`@UserSession() user`) run on every call of the handler: part of its flow.
      for (const parameter of member.parameters) {
        for (const callee of this.otherDecorators(parameter))
          method.calls.push({
            target: { kind: 'call', callee },
            ...this.position(parameter),
            text: `@${this.text(parameter, 40)}`,
          });
      }
      this.nestEntry(
        member,
        method,
        name,
        prefix,
        nest.controller !== undefined,
        nest.gateway !== undefined,
        nest.classGuards,
      );
    }
    for (const item of this.propertyMethods.splice(0)) {
      const method = this.claimed.get(item.initializer);
      if (method && item.fact === fact) fact.methods.push({ name: item.memberName, id: method.id });
    }
  }

  private readonly propertyMethods: { initializer: ts.Node; memberName: string; fact: ClassGraphFact }[] = [];

  private noteParameterProperties(member: ts.ConstructorDeclaration, fact: ClassGraphFact): void {
    const t = this.ts;
    for (const parameter of member.parameters) {
      if (!t.isIdentifier(parameter.name) || (t.getModifiers(parameter)?.length ?? 0) === 0) continue;
      const token = this.injectToken(parameter);
      const type = typeName(t, parameter.type);
      if (token !== undefined) setField(fact, parameter.name.text, { kind: 'token', token });
      else if (type) setField(fact, parameter.name.text, { kind: 'type', name: type });
    }
  }

  // --------------------------------------------------------- graph notes

  /** The call graph's notes on one node; true when the node's children were walked already. */
  private noteGraph(node: ts.Node): boolean {
    const t = this.ts;
    // Calls first: they are most of the nodes that reach here.
    if (t.isCallExpression(node)) {
      if (this.moduleLevel.has(node)) this.current.moduleLevel = true;
      if (!this.entries.noteEntry(node)) this.noteCall(node);
    } else if (t.isVariableDeclaration(node)) this.declareVariable(node);
    else if (t.isIfStatement(node)) this.addIfRegions(node);
    else if (t.isConditionalExpression(node)) {
      this.addRegion(node.condition, node.whenTrue, 'then');
      this.addRegion(node.condition, node.whenFalse, 'else');
    } else if (t.isBinaryExpression(node)) this.noteBinary(node);
    else if (t.isSwitchStatement(node)) {
      for (const clause of node.caseBlock.clauses) this.addRegion(node.expression, clause, 'then');
    } else if (t.isObjectLiteralExpression(node)) this.noteAppGuardProvider(node);
    else if (t.isNewExpression(node)) {
      this.noteNew(node);
      this.entries.noteVerifyClient(node);
    }
    return false;
  }

  private noteBinary(node: ts.BinaryExpression): void {
    const t = this.ts;
    const operator = node.operatorToken.kind;
    if (operator === t.SyntaxKind.AmpersandAmpersandToken || operator === t.SyntaxKind.BarBarToken) {
      this.addRegion(node, node.right, operator === t.SyntaxKind.AmpersandAmpersandToken ? 'then' : 'else');
    } else if (operator === t.SyntaxKind.InstanceOfKeyword) {
      const right = this.unwrap(node.right);
      const name = t.isIdentifier(right)
        ? right.text
        : t.isPropertyAccessExpression(right)
          ? right.name.text
          : undefined;
      if (name) this.graph.instanceofs.push({ className: name, ...this.position(node) });
    } else if (operator === t.SyntaxKind.EqualsToken) {
      this.noteFieldAssignment(node);
    }
  }

  private declareVariable(node: ts.VariableDeclaration): void {
    if (this.scope.depth <= 1 || !this.ts.isIdentifier(node.name)) return;
    const binding = this.scope.lookup(node.name.text);
    if (!binding) return;
    const t = this.ts;
    const init = node.initializer && this.unwrap(node.initializer);
    if (init && (t.isArrowFunction(init) || t.isFunctionExpression(init))) {
      binding.isFunction = true;
      return;
    }
    const type = typeName(t, node.type);
    const value = type ? ({ kind: 'type', name: type } as const) : init ? this.valueOf(init) : undefined;
    if (value) binding.value = value;
  }

  /** `this.client = new Client()` or `= client` in a constructor types the field. */
  private noteFieldAssignment(node: ts.BinaryExpression): void {
    const t = this.ts;
    const owner = this.currentClass;
    const left = node.left;
    if (!owner || !t.isPropertyAccessExpression(left) || left.expression.kind !== t.SyntaxKind.ThisKeyword) return;
    if (owner.fields.some((field) => field.name === left.name.text)) return;
    const value = this.valueOf(this.unwrap(node.right));
    if (value) setField(owner, left.name.text, value);
  }

  private addIfRegions(node: ts.IfStatement): void {
    this.addRegion(node.expression, node.thenStatement, 'then');
    if (node.elseStatement) {
      this.addRegion(node.expression, node.elseStatement, 'else');
      return;
    }
    // `if (env !== 'staging') return;` guards everything after it in the block.
    if (exits(this.ts, node.thenStatement) && this.ts.isBlock(node.parent)) {
      this.regionConditions.push({
        condition: node.expression,
        start: node.getEnd(),
        end: node.parent.getEnd(),
        branch: 'after',
      });
    }
  }

  private addRegion(condition: ts.Node, region: ts.Node, branch: GuardedRegion['branch']): void {
    this.regionConditions.push({ condition, start: region.getStart(this.sourceFile), end: region.getEnd(), branch });
  }

  /** Regions are kept for conditions on the environment only: the gates of `ssot paths`. */
  private joinRegions(): void {
    for (const region of this.regionConditions) {
      const envCondition = this.envConditionIndex.get(region.condition);
      if (envCondition === undefined) continue;
      this.graph.regions.push({ envCondition, start: region.start, end: region.end, branch: region.branch });
    }
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
  strategyName(node: ts.Expression | undefined): string | undefined {
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
  decorator(node: ts.Node, name: string): ts.CallExpression | ts.Identifier | undefined {
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

  pathValue(node: ts.Expression): string | undefined {
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

  guardRef(argument: ts.Expression): GuardRef | undefined {
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
    const isStrategyCall =
      (t.isIdentifier(callee) &&
        callee.text === 'AuthGuard' &&
        this.importOf('AuthGuard')?.specifier === '@nestjs/passport') ||
      (t.isPropertyAccessExpression(callee) &&
        callee.name.text === 'authenticate' &&
        t.isIdentifier(callee.expression) &&
        this.importOf(callee.expression.text)?.specifier === 'passport');
    if (!isStrategyCall) return undefined;
    const first = call.arguments[0] && this.unwrap(call.arguments[0]);
    const listed =
      first && t.isArrayLiteralExpression(first)
        ? first.elements.map((element) => this.strategyName(element))
        : [this.strategyName(first)];
    const names = listed.every((name) => name !== undefined) && listed.length > 0 ? (listed as string[]) : null;
    return { kind: 'strategy', names };
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
    if (!isController && !isGateway) return;
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

  // --------------------------------------------------------- values & calls

  /** What an expression denotes, as far as one file can tell. */
  valueOf(node: ts.Expression): ValueRef | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isIdentifier(expression)) {
      if (!this.scope.isLocal(expression.text)) return { kind: 'name', name: expression.text };
      const local = this.scope.lookup(expression.text)!;
      return local.isFunction ? undefined : local.value;
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
    if (t.isIdentifier(callee) && this.scope.isLocal(callee.text) && this.scope.lookup(callee.text)!.isFunction)
      return undefined;
    if (callee.kind === t.SyntaxKind.SuperKeyword)
      return { kind: 'call', callee: { kind: 'member', object: { kind: 'super' }, member: 'constructor' } };
    const value = this.valueOf(callee);
    return value ? { kind: 'call', callee: value } : undefined;
  }

  /**
   * A value rooted at a name no scope of the file binds (`String(x)`, `new Map().get(k)`,
   * `console.log`, `items.push(x)` with `items: Array<T>`): a global, or a type the file only
   * declares as an interface, which the call graph resolves through module-level names only, so
   * never. Such calls are more than half of a file's; the record leaves them out.
   */
  private isGlobal(value: ValueRef): boolean {
    let root = value;
    for (;;) {
      if (root.kind === 'member') root = root.object;
      else if (root.kind === 'result' && 'callee' in root.call) root = root.call.callee;
      else break;
    }
    return (root.kind === 'name' || root.kind === 'type') && this.scope.lookup(root.name) === undefined;
  }

  /**
   * A member chain (`console.log`, `new Map().get`, `JSON.parse`) whose root is a name no scope
   * binds: its target would be `isGlobal`. Calls inside the chain are not followed (a strategy
   * call's result is no global), nor are locals (their value may name anything).
   */
  private rootsAtUnboundName(callee: ts.Expression): boolean {
    const t = this.ts;
    let current = this.unwrap(callee);
    for (;;) {
      if (t.isPropertyAccessExpression(current) || t.isNewExpression(current))
        current = this.unwrap(current.expression);
      else if (t.isElementAccessExpression(current) && t.isStringLiteralLike(current.argumentExpression))
        current = this.unwrap(current.expression);
      else break;
    }
    return t.isIdentifier(current) && this.scope.lookup(current.text) === undefined;
  }

  private noteCall(node: ts.CallExpression): void {
    const t = this.ts;
    // Most calls `isGlobal` leaves out are told from the syntax alone, before their target is built.
    const target = this.rootsAtUnboundName(node.expression) ? undefined : this.callTarget(node);
    if (target && !(target.kind === 'call' && this.isGlobal(target.callee)))
      this.current.calls.push(callFact(target, this.position(node), this.text(node.expression)));
    if (
      t.isIdentifier(node.expression) &&
      node.expression.text === 'createAuthCore' &&
      isAuthCorePackage(this.importOf('createAuthCore')?.specifier ?? '')
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
      if (value && !this.isGlobal(value))
        this.current.calls.push(
          callFact({ kind: 'call', callee: value }, this.position(expression), this.text(expression), true),
        );
    }
  }

  private noteNew(node: ts.NewExpression): void {
    const t = this.ts;
    const callee = this.valueOf(node.expression);
    if (!callee || this.isGlobal(callee)) return;
    this.current.calls.push(
      callFact({ kind: 'new', callee }, this.position(node), `new ${this.text(node.expression)}`),
    );
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
    return returnedExpression(this.ts, this.unwrap(node));
  }
}

/** Every fact visitor that asks for the node's kind (a bit of `mask`) sees it; true when one of them mutes the children. */
function enterAll(visitors: readonly FactVisitor[], mask: number, node: ts.Node): boolean {
  let muteChildren = false;
  for (let index = 0; index < visitors.length; index++)
    if (mask & (1 << index) && visitors[index]!.enter(node) === true) muteChildren = true;
  return muteChildren;
}

/**
 * The visitor bits per kind. Every file of a run has the same visitors, made by the same factory
 * for the same TypeScript: the table is built once per factory and TypeScript, not per file.
 */
const visitorMasksByFactory = new WeakMap<object, WeakMap<TypeScript, Uint16Array>>();

function visitorMasksOf(
  t: TypeScript,
  factory: object,
  kindCount: number,
  visitors: readonly FactVisitor[],
): Uint16Array {
  if (visitors.length > 16) throw new Error('at most 16 fact visitors ride on one walk');
  let byTypeScript = visitorMasksByFactory.get(factory);
  if (!byTypeScript) visitorMasksByFactory.set(factory, (byTypeScript = new WeakMap()));
  let masks = byTypeScript.get(t);
  if (!masks) {
    masks = new Uint16Array(kindCount);
    visitors.forEach((visitor, index) => {
      for (const kind of visitor.kinds) masks![kind]! |= 1 << index;
    });
    byTypeScript.set(t, masks);
  }
  return masks;
}

/**
 * What the walk decides per syntax kind, as bits of one byte per kind (SyntaxKind numbers differ
 * between TypeScript versions, so the table is built per namespace): a table read per node
 * instead of a chain of `ts.isX` calls and set lookups, which were most of the walk's own time.
 */
const KindFlag = {
  /** Imports, interfaces, type aliases and type nodes: nothing runs there. */
  Skip: 1,
  /** Gives its scope a name in messages. */
  Named: 2,
  BlockScope: 4,
  /** Its children may sit in a condition. */
  ConditionParent: 8,
  Function: 16,
  /** The call graph notes something on it. */
  Graph: 32,
  Class: 64,
  Decorator: 128,
} as const;

const kindFlagsByNamespace = new WeakMap<TypeScript, Uint8Array>();

function kindFlagsOf(t: TypeScript): Uint8Array {
  const cached = kindFlagsByNamespace.get(t);
  if (cached) return cached;
  const k = t.SyntaxKind;
  const flags = new Uint8Array(Math.max(...Object.values(k).filter((value) => typeof value === 'number')) + 1);
  const mark = (flag: number, kinds: ts.SyntaxKind[]) => {
    for (const kind of kinds) flags[kind]! |= flag;
  };
  for (let kind = k.FirstTypeNode; kind <= k.LastTypeNode; kind++)
    if (kind !== k.ExpressionWithTypeArguments) flags[kind]! |= KindFlag.Skip;
  mark(KindFlag.Skip, [k.ImportDeclaration, k.ImportEqualsDeclaration, k.InterfaceDeclaration, k.TypeAliasDeclaration]);
  mark(KindFlag.Named, [
    k.FunctionDeclaration,
    k.ClassDeclaration,
    k.ClassExpression,
    k.MethodDeclaration,
    k.GetAccessor,
    k.SetAccessor,
    k.PropertyDeclaration,
    k.ArrowFunction,
    k.FunctionExpression,
  ]);
  mark(KindFlag.BlockScope, [
    k.Block,
    k.CaseBlock,
    k.CatchClause,
    k.ForStatement,
    k.ForInStatement,
    k.ForOfStatement,
    k.ModuleBlock,
  ]);
  mark(KindFlag.ConditionParent, [k.IfStatement, k.SwitchStatement, k.ConditionalExpression, k.BinaryExpression]);
  mark(KindFlag.Function, [
    k.FunctionDeclaration,
    k.FunctionExpression,
    k.ArrowFunction,
    k.MethodDeclaration,
    k.Constructor,
    k.GetAccessor,
    k.SetAccessor,
    k.MethodSignature,
    k.CallSignature,
    k.ConstructSignature,
    k.IndexSignature,
    k.FunctionType,
    k.ConstructorType,
  ]);
  mark(KindFlag.Graph, [
    k.VariableDeclaration,
    k.IfStatement,
    k.ConditionalExpression,
    k.BinaryExpression,
    k.SwitchStatement,
    k.ObjectLiteralExpression,
    k.NewExpression,
    k.CallExpression,
  ]);
  mark(KindFlag.Class, [k.ClassDeclaration, k.ClassExpression]);
  mark(KindFlag.Decorator, [k.Decorator]);
  kindFlagsByNamespace.set(t, flags);
  return flags;
}

/** Extracts every fact of one file in one walk. Pure: same AST in, same record out. */
export function walkFile(
  typescript: TypeScript,
  sourceFile: ts.SourceFile,
  file: string,
  createVisitors: (walk: Walk) => FactVisitor[],
  names: NamePool,
): FileFacts {
  return new Walk(typescript, sourceFile, file, createVisitors, names).run();
}

/**
 * Whether a node sits in a condition, from its parent: an `if` or `switch` test, a ternary's
 * test, an operand of a guard (`a && b`, `a || b` unless `b` is a default value). A function
 * inside a condition starts afresh.
 */
function conditionFlag(t: TypeScript, node: ts.Node, parentFlag: boolean): boolean {
  if (t.isFunctionLike(node)) return false;
  const parent = node.parent;
  if (!parent) return parentFlag;
  if (t.isIfStatement(parent)) return node === parent.expression;
  if (t.isSwitchStatement(parent)) return node === parent.expression;
  if (t.isConditionalExpression(parent)) return node === parent.condition ? true : parentFlag;
  if (t.isBinaryExpression(parent) && isGuardOperator(t, parent)) return true;
  return parentFlag;
}

/** `a && b`, and `a || b` unless `b` is a default value (`process.env.X || 'dev'`). */
export function isGuardOperator(t: TypeScript, node: ts.BinaryExpression): boolean {
  const operator = node.operatorToken.kind;
  if (operator === t.SyntaxKind.AmpersandAmpersandToken) return true;
  if (operator !== t.SyntaxKind.BarBarToken) return false;
  const right = unwrapAwait(t, node.right);
  return !(
    t.isLiteralExpression(right) ||
    t.isNoSubstitutionTemplateLiteral(right) ||
    right.kind === t.SyntaxKind.TrueKeyword ||
    right.kind === t.SyntaxKind.FalseKeyword
  );
}

/** The name a node gives its scope in messages: functions, classes, members, named arrows. */
function scopeNameOf(t: TypeScript, node: ts.Node): string | undefined {
  if ((t.isFunctionDeclaration(node) || t.isClassDeclaration(node) || t.isClassExpression(node)) && node.name)
    return node.name.text;
  if (t.isMethodDeclaration(node) || t.isGetAccessor(node) || t.isSetAccessor(node) || t.isPropertyDeclaration(node))
    return propertyNameText(t, node.name);
  if (t.isArrowFunction(node) || t.isFunctionExpression(node)) {
    const parent = node.parent;
    if ((t.isVariableDeclaration(parent) || t.isPropertyAssignment(parent)) && t.isIdentifier(parent.name))
      return parent.name.text;
  }
  return undefined;
}

function classNameOf(t: TypeScript, node: ts.ClassLikeDeclaration): string {
  if (node.name) return node.name.text;
  return t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name) ? node.parent.name.text : '<class>';
}

/** Hoists what a block-like node declares into the scope just opened for it. */
function declareBlock(t: TypeScript, scope: ScopeStack, node: ts.Node): void {
  if (t.isBlock(node) || t.isModuleBlock(node)) scope.declareStatements(node.statements);
  else if (t.isCaseBlock(node)) for (const clause of node.clauses) scope.declareStatements(clause.statements);
  else if (t.isCatchClause(node)) {
    if (node.variableDeclaration) scope.declarePattern(node.variableDeclaration.name, 'catch');
  } else if (t.isForStatement(node) || t.isForInStatement(node) || t.isForOfStatement(node)) {
    const initializer = node.initializer;
    if (initializer && t.isVariableDeclarationList(initializer))
      for (const declaration of initializer.declarations) scope.declarePattern(declaration.name, 'variable');
  }
}

function exits(t: TypeScript, statement: ts.Statement): boolean {
  if (t.isReturnStatement(statement) || t.isThrowStatement(statement)) return true;
  if (t.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && (t.isReturnStatement(last) || t.isThrowStatement(last));
  }
  return false;
}

function setField(owner: ClassGraphFact, name: string, value: ValueRef): void {
  if (!owner.fields.some((field) => field.name === name)) owner.fields.push({ name, value });
}

export function joinRoute(prefix: string, path: string): string {
  const joined = [prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** A call as the record holds it, every field in one literal: a spread would move them out of line. */
function callFact(target: CallTarget, position: Position, text: string, reference?: true): CallFact {
  return { target, line: position.line, column: position.column, start: position.start, text, reference };
}
