import type ts from 'typescript';
import { INSTANCE_MARKER, JWT_SERVICE_CLASSES, PRIMITIVE_NAMES, jwtLibrary, primitiveFor } from './jwt-libraries.js';
import {
  KEY_OPTION_NAMES,
  isAuthName,
  isBypassHeader,
  isConfigLikeOwner,
  isEnvironmentConfigKey,
  isEnvironmentField,
  isEnvironmentHelper,
  isEnvironmentNameLiteral,
  isEnvironmentVariable,
  isSecretName,
  isSuspiciousTokenContent,
  isTokenName,
} from './naming.js';
import { shortText, spanOf } from './span.js';
import { extractSuppressions } from './suppressions.js';
import type {
  BypassFact,
  CanonicalDeclarationFact,
  EnvConditionFact,
  FileFacts,
  ImportFact,
  ImportKind,
  MemberUseFact,
  SecretReadFact,
} from './types.js';

/** The TypeScript namespace that produced the AST: SyntaxKind numbers differ between versions. */
export type TypeScript = typeof ts;

/** A JWT-library binding: a module and a member path inside it. */
interface Binding {
  module: string;
  path: string[];
}

interface ConditionCandidate {
  node: ts.Expression;
  scopes: string[];
}

/**
 * Extracts every fact the rules need from one parsed file, in one walk plus a
 * short pass over the collected candidates. Pure: same AST in, same facts out.
 */
export function extractFacts(typescript: TypeScript, sourceFile: ts.SourceFile, file: string): FileFacts {
  return new FactExtractor(typescript, sourceFile, file).run();
}

class FactExtractor {
  private readonly facts: FileFacts;
  /** Local name -> JWT-library binding (file-wide; shadowing is rare enough in auth code to ignore). */
  private readonly bindings = new Map<string, Binding>();
  /** `this.<name>` -> JWT-library binding, from typed constructor parameters and fields. */
  private readonly instanceFields = new Map<string, Binding>();
  /** Local names bound to a whole local module (namespace import, require, await import). */
  private readonly namespaceLocals = new Set<string>();
  /** Local name -> what it imports from a project (non-JWT-library) module, for barrel-following. */
  private readonly projectImports = new Map<string, { specifier: string; imported: string }>();
  /** `const X = 'literal'` (or an encoded literal), for hard-coded keys passed by name. */
  private readonly literalConsts = new Map<string, ts.Expression>();
  /** Variable name -> initializer, for environment taint. */
  private readonly variableInits: { name: string; init: ts.Expression }[] = [];
  private readonly envTainted = new Map<string, string>();
  /** `const env = process.env` makes `env.JWT_SECRET` an environment read. */
  private readonly envAliases = new Set<string>();
  private readonly conditions: ConditionCandidate[] = [];
  private readonly scopeNames: string[] = [];
  private statementCounter = 0;
  /** Kinds the walk inspects; any other node is only descended into. */
  private readonly interestingKinds: ReadonlySet<ts.SyntaxKind>;
  /** Kinds that can name a scope (functions, classes, methods, fields). */
  private readonly scopeKinds: ReadonlySet<ts.SyntaxKind>;
  /** Kinds the walk never enters: imports (read up front) and type declarations. */
  private readonly skippedKinds: ReadonlySet<ts.SyntaxKind>;
  private readonly firstTypeNode: ts.SyntaxKind;
  private readonly lastTypeNode: ts.SyntaxKind;

  constructor(
    private readonly ts: TypeScript,
    private readonly sourceFile: ts.SourceFile,
    file: string,
  ) {
    this.facts = {
      file,
      lines: sourceFile.getLineAndCharacterOfPosition(sourceFile.getEnd()).line + 1,
      classes: [],
      canonicalDeclarations: [],
      imports: [],
      memberUses: [],
      exports: [],
      jwtUses: [],
      jwtCandidates: [],
      envConditions: [],
      secretReads: [],
      bypasses: [],
      suppressions: extractSuppressions(ts, sourceFile),
    };
    ({ interesting: this.interestingKinds, scopes: this.scopeKinds, skipped: this.skippedKinds } = kindSetsFor(ts));
    this.firstTypeNode = ts.SyntaxKind.FirstTypeNode;
    this.lastTypeNode = ts.SyntaxKind.LastTypeNode;
  }

  run(): FileFacts {
    // Static imports first: bindings must be known before the walk meets their uses.
    for (const statement of this.sourceFile.statements) {
      if (this.ts.isImportDeclaration(statement)) this.collectImportDeclaration(statement);
      else if (this.ts.isImportEqualsDeclaration(statement)) this.collectImportEquals(statement);
    }
    for (const statement of this.sourceFile.statements) this.collectTopLevel(statement);
    this.visit(this.sourceFile, false);
    this.computeEnvTaint();
    for (const candidate of this.conditions) this.checkCondition(candidate);
    this.facts.bypasses = uniqueBySpan(this.facts.bypasses);
    this.facts.secretReads = uniqueBySpan(this.facts.secretReads);
    return this.facts;
  }

  // ---------------------------------------------------------------- walk

  /** Child visitors, allocated once: a closure per node would be most of the walk's garbage. */
  private readonly visitPlain = (child: ts.Node): undefined => {
    this.visit(child, false);
    return undefined;
  };

  private readonly visitConditional = (child: ts.Node): undefined => {
    this.visit(child, true);
    return undefined;
  };

  private visitChildren(node: ts.Node, inCondition: boolean): void {
    this.ts.forEachChild(node, inCondition ? this.visitConditional : this.visitPlain);
  }

  private visit(node: ts.Node, inCondition: boolean): void {
    // Imports were read up front; types and type declarations hold no runtime behaviour.
    if (this.skippedKinds.has(node.kind) || (node.kind >= this.firstTypeNode && node.kind <= this.lastTypeNode)) return;
    const scopeName = this.scopeNameOf(node);
    if (scopeName === undefined) {
      this.visitNode(node, inCondition);
      return;
    }
    this.scopeNames.push(scopeName);
    this.visitNode(node, inCondition);
    this.scopeNames.pop();
  }

