import type { Tree } from 'web-tree-sitter';
import type { FileFacts } from '../types.js';
import { PythonBypassVisitor } from './bypasses.js';
import { PythonEntryVisitor } from './entries.js';
import { PythonEnvironmentVisitor } from './environment.js';
import { PythonJwtVisitor } from './jwt.js';
import { PythonModuleVisitor } from './modules.js';
import { pythonParser } from './parser.js';
import { PythonSecretVisitor } from './secrets.js';
import { extractPythonSuppressions } from './suppressions.js';
import { PythonWalk, type PythonVisitor } from './walk.js';

export type PythonParseOutcome = { facts: FileFacts } | { skipped: string };

/**
 * Facts of one Python file, the same record the TypeScript front end makes. A file with a syntax
 * error is skipped with the position of the first one, as a TypeScript file is: Python would not
 * import it, and tree-sitter's recovery could make up code that is not there.
 */
export function parsePythonSource(text: string, file: string): PythonParseOutcome {
  const parser = pythonParser();
  if (!parser) return { skipped: 'the Python parser is not loaded' };
  const tree = parser.parse(text);
  if (!tree) return { skipped: 'the Python parser gave no tree' };
  try {
    const syntaxError = firstSyntaxError(tree, text);
    if (syntaxError) return { skipped: syntaxError };
    return { facts: extractPythonFacts(tree, text, file) };
  } finally {
    tree.delete();
  }
}

export function extractPythonFacts(tree: Tree, text: string, file: string): FileFacts {
  const walk = new PythonWalk(tree, text, file);
  const facts = walk.run(createVisitors);
  facts.suppressions = extractPythonSuppressions(tree, text, walk.lines);
  return facts;
}

function createVisitors(walk: PythonWalk): PythonVisitor[] {
  const jwt = new PythonJwtVisitor(walk);
  return [
    new PythonModuleVisitor(walk),
    jwt,
    new PythonEnvironmentVisitor(walk),
    new PythonSecretVisitor(walk, jwt),
    new PythonBypassVisitor(walk),
    new PythonEntryVisitor(walk),
  ];
}

function firstSyntaxError(tree: Tree, text: string): string | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) {
        const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
        const line = text.slice(0, node.startIndex).split('\n').length;
        const what = node.isMissing ? `missing ${node.type}` : 'invalid syntax';
        return `syntax error at ${line}:${node.startIndex - lineStart + 1}: ${what}`;
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return 'syntax error';
    }
  } finally {
    cursor.delete();
  }
}
