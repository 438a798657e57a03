import { hash } from 'node:crypto';
import type { SyntaxNode as Node } from './tree.js';
import type { ImportFact } from '../types.js';
import type { PythonVisitor, PythonWalk } from './walk.js';

const CANONICAL_COMMENT = /#\s*ssot:\s*canonical\b/;

/**
 * Imports, exports, classes and canonical markers. Python's import statements always run, so every
 * binding loads its module (`usedAsValue`), except under `if TYPE_CHECKING:`, which never runs.
 * Every top-level name of a module can be imported from it: definitions and imported names are
 * its exports (a package's `__init__.py` re-exports what it imports).
 */
export class PythonModuleVisitor implements PythonVisitor {
  private statement = 0;

  constructor(private readonly walk: PythonWalk) {}

  enter(node: Node): void {
    switch (node.type) {
      case 'import_statement':
        this.importStatement(node);
        break;
      case 'import_from_statement':
        this.importFromStatement(node);
        break;
      case 'class_definition':
        if (this.walk.atModuleLevel) this.classDefinition(node);
        break;
      case 'function_definition':
        if (this.walk.atModuleLevel) this.topLevelName(node, node.childForFieldName('name'));
        break;
      case 'assignment':
        if (this.walk.atModuleLevel && node.childForFieldName('left')?.type === 'identifier')
          this.topLevelName(node, node.childForFieldName('left'));
        break;
      case 'attribute':
        this.memberUse(node);
        break;
    }
  }

  /** `import jwt`, `import jwt as pyjwt`, `import app.services.auth`. */
  private importStatement(node: Node): void {
    const statement = this.statement++;
    for (const child of node.namedChildren) {
      const aliased = child.type === 'aliased_import';
      const name = aliased ? child.childForFieldName('name') : child;
      if (name?.type !== 'dotted_name') continue;
      const local = aliased ? (child.childForFieldName('alias')?.text ?? name.text) : name.text;
      this.addImport({ specifier: name.text, specifierNode: name, imported: '*', local, at: child, statement });
    }
  }

  /** `from jose import jwt`, `from ..models import User as U`, `from . import deps`, `from x import *`. */
  private importFromStatement(node: Node): void {
    const statement = this.statement++;
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const specifier = moduleNode.text.replace(/\s+/g, '');
    if (node.namedChildren.some((child) => child.type === 'wildcard_import')) {
      this.addImport({
        specifier,
        specifierNode: moduleNode,
        imported: '*',
        local: undefined,
        at: moduleNode,
        statement,
      });
      this.walk.record.exports.push({ exported: '*', from: specifier, imported: '*' });
      return;
    }
    for (const child of node.childrenForFieldName('name')) {
      const aliased = child.type === 'aliased_import';
      const name = aliased ? child.childForFieldName('name') : child;
      if (!name) continue;
      const local = aliased ? (child.childForFieldName('alias')?.text ?? name.text) : name.text;
      this.addImport({ specifier, specifierNode: moduleNode, imported: name.text, local, at: child, statement });
      // The name may be a submodule (`from app.api import deps`): loading it loads that module too.
      // A statement of its own: its specifier differs, and a fix of the first must not have to rewrite it.
      const submodule = specifier.endsWith('.') ? `${specifier}${name.text}` : `${specifier}.${name.text}`;
      this.addImport({
        specifier: submodule,
        specifierNode: moduleNode,
        imported: '*',
        local: undefined,
        at: child,
        statement: this.statement++,
      });
      if (this.walk.atModuleLevel && this.walk.typeCheckingDepth === 0)
        this.walk.record.exports.push({ exported: local, local });
    }
  }

  private addImport(options: {
    specifier: string;
    specifierNode: Node;
    imported: string;
    local: string | undefined;
    at: Node;
    statement: number;
  }): void {
    const typeOnly = this.walk.typeCheckingDepth > 0;
    const fact: ImportFact = {
      kind: 'import',
      specifier: options.specifier,
      specifierSpan: this.walk.span(options.specifierNode),
      imported: options.imported,
      span: this.walk.span(options.at),
      typeOnly,
      usedAsValue: !typeOnly,
      statement: options.statement,
      ...(options.local !== undefined ? { local: options.local } : {}),
    };
    this.walk.record.imports.push(fact);
    if (options.local !== undefined && !this.walk.imports.has(options.local))
      this.walk.imports.set(options.local, fact);
  }