  private visitNode(node: ts.Node, inCondition: boolean): void {
    const t = this.ts;
    // Most nodes (keywords, literals, identifiers no import binds, blocks) need nothing but a walk.
    if (t.isIdentifier(node)) {
      if (!this.bindings.has(node.text) && !this.projectImports.has(node.text)) return;
    } else if (!this.interestingKinds.has(node.kind) && !t.isFunctionLike(node)) {
      this.visitChildren(node, inCondition);
      return;
    }
    if (t.isFunctionLike(node)) inCondition = false;

    if (t.isIfStatement(node)) {
      this.addCondition(node.expression);
      this.visit(node.expression, true);
      this.visit(node.thenStatement, false);
      if (node.elseStatement) this.visit(node.elseStatement, false);
      return;
    }
    if (t.isConditionalExpression(node)) {
      if (!inCondition) this.addCondition(node.condition);
      this.visit(node.condition, true);
      this.visit(node.whenTrue, inCondition);
      this.visit(node.whenFalse, inCondition);
      return;
    }
    if (t.isSwitchStatement(node)) {
      this.addCondition(node.expression);
      this.visit(node.expression, true);
      this.visit(node.caseBlock, false);
      return;
    }
    if (t.isBinaryExpression(node) && this.isGuard(node) && !inCondition) {
      this.addCondition(node);
      this.visitChildren(node, true);
      return;
    }

    if (t.isVariableDeclaration(node)) {
      // `const v = jwt.verify` is an alias, not a use: its uses are reported where `v` is called.
      if (this.collectVariable(node)) {
        this.visit(node.name, inCondition);
        return;
      }
    } else if (t.isParameter(node) || t.isPropertyDeclaration(node)) this.collectTypedJwtService(node);
    else if (t.isPropertyAssignment(node)) this.checkVerificationOption(node);
    else if (t.isBinaryExpression(node)) this.checkBinary(node);
    else if (t.isBindingElement(node)) this.checkDestructuredEnv(node);

    if (t.isCallExpression(node) || t.isNewExpression(node)) {
      this.checkCall(node);
    }
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) {
      this.checkSecretRead(node);
      this.collectMemberUse(node);
    }
    if (t.isElementAccessExpression(node) || t.isCallExpression(node)) this.checkHeaderRead(node);

    if (this.isReference(node)) {
      const binding = this.resolve(node as ts.Expression);
      const primitive = binding && primitiveFor(binding.module, binding.path);
      if (primitive) {
        this.facts.jwtUses.push({
          primitive: primitive.name,
          kind: primitive.kind,
          span: spanOf(this.useSite(node), this.sourceFile),
          ...(this.enclosingName() ? { enclosing: this.enclosingName() } : {}),
        });
        // Arguments may hold further uses or keys: `jwt.verify(token, 'secret')` is walked by the call.
        return;
      }
      if (t.isPropertyAccessExpression(node) && this.isFastifyJwtUse(node)) return;
      if (this.collectJwtCandidate(node as ts.Expression)) return;
    }

