/**
 * Source files that are valid TypeScript but nest deeper than a recursive walk survives, and
 * re-export chains longer than any call stack. The sizes the issue named, and sizes far above
 * them (those always exhaust the stack, whatever the stack size of the machine).
 */
export function deeplyNestedFiles(sizes: NestingSizes): Record<string, string> {
  const many = (count: number, item: (index: number) => string) => Array.from({ length: count }, (_, i) => item(i));
  return {
    // One item a line: the huge sizes must not look minified (very long lines), which is skipped for another reason.
    'src/deep/parens.ts': `export const p = ${'(\n'.repeat(sizes.parens)}1${')\n'.repeat(sizes.parens)};\n`,
    'src/deep/calls.ts': `declare const a: any;\nexport const c = a${'\n  .b()'.repeat(sizes.calls)};\n`,
    'src/deep/plus.ts': `declare const x: number;\nexport const s = ${many(sizes.plus, () => 'x').join(' +\n  ')};\n`,
    'src/deep/else-if.ts': `export function f(x: number) {\n  if (x === 0) return 0;\n${many(sizes.elseIf, (i) => `  else if (x === ${i + 1}) return ${i};`).join('\n')}\n  return -1;\n}\n`,
  };
}

export interface NestingSizes {
  parens: number;
  calls: number;
  plus: number;
  elseIf: number;
}

/** What the issue reported: each crashed the audit on a default Node stack (some only sometimes). */
export const ISSUE_SIZES: NestingSizes = { parens: 800, calls: 800, plus: 1500, elseIf: 5000 };

/**
 * Far beyond what a default stack holds: each is always too deep. The call chain is smaller
 * because the fact extractor's time grows with its square (left to the extractor's rewrite).
 */
export const HUGE_SIZES: NestingSizes = { parens: 20_000, calls: 2_500, plus: 20_000, elseIf: 20_000 };

/** The files `deeplyNestedFiles` holds. */
export const DEEP_FILES = ['src/deep/calls.ts', 'src/deep/else-if.ts', 'src/deep/parens.ts', 'src/deep/plus.ts'];

/**
 * Two chains of `export * from './next'` modules: one ends in a function that verifies a JWT
 * (reached from an HTTP route) and a class with a copy elsewhere, one in a re-export of
 * `jsonwebtoken.verify` (used by the route).
 * Only a lookup that follows the whole chain finds either.
 */
export function reExportChains(length = 5000): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < length; i++) {
    const last = i === length - 1;
    files[`chain/j${i}.ts`] = last
      ? `import jwt from 'jsonwebtoken';\nexport function check(token: string) {\n  return jwt.verify(token, process.env.KEY!);\n}\nexport class Session {\n  id = '';\n}\n`
      : `export * from './j${i + 1}.js';\n`;
    files[`chain/k${i}.ts`] = last ? `export { verify } from 'jsonwebtoken';\n` : `export * from './k${i + 1}.js';\n`;
  }
  files['src/server.ts'] = [
    "import express from 'express';",
    "import { check, Session } from '../chain/j0.js';",
    "import { verify } from '../chain/k0.js';",
    'const app = express();',
    "app.get('/a', (req, res) => {",
    '  check(String(req.headers.authorization));',
    "  res.send('a');",
    '});',
    "app.get('/b', (req, res) => {",
    '  verify(String(req.headers.authorization), process.env.KEY!);',
    "  res.send('b');",
    '});',
    '',
  ].join('\n');
  // A second copy of the class at the end of the chain: who imports which copy is known only through the chain.
  files['src/session.ts'] = "export class Session {\n  id = '';\n  user = '';\n}\n";
  return files;
}
