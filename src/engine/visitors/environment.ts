import type ts from 'typescript';
import { jwtLibrary } from '../jwt-libraries.js';
import {
  deploymentNameBranch,
  flagBranch,
  flipBranch,
  isAuthName,
  isConfigLikeOwner,
  isNonProductionName,
  isCredentialCookieName,
  isCredentialIssuingName,
  isEnvironmentReader,
  isSignInName,
  isEnvironmentConfigKey,
  isEnvironmentField,
  isEnvironmentHelper,
  isEnvironmentNameLiteral,
  isEnvironmentVariable,
} from '../naming.js';
import { shortText, spanOf } from '../span.js';
import { dottedName, unwrap, type TypeScript } from '../syntax.js';
import type { CredentialIssueFact, CredentialIssueKind, EnvConditionFact } from '../types.js';
import { isGuardOperator, type FactVisitor, type Walk } from '../walk.js';

/**
 * Conditions that read the runtime environment: `process.env.NODE_ENV`, `import.meta.env.MODE`,
 * config fields and getters named like the environment, `isProduction()` helpers, and variables
 * whose value is one of those (`const isProd = env === 'production'`), resolved in scope.
 * Also the calls that issue credentials, which make the code around them auth code.
 */
export class EnvironmentVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];
  /** Per class: members (getters, fields, `#private` ones) whose value is an environment read. */
  private readonly classMembers = new Map<ts.Node, Map<string, string>>();

  constructor(private readonly walk: Walk) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.IfStatement,
      kind.ConditionalExpression,
      kind.SwitchStatement,
      kind.BinaryExpression,
      kind.VariableDeclaration,
      kind.BindingElement,
      kind.ClassDeclaration,
      kind.ClassExpression,
      kind.CallExpression,
      kind.NewExpression,
    ];
  }

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  /** Module-level values first: a function above `const isProd = …` still tests the environment. */
  prepare(): void {
    const t = this.ts;
    const declarations = this.walk.sourceFile.statements.flatMap((statement) =>
      t.isVariableStatement(statement) ? [...statement.declarationList.declarations] : [],
    );
    // Values spread through `const isProd = env === 'production'`; a few rounds reach a fixed point.
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const declaration of declarations) {
        if (!t.isIdentifier(declaration.name)) continue;
        const binding = this.walk.scope.module.get(declaration.name.text);
        if (!binding || binding.environment) continue;
        this.noteDeclaration(declaration);
        changed ||= binding.environment !== undefined;
      }
      if (!changed) break;
    }
  }

  enter(node: ts.Node): boolean {
    const t = this.ts;
    const inCondition = this.walk.inCondition;
    // Calls first: they are most of the nodes this visitor sees.
    if (t.isCallExpression(node) || t.isNewExpression(node)) this.noteCredentialIssue(node);
    else if (t.isIfStatement(node)) this.checkCondition(node.expression);
    else if (t.isConditionalExpression(node)) {
      if (!inCondition) this.checkCondition(node.condition);
    } else if (t.isSwitchStatement(node)) this.checkCondition(node.expression);
    else if (t.isBinaryExpression(node)) {
      if (!inCondition && isGuardOperator(t, node)) this.checkCondition(node);
    } else if (t.isVariableDeclaration(node)) this.noteDeclaration(node);
    else if (t.isBindingElement(node)) this.noteDestructuredEnv(node);
    else if (t.isClassDeclaration(node) || t.isClassExpression(node)) this.noteEnvironmentMembers(node);
    return false;
  }

  /**
   * `get isProduction() { return this.config.get('NODE_ENV') === 'production'; }`,
   * `#isDev = process.env.NODE_ENV === 'development'`: a read of `this.isProduction` in the class
   * is an environment read. Judged by the member's value, not its name.
   */
  private noteEnvironmentMembers(node: ts.ClassLikeDeclaration): void {
    const t = this.ts;
    const members = new Map<string, string>();
    this.classMembers.set(node, members);
    for (let round = 0; round < 3; round++) {
      let changed = false;
      for (const member of node.members) {
        const name = member.name && memberName(t, member.name);
        if (!name || members.has(name)) continue;
        const value = this.memberValue(member);
        const environment = value && this.environmentValue(value);
        if (!environment) continue;
        members.set(name, environment);
        changed = true;
      }
      if (!changed) break;
    }
  }

  private memberValue(member: ts.ClassElement): ts.Expression | undefined {
    const t = this.ts;
    if (t.isPropertyDeclaration(member)) return member.initializer;
    if (!t.isGetAccessorDeclaration(member) || !member.body) return undefined;
    const statements = member.body.statements;
    const last = statements[statements.length - 1];
    return statements.length === 1 && last && t.isReturnStatement(last) ? last.expression : undefined;
  }

  /** `this.isProduction` / `this.#isProd` inside a class whose member reads the environment. */
  private environmentMember(node: ts.PropertyAccessExpression): string | undefined {
    const t = this.ts;
    if (node.expression.kind !== t.SyntaxKind.ThisKeyword) return undefined;
    const name = memberName(t, node.name);
    for (let parent: ts.Node | undefined = node.parent; parent; parent = parent.parent) {
      if (!t.isClassDeclaration(parent) && !t.isClassExpression(parent)) continue;
      const environment = name ? this.classMembers.get(parent)?.get(name) : undefined;
      return environment ? `this.${name}` : undefined;
    }
    return undefined;
  }

  private noteCredentialIssue(node: ts.CallExpression | ts.NewExpression): void {
    const kind = this.credentialIssueKind(node);
    if (!kind) return;
    const fact: CredentialIssueFact = {
      kind,
      detail: shortText(node.expression, this.walk.sourceFile, 60),
      span: spanOf(node, this.walk.sourceFile),
    };
    (this.walk.record.credentialIssues ??= []).push(fact);
  }

  private credentialIssueKind(node: ts.CallExpression | ts.NewExpression): CredentialIssueKind | undefined {
    const t = this.ts;
    const callee = node.expression;
    const fromJwtLibrary = this.rootImport(callee) !== undefined;
    if (t.isNewExpression(node))
      return fromJwtLibrary && t.isIdentifier(callee) && /^(SignJWT|EncryptJWT)$/.test(callee.text)
        ? 'sign'
        : undefined;
    const member = t.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const name = member ?? (t.isIdentifier(callee) ? callee.text : undefined);
    if (!name) return undefined;
    if ((name === 'sign' || name === 'signAsync') && (fromJwtLibrary || /jwt/i.test(this.receiverText(callee))))
      return 'sign';
    if (fromJwtLibrary) return 'jwt-library';
    const cookieName = node.arguments?.[0];
    const setsCookie =
      name === 'cookie' || name === 'setCookie' || (name === 'set' && /(^|\.)cookies$/.test(this.receiverText(callee)));
    if (setsCookie && cookieName && t.isStringLiteralLike(cookieName) && isCredentialCookieName(cookieName.text))
      return 'cookie';
    if (isSignInName(name)) return 'sign-in';
    // A credential noun must appear somewhere in the callee: checked on its raw text before splitting it.
    if (!this.calleeMentionsCredential(callee)) return undefined;
    return isCredentialIssuingName(shortText(callee, this.walk.sourceFile, 80)) ? 'issuing-call' : undefined;
  }

  /** The receiver's text, only where a name needs it: most calls are neither signing nor cookies. */
  private receiverText(callee: ts.Expression): string {
    return this.ts.isPropertyAccessExpression(callee) ? shortText(callee.expression, this.walk.sourceFile, 60) : '';
  }

  /**
   * `CREDENTIAL_HINT` on the callee's source text. A plain member chain (`a.b.c`) is tested name by
   * name, without slicing the text out: that is nearly every callee.
   */
  private calleeMentionsCredential(callee: ts.Expression): boolean {
    const t = this.ts;
    let current = callee;
    while (t.isPropertyAccessExpression(current)) {
      if (CREDENTIAL_HINT.test(current.name.text)) return true;
      current = current.expression;
    }
    if (t.isIdentifier(current)) return CREDENTIAL_HINT.test(current.text);
    if (current.kind === t.SyntaxKind.ThisKeyword) return false;
    const sourceFile = this.walk.sourceFile;
    return CREDENTIAL_HINT.test(sourceFile.text.slice(callee.getStart(sourceFile), callee.end));
  }

  /** The JWT library the callee's root identifier was imported from (`JWT.sign`, `JwtModule.register`). */
  private rootImport(callee: ts.Expression): string | undefined {
    const t = this.ts;
    let root: ts.Expression = callee;
    while (t.isPropertyAccessExpression(root) || t.isElementAccessExpression(root)) root = root.expression;
    // Imports are notable names: most roots are not, and need no lookup through every scope.
    if (!t.isIdentifier(root) || !this.walk.scope.notable.has(root.text)) return undefined;
    const specifier = this.walk.importOf(root.text)?.specifier;
    return specifier && jwtLibrary(specifier) ? specifier : undefined;
  }

  /** What a declared variable holds, for later reads of it: the environment, `process.env`, a literal. */
  private noteDeclaration(node: ts.VariableDeclaration): void {
    const t = this.ts;
    if (!t.isIdentifier(node.name) || !node.initializer) return;
    const binding = this.walk.scope.lookup(node.name.text);
    if (!binding) return;
    const init = unwrap(t, node.initializer);
    binding.initializer = init;
    if (isProcessEnvExpression(t, init)) binding.isProcessEnv = true;
    binding.environment ??= this.environmentValue(init);
  }

  /** `const { NODE_ENV } = process.env`. */
  private noteDestructuredEnv(node: ts.BindingElement): void {
    const key = destructuredProcessEnvKey(this.ts, node);
    if (!key || !isEnvironmentVariable(key)) return;
    const binding = this.walk.scope.lookup((node.name as ts.Identifier).text);
    if (binding) binding.environment = `process.env.${key}`;
  }

  private checkCondition(node: ts.Expression): void {
    const dependsOn = this.envDependency(node);
    if (!dependsOn) return;
    const fact: EnvConditionFact = {
      text: shortText(node, this.walk.sourceFile),
      dependsOn,
      span: spanOf(node, this.walk.sourceFile),
    };
    const authScope = [...this.walk.scopeNames].reverse().find((name) => isAuthName(name));
    if (authScope) fact.authScope = authScope;
    const nonProductionBranch = this.nonProductionBranch(node, 0);
    if (nonProductionBranch) fact.nonProductionBranch = nonProductionBranch;
    const mounts = this.mountedModules(node);
    if (mounts.length > 0) fact.mounts = mounts;
    this.walk.noteEnvCondition(node, this.walk.record.envConditions.length);
    this.walk.record.envConditions.push(fact);
  }

  /** Specifiers of the imports an `if`'s branches reference (a handful is enough to judge). */
  private mountedModules(condition: ts.Expression): string[] {
    const t = this.ts;
    const statement = condition.parent;
    if (!statement || !t.isIfStatement(statement) || statement.expression !== condition) return [];
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (found.size >= 8) return;
      if (t.isIdentifier(node) && isValueReference(t, node)) {
        const specifier = this.walk.importOf(node.text)?.specifier;
        if (specifier) found.add(specifier);
      }
      t.forEachChild(node, visit);
    };
    visit(statement.thenStatement);
    if (statement.elseStatement) visit(statement.elseStatement);
    return [...found];
  }

  /**
   * Which branch of a condition runs only outside production: `then` for `NODE_ENV === 'test'`,
   * `isDev`, `['test', 'local'].includes(env)`; `else` for `!==`, `!`, `isProduction`. Mixed
   * conditions (`env === 'dev' || env === 'production'`) pin neither branch.
   */
  private nonProductionBranch(node: ts.Expression, depth: number): 'then' | 'else' | undefined {
    const t = this.ts;
    const expression = unwrap(t, node);
    if (depth > 4) return undefined;
    if (t.isPrefixUnaryExpression(expression) && expression.operator === t.SyntaxKind.ExclamationToken)
      return flipBranch(this.nonProductionBranch(expression.operand, depth + 1));
    if (t.isBinaryExpression(expression)) return this.binaryBranch(expression, depth);
    if (t.isCallExpression(expression)) {
      const includes = this.includesBranch(expression);
      if (includes) return includes;
      if (!this.directEnvRead(expression)) return undefined;
      return flagBranch(calleeName(t, expression.expression));
    }
    if (!this.directEnvRead(expression)) return undefined;
    if (t.isIdentifier(expression)) {
      const initializer = this.walk.scope.lookup(expression.text)?.initializer;
      return (initializer && this.nonProductionBranch(initializer, depth + 1)) ?? flagBranch(expression.text);
    }
    if (t.isPropertyAccessExpression(expression)) return flagBranch(expression.name.text);
    return undefined;
  }

  private binaryBranch(expression: ts.BinaryExpression, depth: number): 'then' | 'else' | undefined {
    const t = this.ts;
    const operator = expression.operatorToken.kind;
    if (operator === t.SyntaxKind.AmpersandAmpersandToken || operator === t.SyntaxKind.BarBarToken) {
      const left = this.nonProductionBranch(expression.left, depth + 1);
      const right = this.nonProductionBranch(expression.right, depth + 1);
      // `a && b` runs `then` only when both hold: one operand pinned to `then` pins it, and its
      // `else` (`!a || !b`) only when both are pinned to `else`. `a || b` is the mirror image.
      const and = operator === t.SyntaxKind.AmpersandAmpersandToken;
      const pinned = and ? 'then' : 'else';
      if (left === pinned || right === pinned) return pinned;
      return left === flipBranch(pinned) && right === flipBranch(pinned) ? flipBranch(pinned) : undefined;
    }
    const equal = operator === t.SyntaxKind.EqualsEqualsEqualsToken || operator === t.SyntaxKind.EqualsEqualsToken;
    const unequal =
      operator === t.SyntaxKind.ExclamationEqualsEqualsToken || operator === t.SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return undefined;
    const literal = [expression.left, expression.right]
      .map((side) => unwrap(t, side))
      .find((side) => t.isStringLiteralLike(side));
    if (!literal || !t.isStringLiteralLike(literal) || !this.envDependency(expression)) return undefined;
    const branch = deploymentNameBranch(literal.text);
    return equal ? branch : flipBranch(branch);
  }

  private includesBranch(expression: ts.CallExpression): 'then' | undefined {
    const t = this.ts;
    if (!this.environmentComparison(expression) || !t.isPropertyAccessExpression(expression.expression))
      return undefined;
    const array = arrayLiteral(this.walk, expression.expression.expression);
    const names = array?.elements.map((element) => unwrap(t, element)) ?? [];
    const allNonProduction =
      names.length > 0 && names.every((name) => t.isStringLiteralLike(name) && isNonProductionName(name.text));
    return allNonProduction ? 'then' : undefined;
  }

  /**
   * What environment read a variable's value *is*: the read itself, a default for it, or a
   * boolean derived from it (`isProd = env === 'production'`). A value merely computed near one
   * (`secret = candidates.find(...)`) is not the environment, so testing it is no branch on it.
   */
  private environmentValue(init: ts.Expression): string | undefined {
    const t = this.ts;
    const expression = unwrap(t, init);
    const direct = this.directEnvRead(expression);
    if (direct) return direct;
    if (t.isPrefixUnaryExpression(expression) && expression.operator === t.SyntaxKind.ExclamationToken)
      return this.envDependency(expression.operand);
    if (t.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === t.SyntaxKind.QuestionQuestionToken || operator === t.SyntaxKind.BarBarToken) {
        return (
          this.environmentValue(expression.left) ??
          (operator === t.SyntaxKind.BarBarToken ? this.booleanOfEnvironment(expression) : undefined)
        );
      }
      return this.booleanOfEnvironment(expression);
    }
    if (t.isCallExpression(expression) && t.isPropertyAccessExpression(expression.expression)) {
      const method = expression.expression.name.text;
      if (/^(toLowerCase|toUpperCase|trim)$/.test(method))
        return this.environmentValue(expression.expression.expression);
      if (method === 'includes' || method === 'startsWith' || method === 'endsWith')
        return this.envDependency(expression);
    }
    return undefined;
  }

  /** Comparisons and logic over environment reads are booleans about the environment. */
  private booleanOfEnvironment(expression: ts.BinaryExpression): string | undefined {
    const t = this.ts;
    const kind = expression.operatorToken.kind;
    const isBoolean =
      kind === t.SyntaxKind.EqualsEqualsEqualsToken ||
      kind === t.SyntaxKind.ExclamationEqualsEqualsToken ||
      kind === t.SyntaxKind.EqualsEqualsToken ||
      kind === t.SyntaxKind.ExclamationEqualsToken ||
      kind === t.SyntaxKind.AmpersandAmpersandToken ||
      kind === t.SyntaxKind.BarBarToken ||
      kind === t.SyntaxKind.InKeyword;
    return isBoolean ? this.envDependency(expression) : undefined;
  }

  /** What environment read an expression depends on, if any (function bodies inside it excluded). */
  private envDependency(node: ts.Node): string | undefined {
    const t = this.ts;
    if (t.isFunctionLike(node)) return undefined;
    const direct = this.directEnvRead(node);
    if (direct) return direct;
    return t.forEachChild(node, this.childEnvDependency);
  }

  /** `forEachChild` stops at the first child that returns a value: allocated once, not per node. */
  private readonly childEnvDependency = (child: ts.Node): string | undefined => this.envDependency(child);

  private directEnvRead(node: ts.Node): string | undefined {
    const t = this.ts;
    const compared = this.environmentComparison(node);
    if (compared) return compared;
    if (t.isIdentifier(node))
      return isValueReference(t, node) ? this.walk.scope.lookup(node.text)?.environment : undefined;
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) {
      const envName = processEnvName(this.walk, node);
      if (envName !== undefined)
        return envName && isEnvironmentVariable(envName) ? `process.env.${envName}` : undefined;
      if (!t.isPropertyAccessExpression(node)) return undefined;
      const member = this.environmentMember(node);
      if (member) return member;
      const name = node.name.text;
      if (name === 'MODE' || name === 'DEV' || name === 'PROD') {
        if (dottedName(t, node.expression) === 'import.meta.env') return `import.meta.env.${name}`;
      }
      if (isEnvironmentField(name)) {
        const owner = dottedName(t, node.expression);
        if (owner !== undefined && isConfigLikeOwner(owner)) return `${owner}.${name}`;
      }
      return undefined;
    }
    if (t.isCallExpression(node)) return this.environmentCall(node);
    return undefined;
  }

  private environmentCall(node: ts.CallExpression): string | undefined {
    const t = this.ts;
    const callee = node.expression;
    const name = t.isIdentifier(callee)
      ? callee.text
      : t.isPropertyAccessExpression(callee)
        ? callee.name.text
        : undefined;
    // Runtime-environment helpers take no arguments; `getEnvironment(keyConfig)` looks up something else.
    const ownerIsConfig =
      !t.isPropertyAccessExpression(callee) || isConfigLikeOwner(dottedName(t, callee.expression) ?? '');
    if (name && isEnvironmentHelper(name) && node.arguments.length === 0 && ownerIsConfig)
      return `${shortText(callee, this.walk.sourceFile, 40)}()`;
    const firstArgument = node.arguments[0];
    // `env('NODE_ENV')`: a helper reading one variable by name.
    if (
      name &&
      isEnvironmentReader(name) &&
      firstArgument &&
      t.isStringLiteralLike(firstArgument) &&
      isEnvironmentVariable(firstArgument.text)
    )
      return shortText(node, this.walk.sourceFile, 60);
    // `configService.get('NODE_ENV')`, Express's `app.get('env')`; not `cache.get('env')`.
    const getterOwner = t.isPropertyAccessExpression(callee) ? (dottedName(t, callee.expression) ?? '') : '';
    if (
      name === 'get' &&
      firstArgument &&
      t.isStringLiteralLike(firstArgument) &&
      isEnvironmentConfigKey(firstArgument.text) &&
      (isConfigLikeOwner(getterOwner) || /(^|\.)app$/.test(getterOwner))
    ) {
      return shortText(node, this.walk.sourceFile, 60);
    }
    return undefined;
  }

  /**
   * `ctx.environment === 'staging'`, `['staging', 'production'].includes(env)`: whatever holds
   * the value, comparing a field named like the environment with a deployment name is branching
   * on the environment. (`this.environment` alone may be a domain entity; compared with
   * 'staging' it is not.)
   */
  private environmentComparison(node: ts.Node): string | undefined {
    const t = this.ts;
    const equality = t.isBinaryExpression(node) ? node.operatorToken.kind : undefined;
    if (
      t.isBinaryExpression(node) &&
      (equality === t.SyntaxKind.EqualsEqualsEqualsToken ||
        equality === t.SyntaxKind.ExclamationEqualsEqualsToken ||
        equality === t.SyntaxKind.EqualsEqualsToken ||
        equality === t.SyntaxKind.ExclamationEqualsToken)
    ) {
      if (this.isEnvironmentNamed(node.left) && this.isEnvironmentLiteral(node.right)) return this.describe(node.left);
      if (this.isEnvironmentNamed(node.right) && this.isEnvironmentLiteral(node.left)) return this.describe(node.right);
    }
    if (
      t.isCallExpression(node) &&
      t.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'includes' &&
      node.arguments[0]
    ) {
      const array = arrayLiteral(this.walk, node.expression.expression);
      if (
        array?.elements.some((element) => this.isEnvironmentLiteral(element)) &&
        this.isEnvironmentNamed(node.arguments[0])
      )
        return this.describe(node.arguments[0]);
    }
    return undefined;
  }

  private isEnvironmentNamed(expression: ts.Expression): boolean {
    const t = this.ts;
    const inner = unwrap(t, expression);
    const target =
      t.isCallExpression(inner) &&
      t.isPropertyAccessExpression(inner.expression) &&
      /^(toLowerCase|toUpperCase|trim)$/.test(inner.expression.name.text)
        ? inner.expression.expression
        : inner;
    if (t.isIdentifier(target)) return isEnvironmentField(target.text);
    return (
      t.isPropertyAccessExpression(target) &&
      isEnvironmentField(target.name.text) &&
      !/(^|\.)(headers|query|body|params)$/.test(dottedName(t, target.expression) ?? '')
    );
  }

  private isEnvironmentLiteral(expression: ts.Expression): boolean {
    const inner = unwrap(this.ts, expression);
    return this.ts.isStringLiteralLike(inner) && isEnvironmentNameLiteral(inner.text);
  }

  /** A variable holding the environment names where its value came from (`process.env.ENVIRONMENT`), not itself. */
  private describe(expression: ts.Expression): string {
    const inner = unwrap(this.ts, expression);
    return (
      (this.ts.isIdentifier(inner) && this.walk.scope.lookup(inner.text)?.environment) ||
      shortText(expression, this.walk.sourceFile, 60)
    );
  }
}