    this.visitChildren(node, inCondition);
  }

  private scopeNameOf(node: ts.Node): string | undefined {
    const t = this.ts;
    if (!this.scopeKinds.has(node.kind)) return undefined;
    if ((t.isFunctionDeclaration(node) || t.isClassDeclaration(node) || t.isClassExpression(node)) && node.name)
      return node.name.text;
    if (
      (t.isMethodDeclaration(node) ||
        t.isGetAccessor(node) ||
        t.isSetAccessor(node) ||
        t.isPropertyDeclaration(node)) &&
      node.name
    ) {
      return t.isIdentifier(node.name) || t.isPrivateIdentifier(node.name) || t.isStringLiteral(node.name)
        ? node.name.text
        : undefined;
    }
    if (
      (t.isArrowFunction(node) || t.isFunctionExpression(node)) &&
      t.isVariableDeclaration(node.parent) &&
      t.isIdentifier(node.parent.name)
    ) {
      return node.parent.name.text;
    }
    if (
      (t.isArrowFunction(node) || t.isFunctionExpression(node)) &&
      t.isPropertyAssignment(node.parent) &&
      t.isIdentifier(node.parent.name)
    ) {
      return node.parent.name.text;
    }
    return undefined;
  }

  /** `Class.method` or `function`, innermost first with its class. */
  private enclosingName(): string | undefined {
    const names = this.scopeNames;
    if (names.length === 0) return undefined;
    return names.length >= 2 ? `${names[names.length - 2]}.${names[names.length - 1]}` : names[0];
  }

  // ------------------------------------------------------- module graph

  private nextStatement(): number {
    return this.statementCounter++;
  }

  private addImport(
    kind: ImportKind,
    specifierNode: ts.StringLiteralLike,
    imported: string,
    local: string | undefined,
    at: ts.Node,
    typeOnly: boolean,
    statement: number,
  ): void {
    const fact: ImportFact = {
      kind,
      specifier: specifierNode.text,
      specifierSpan: spanOf(specifierNode, this.sourceFile),
      imported,
      span: spanOf(at, this.sourceFile),
      typeOnly,
      statement,
    };
    if (local !== undefined) fact.local = local;
    this.facts.imports.push(fact);
    if (local === undefined || typeOnly) return;
    const library = jwtLibrary(specifierNode.text);
    if (library) {
      const path =
        imported === '*'
          ? kind === 'require'
            ? library.requirePath
            : []
          : imported === 'default'
            ? library.defaultPath
            : [imported];
      if (kind !== 're-export') this.bindings.set(local, { module: library.module, path });
      return;
    }
    if (kind === 're-export') return;
    if (imported === '*') this.namespaceLocals.add(local);
    this.projectImports.set(local, { specifier: specifierNode.text, imported });
  }

  private collectImportDeclaration(node: ts.ImportDeclaration): void {
    const t = this.ts;
    if (!t.isStringLiteral(node.moduleSpecifier)) return;
    const statement = this.nextStatement();
    const clause = node.importClause;
    if (!clause) {
      this.addImport('import', node.moduleSpecifier, '*', undefined, node.moduleSpecifier, false, statement);
      return;
    }
    const typeOnly = clause.isTypeOnly;
    if (clause.name)
      this.addImport('import', node.moduleSpecifier, 'default', clause.name.text, clause.name, typeOnly, statement);
    const bindings = clause.namedBindings;
    if (bindings && t.isNamespaceImport(bindings)) {
      this.addImport('import', node.moduleSpecifier, '*', bindings.name.text, bindings.name, typeOnly, statement);
    } else if (bindings) {
      for (const element of bindings.elements) {
        const importedNode = element.propertyName ?? element.name;
        const imported = t.isIdentifier(importedNode) ? importedNode.text : importedNode.text;
        this.addImport(
          'import',
          node.moduleSpecifier,
          imported,
          element.name.text,
          importedNode,
          typeOnly || element.isTypeOnly,
          statement,
        );
      }
    }
  }

  private collectImportEquals(node: ts.ImportEqualsDeclaration): void {
    const t = this.ts;
    const reference = node.moduleReference;
    if (t.isExternalModuleReference(reference) && t.isStringLiteral(reference.expression)) {
      this.addImport(
        'require',
        reference.expression,
        '*',
        node.name.text,
        node.name,
        node.isTypeOnly,
        this.nextStatement(),
      );
    }
  }

  /** Exports, classes and `@canonical` declarations live at the top level of a module. */
  private collectTopLevel(statement: ts.Statement): void {
    const t = this.ts;
    if (t.isExportDeclaration(statement)) {
      this.collectExportDeclaration(statement);
      return;
    }
    if (t.isExportAssignment(statement)) {
      const expression = statement.expression;
      if (t.isIdentifier(expression)) {
        this.facts.exports.push({ exported: 'default', local: expression.text });
        this.facts.defaultExportName = expression.text;
      } else if (t.isClassExpression(expression) && expression.name) {
        this.facts.defaultExportName = expression.name.text;
      }
      return;
    }
    if (t.isExpressionStatement(statement)) {
      this.collectCommonJsExport(statement.expression);
      return;
    }
    const exported = this.hasModifier(statement, t.SyntaxKind.ExportKeyword);
    const isDefault = this.hasModifier(statement, t.SyntaxKind.DefaultKeyword);
    const ambient = this.hasModifier(statement, t.SyntaxKind.DeclareKeyword) || this.sourceFile.isDeclarationFile;

    if (t.isClassDeclaration(statement)) {
      const name = statement.name?.text;
      if (name && !ambient) {
        this.facts.classes.push({
          name,
          span: spanOf(statement.name!, this.sourceFile),
          members: this.classMembers(statement),
          exported,
          canonicalTag: this.hasCanonicalTag(statement),
        });
      }
      if (name && exported) this.facts.exports.push({ exported: isDefault ? 'default' : name, local: name });
      if (name && isDefault) this.facts.defaultExportName = name;
      return;
    }
    if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!t.isIdentifier(declaration.name)) continue;
        const name = declaration.name.text;
        if (exported) this.facts.exports.push({ exported: name, local: name });
        const init = declaration.initializer && this.unwrap(declaration.initializer);
        if (init && t.isClassExpression(init) && !ambient) {
          this.facts.classes.push({
            name,
            span: spanOf(declaration.name, this.sourceFile),
            members: this.classMembers(init),
            exported,
            canonicalTag: this.hasCanonicalTag(declaration),
          });
        } else if (this.hasCanonicalTag(declaration)) {
          this.addCanonicalDeclaration(name, declaration.name);
        }
      }
      return;
    }
    if (
      t.isFunctionDeclaration(statement) ||
      t.isInterfaceDeclaration(statement) ||
      t.isTypeAliasDeclaration(statement) ||
      t.isEnumDeclaration(statement)
    ) {
      const name = statement.name?.text;
      if (!name) return;
      if (exported) this.facts.exports.push({ exported: isDefault ? 'default' : name, local: name });
      if (isDefault) this.facts.defaultExportName = name;
      if (this.hasCanonicalTag(statement)) this.addCanonicalDeclaration(name, statement.name!);
    }
  }

  private addCanonicalDeclaration(name: string, at: ts.Node): void {
    const fact: CanonicalDeclarationFact = { name, span: spanOf(at, this.sourceFile) };
    this.facts.canonicalDeclarations.push(fact);
  }

  private collectExportDeclaration(node: ts.ExportDeclaration): void {
    const t = this.ts;
    const from = node.moduleSpecifier && t.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : undefined;
    const clause = node.exportClause;
    if (!clause) {
      if (from) this.facts.exports.push({ exported: '*', from: from.text });
      return;
    }
    if (t.isNamespaceExport(clause)) {
      if (from) this.facts.exports.push({ exported: clause.name.text, from: from.text, imported: '*' });
      return;
    }
    const statement = this.nextStatement();
    for (const element of clause.elements) {
      const localNode = element.propertyName ?? element.name;
      const local = localNode.text;
      const exported = element.name.text;
      if (from) {
        this.facts.exports.push({ exported, from: from.text, imported: local });
        this.addImport('re-export', from, local, exported, localNode, node.isTypeOnly || element.isTypeOnly, statement);
      } else {
        this.facts.exports.push({ exported, local });
      }
    }
  }

  /** `module.exports = { A, B: C }`, `exports.A = A`, `module.exports = require('./x')`. */
  private collectCommonJsExport(expression: ts.Expression): void {
    const t = this.ts;
    if (!t.isBinaryExpression(expression) || expression.operatorToken.kind !== t.SyntaxKind.EqualsToken) return;
    const target = expression.left.getText(this.sourceFile);
    const value = this.unwrap(expression.right);
    if (target === 'module.exports') {
      if (t.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          if (t.isShorthandPropertyAssignment(property))
            this.facts.exports.push({ exported: property.name.text, local: property.name.text });
          else if (
            t.isPropertyAssignment(property) &&
            t.isIdentifier(property.name) &&
            t.isIdentifier(property.initializer)
          ) {
            this.facts.exports.push({ exported: property.name.text, local: property.initializer.text });
          }
        }
      } else if (t.isIdentifier(value)) {
        this.facts.exports.push({ exported: 'default', local: value.text });
        this.facts.defaultExportName = value.text;
      } else if (this.requireSpecifier(value)) {
        this.facts.exports.push({ exported: '*', from: this.requireSpecifier(value)!.text });
      }
      return;
    }
    const match = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
    if (match && t.isIdentifier(value)) this.facts.exports.push({ exported: match[1]!, local: value.text });
  }

  private classMembers(node: ts.ClassLikeDeclaration): string[] {
    const t = this.ts;
    const members: string[] = [];
    for (const member of node.members) {
      if (t.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (t.isIdentifier(parameter.name) && t.getModifiers(parameter)?.length) members.push(parameter.name.text);
        }
        continue;
      }
      if (
        t.isClassStaticBlockDeclaration(member) ||
        t.isIndexSignatureDeclaration(member) ||
        t.isSemicolonClassElement(member)
      )
        continue;
      const name = member.name;
      if (!name) continue;
      if (t.isIdentifier(name) || t.isPrivateIdentifier(name) || t.isStringLiteral(name) || t.isNumericLiteral(name))
        members.push(name.text);
    }
    return [...new Set(members)];
  }

  /**
   * Reads the comment text rather than `getJSDocTags`: typescript-eslint parses without JSDoc
   * unless type information is on, and the editor must see the same tag the CLI sees.
   */
  private hasCanonicalTag(node: ts.Node): boolean {
    const t = this.ts;
    const anchor =
      t.isVariableDeclaration(node) && t.isVariableDeclarationList(node.parent) ? node.parent.parent : node;
    const ranges = t.getLeadingCommentRanges(this.sourceFile.text, anchor.getFullStart()) ?? [];
    return ranges.some((range) => /^\/\*\*[\s\S]*?@canonical\b/.test(this.sourceFile.text.slice(range.pos, range.end)));
  }

  private hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
    const t = this.ts;
    return t.canHaveModifiers(node) && (t.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
  }

  private requireSpecifier(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    if (
      t.isCallExpression(node) &&
      t.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1
    ) {
      const argument = node.arguments[0]!;
      if (t.isStringLiteralLike(argument)) return argument;
    }
    return undefined;
  }

  /** `import('m')` or `await import('m')`. */
  private dynamicImportSpecifier(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    const inner = t.isAwaitExpression(node) ? this.unwrap(node.expression) : node;
    if (
      t.isCallExpression(inner) &&
      inner.expression.kind === t.SyntaxKind.ImportKeyword &&
      inner.arguments.length >= 1
    ) {
      const argument = inner.arguments[0]!;
      if (t.isStringLiteralLike(argument)) return argument;
    }
    return undefined;
  }

  /**
   * `process.env`, `this.configService`, `import.meta.env` as text, built from the AST rather
   * than sliced from the source (this runs for most member accesses of every file).
   */
  private dottedName(node: ts.Node): string | undefined {
    const t = this.ts;
    if (t.isIdentifier(node)) return node.text;
    if (node.kind === t.SyntaxKind.ThisKeyword) return 'this';
    if (t.isMetaProperty(node))
      return node.keywordToken === t.SyntaxKind.ImportKeyword ? `import.${node.name.text}` : undefined;
    if (t.isPropertyAccessExpression(node)) {
      const left = this.dottedName(node.expression);
      return left === undefined ? undefined : `${left}.${node.name.text}`;
    }
    if (t.isParenthesizedExpression(node) || t.isNonNullExpression(node)) return this.dottedName(node.expression);
    return undefined;
  }

  private unwrap(node: ts.Expression): ts.Expression {
    const t = this.ts;
    let current = node;
    while (
      t.isParenthesizedExpression(current) ||
      t.isAsExpression(current) ||
      t.isNonNullExpression(current) ||
      t.isSatisfiesExpression(current) ||
      t.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    }
    return current;
  }

  // --------------------------------------------------------- variables

  /** Records imports and aliases a declaration makes; true when it aliases a JWT-library member. */
  private collectVariable(node: ts.VariableDeclaration): boolean {
    const t = this.ts;
    if (!node.initializer) return false;
    const init = this.unwrap(node.initializer);
    const moduleSpecifier = this.requireSpecifier(init) ?? this.dynamicImportSpecifier(init);
    const kind: ImportKind = this.requireSpecifier(init) ? 'require' : 'dynamic-import';

    if (t.isIdentifier(node.name)) {
      const name = node.name.text;
      this.variableInits.push({ name, init });
      if (this.dottedName(init) === 'process.env') this.envAliases.add(name);
      if (t.isStringLiteralLike(init) || this.encodedLiteral(init)) this.literalConsts.set(name, init);
      if (moduleSpecifier) {
        this.addImport(kind, moduleSpecifier, '*', name, node.name, false, this.nextStatement());
        return this.bindings.has(name);
      }
      // `const Foo = require('./m').Foo`
      if (t.isPropertyAccessExpression(init) && this.requireSpecifier(this.unwrap(init.expression))) {
        this.addImport(
          'require',
          this.requireSpecifier(this.unwrap(init.expression))!,
          init.name.text,
          name,
          init.name,
          false,
          this.nextStatement(),
        );
        return this.bindings.has(name);
      }
      const binding = this.resolve(init);
      if (binding) {
        this.bindings.set(name, binding);
        return true;
      }
      if (t.isNewExpression(init)) {
        const instance = this.instanceOf(init.expression);
        if (instance) this.bindings.set(name, instance);
      }
      return false;
    }

    if (t.isObjectBindingPattern(node.name)) {
      const statement = this.nextStatement();
      const source = moduleSpecifier ? undefined : this.resolve(init);
      for (const element of node.name.elements) {
        if (element.dotDotDotToken || !t.isIdentifier(element.name)) continue;
        const keyNode = element.propertyName ?? element.name;
        const key = t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
        if (!key) continue;
        if (moduleSpecifier) {
          const library = jwtLibrary(moduleSpecifier.text);
          this.addImport(kind, moduleSpecifier, key, element.name.text, keyNode, false, statement);
          // `require()` of a CommonJS default-export library returns the function itself.
          if (library && kind === 'require' && library.requirePath.length > 0)
            this.bindings.set(element.name.text, { module: library.module, path: [...library.requirePath, key] });
        } else if (source) {
          this.bindings.set(element.name.text, { module: source.module, path: [...source.path, key] });
        }
      }
      return moduleSpecifier !== undefined || source !== undefined;
    }
    return false;
  }

  /** `private readonly jwtService: JwtService` makes `this.jwtService` a JWT service instance. */
  private collectTypedJwtService(node: ts.ParameterDeclaration | ts.PropertyDeclaration): void {
    const t = this.ts;
    const type = node.type;
    const initializer = node.initializer && this.unwrap(node.initializer);
    const classReference =
      type && t.isTypeReferenceNode(type) && t.isIdentifier(type.typeName)
        ? type.typeName
        : initializer && t.isNewExpression(initializer)
          ? initializer.expression
          : undefined;
    if (!classReference) return;
    const instance = this.instanceOf(classReference);
    if (!instance || !(t.isIdentifier(node.name) || t.isPrivateIdentifier(node.name))) return;
    const name = node.name.text;
    const isField = t.isPropertyDeclaration(node) || (t.getModifiers(node as ts.ParameterDeclaration)?.length ?? 0) > 0;
    if (isField) this.instanceFields.set(name, instance);
    if (t.isParameter(node)) this.bindings.set(name, instance);
  }

  private instanceOf(classReference: ts.Expression): Binding | undefined {
    const binding = this.resolve(classReference);
    if (!binding) return undefined;
    const isService = JWT_SERVICE_CLASSES.some(
      (service) => service.module === binding.module && binding.path.length === 1 && binding.path[0] === service.name,
    );
    return isService ? { module: binding.module, path: [...binding.path, INSTANCE_MARKER] } : undefined;
  }

  // --------------------------------------------------- binding resolution

  /** Resolves an expression to the JWT-library member it denotes, if any. */
  private resolve(node: ts.Expression): Binding | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isIdentifier(expression)) return this.bindings.get(expression.text);
    if (t.isPropertyAccessExpression(expression)) {
      if (expression.expression.kind === t.SyntaxKind.ThisKeyword) {
        const name = expression.name;
        return t.isIdentifier(name) || t.isPrivateIdentifier(name) ? this.instanceFields.get(name.text) : undefined;
      }
      const object = this.resolve(expression.expression);
      return object && { module: object.module, path: [...object.path, expression.name.text] };
    }
    if (t.isElementAccessExpression(expression) && t.isStringLiteralLike(expression.argumentExpression)) {
      const object = this.resolve(expression.expression);
      return object && { module: object.module, path: [...object.path, expression.argumentExpression.text] };
    }
    const required = this.requireSpecifier(expression);
    if (required) {
      const library = jwtLibrary(required.text);
      return library && { module: library.module, path: library.requirePath };
    }
    const imported = this.dynamicImportSpecifier(expression);
    if (imported) {
      const library = jwtLibrary(imported.text);
      return library && { module: library.module, path: [] };
    }
    return undefined;
  }

  /** Whether a node stands for a value being used (not a declaration name, not a member name). */
  private isReference(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) return true;
    // `require('jwt-decode')(token)` is a use; `const decode = require('jwt-decode')` is an import.
    if (t.isCallExpression(node))
      return this.requireSpecifier(node) !== undefined && !this.ts.isVariableDeclaration(node.parent);
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
    const receiver = this.dottedName(node.expression) ?? '';
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
      const owner = this.dottedName(node.expression.expression) ?? '';
      if (/^(fastify|app|server|instance|this\.server|request\.server|req\.server)$/.test(owner)) {
        primitive = `@fastify/jwt.jwt.${name}`;
        kind = name;
      }
    }
    if (!primitive) return false;
    this.facts.jwtUses.push({
      primitive,
      kind,
      span: spanOf(node, this.sourceFile),
      ...(this.enclosingName() ? { enclosing: this.enclosingName() } : {}),
    });
    return true;
  }

  /** `verify(...)` imported from `@app/lib/jwt`, or `jwtLib.verify(...)`: resolved later through re-exports. */
  private collectJwtCandidate(node: ts.Expression): boolean {
    const t = this.ts;
    let local: string | undefined;
    let member: string | undefined;
    if (t.isIdentifier(node)) local = node.text;
    else if (t.isPropertyAccessExpression(node) && t.isIdentifier(node.expression)) {
      local = node.expression.text;
      member = node.name.text;
    } else return false;
    const imported = this.projectImports.get(local);
    if (!imported) return false;
    const name = member ?? imported.imported;
    if (member !== undefined && imported.imported !== '*' && imported.imported !== 'default') return false;
    if (member === undefined && (imported.imported === '*' || !(PRIMITIVE_NAMES.has(name) || name === 'default')))
      return false;
    if (member !== undefined && !PRIMITIVE_NAMES.has(member)) return false;
    const useNode = this.useSite(node);
    this.facts.jwtCandidates.push({
      specifier: imported.specifier,
      imported: imported.imported,
      ...(member !== undefined ? { member } : {}),
      span: spanOf(useNode, this.sourceFile),
      ...(this.enclosingName() ? { enclosing: this.enclosingName() } : {}),
    });
    return true;
  }

  /** A use starts where its expression starts: `new Strategy(...)` at `new`. */
  private useSite(node: ts.Node): ts.Node {
    const parent = node.parent;
    return parent && this.ts.isNewExpression(parent) && parent.expression === node ? parent : node;
  }

  // ------------------------------------------------------ namespace uses

  private collectMemberUse(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const t = this.ts;
    if (!t.isIdentifier(node.expression) || !this.namespaceLocals.has(node.expression.text)) return;
    const member = t.isPropertyAccessExpression(node)
      ? node.name.text
      : t.isStringLiteralLike(node.argumentExpression)
        ? node.argumentExpression.text
        : undefined;
    if (!member) return;
    const fact: MemberUseFact = { object: node.expression.text, member, span: spanOf(node, this.sourceFile) };
    this.facts.memberUses.push(fact);
  }

  // ------------------------------------------------------- environment

  private addCondition(node: ts.Expression): void {
    this.conditions.push({ node, scopes: [...this.scopeNames] });
  }

  /** `a && b`, and `a || b` unless `b` is a default value (`process.env.X || 'dev'`). */
  private isGuard(node: ts.BinaryExpression): boolean {
    const t = this.ts;
    const operator = node.operatorToken.kind;
    if (operator === t.SyntaxKind.AmpersandAmpersandToken) return true;
    if (operator !== t.SyntaxKind.BarBarToken) return false;
    const right = this.unwrap(node.right);
    return !(
      t.isLiteralExpression(right) ||
      t.isNoSubstitutionTemplateLiteral(right) ||
      right.kind === t.SyntaxKind.TrueKeyword ||
      right.kind === t.SyntaxKind.FalseKeyword
    );
  }

  private computeEnvTaint(): void {
    // Taint spreads through `const isProd = env === 'production'`; a few rounds reach a fixed point.
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const { name, init } of this.variableInits) {
        if (this.envTainted.has(name)) continue;
        const dependency = this.environmentValue(init);
        if (dependency) {
          this.envTainted.set(name, dependency);
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  /**
   * What environment read a variable's value *is*: the read itself, a default for it, or a
   * boolean derived from it (`isProd = env === 'production'`). A value merely computed near one
   * (`secret = candidates.find(...)`) is not the environment, so testing it is no branch on it.
   */
  private environmentValue(init: ts.Expression): string | undefined {
    const t = this.ts;
    const expression = this.unwrap(init);
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

  private checkCondition(candidate: ConditionCandidate): void {
    const dependsOn = this.envDependency(candidate.node);
    if (!dependsOn) return;
    const fact: EnvConditionFact = {
      text: shortText(candidate.node, this.sourceFile),
      dependsOn,
      span: spanOf(candidate.node, this.sourceFile),
    };
    const authScope = [...candidate.scopes].reverse().find((name) => isAuthName(name));
    if (authScope) fact.authScope = authScope;
    this.facts.envConditions.push(fact);
  }

  /** What environment read an expression depends on, if any (function bodies inside it excluded). */
  private envDependency(node: ts.Node): string | undefined {
    const t = this.ts;
    if (t.isFunctionLike(node)) return undefined;
    const direct = this.directEnvRead(node);
    if (direct) return direct;
    let found: string | undefined;
    t.forEachChild(node, (child) => {
      found ??= this.envDependency(child);
      return found !== undefined;
    });
    return found;
  }

  private directEnvRead(node: ts.Node): string | undefined {
    const t = this.ts;
    const compared = this.environmentComparison(node);
    if (compared) return compared;
    if (t.isIdentifier(node)) {
      if (this.isReference(node) && this.envTainted.has(node.text)) return this.envTainted.get(node.text);
      return undefined;
    }
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) {
      const envName = this.processEnvName(node);
      if (envName !== undefined)
        return envName && isEnvironmentVariable(envName) ? `process.env.${envName}` : undefined;
      if (!t.isPropertyAccessExpression(node)) return undefined;
      const name = node.name.text;
      if (name === 'MODE' || name === 'DEV' || name === 'PROD') {
        if (this.dottedName(node.expression) === 'import.meta.env') return `import.meta.env.${name}`;
      }
      if (isEnvironmentField(name)) {
        const owner = this.dottedName(node.expression);
        if (owner !== undefined && isConfigLikeOwner(owner)) return `${owner}.${name}`;
      }
      return undefined;
    }
    if (t.isCallExpression(node)) {
      const callee = node.expression;
      const name = t.isIdentifier(callee)
        ? callee.text
        : t.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      // Runtime-environment helpers take no arguments; `getEnvironment(keyConfig)` looks up something else.
      const ownerIsConfig =
        !t.isPropertyAccessExpression(callee) || isConfigLikeOwner(this.dottedName(callee.expression) ?? '');
      if (name && isEnvironmentHelper(name) && node.arguments.length === 0 && ownerIsConfig)
        return `${shortText(callee, this.sourceFile, 40)}()`;
      const firstArgument = node.arguments[0];
      // `configService.get('NODE_ENV')`, Express's `app.get('env')`; not `cache.get('env')`.
      const getterOwner = t.isPropertyAccessExpression(callee) ? (this.dottedName(callee.expression) ?? '') : '';
      if (
        name === 'get' &&
        firstArgument &&
        t.isStringLiteralLike(firstArgument) &&
        isEnvironmentConfigKey(firstArgument.text) &&
        (isConfigLikeOwner(getterOwner) || /(^|\.)app$/.test(getterOwner))
      ) {
        return shortText(node, this.sourceFile, 60);
      }
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
    const isEnvironmentNamed = (expression: ts.Expression): boolean => {
      const inner = this.unwrap(expression);
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
        !/(^|\.)(headers|query|body|params)$/.test(this.dottedName(target.expression) ?? '')
      );
    };
    const isEnvironmentLiteral = (expression: ts.Expression): boolean => {
      const inner = this.unwrap(expression);
      return t.isStringLiteralLike(inner) && isEnvironmentNameLiteral(inner.text);
    };
    // A tainted variable names where its value came from (`process.env.ENVIRONMENT`), not itself.
    const describe = (expression: ts.Expression): string => {
      const inner = this.unwrap(expression);
      return (t.isIdentifier(inner) && this.envTainted.get(inner.text)) || shortText(expression, this.sourceFile, 60);
    };
    const equality = t.isBinaryExpression(node) ? node.operatorToken.kind : undefined;
    if (
      t.isBinaryExpression(node) &&
      (equality === t.SyntaxKind.EqualsEqualsEqualsToken ||
        equality === t.SyntaxKind.ExclamationEqualsEqualsToken ||
        equality === t.SyntaxKind.EqualsEqualsToken ||
        equality === t.SyntaxKind.ExclamationEqualsToken)
    ) {
      if (isEnvironmentNamed(node.left) && isEnvironmentLiteral(node.right)) return describe(node.left);
      if (isEnvironmentNamed(node.right) && isEnvironmentLiteral(node.left)) return describe(node.right);
    }
    if (
      t.isCallExpression(node) &&
      t.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'includes' &&
      node.arguments[0]
    ) {
      const array = this.arrayLiteral(node.expression.expression);
      if (array?.elements.some((element) => isEnvironmentLiteral(element)) && isEnvironmentNamed(node.arguments[0]))
        return describe(node.arguments[0]);
    }
    return undefined;
  }

  /**
   * For `process.env.X` / `process.env['X']` returns `X`; for a computed `process.env[k]` returns
   * an empty string; for anything else undefined.
   */
  private processEnvName(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
    const t = this.ts;
    const object = node.expression;
    const isProcessEnv =
      this.dottedName(object) === 'process.env' || (this.ts.isIdentifier(object) && this.envAliases.has(object.text));
    if (!isProcessEnv) return undefined;
    if (t.isPropertyAccessExpression(node)) return node.name.text;
    return t.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : '';
  }

  /** `const { NODE_ENV, JWT_SECRET } = process.env`. */
  private checkDestructuredEnv(node: ts.BindingElement): void {
    const t = this.ts;
    const pattern = node.parent;
    const declaration = pattern.parent;
    if (!t.isVariableDeclaration(declaration) || !declaration.initializer) return;
    if (this.dottedName(declaration.initializer) !== 'process.env') return;
    const keyNode = node.propertyName ?? node.name;
    const key = t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
    if (!key || !t.isIdentifier(node.name)) return;
    if (isEnvironmentVariable(key)) this.envTainted.set(node.name.text, `process.env.${key}`);
    if (isSecretName(key)) this.addSecretRead(key, node);
  }

  // ----------------------------------------------------------- secrets

  private addSecretRead(name: string, node: ts.Node): void {
    const fact: SecretReadFact = { name, text: shortText(node, this.sourceFile), span: spanOf(node, this.sourceFile) };
    this.facts.secretReads.push(fact);
  }

  private checkSecretRead(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const name = this.secretReadName(node);
    if (name) this.addSecretRead(name, node);
  }

  /** The secret a `process.env.JWT_SECRET` or `import.meta.env.JWT_SECRET` read names. */
  private secretReadName(node: ts.Expression): string | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isPropertyAccessExpression(expression) || t.isElementAccessExpression(expression)) {
      const envName = this.processEnvName(expression);
      if (envName && isSecretName(envName)) return envName;
      if (
        t.isPropertyAccessExpression(expression) &&
        this.dottedName(expression.expression) === 'import.meta.env' &&
        isSecretName(expression.name.text)
      ) {
        return expression.name.text;
      }
    }
    if (t.isCallExpression(expression)) return this.configSecretKey(expression);
    if (t.isIdentifier(expression)) return undefined;
    return undefined;
  }

  /** `config.get('jwt.secret')`, `configService.getOrThrow<string>('JWT_SECRET')`. */
  private configSecretKey(node: ts.CallExpression): string | undefined {
    const t = this.ts;
    const callee = node.expression;
    if (!t.isPropertyAccessExpression(callee) || !/^(get|getOrThrow|getString|require)$/.test(callee.name.text))
      return undefined;
    const key = node.arguments[0];
    if (!key || !t.isStringLiteralLike(key) || !isSecretName(key.text)) return undefined;
    return key.text;
  }

  // ------------------------------------------------------------ bypasses

  private addBypass(kind: BypassFact['kind'], detail: string, node: ts.Node): void {
    this.facts.bypasses.push({ kind, detail, span: spanOf(node, this.sourceFile) });
  }

  /**
   * Reads of a bypass header: `req.headers['x-e2e-test']`, `req.get('X-Test-Mode')`,
   * `headers.get(E2E_HEADER)`. Setting one on a response or listing it for CORS is not a read.
   */
  private checkHeaderRead(node: ts.ElementAccessExpression | ts.CallExpression): void {
    const t = this.ts;
    let key: ts.Expression | undefined;
    if (t.isElementAccessExpression(node)) {
      const owner = node.expression;
      if (
        t.isPropertyAccessExpression(owner)
          ? owner.name.text === 'headers'
          : t.isIdentifier(owner) && /headers$/i.test(owner.text)
      )
        key = node.argumentExpression;
    } else if (
      t.isPropertyAccessExpression(node.expression) &&
      /^(get|header|getHeader|has)$/.test(node.expression.name.text)
    ) {
      key = node.arguments[0];
    }
    if (!key) return;
    const name = this.literalValues(key)[0];
    if (name !== undefined && isBypassHeader(name)) this.addBypass('bypass-header', name, node);
  }

  private checkVerificationOption(node: ts.PropertyAssignment): void {
    const t = this.ts;
    const name = t.isIdentifier(node.name) || t.isStringLiteral(node.name) ? node.name.text : undefined;
    if (!name) return;
    const value = this.unwrap(node.initializer);
    if (name === 'ignoreExpiration' && value.kind === t.SyntaxKind.TrueKeyword) {
      this.addBypass('ignore-expiration', 'ignoreExpiration: true', node);
      return;
    }
    if (name === 'algorithms' && t.isArrayLiteralExpression(value)) {
      for (const element of value.elements) {
        if (t.isStringLiteralLike(element) && element.text.toLowerCase() === 'none')
          this.addBypass('algorithm-none', element.text, element);
      }
      return;
    }
    if (
      (name === 'algorithm' || name === 'alg') &&
      t.isStringLiteralLike(value) &&
      value.text.toLowerCase() === 'none'
    ) {
      this.addBypass('algorithm-none', value.text, value);
    }
  }

  private checkBinary(node: ts.BinaryExpression): void {
    const t = this.ts;
    const operator = node.operatorToken.kind;
    // `process.env.JWT_SECRET || 'dev-secret'`: a secret that silently falls back to a literal.
    if (operator === t.SyntaxKind.BarBarToken || operator === t.SyntaxKind.QuestionQuestionToken) {
      const right = this.unwrap(node.right);
      if (t.isStringLiteralLike(right) && right.text.length > 0 && this.secretReadName(node.left)) {
        this.addBypass('fallback-secret', right.text, right);
      }
      return;
    }
    const isEquality =
      operator === t.SyntaxKind.EqualsEqualsEqualsToken ||
      operator === t.SyntaxKind.EqualsEqualsToken ||
      operator === t.SyntaxKind.ExclamationEqualsEqualsToken ||
      operator === t.SyntaxKind.ExclamationEqualsToken;
    if (!isEquality) return;
    const [tokenSide, literalSide] = this.isTokenExpression(node.left)
      ? [node.left, node.right]
      : [node.right, node.left];
    const literal = this.unwrap(literalSide);
    if (!this.isTokenExpression(tokenSide) || !t.isStringLiteralLike(literal)) return;
    if (literal.text === '' || /^(undefined|null|string|object|bearer)$/i.test(literal.text)) return;
    this.addBypass('token-content-check', literal.text, node);
  }

  private isTokenExpression(node: ts.Expression): boolean {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isIdentifier(expression)) return isTokenName(expression.text);
    if (t.isPropertyAccessExpression(expression)) return isTokenName(expression.name.text);
    return false;
  }

  private checkCall(node: ts.CallExpression | ts.NewExpression): void {
    const t = this.ts;
    if (t.isCallExpression(node)) {
      const secret = this.configSecretKey(node);
      if (secret) this.addSecretRead(secret, node);
      this.checkTokenContent(node);
    }
    if (this.isJwtRelatedCall(node)) this.checkHardcodedKeys(node);
  }

  /** `token.includes('e2e')`, `token.startsWith('test-')`, `/staging-e2e/.test(token)`. */
  private checkTokenContent(node: ts.CallExpression): void {
    const t = this.ts;
    const callee = node.expression;
    if (!t.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const argument = node.arguments[0];
    if (!argument) return;
    if (
      /^(includes|startsWith|endsWith|indexOf|match|search)$/.test(method) &&
      this.isTokenExpression(callee.expression)
    ) {
      const values = this.literalValues(argument);
      const suspicious = values.find((value) => isSuspiciousTokenContent(value));
      if (suspicious !== undefined) this.addBypass('token-content-check', suspicious, node);
      return;
    }
    if (
      method === 'test' &&
      t.isRegularExpressionLiteral(this.unwrap(callee.expression)) &&
      this.isTokenExpression(argument)
    ) {
      const pattern = this.unwrap(callee.expression).getText(this.sourceFile);
      if (isSuspiciousTokenContent(pattern)) this.addBypass('token-content-check', pattern, node);
    }
  }

  /**
   * The literal strings an argument can hold: a literal, a regex, a const, or the element of a
   * literal array a callback iterates (`PATTERNS.some((p) => token.includes(p))`).
   */
  private literalValues(node: ts.Expression): string[] {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isStringLiteralLike(expression)) return [expression.text];
    if (t.isRegularExpressionLiteral(expression)) return [expression.text];
    if (!t.isIdentifier(expression)) return [];
    const constant = this.literalConsts.get(expression.text);
    if (constant && t.isStringLiteralLike(constant)) return [constant.text];
    // A callback parameter: find the array the callback runs over.
    const parameter = this.findParameter(expression);
    const callback = parameter?.parent;
    const call = callback?.parent;
    if (!callback || !call || !t.isCallExpression(call) || !t.isPropertyAccessExpression(call.expression)) return [];
    if (!/^(some|every|find|filter|findIndex|forEach)$/.test(call.expression.name.text)) return [];
    const array = this.arrayLiteral(call.expression.expression);
    return array
      ? array.elements
          .filter((element) => t.isStringLiteralLike(element))
          .map((element) => (element as ts.StringLiteralLike).text)
      : [];
  }

  private findParameter(identifier: ts.Identifier): ts.ParameterDeclaration | undefined {
    const t = this.ts;
    for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
      if (t.isFunctionLike(node)) {
        return node.parameters.find(
          (parameter) => t.isIdentifier(parameter.name) && parameter.name.text === identifier.text,
        );
      }
    }
    return undefined;
  }

  private arrayLiteral(node: ts.Expression): ts.ArrayLiteralExpression | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isArrayLiteralExpression(expression)) return expression;
    if (t.isIdentifier(expression)) {
      const init = this.variableInits.find(({ name }) => name === expression.text)?.init;
      if (init && t.isArrayLiteralExpression(this.unwrap(init))) return this.unwrap(init) as ts.ArrayLiteralExpression;
    }
    return undefined;
  }

  /** A call on a JWT library, or on a chain that starts at one (`new SignJWT(p).sign(key)`). */
  private isJwtRelatedCall(node: ts.CallExpression | ts.NewExpression): boolean {
    const t = this.ts;
    let current: ts.Expression = node.expression;
    for (;;) {
      current = this.unwrap(current);
      if (this.resolve(current)) return true;
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

  /** Literal keys handed to a JWT library: `jwt.sign(p, 'secret')`, `{ secretOrKey: 'dev' }`, `const SECRET = '…'`. */
  private checkHardcodedKeys(node: ts.CallExpression | ts.NewExpression): void {
    const t = this.ts;
    const args = node.arguments ?? [];
    const callee = this.unwrap(node.expression);
    const isChainedKeyMethod =
      t.isPropertyAccessExpression(callee) && /^(sign|encrypt|verify)$/.test(callee.name.text) && !this.resolve(callee);
    // The key is the second argument of verify/sign in every library (`jwt.verify(token, key, options)`),
    // the first of a chained `.sign(key)`; later literals are algorithms or options.
    args.forEach((argument, index) => {
      if (index === (isChainedKeyMethod ? 0 : 1)) this.reportLiteralKey(argument);
      this.scanKeyOptions(argument);
    });
  }

  private reportLiteralKey(argument: ts.Expression): void {
    const t = this.ts;
    const expression = this.unwrap(argument);
    const literal = this.keyLiteral(expression);
    if (literal) {
      this.addBypass('hardcoded-secret', literal.text, literal);
      return;
    }
    if (t.isIdentifier(expression)) {
      const constant = this.literalConsts.get(expression.text);
      const constantLiteral = constant && this.keyLiteral(constant);
      if (constantLiteral) this.addBypass('hardcoded-secret', constantLiteral.text, constantLiteral);
    }
  }

  /** A string literal, or `new TextEncoder().encode('…')` / `Buffer.from('…')` of one. */
  private keyLiteral(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    const expression = this.unwrap(node);
    if (t.isStringLiteralLike(expression)) return expression.text.length > 0 ? expression : undefined;
    return this.encodedLiteral(expression);
  }

  private encodedLiteral(node: ts.Expression): ts.StringLiteralLike | undefined {
    const t = this.ts;
    if (!t.isCallExpression(node) || node.arguments.length === 0) return undefined;
    const callee = node.expression;
    const isEncode =
      t.isPropertyAccessExpression(callee) &&
      ((callee.name.text === 'encode' &&
        t.isNewExpression(callee.expression) &&
        this.dottedName(callee.expression.expression) === 'TextEncoder') ||
        (callee.name.text === 'from' && this.dottedName(callee.expression) === 'Buffer'));
    if (!isEncode) return undefined;
    const argument = node.arguments[0]!;
    return t.isStringLiteralLike(argument) ? argument : undefined;
  }

  /** Walks option objects (and factory functions returning them) for key-carrying properties. */
  private scanKeyOptions(node: ts.Node): void {
    const t = this.ts;
    if (t.isPropertyAssignment(node)) {
      const name = t.isIdentifier(node.name) || t.isStringLiteral(node.name) ? node.name.text : undefined;
      if (name && KEY_OPTION_NAMES.has(name)) this.reportLiteralKey(node.initializer);
    }
    t.forEachChild(node, (child) => this.scanKeyOptions(child));
  }
}

function uniqueBySpan<T extends { span: { start: number; end: number }; kind?: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.kind ?? ''}:${item.span.start}:${item.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const kindSets = new WeakMap<
  TypeScript,
  { interesting: ReadonlySet<ts.SyntaxKind>; scopes: ReadonlySet<ts.SyntaxKind>; skipped: ReadonlySet<ts.SyntaxKind> }
>();

/** Per TypeScript namespace, since SyntaxKind numbers differ between versions. */
function kindSetsFor(typescript: TypeScript): {
  interesting: ReadonlySet<ts.SyntaxKind>;
  scopes: ReadonlySet<ts.SyntaxKind>;
  skipped: ReadonlySet<ts.SyntaxKind>;
} {
  let sets = kindSets.get(typescript);
  if (!sets) {
    const kind = typescript.SyntaxKind;
    const interesting = new Set<ts.SyntaxKind>([
      kind.IfStatement,
      kind.ConditionalExpression,
      kind.SwitchStatement,
      kind.BinaryExpression,
      kind.VariableDeclaration,
      kind.Parameter,
      kind.PropertyDeclaration,
      kind.PropertyAssignment,
      kind.BindingElement,
      kind.CallExpression,
      kind.NewExpression,
      kind.PropertyAccessExpression,
      kind.ElementAccessExpression,
    ]);
    const scopes = new Set<ts.SyntaxKind>([
      kind.FunctionDeclaration,
      kind.ClassDeclaration,
      kind.ClassExpression,
      kind.MethodDeclaration,
      kind.GetAccessor,
      kind.SetAccessor,
      kind.PropertyDeclaration,
      kind.ArrowFunction,
      kind.FunctionExpression,
    ]);
    const skipped = new Set<ts.SyntaxKind>([
      kind.ImportDeclaration,
      kind.ImportEqualsDeclaration,
      kind.InterfaceDeclaration,
      kind.TypeAliasDeclaration,
    ]);
    sets = { interesting, scopes, skipped };
    kindSets.set(typescript, sets);
  }
  return sets;
}
