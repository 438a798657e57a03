/**
 * The parse floor: read and parse every source file of the project with the TypeScript that
 * ts-morph bundles (the one `ssot audit` parses with), with the same arguments, and keep nothing;
 * and every Python file with the tree-sitter parser the audit loads (web-tree-sitter and
 * tree-sitter-python's grammar), counted apart so a front end that reads no Python can be told.
 *
 *   node dist/bench/parse-floor.js <dir> <summary.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { globSync } from 'tinyglobby';
import { loadPythonParser } from '../src/engine/python/parser.js';

const [directory, summaryFile] = process.argv.slice(2);
if (!directory || !summaryFile) throw new Error('usage: parse-floor <dir> <summary.json>');

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(file)) return ts.ScriptKind.TS;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

const files = globSync(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], {
  cwd: directory,
  ignore: ['**/node_modules/**', '**/.git/**', '**/*.d.ts'],
  dot: true,
  followSymbolicLinks: false,
}).sort();

let lines = 0;
let statements = 0;
const syntaxErrors: string[] = [];
for (const file of files) {
  const text = readFileSync(path.join(directory, file), 'utf8');
  // setParentNodes = true: a syntax tree with parent pointers, which the audit needs. The audit sets
  // them in a pass of its own (cheaper than TypeScript's); the floor keeps TypeScript's, so that
  // floors of older and newer builds measure the same work.
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  statements += sourceFile.statements.length;
  lines += sourceFile.getLineStarts().length - (text.endsWith('\n') ? 1 : 0);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) syntaxErrors.push(file);
}

const pythonFiles = globSync(['**/*.py'], {
  cwd: directory,
  ignore: ['**/node_modules/**', '**/.git/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**', '**/site-packages/**'],
  dot: true,
  followSymbolicLinks: false,
}).sort();
const python = { files: pythonFiles.length, lines: 0, syntaxErrors: [] as string[] };
if (pythonFiles.length > 0) {
  const parser = await loadPythonParser();
  for (const file of pythonFiles) {
    const text = readFileSync(path.join(directory, file), 'utf8');
    const tree = parser.parse(text);
    if (!tree || tree.rootNode.hasError) python.syntaxErrors.push(file);
    python.lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    tree?.delete();
  }
}

writeFileSync(
  summaryFile,
  JSON.stringify({ typescript: ts.version, files: files.length, lines, statements, syntaxErrors, python }),
);
