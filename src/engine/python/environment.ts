import type { SyntaxNode as Node } from './tree.js';
import {
  deploymentNameBranch,
  flagBranch,
  flipBranch,
  isConfigLikeOwner,
  isEnvironmentField,
  isEnvironmentHelper,
  isEnvironmentNameLiteral,
  isEnvironmentVariable,
  isNonProductionName,
  isProductionName,
} from '../naming.js';
import type { EnvConditionFact } from '../types.js';
import { callArguments, comparisonOperators, sequenceElements, shortened, stringValue, unwrap } from './syntax.js';
import { lastSegment, type PythonVisitor, type PythonWalk } from './walk.js';

const MAX_DEPTH = 4;
const ENVIRONMENT_VALUE_TYPES = new Set([
  'comparison_operator',
  'not_operator',
  'boolean_operator',
  'call',
  'subscript',
  'attribute',
  'identifier',
]);

/** Calls that read one environment variable by name. */
const ENV_READERS = new Set([
  'os.getenv',
  'os.environ.get',
  'os.environ.setdefault',
  'decouple.config',
  'os.environ.pop',
]);

/** A read of a configuration value: an environment variable, or a field of a settings object. */
export interface ConfigRead {
  /** The variable or field name (`JWT_SECRET`). */
  name: string;
  /** `os.environ`, `settings`, `app.config`, or the BaseSettings class. */
  source: string;
  node: Node;
  /** The literal or expression used when the variable is missing (`os.getenv("X", "dev")`). */
  fallback?: Node;
  /** The module a settings object is imported from. */
  from?: string;
  /** An environment variable rather than a field of a settings object. */
  variable: boolean;
}

/** `os.environ["X"]`, `os.getenv("X", d)`, `os.environ.get("X")`, `config("X")` (python-decouple), `settings.X`, `app.config["X"]`. */
export function configReadOf(walk: PythonWalk, node: Node): ConfigRead | undefined {
  if (node.type === 'subscript') {
    const object = node.childForFieldName('value');
    const key = stringValue(node.childForFieldName('subscript'));
    if (!object || key === undefined) return undefined;
    if (walk.qualified(object) === 'os.environ') return { name: key, source: 'os.environ', node, variable: true };
    if (/(^|\.)config$/.test(object.text))
      return { name: key, source: shortened(object.text, 40), node, variable: false };
    return undefined;
  }
  if (node.type === 'call') {
    const qualified = walk.qualified(node.childForFieldName('function'));
    if (!qualified || !ENV_READERS.has(qualified)) return undefined;
    const args = callArguments(node);
    const name = stringValue(args.positional[0] ?? args.keywords.get('key'));
    if (name === undefined) return undefined;
    const fallback = args.positional[1] ?? args.keywords.get('default');
    return { name, source: 'os.environ', node, ...(fallback ? { fallback } : {}), variable: true };
  }
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('attribute')?.text;
    if (!object || !name) return undefined;
    const owner = object.text.replace(/\(\)$/, '').replace(/^get_/, '');
    if (!isConfigLikeOwner(owner)) return undefined;
    // `os.environ` is a mapping, not a settings object: its attributes are methods.
    if (walk.qualified(object) === 'os.environ') return undefined;
    const root = rootIdentifier(object);
    const imported = root ? walk.importOf(root) : undefined;
    return {
      name,
      source: shortened(object.text, 40),
      node,
      variable: false,
      ...(imported && imported.imported !== '*' ? { from: imported.specifier } : {}),
    };
  }
  return undefined;
}

function rootIdentifier(node: Node): string | undefined {
  let current = unwrap(node);
  while (current.type === 'attribute' || current.type === 'call')
    current = unwrap(
      (current.type === 'attribute' ? current.childForFieldName('object') : current.childForFieldName('function'))!,
    );
  return current.type === 'identifier' ? current.text : undefined;
}

/**
 * Conditions on the deployment environment: `if os.getenv("ENVIRONMENT") == "production"`,
 * `if settings.ENVIRONMENT in ["staging", "production"]`, `if is_production():`, and names whose
 * value is one of those (`environment = os.environ.get("ENV")`).
 */
export class PythonEnvironmentVisitor implements PythonVisitor {
  constructor(private readonly walk: PythonWalk) {}

  enter(node: Node): void {
    if (node.type === 'if_statement' || node.type === 'elif_clause' || node.type === 'while_statement')
      this.checkCondition(node.childForFieldName('condition'));
    else if (node.type === 'conditional_expression') this.checkCondition(node.namedChildren[1] ?? null);
  }

  private checkCondition(condition: Node | null): void {
    if (!condition) return;
    const dependsOn = this.envDependency(condition, 0);
    if (!dependsOn) return;
    const fact: EnvConditionFact = {
      text: shortened(condition.text),
      dependsOn,
      span: this.walk.span(condition),
    };
    const authScope = this.walk.authScope();
    if (authScope) fact.authScope = authScope;
    const branch = this.nonProductionBranch(condition, 0);
    if (branch) fact.nonProductionBranch = branch;
    const mounts = this.mountedModules(condition);
    if (mounts.length > 0) fact.mounts = mounts;
    this.walk.noteEnvCondition(condition, this.walk.record.envConditions.length);
    this.walk.record.envConditions.push(fact);
  }

  /** The environment read a condition depends on, named for the report; undefined when it reads none. */
  envDependency(node: Node, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const direct = this.directEnvRead(node, depth);
    if (direct) return direct;
    if (node.type === 'lambda' || node.type === 'function_definition') return undefined;
    for (const child of node.namedChildren) {
      const found = this.envDependency(child, depth);
      if (found) return found;
    }
    return undefined;
  }

