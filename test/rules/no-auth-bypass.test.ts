import rule from '../../rules/no-auth-bypass.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('no-auth-bypass', file);

createRuleTester().run('no-auth-bypass', rule, {
  valid: [
    {
      name: 'parsing the Authorization header',
      filename: at('src/rt/parse.ts'),
      code: "export const bearer = (h: string) => (h.startsWith('Bearer ') ? h.slice(7) : undefined);",
    },
    {
      name: 'setting a test header on a response',
      filename: at('src/rt/respond.ts'),
      code: "export const mark = (res: { setHeader(n: string, v: string): void }) => res.setHeader('x-test-mode', 'off');",
    },
    {
      name: 'listing a header for CORS',
      filename: at('src/rt/cors.ts'),
      code: "export const cors = { allowedHeaders: ['authorization', 'x-e2e-test'] };",
    },
    {
      name: 'a secret from configuration',
      filename: at('src/rt/config.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const s = () => jwt.sign({ sub: 'u' }, process.env.JWT_SECRET!);",
    },
    {
      name: 'a test file may mint with a literal',
      filename: at('src/rt/mint.test.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 'u' }, 'test-secret');",
    },
    {
      name: 'an algorithm argument is not a key',
      filename: at('src/rt/hono.ts'),
      code: "import { verify } from 'hono/jwt';\nexport const v = (t: string, key: string) => verify(t, key, 'RS256');",
    },
    {
      name: "'none' in an object that never reaches a JWT call",
      filename: at('src/rt/menu.ts'),
      code: "export const compression = { algorithm: 'none' };\nexport const menu = { algorithms: ['none', 'gzip'] };",
    },
    {
      name: "the algorithm argument of jose's importSPKI",
      filename: at('src/rt/spki.ts'),
      code: "import { importSPKI } from 'jose';\nexport const key = (pem: string) => importSPKI(pem, 'RS256');",
    },
    {
      name: 'a literal constant of another function that shares the name',
      filename: at('src/rt/shared.ts'),
      code: "import jwt from 'jsonwebtoken';\nfunction seed() {\n  const KEY = 'seed-literal';\n  return KEY;\n}\nexport const v = (t: string, KEY: string) => jwt.verify(t, KEY);\nexport const s = seed;",
    },
  ],
  invalid: [
    {
      name: 'a bypass header',
      filename: at('src/rt/header.ts'),
      code: "export const e2e = (req: { headers: Record<string, string> }) => req.headers['x-e2e-test'] === 'true';",
      errors: [{ messageId: 'bypassHeader', line: 1, column: 66 }],
    },
    {
      name: 'a header read through a getter',
      filename: at('src/rt/getter.ts'),
      code: "export const e2e = (req: { get(n: string): string }) => req.get('X-Bypass-Auth');",
      errors: [{ messageId: 'bypassHeader', line: 1, column: 57 }],
    },
    {
      name: 'a token pattern',
      filename: at('src/rt/pattern.ts'),
      code: "export const isE2e = (token: string) => token.includes('staging-e2e-user');",
      errors: [{ messageId: 'tokenContentCheck', line: 1, column: 41 }],
    },
    {
      name: 'ignoreExpiration, with a suggestion to remove it',
      filename: at('src/rt/expiry.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const o = { ignoreExpiration: true, algorithms: ['RS256'] };\nvoid jwt;",
      errors: [
        {
          messageId: 'ignoreExpiration',
          line: 2,
          column: 20,
          suggestions: [
            {
              messageId: 'removeOption',
              output: "import jwt from 'jsonwebtoken';\nexport const o = { algorithms: ['RS256'] };\nvoid jwt;",
            },
          ],
        },
      ],
    },
    {
      name: "algorithm 'none', with a suggestion to remove it",
      filename: at('src/rt/none.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const v = (t: string, k: string) => jwt.verify(t, k, { algorithms: ['HS256', 'none'] });",
      errors: [
        {
          messageId: 'algorithmNone',
          line: 2,
          column: 85,
          suggestions: [
            {
              messageId: 'removeAlgorithm',
              output:
                "import jwt from 'jsonwebtoken';\nexport const v = (t: string, k: string) => jwt.verify(t, k, { algorithms: ['HS256'] });",
            },
          ],
        },
      ],
    },
    {
      name: 'a hard-coded key',
      filename: at('src/rt/literal.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 'svc' }, 'staging-e2e-jwt-secret-for-testing');",
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 43 }],
    },
    {
      name: 'a fallback secret in a .cjs file',
      filename: at('src/rt/fallback.cjs'),
      code: "module.exports = process.env.JWT_SECRET || 'dev-secret';",
      errors: [{ messageId: 'fallbackSecret', line: 1, column: 44 }],
    },
    {
      name: 'decode in place of verify inside the core',
      filename: at('src/auth-core/peek.ts'),
      code: "import { decodeJwt } from 'jose';\nexport const sub = (t: string) => decodeJwt(t).sub;",
      errors: [{ messageId: 'decodeWithoutVerify', line: 2, column: 35 }],
    },
    {
      name: 'options held in a const reach jwt.verify',
      filename: at('src/rt/opts.ts'),
      code: "import jwt from 'jsonwebtoken';\nconst opts = { algorithms: ['none'] };\nexport const v = (t: string, k: string) => jwt.verify(t, k, opts);",
      errors: [
        {
          messageId: 'algorithmNone',
          line: 2,
          column: 29,
          suggestions: [
            {
              messageId: 'removeAlgorithm',
              output:
                "import jwt from 'jsonwebtoken';\nconst opts = { algorithms: [] };\nexport const v = (t: string, k: string) => jwt.verify(t, k, opts);",
            },
          ],
        },
      ],
    },
    {
      name: 'an algorithm held in a constant, built with Object.assign',
      filename: at('src/rt/assign.ts'),
      code: "import jwt from 'jsonwebtoken';\nconst NONE = 'none';\nexport const s = (p: object, k: string) => jwt.sign(p, k, Object.assign({}, { algorithm: NONE }));",
      errors: [{ messageId: 'algorithmNone', line: 2, column: 14, suggestions: [] }],
    },
    {
      name: "jose v2's unsecured JWK.None",
      filename: at('src/rt/legacy.ts'),
      code: "const { JWT, JWK } = require('jose');\nexport const v = (t: string) => JWT.verify(t, JWK.None);",
      errors: [{ messageId: 'algorithmNone', line: 2, column: 47 }],
    },
    {
      name: 'a literal constant wrapped in TextEncoder().encode',
      filename: at('src/rt/encoded.ts'),
      code: "import { jwtVerify } from 'jose';\nconst SECRET = 'encoded-literal';\nexport const v = (t: string) => jwtVerify(t, new TextEncoder().encode(SECRET));",
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 16 }],
    },
    {
      name: 'a secret falling back to a literal constant',
      filename: at('src/rt/default.ts'),
      code: "import jwt from 'jsonwebtoken';\nconst DEFAULT_SECRET = 'change-me';\nexport const v = (t: string) => jwt.verify(t, process.env.JWT_SECRET || DEFAULT_SECRET);",
      errors: [{ messageId: 'fallbackSecret', line: 2, column: 24 }],
    },
    {
      name: 'jwt-simple with a literal key',
      filename: at('src/rt/simple.ts'),
      code: "import jwt from 'jwt-simple';\nexport const e = (p: object) => jwt.encode(p, 'simple-secret');",
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 47 }],
    },
    {
      name: "next-auth's decode with a literal secret",
      filename: at('src/rt/next.ts'),
      code: "import { decode } from 'next-auth/jwt';\nexport const d = (token: string) => decode({ token, secret: 'next-secret' });",
      errors: [{ messageId: 'hardcodedSecret', line: 2, column: 61 }],
    },
  ],
});
