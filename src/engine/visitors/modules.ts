import { hash } from 'node:crypto';
import type ts from 'typescript';
import { jwtLibrary } from '../jwt-libraries.js';
import type { Binding } from '../scope.js';
import { spanOf } from '../span.js';
import { detached } from '../strings.js';
import { dynamicImportSpecifier, hasModifier, requireSpecifier, unwrap, type TypeScript } from '../syntax.js';
import type { CanonicalDeclarationFact, ClassFact, ImportFact, ImportKind } from '../types.js';
import type { FactVisitor, Walk } from '../walk.js';

/**
 * The module's edges and declarations: imports (static, `require`, `import()`, re-exports) with
 * the bindings they create, exports (ES and CommonJS), top-level classes with their members, and
 * `@canonical` declarations. Uses of a namespace binding (`ns.Member`) are recorded for barrels.
 */
export class ModuleVisitor implements FactVisitor {
  readonly kinds: ts.SyntaxKind[];
  private statementCounter = 0;
  /** Static imports, to learn whether runtime code reads them. */
  private readonly staticImports: { binding: Binding; fact: ImportFact }[] = [];
  private readonly readAsValue = new Set<Binding>();
  /** Declarations whose imports were read before the walk (top-level `require`s). */
  private readonly readAhead = new Set<ts.VariableDeclaration>();

  constructor(private readonly walk: Walk) {
    const kind = walk.ts.SyntaxKind;
    this.kinds = [
      kind.Identifier,
      kind.VariableDeclaration,
      kind.PropertyAccessExpression,
      kind.ElementAccessExpression,
    ];
  }

  private get ts(): TypeScript {
    return this.walk.ts;
  }

  private get sourceFile(): ts.SourceFile {
    return this.walk.sourceFile;
  }

  prepare(): void {
    const t = this.ts;
    for (const statement of this.sourceFile.statements) {
      if (t.isImportDeclaration(statement)) this.collectImportDeclaration(statement);
      else if (t.isImportEqualsDeclaration(statement)) this.collectImportEquals(statement);
    }
    for (const statement of this.sourceFile.statements) {
      this.collectTopLevel(statement);
      // Module-level `require`s bind names that functions anywhere in the file use.
      if (t.isVariableStatement(statement))
        for (const declaration of statement.declarationList.declarations) {
          if (this.collectRequire(declaration)) this.readAhead.add(declaration);
        }
    }
  }

  enter(node: ts.Node): boolean {
    const t = this.ts;
    if (t.isIdentifier(node)) {
      // The walk skips type positions, so any identifier it meets is runtime code.
      if (this.walk.scope.notable.has(node.text)) {
        const binding = this.walk.scope.lookup(node.text);
        if (binding?.declaredAs === 'import') this.readAsValue.add(binding);
      }
      return false;
    }
    if (t.isVariableDeclaration(node)) {
      if (!this.readAhead.has(node)) this.collectRequire(node);
      return false;
    }
    if (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) this.collectMemberUse(node);
    return false;
  }

  finish(): void {
    for (const { binding, fact } of this.staticImports) if (this.readAsValue.has(binding)) fact.usedAsValue = true;
  }