/**
 * For `process.env.X` / `process.env['X']` (or an alias `const env = process.env`) returns `X`;
 * for a computed `process.env[k]` an empty string; for anything else undefined.
 */
export function processEnvName(
  walk: Walk,
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
): string | undefined {
  const t = walk.ts;
  const object = node.expression;
  const isProcessEnv =
    isProcessEnvExpression(t, object) ||
    (t.isIdentifier(object) && walk.scope.lookup(object.text)?.isProcessEnv === true);
  if (!isProcessEnv) return undefined;
  if (t.isPropertyAccessExpression(node)) return node.name.text;
  return t.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '';
}

/** `X` for the binding `{ X }` or `{ X: x }` of `const … = process.env` (bound to a plain name), else undefined. */
export function destructuredProcessEnvKey(t: TypeScript, node: ts.BindingElement): string | undefined {
  const declaration = node.parent.parent;
  if (!t.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!isProcessEnvExpression(t, declaration.initializer) || !t.isIdentifier(node.name)) return undefined;
  const keyNode = node.propertyName ?? node.name;
  return t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
}

/** A literal array, written in place or held by a `const` in scope. */
export function arrayLiteral(walk: Walk, node: ts.Expression): ts.ArrayLiteralExpression | undefined {
  const t = walk.ts;
  const expression = unwrap(t, node);
  if (t.isArrayLiteralExpression(expression)) return expression;
  if (!t.isIdentifier(expression)) return undefined;
  const init = walk.scope.lookup(expression.text)?.initializer;
  return init && t.isArrayLiteralExpression(init) ? init : undefined;
}

