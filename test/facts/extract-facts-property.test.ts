import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/engine/extract-facts.js';
import { bundledTypeScript } from '../../src/project/typescript.js';

/**
 * The extractor sees every file of a pull request, finished or not: whatever the parser makes of
 * a file, extracting facts from it must not throw (one throw would lose the whole audit).
 */
const typescript = bundledTypeScript();

const SEEDS = [
  "import jwt from 'jsonwebtoken';\nexport function check(t: string) {\n  if (process.env.NODE_ENV !== 'production') return { sub: 'dev' };\n  return jwt.verify(t, process.env.JWT_SECRET || 'fallback');\n}\n",
  "import { jwtVerify, createRemoteJWKSet } from 'jose';\nconst keys = createRemoteJWKSet(new URL(process.env.JWKS!));\nexport default async (token: string) => (await jwtVerify(token, keys)).payload;\n",
  '/** @canonical */\nexport class UserContext {\n  constructor(private readonly id: string, public name?: string) {}\n  get label() { return `${this.id}:${this.name}`; }\n}\nexport { UserContext as Ctx };\nexport * from "./other";\n',
  "const { verify } = require('jsonwebtoken');\nmodule.exports = function (req, res, next) {\n  // ssot-disable-next-line no-auth-bypass\n  if (req.query.debug) return next();\n  req.user = verify(req.headers.authorization.split(' ')[1], 'k');\n  next();\n};\n",
  "@Injectable()\nexport class JwtGuard extends AuthGuard('jwt') implements CanActivate {\n  canActivate(ctx: ExecutionContext) { return process.env.SKIP_AUTH === '1' || super.canActivate(ctx); }\n}\nconst App = () => <Route path=\"/a\" element={<Guard><Page /></Guard>} />;\n",
];

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  ';',
  ',',
  '.',
  '...',
  '?.',
  '??',
  '=>',
  '=',
  '!',
  '?',
  ':',
  '@',
  '#',
  '`',
  '${',
  "'",
  '"',
  '/*',
  '*/',
  '//',
  '\n',
  ' ',
  'import',
  'export',
  'default',
  'from',
  'class',
  'extends',
  'implements',
  'function',
  'async',
  'await',
  'return',
  'if',
  'else',
  'new',
  'this',
  'super',
  'const',
  'let',
  'var',
  'typeof',
  'require',
  'module.exports',
  'process.env',
  'jwt',
  'verify',
  'decode',
  'sign',
  'jsonwebtoken',
  'jose',
  '*',
  'as',
  'declare',
  'namespace',
  'enum',
  'interface',
  'type',
  'keyof',
  'satisfies',
  '/** @canonical */',
  '<div>',
  '</div>',
  '#private',
  'get',
  'set',
  'static',
  'constructor',
  'yield',
  'delete',
  'void',
  '0x',
  '1e',
  '\\u{',
  '\uFEFF',
  '\u0000',
];

type Edit = { at: number; remove: number; insert: string };

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.constant('')),
});

function applyEdits(seed: string, edits: readonly Edit[]): string {
  let text = seed;
  for (const { at, remove, insert } of edits) {
    const position = at % (text.length + 1);
    text = text.slice(0, position) + insert + text.slice(position + remove);
  }
  return text;
}

const FILE_NAMES = ['src/auth/guard.ts', 'src/app.tsx', 'lib/index.js', 'server.mjs', 'types.cts'];

function extract(text: string, file: string) {
  const kind = file.endsWith('.tsx')
    ? typescript.ScriptKind.TSX
    : /\.[cm]?ts$/.test(file)
      ? typescript.ScriptKind.TS
      : typescript.ScriptKind.JS;
  const sourceFile = typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true, kind);
  return extractFacts(typescript, sourceFile, file);
}

describe('extractFacts on generated and garbled sources', () => {
  it('never throws on real code with random edits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(edit, { maxLength: 12 }),
        fc.constantFrom(...FILE_NAMES),
        (seed, edits, file) => {
          const facts = extract(applyEdits(seed, edits), file);
          expect(facts.file).toBe(file);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on token soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }),
        fc.constantFrom(...FILE_NAMES),
        (tokens, file) => {
          extract(tokens.join(' '), file);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...FILE_NAMES), (text, file) => {
        extract(text, file);
      }),
      { numRuns: 300 },
    );
  });
});
