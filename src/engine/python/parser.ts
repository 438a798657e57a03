import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

/**
 * The Python parser: tree-sitter's Python grammar compiled to WebAssembly, run by web-tree-sitter.
 * WebAssembly installs everywhere `npm ci` runs, with no compiler and no prebuilt binary per
 * platform and Node version. Loading it is asynchronous (the runtime compiles the modules), so the
 * CLI loads it once before the index build; parsing and fact extraction after that are synchronous,
 * like the TypeScript path.
 */
let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

export function loadPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const grammar = readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammar));
    ready = parser;
    return parser;
  })();
  return loading;
}

/** The loaded parser, or undefined when nothing loaded it (the ESLint plugin, which reads TypeScript and JavaScript only). */
export function pythonParser(): Parser | undefined {
  return ready;
}