/** An identifier that reads a value (not a declaration's name, not a member name). */
function isValueReference(t: TypeScript, node: ts.Identifier): boolean {
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
      t.isFunctionDeclaration(parent)) &&
    (parent as { name?: ts.Node }).name === node
  )
    return false;
  return true;
}

function calleeName(t: TypeScript, callee: ts.Expression): string | undefined {
  if (t.isIdentifier(callee)) return callee.text;
  return t.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** A member's name as `this.x` reads it: identifiers, `#private` names, string keys. */
function memberName(t: TypeScript, name: ts.PropertyName | ts.MemberName): string | undefined {
  if (t.isIdentifier(name) || t.isPrivateIdentifier(name) || t.isStringLiteral(name)) return name.text;
  return undefined;
}

/** Cheap pre-check for `isCredentialIssuingName`: the callee text mentions a credential at all. */
const CREDENTIAL_HINT = /token|session|jwt|cookie|credential|ticket|otp|auth|login|signin/i;

/** `process.env` (through parentheses and `!`), tested on the tree: `dottedName` would build a string per member read. */
function isProcessEnvExpression(t: TypeScript, node: ts.Expression): boolean {
  let current = node;
  while (t.isParenthesizedExpression(current) || t.isNonNullExpression(current)) current = current.expression;
  if (!t.isPropertyAccessExpression(current) || current.name.text !== 'env') return false;
  let object: ts.Expression = current.expression;
  while (t.isParenthesizedExpression(object) || t.isNonNullExpression(object)) object = object.expression;
  return t.isIdentifier(object) && object.text === 'process';
}
