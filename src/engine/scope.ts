import type ts from 'typescript';
import type { TypeScript } from './syntax.js';
import type { ValueRef } from './types.js';

/** A JWT-library binding: a module and a member path inside it (`jsonwebtoken` + `['verify']`). */
export interface JwtBinding {
  module: string;
  path: string[];
}

/**
 * What one name denotes in one scope. Visitors annotate the binding where it is declared, so
 * every later use resolves to the declaration that really is in scope: a parameter named
 * `jwt` hides an import named `jwt`.
 */
export interface Binding {
  declaredAs: 'import' | 'variable' | 'parameter' | 'function' | 'class' | 'catch';
  /** For imports, `require`s and `await import()`s: where the name comes from. */
  from?: { specifier: string; imported: string; typeOnly: boolean };
  /** The JWT-library member the name denotes, if any. */
  jwt?: JwtBinding;
  /** For the call graph: what the name holds, as far as this file can tell. */
  value?: ValueRef;
  /** A local function (`const f = () => …`): calls of it stay inside the file's flow. */
  isFunction?: boolean;
  /** The environment read the value is (`const env = process.env.NODE_ENV`). */
  environment?: string;
  /** `const env = process.env`: member reads of it are environment reads. */
  isProcessEnv?: boolean;
  /** The initialiser of a `const`, for literal keys and literal arrays passed by name. */
  initializer?: ts.Expression;
}

type Frame = Map<string, Binding>;

/**
 * The lexical scopes of one walk: the module, functions (with their parameters), blocks, catch
 * clauses and loops. A scope's names are declared when the walk enters it (declarations are
 * hoisted to their block), so a use before the declaration line still resolves to it.
 */
export class ScopeStack {
  /**
   * Innermost last. A scope that declares nothing (most blocks) has no map: one is made on the
   * first declaration, as a map per block was most of the walk's garbage.
   */
  private readonly frames: (Frame | undefined)[] = [new Map()];

  constructor(private readonly ts: TypeScript) {}

  get depth(): number {
    return this.frames.length;
  }

  /** The module scope: imports and top-level declarations. */
  get module(): Frame {
    return this.frames[0]!;
  }

  push(): void {
    this.frames.push(undefined);
  }

  pop(): void {
    if (this.frames.length > 1) this.frames.pop();
  }

  declare(name: string, binding: Binding): Binding {
    const innermost = this.frames.length - 1;
    (this.frames[innermost] ??= new Map()).set(name, binding);
    return binding;
  }

  /** The binding `name` resolves to here, innermost scope first. */
  lookup(name: string): Binding | undefined {
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const binding = this.frames[index]?.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /** Whether the innermost scope itself declares `name`. */
  isDeclaredHere(name: string): boolean {
    return this.frames[this.frames.length - 1]?.has(name) ?? false;
  }

  /**
   * Names that some scope binds to a JWT library or a project import. Most identifiers of a file
   * are neither: checking this set first keeps the walk from resolving every one of them.
   */
  readonly notable = new Set<string>();

  /** Whether `name` resolves to a binding of an inner (non-module) scope. */
  isLocal(name: string): boolean {
    for (let index = this.frames.length - 1; index >= 1; index--) if (this.frames[index]?.has(name)) return true;
    return false;
  }

  /** Declares every name a binding pattern introduces (`{ a, b: [c] }`), each as `declaredAs`. */
  declarePattern(name: ts.BindingName, declaredAs: Binding['declaredAs']): void {
    const t = this.ts;
    if (t.isIdentifier(name)) {
      this.declare(name.text, { declaredAs });
      return;
    }
    for (const element of name.elements)
      if (!t.isOmittedExpression(element)) this.declarePattern(element.name, declaredAs);
  }

  /** Hoists the declarations of a block's (or a module's) own statements into the current scope. */
  declareStatements(statements: readonly ts.Statement[]): void {
    const t = this.ts;
    for (const statement of statements) {
      if (t.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations)
          this.declarePattern(declaration.name, 'variable');
      } else if (t.isFunctionDeclaration(statement) && statement.name) {
        this.declare(statement.name.text, { declaredAs: 'function', isFunction: true });
      } else if ((t.isClassDeclaration(statement) || t.isEnumDeclaration(statement)) && statement.name) {
        this.declare(statement.name.text, { declaredAs: 'class' });
      }
    }
  }
}