  // ------------------------------------------------------------- imports

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
      // In the literal even when undefined (not serialised): added later, it would sit out of line.
      local,
      span: spanOf(at, this.sourceFile),
      typeOnly,
      usedAsValue: kind !== 'import' || local === undefined,
      statement,
    };
    this.walk.record.imports.push(fact);
    if (local === undefined || kind === 're-export') return;
    const binding = this.bindingOf(local, kind === 'import' ? 'import' : 'variable');
    if (kind === 'import') this.staticImports.push({ binding, fact });
    binding.from = { specifier: specifierNode.text, imported, typeOnly };
    if (typeOnly) return;
    this.walk.scope.notable.add(local);
    const library = jwtLibrary(specifierNode.text);
    if (!library) return;
    const path =
      imported === '*'
        ? kind === 'require'
          ? library.requirePath
          : []
        : imported === 'default'
          ? library.defaultPath
          : [imported];
    binding.jwt = { module: library.module, path };
  }

  /** The binding a declaration creates in the scope being walked (declared there if the block did not hoist it). */
  private bindingOf(name: string, declaredAs: Binding['declaredAs']): Binding {
    const found = this.walk.scope.lookup(name);
    return found && this.walk.scope.isDeclaredHere(name) ? found : this.walk.scope.declare(name, { declaredAs });
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
        this.addImport(
          'import',
          node.moduleSpecifier,
          importedNode.text,
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

  /** `const x = require('m')`, `const { a } = require('m')`, `const m = await import('m')`, `require('m').X`; true when it is one. */
  private collectRequire(node: ts.VariableDeclaration): boolean {
    const t = this.ts;
    if (!node.initializer) return false;
    const init = unwrap(t, node.initializer);
    const required = requireSpecifier(t, init);
    const moduleSpecifier = required ?? dynamicImportSpecifier(t, init);
    const kind: ImportKind = required ? 'require' : 'dynamic-import';
    if (t.isIdentifier(node.name)) {
      if (moduleSpecifier) {
        this.addImport(kind, moduleSpecifier, '*', node.name.text, node.name, false, this.nextStatement());
        return true;
      }
      const member = t.isPropertyAccessExpression(init) ? requireSpecifier(t, unwrap(t, init.expression)) : undefined;
      if (member && t.isPropertyAccessExpression(init)) {
        this.addImport('require', member, init.name.text, node.name.text, init.name, false, this.nextStatement());
        return true;
      }
      return false;
    }
    if (!moduleSpecifier || !t.isObjectBindingPattern(node.name)) return false;
    const statement = this.nextStatement();
    const library = jwtLibrary(moduleSpecifier.text);
    for (const element of node.name.elements) {
      if (element.dotDotDotToken || !t.isIdentifier(element.name)) continue;
      const keyNode = element.propertyName ?? element.name;
      const key = t.isIdentifier(keyNode) || t.isStringLiteral(keyNode) ? keyNode.text : undefined;
      if (!key) continue;
      this.addImport(kind, moduleSpecifier, key, element.name.text, keyNode, false, statement);
      // `require()` of a CommonJS default-export library returns the function itself.
      if (library && kind === 'require' && library.requirePath.length > 0)
        this.bindingOf(element.name.text, 'variable').jwt = {
          module: library.module,
          path: [...library.requirePath, key],
        };
    }
    return true;
  }

  // ------------------------------------------------------------- exports

  /** Exports, classes and `@canonical` declarations live at the top level of a module. */
  private collectTopLevel(statement: ts.Statement): void {
    const t = this.ts;
    const record = this.walk.record;
    if (t.isExportDeclaration(statement)) {
      this.collectExportDeclaration(statement);
      return;
    }
    if (t.isExportAssignment(statement)) {
      const expression = statement.expression;
      if (t.isIdentifier(expression)) {
        record.exports.push({ exported: 'default', local: expression.text });
        record.defaultExportName = expression.text;
      } else if (t.isClassExpression(expression) && expression.name) {
        record.defaultExportName = expression.name.text;
      }
      return;
    }
    if (t.isExpressionStatement(statement)) {
      this.collectCommonJsExport(statement.expression);
      return;
    }
    const exported = hasModifier(t, statement, t.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(t, statement, t.SyntaxKind.DefaultKeyword);
    const ambient = hasModifier(t, statement, t.SyntaxKind.DeclareKeyword) || this.sourceFile.isDeclarationFile;

    if (t.isClassDeclaration(statement)) {
      const name = statement.name?.text;
      if (name && !ambient) record.classes.push(this.classFact(name, statement.name!, statement, exported, statement));
      if (name && exported) record.exports.push({ exported: isDefault ? 'default' : name, local: name });
      if (name && isDefault) record.defaultExportName = name;
      return;
    }
    if (t.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!t.isIdentifier(declaration.name)) continue;
        const name = declaration.name.text;
        if (exported) record.exports.push({ exported: name, local: name });
        const init = declaration.initializer && unwrap(t, declaration.initializer);
        if (init && t.isClassExpression(init) && !ambient) {
          record.classes.push(this.classFact(name, declaration.name, init, exported, declaration));
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
      if (exported) record.exports.push({ exported: isDefault ? 'default' : name, local: name });
      if (isDefault) record.defaultExportName = name;
      if (this.hasCanonicalTag(statement)) this.addCanonicalDeclaration(name, statement.name!);
    }
  }

  private classFact(
    name: string,
    nameNode: ts.Node,
    node: ts.ClassLikeDeclaration,
    exported: boolean,
    tagged: ts.Node,
  ): ClassFact {
    return {
      name,
      span: spanOf(nameNode, this.sourceFile),
      members: this.classMembers(node),
      exported,
      canonicalTag: this.hasCanonicalTag(tagged),
      textHash: normalisedTextHash(this.ts, node, this.sourceFile),
    };
  }

  private addCanonicalDeclaration(name: string, at: ts.Node): void {
    const fact: CanonicalDeclarationFact = { name, span: spanOf(at, this.sourceFile) };
    this.walk.record.canonicalDeclarations.push(fact);
  }

  private collectExportDeclaration(node: ts.ExportDeclaration): void {
    const t = this.ts;
    const exports = this.walk.record.exports;
    const from = node.moduleSpecifier && t.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : undefined;
    const clause = node.exportClause;
    const typeOnly = node.isTypeOnly ? { typeOnly: true } : {};
    if (!clause) {
      if (from) exports.push({ exported: '*', from: from.text, ...typeOnly });
      return;
    }
    if (t.isNamespaceExport(clause)) {
      if (from) exports.push({ exported: clause.name.text, from: from.text, imported: '*', ...typeOnly });
      return;
    }
    const statement = this.nextStatement();
    for (const element of clause.elements) {
      const localNode = element.propertyName ?? element.name;
      const local = localNode.text;
      const exported = element.name.text;
      if (from) {
        const elementTypeOnly = node.isTypeOnly || element.isTypeOnly ? { typeOnly: true } : {};
        exports.push({ exported, from: from.text, imported: local, ...elementTypeOnly });
        this.addImport('re-export', from, local, exported, localNode, node.isTypeOnly || element.isTypeOnly, statement);
      } else {
        exports.push({ exported, local });
      }
    }
  }

  /** `module.exports = { A, B: C }`, `exports.A = A`, `module.exports = require('./x')`. */
  private collectCommonJsExport(expression: ts.Expression): void {
    const t = this.ts;
    const record = this.walk.record;
    if (!t.isBinaryExpression(expression) || expression.operatorToken.kind !== t.SyntaxKind.EqualsToken) return;
    const target = expression.left.getText(this.sourceFile);
    const value = unwrap(t, expression.right);
    if (target === 'module.exports') {
      if (t.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          if (t.isShorthandPropertyAssignment(property))
            record.exports.push({ exported: property.name.text, local: property.name.text });
          else if (
            t.isPropertyAssignment(property) &&
            t.isIdentifier(property.name) &&
            t.isIdentifier(property.initializer)
          ) {
            record.exports.push({ exported: property.name.text, local: property.initializer.text });
          }
        }
      } else if (t.isIdentifier(value)) {
        record.exports.push({ exported: 'default', local: value.text });
        record.defaultExportName = value.text;
      } else if (requireSpecifier(t, value)) {
        record.exports.push({ exported: '*', from: requireSpecifier(t, value)!.text });
      }
      return;
    }
    const match = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
    // A copy: the match is cut from the source text, which the record would otherwise keep alive.
    if (match && t.isIdentifier(value)) record.exports.push({ exported: detached(match[1]!), local: value.text });
  }

  // ------------------------------------------------------------- classes

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

  // ----------------------------------------------------- namespace uses

  private collectMemberUse(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const t = this.ts;
    if (!t.isIdentifier(node.expression) || !this.walk.scope.notable.has(node.expression.text)) return;
    const from = this.walk.scope.lookup(node.expression.text)?.from;
    if (!from || from.typeOnly || from.imported !== '*' || jwtLibrary(from.specifier)) return;
    const member = t.isPropertyAccessExpression(node)
      ? node.name.text
      : t.isStringLiteralLike(node.argumentExpression)
        ? node.argumentExpression.text
        : undefined;
    if (!member) return;
    this.walk.record.memberUses.push({ object: node.expression.text, member, span: spanOf(node, this.sourceFile) });
  }
}

/** The declaration's tokens without comments or layout, hashed: reformatting a copy keeps it a copy. */
function normalisedTextHash(t: TypeScript, node: ts.Node, sourceFile: ts.SourceFile): string {
  const scanner = scannerFor(t, sourceFile);
  scanner.resetTokenState(node.getStart(sourceFile));
  // Tokens are joined first and hashed once: an update per token crosses into native code per token.
  const tokens: string[] = [];
  for (let token = scanner.scan(); token !== t.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (scanner.getTokenEnd() > node.getEnd()) break;
    tokens.push(scanner.getTokenText());
  }
  tokens.push('');
  return hash('sha1', tokens.join('\0'), 'base64url').slice(0, 16);
}

/** One scanner for every class of a run, pointed at each file in turn: a scanner per class was a tenth of the walk's garbage. */
let sharedScanner: { t: TypeScript; scanner: ts.Scanner } | undefined;

function scannerFor(t: TypeScript, sourceFile: ts.SourceFile): ts.Scanner {
  if (sharedScanner?.t !== t) sharedScanner = { t, scanner: t.createScanner(t.ScriptTarget.Latest, true) };
  const scanner = sharedScanner.scanner;
  scanner.setLanguageVariant(sourceFile.languageVariant);
  scanner.setText(sourceFile.text);
  return scanner;
}