  private topLevelName(node: Node, name: Node | null): void {
    if (!name) return;
    const holder = node.parent?.type === 'decorated_definition' ? node.parent : node;
    if (!this.walk.record.exports.some((fact) => fact.exported === name.text))
      this.walk.record.exports.push({ exported: name.text, local: name.text });
    if (this.hasCanonicalComment(holder, node))
      this.walk.record.canonicalDeclarations.push({ name: name.text, span: this.walk.span(name) });
  }

  /**
   * A class is recorded for `no-duplicate-class` unless it is an interface: a `Protocol` or an
   * abstract base class is a contract its implementations share, not a copy of them.
   */
  private classDefinition(node: Node): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const name = nameNode.text;
    this.topLevelName(node, nameNode);
    if (this.walk.typeCheckingDepth > 0 || this.isInterface(node)) return;
    const holder = node.parent?.type === 'decorated_definition' ? node.parent : node;
    this.walk.record.classes.push({
      name,
      span: this.walk.span(nameNode),
      members: classMembers(node),
      exported: !name.startsWith('_'),
      canonicalTag: this.hasCanonicalComment(holder, node),
      textHash: hashWithoutComments(holder),
    });
  }

  private isInterface(node: Node): boolean {
    for (const base of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      const qualified = this.walk.qualified(base.type === 'keyword_argument' ? base.childForFieldName('value') : base);
      if (
        qualified === 'typing.Protocol' ||
        qualified === 'typing_extensions.Protocol' ||
        qualified === 'abc.ABC' ||
        qualified === 'abc.ABCMeta'
      )
        return true;
      if (base.type === 'subscript' && this.walk.qualified(base.childForFieldName('value')) === 'typing.Protocol')
        return true;
    }
    return (node.childForFieldName('body')?.namedChildren ?? []).some(
      (member) =>
        member.type === 'decorated_definition' &&
        member.namedChildren.some(
          (decorator) =>
            decorator.type === 'decorator' && /(^|\.)abstractmethod$/.test(decorator.namedChild(0)?.text ?? ''),
        ),
    );
  }

  /** `# ssot: canonical` on the line above the declaration (or its decorators), or at the end of its first line. */
  private hasCanonicalComment(holder: Node, definition: Node): boolean {
    const text = this.walk.text;
    const lineStart = text.lastIndexOf('\n', holder.startIndex - 1) + 1;
    const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const previous = lineStart > 0 ? text.slice(previousStart, lineStart - 1) : '';
    const headerEnd = definition.childForFieldName('body')?.startIndex ?? definition.endIndex;
    const lineEnd = text.indexOf('\n', headerEnd);
    const header = text.slice(definition.startIndex, lineEnd === -1 ? text.length : lineEnd);
    return (/^\s*#/.test(previous) && CANONICAL_COMMENT.test(previous)) || CANONICAL_COMMENT.test(header);
  }

  /** `auth.verify` on `import app.auth as auth`: a member taken from a whole-module binding. */
  private memberUse(node: Node): void {
    const object = node.childForFieldName('object');
    const member = node.childForFieldName('attribute');
    if (object?.type !== 'identifier' || !member) return;
    const imported = this.walk.importOf(object.text);
    if (imported?.imported !== '*' || imported.local !== object.text) return;
    this.walk.record.memberUses.push({ object: object.text, member: member.text, span: this.walk.span(member) });
  }
}

/** Fields (annotated or assigned in the body), methods, and `self.x` set in `__init__`; dunder methods left out. */
function classMembers(node: Node): string[] {
  const members = new Set<string>();
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    const definition =
      statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition') {
      const name = definition.childForFieldName('name')?.text;
      if (name && !/^__\w+__$/.test(name)) members.add(name);
      if (name === '__init__') for (const field of selfAssignments(definition)) members.add(field);
    } else if (definition?.type === 'expression_statement') {
      const assignment = definition.namedChild(0);
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (left?.type === 'identifier' && !/^__\w+__$/.test(left.text)) members.add(left.text);
    }
  }
  return [...members];
}

function selfAssignments(fn: Node): string[] {
  const fields: string[] = [];
  for (const assignment of fn.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self') {
      const field = left.childForFieldName('attribute')?.text;
      if (field) fields.push(field);
    }
  }
  return fields;
}

/** Equal for byte-identical copies whatever their comments and layout. */
function hashWithoutComments(node: Node): string {
  const comments = node.descendantsOfType('comment');
  let text = '';
  let at = node.startIndex;
  const source = node.text;
  for (const comment of comments) {
    if (!comment) continue;
    text += source.slice(at - node.startIndex, comment.startIndex - node.startIndex);
    at = comment.endIndex;
  }
  text += source.slice(at - node.startIndex);
  return hash('sha1', text.replace(/\s+/g, ''), 'base64url');
}