  private directEnvRead(node: Node, depth: number): string | undefined {
    const expression = unwrap(node);
    const read = configReadOf(this.walk, expression);
    if (read) {
      if (read.variable && isEnvironmentVariable(read.name)) return `os.environ["${read.name}"]`;
      if (!read.variable && isEnvironmentField(read.name)) return `${read.source}.${read.name}`;
      return undefined;
    }
    if (expression.type === 'call') {
      const callee = expression.childForFieldName('function');
      const name = callee ? lastSegment(callee.text) : '';
      if (isEnvironmentHelper(name)) return `${shortened(callee!.text, 40)}()`;
      return undefined;
    }
    if (expression.type === 'identifier') {
      const value = this.walk.valueOf(expression.text);
      if (value && value !== expression) return this.environmentValue(value, depth + 1);
      const imported = this.walk.importOf(expression.text);
      if (imported && imported.imported !== '*' && isEnvironmentVariable(imported.imported))
        return `${imported.specifier}.${imported.imported}`;
    }
    return undefined;
  }

  /** What a variable's value is: an environment read, or a boolean made of one (`is_prod = env == "production"`). */
  private environmentValue(value: Node, depth: number): string | undefined {
    // `x = str(x)`, `query = query.filter(...)`: names that hold themselves end here.
    if (depth > MAX_DEPTH) return undefined;
    const expression = unwrap(value);
    if (!ENVIRONMENT_VALUE_TYPES.has(expression.type)) return undefined;
    const plainCall =
      expression.type === 'call' &&
      !configReadOf(this.walk, expression) &&
      !isEnvironmentHelper(lastSegment(expression.childForFieldName('function')?.text ?? ''));
    return plainCall ? this.callOnEnvironment(expression, depth) : this.envDependency(expression, depth);
  }

  /** `os.getenv("ENV", "dev").lower()`, `str(settings.ENVIRONMENT)`: still the environment. */
  private callOnEnvironment(call: Node, depth: number): string | undefined {
    const callee = call.childForFieldName('function');
    if (callee?.type === 'attribute') return this.environmentValue(callee.childForFieldName('object')!, depth + 1);
    const first = callArguments(call).positional[0];
    return callee?.type === 'identifier' && /^(str|bool)$/.test(callee.text) && first
      ? this.directEnvRead(first, depth)
      : undefined;
  }

  /** Which branch runs only outside production, as the TypeScript side decides it. */
  private nonProductionBranch(node: Node, depth: number): 'then' | 'else' | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const expression = unwrap(node);
    switch (expression.type) {
      case 'not_operator':
        return flipBranch(this.nonProductionBranch(expression.childForFieldName('argument')!, depth + 1));
      case 'boolean_operator': {
        const left = this.nonProductionBranch(expression.childForFieldName('left')!, depth + 1);
        const right = this.nonProductionBranch(expression.childForFieldName('right')!, depth + 1);
        const pinned = expression.childForFieldName('operator')?.type === 'and' ? 'then' : 'else';
        if (left === pinned || right === pinned) return pinned;
        return left === flipBranch(pinned) && right === flipBranch(pinned) ? flipBranch(pinned) : undefined;
      }
      case 'comparison_operator':
        return this.comparisonBranch(expression);
      case 'call': {
        if (!this.directEnvRead(expression, depth)) return undefined;
        return flagBranch(lastSegment(expression.childForFieldName('function')?.text ?? ''));
      }
      case 'identifier': {
        const value = this.walk.valueOf(expression.text);
        if (!this.directEnvRead(expression, depth)) return undefined;
        return (value && this.nonProductionBranch(value, depth + 1)) ?? flagBranch(expression.text);
      }
      case 'attribute':
        return this.directEnvRead(expression, depth)
          ? flagBranch(expression.childForFieldName('attribute')?.text ?? '')
          : undefined;
      default:
        return undefined;
    }
  }

  private comparisonBranch(expression: Node): 'then' | 'else' | undefined {
    const operators = comparisonOperators(expression);
    const operands = expression.namedChildren;
    if (operators.length !== 1 || operands.length !== 2 || !this.envDependency(expression, 0)) return undefined;
    const operator = operators[0]!;
    if (operator === '==' || operator === '!=' || operator === 'is' || operator === 'is not') {
      const literal = operands.map((side) => stringValue(unwrap(side))).find((value) => value !== undefined);
      if (literal === undefined) return undefined;
      const branch = deploymentNameBranch(literal);
      return operator === '==' || operator === 'is' ? branch : flipBranch(branch);
    }
    if (operator === 'in' || operator === 'not in') {
      const names = (sequenceElements(this.walk.resolveValue(operands[1]!)) ?? []).map((element) =>
        stringValue(element),
      );
      if (names.length === 0 || names.some((name) => name === undefined || !isEnvironmentNameLiteral(name)))
        return undefined;
      const branch = names.every((name) => isNonProductionName(name!))
        ? 'then'
        : names.every((name) => isProductionName(name!))
          ? 'else'
          : undefined;
      return operator === 'in' ? branch : flipBranch(branch);
    }
    return undefined;
  }

  /** Specifiers of the imports an `if`'s branches reference. */
  private mountedModules(condition: Node): string[] {
    const statement = condition.parent;
    if (statement?.type !== 'if_statement' || statement.childForFieldName('condition') !== condition) return [];
    const found = new Set<string>();
    const branches = [statement.childForFieldName('consequence'), ...statement.childrenForFieldName('alternative')];
    for (const branch of branches) {
      for (const identifier of branch?.descendantsOfType('identifier') ?? []) {
        if (found.size >= 8) break;
        const imported = identifier ? this.walk.importOf(identifier.text) : undefined;
        if (imported) found.add(imported.specifier);
      }
    }
    return [...found];
  }
}
