import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type ts from 'typescript';
import { extractFacts, type TypeScript } from '../engine/extract-facts.js';
import { parsePythonSource } from '../engine/python/extract.js';
import { pooled, type NamePool } from '../engine/strings.js';
import type { FileFacts } from '../engine/types.js';

/** Files above this size are generated or bundled, not hand-written sources of truth. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ParseOutcome = { facts: FileFacts } | { skipped: string };

export type SourceRead = { text: string; hash: string } | { skipped: string };

/** Reads one file as source text; never throws for a bad file, it says why it cannot be audited. */
export function readSource(absolutePath: string): SourceRead {
  let buffer: Buffer;
  try {
    const size = statSync(absolutePath).size;
    if (size > MAX_FILE_BYTES)
      return {
        skipped: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${(size / 1024 / 1024).toFixed(1)} MiB), likely generated`,
      };
    buffer = readFileSync(absolutePath);
  } catch (error) {
    return { skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const text = decodeSource(buffer);
  if (text.slice(0, 8000).includes('\0')) return { skipped: 'binary content' };
  return { text, hash: contentHash(buffer) };
}

/**
 * Source text as TypeScript reads it: UTF-8, or UTF-16 when a byte order mark says so (editors
 * on Windows save that, and tsc compiles it). UTF-16 is full of NUL bytes, which would otherwise
 * look binary.
 */
export function decodeSource(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  return buffer.toString('utf8');
}

/** The record of one file; `names` shares the strings it keeps among the records of one index. */
export function parseText(
  typescript: TypeScript,
  text: string,
  relativePath: string,
  names: NamePool = new Map(),
): ParseOutcome {
  if (looksMinified(text)) return { skipped: 'minified or generated (very long lines)' };
  try {
    if (isPythonFile(relativePath)) return parsePythonSource(text, relativePath);
    return parseChecked(typescript, text, relativePath, names);
  } catch (error) {
    // The parser and the extractor recurse over the syntax tree: a few thousand nested
    // expressions exhaust the stack. One such file is skipped, like a syntax error; the audit goes on.
    if (isStackOverflow(error)) return { skipped: NESTED_TOO_DEEPLY };
    throw error;
  }
}

export function isPythonFile(file: string): boolean {
  return file.endsWith('.py');
}

const NESTED_TOO_DEEPLY = 'nested too deeply to analyse';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function parseChecked(typescript: TypeScript, text: string, relativePath: string, names: NamePool): ParseOutcome {
  // Parent pointers are set here rather than by `setParentNodes`: TypeScript's pass is a queue of
  // child lists (and binds JSDoc nodes, which nothing here reads), twice the cost of one recursion.
  const sourceFile = typescript.createSourceFile(
    relativePath,
    text,
    typescript.ScriptTarget.Latest,
    false,
    scriptKind(typescript, relativePath),
  );
  const syntaxError = firstSyntaxError(typescript, sourceFile);
  if (syntaxError) return { skipped: syntaxError };
  bindParents(typescript, sourceFile, names);
  return { facts: extractFacts(typescript, sourceFile, relativePath, names) };
}

/**
 * Sets every node's `parent`, as `setParentNodes` would (JSDoc nodes aside), and gives names and
 * string literals their copy from `names`: a record holding a slice of the source text would
 * keep the whole file alive (see `strings.ts`).
 */
function bindParents(typescript: TypeScript, sourceFile: ts.SourceFile, names: NamePool): void {
  const { Identifier, PrivateIdentifier, StringLiteral, NoSubstitutionTemplateLiteral } = typescript.SyntaxKind;
  let parent: ts.Node = sourceFile;
  const bind = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    const kind = child.kind;
    if (kind === Identifier || kind === PrivateIdentifier) {
      const identifier = child as unknown as { escapedText: string };
      identifier.escapedText = pooled(names, identifier.escapedText);
      return undefined;
    }
    if (kind === StringLiteral || kind === NoSubstitutionTemplateLiteral) {
      const literal = child as unknown as { text: string };
      literal.text = pooled(names, literal.text);
      return undefined;
    }
    const outer = parent;
    parent = child;
    typescript.forEachChild(child, bind);
    parent = outer;
    return undefined;
  };
  typescript.forEachChild(sourceFile, bind);
}

function scriptKind(typescript: TypeScript, file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return typescript.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(file)) return typescript.ScriptKind.TS;
  if (file.endsWith('.jsx')) return typescript.ScriptKind.JSX;
  return typescript.ScriptKind.JS;
}

function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  const lines = text.split('\n', 50);
  return lines.some((line) => line.length > 20_000);
}

function firstSyntaxError(typescript: TypeScript, sourceFile: ts.SourceFile): string | undefined {
  // parseDiagnostics is internal but stable since TypeScript 2; it is what `tsc` reports as syntax errors.
  const diagnostics =
    (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return `syntax error at ${line + 1}:${character + 1}: ${typescript.flattenDiagnosticMessageText(first.messageText, ' ')}`;
}

/** SHA-1 of the content: native, fast, and enough to notice that a file changed. */
export function contentHash(content: string | Buffer): string {
  return hash('sha1', content, 'base64url');
}
