import rule from '../../rules/single-jwt-path.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('single-jwt-path', file);

createRuleTester().run('single-jwt-path', rule, {
  valid: [
    {
      name: 'inside the auth core',
      filename: at('src/auth-core/extra.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const v = (t: string, k: string) => jwt.verify(t, k);",
    },
    {
      name: 'signing is not verification',
      filename: at('src/rt/sign.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const s = (k: string) => jwt.sign({ sub: 'u' }, k);",
    },
    {
      name: 'a local verify()',
      filename: at('src/rt/local.ts'),
      code: 'function verify(input: string) {\n  return input.length > 0;\n}\nexport const ok = verify("x");',
    },
    {
      name: 'a verify method on another object',
      filename: at('src/rt/crypto.ts'),
      code: "import { createVerify } from 'node:crypto';\nexport const ok = createVerify('sha256').verify('key', 'sig');",
    },
    {
      name: 'calling the auth core',
      filename: at('src/rt/core-call.ts'),
      code: "import { verifyAccessToken } from '../auth-core';\nexport const claims = (t: string) => verifyAccessToken(t);",
    },
    {
      name: 'verifying through the auth core package: the allowed path',
      filename: inFixture('single-jwt-path-package-core', 'src/http/verify.ts'),
      code: "import { configFromEnv, createAuthCore } from '@ssot-lint/auth-core';\nconst core = await createAuthCore(configFromEnv());\nexport const userOf = async (t: string) => (await core.verifyToken(t)).userId;",
    },
    {
      name: 'a test file',
      filename: at('src/rt/token.test.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const c = jwt.decode('x');",
    },
    {
      name: 'a parameter that hides the import',
      filename: at('src/rt/shadow-parameter.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport function check(jwt: { verify(t: string): boolean }, t: string) {\n  return jwt.verify(t);\n}",
    },
    {
      name: 'a local const that hides the import',
      filename: at('src/rt/shadow-local.ts'),
      code: "import { decode } from 'jsonwebtoken';\nexport function parse(t: string) {\n  const decode = (v: string) => v.split('.');\n  return decode(t);\n}",
    },
    {
      name: 'a catch binding that hides the import',
      filename: at('src/rt/shadow-catch.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport function f(t: string) {\n  try {\n    return JSON.parse(t);\n  } catch (jwt) {\n    return (jwt as { decode(v: string): unknown }).decode(t);\n  }\n}",
    },
    {
      name: 'a destructured name that hides the import',
      filename: at('src/rt/shadow-destructured.ts'),
      code: "import { verify } from 'jsonwebtoken';\nexport function f(t: string, o: { verify(v: string): boolean }) {\n  const { verify } = o;\n  return verify(t);\n}",
    },
    {
      name: 'a field holding something else',
      filename: at('src/rt/field-other.ts'),
      code: 'export class C {\n  private jwt = { verify: (v: string) => v.length > 0 };\n  check(t: string) {\n    return this.jwt.verify(t);\n  }\n}',
    },
    {
      name: 'a type-only import',
      filename: at('src/rt/types.ts'),
      code: "import type { JwtPayload } from 'jsonwebtoken';\nexport type P = JwtPayload;",
    },
  ],
  invalid: [
    {
      name: 'a second path beside the auth core package the project imports: the package is the core',
      filename: inFixture('single-jwt-path-package-core', 'src/legacy/token.ts'),
      code: "import jwt from 'jsonwebtoken';\n\nexport function legacyUser(token: string): string {\n  const claims = jwt.verify(token, process.env.JWT_SECRET!) as { sub: string };\n  return claims.sub;\n}\n",
      errors: [
        {
          messageId: 'outsideCore',
          data: { what: 'jsonwebtoken.verify verifies a JWT', core: '@ssot-lint/auth-core' },
          line: 4,
          column: 18,
        },
      ],
    },
    {
      name: 'the only JWT module of its workspace package, with other packages verifying too: no core of its own',
      filename: inFixture('single-jwt-path-workspaces', 'apps/api/src/auth/guard.ts'),
      code: "import jwt from 'jsonwebtoken';\n\nexport function requireUser(header: string) {\n  return jwt.verify(header.replace('Bearer ', ''), process.env.API_JWT_SECRET!);\n}\n",
      errors: [{ messageId: 'severalPaths', line: 4, column: 10 }],
    },
    {
      name: 'a field assigned a JWT service in the constructor',
      filename: at('src/rt/field-assigned.ts'),
      code: "import { JwtService } from '@nestjs/jwt';\nexport class C {\n  private readonly jwt;\n  check(t: string) {\n    return this.jwt.verify(t);\n  }\n  constructor() {\n    this.jwt = new JwtService({});\n  }\n}",
      errors: [{ messageId: 'outsideCore', line: 5, column: 12 }],
    },
    {
      name: 'the import again outside the scope that hid it',
      filename: at('src/rt/shadow-then-use.ts'),
      code: "import { decode } from 'jsonwebtoken';\nexport function parse(t: string) {\n  const decode = (v: string) => v;\n  return decode(t);\n}\nexport const peek = (t: string) => decode(t);",
      errors: [{ messageId: 'outsideCore', line: 6, column: 36 }],
    },
    {
      name: 'default import',
      filename: at('src/rt/default.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const v = (t: string, k: string) => jwt.verify(t, k);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 44 }],
    },
    {
      name: 'alias',
      filename: at('src/rt/alias.ts'),
      code: "import { verify as check } from 'jsonwebtoken';\nexport const v = (t: string, k: string) => check(t, k);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 44 }],
    },
    {
      name: 'namespace import',
      filename: at('src/rt/namespace.ts'),
      code: "import * as jose from 'jose';\nexport const v = (t: string, k: Uint8Array) => jose.jwtVerify(t, k);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 48 }],
    },
    {
      name: 'destructured require in .cjs',
      filename: at('src/rt/require.cjs'),
      code: "const { decode } = require('jsonwebtoken');\nmodule.exports = (t) => decode(t);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 25 }],
    },
    {
      name: 'destructuring a namespace',
      filename: at('src/rt/destructure.ts'),
      code: "import * as jose from 'jose';\nconst { decodeJwt } = jose;\nexport const c = (t: string) => decodeJwt(t);",
      errors: [{ messageId: 'outsideCore', line: 3, column: 33 }],
    },
    {
      name: 'dynamic import in .mts',
      filename: at('src/rt/dynamic.mts'),
      code: "const { jwtVerify } = await import('jose');\nexport const v = (t: string, k: Uint8Array) => jwtVerify(t, k);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 48 }],
    },
    {
      name: 'a barrel re-exporting the library, via tsconfig paths',
      filename: at('src/rt/barrel.ts'),
      code: "import { verify } from '@app/lib/jwt';\nexport const v = (t: string, k: string) => verify(t, k);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 44 }],
    },
    {
      name: 'a passport-jwt strategy',
      filename: at('src/rt/passport.ts'),
      code: "import { Strategy } from 'passport-jwt';\nexport const s = new Strategy({ secretOrKey: 'k' } as never, () => undefined);",
      errors: [{ messageId: 'outsideCore', line: 2, column: 18 }],
    },
    {
      name: 'a Nest JwtService in a .tsx file',
      filename: at('src/rt/nest.tsx'),
      code: "import { JwtService } from '@nestjs/jwt';\nexport class G {\n  constructor(private readonly jwt: JwtService) {}\n  check(t: string) {\n    return this.jwt.verify(t);\n  }\n}",
      errors: [{ messageId: 'outsideCore', line: 5, column: 12 }],
    },
  ],
});
