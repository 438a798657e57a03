import rule from '../../rules/no-auth-bypass.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('no-auth-bypass', file);

createRuleTester().run('no-auth-bypass: environment-gated credential issuance', rule, {
  valid: [
    {
      name: 'a test-only route that issues nothing',
      filename: at('src/rt/clear.ts'),
      code: "export function clear(db: { destroy(): void }) {\n  if (process.env.NODE_ENV !== 'test') throw new Error('not found');\n  db.destroy();\n}",
    },
    {
      name: 'a session cookie set on both sides is no shortcut',
      filename: at('src/rt/cookie.ts'),
      code: "export function write(res: { cookie(n: string, v: string, o: object): void }, id: string) {\n  if (process.env.NODE_ENV === 'production') res.cookie('session', id, { secure: true });\n  else res.cookie('session', id, { secure: false });\n}",
    },
    {
      name: 'production-only signing',
      filename: at('src/rt/prod.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport function mint(key: string) {\n  if (process.env.NODE_ENV === 'production') return jwt.sign({ sub: 'u' }, key);\n  return undefined;\n}",
    },
    {
      name: 'staging is on neither side',
      filename: at('src/rt/staging.ts'),
      code: "declare function createSession(id: string): string;\nexport const s = (id: string) => {\n  if (process.env.NODE_ENV === 'staging') return createSession(id);\n  return undefined;\n};",
    },
    {
      name: 'a test file',
      filename: at('src/rt/seed.test.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const t = () => (process.env.NODE_ENV === 'test' ? jwt.sign({ sub: 'u' }, process.env.JWT_SECRET!) : '');",
    },
  ],
  invalid: [
    {
      name: "a token route reachable only when NODE_ENV is 'test'",
      filename: at('src/rt/test-token.ts'),
      code: "declare const auth: { getSignedToken(id: string): Promise<string> };\nexport async function testToken(id: string) {\n  if (process.env.NODE_ENV !== 'test') throw new Error('not found');\n  return auth.getSignedToken(id);\n}",
      errors: [{ messageId: 'envGatedCredential', line: 3, column: 7 }],
    },
    {
      name: 'a development log of a fresh sign-in token',
      filename: at('src/rt/invite.ts'),
      code: 'declare const env: { isDevelopment: boolean };\nexport function invite(user: { getEmailSigninToken(): string }) {\n  if (env.isDevelopment) console.log(`sign in: /callback?token=${user.getEmailSigninToken()}`);\n}',
      errors: [{ messageId: 'envGatedCredential', line: 3, column: 7 }],
    },
    {
      name: 'a sign-in only outside production, through a call within the file',
      filename: at('src/rt/quick-login.ts'),
      code: "function enter(req: { login(u: object): void }) {\n  req.login({ id: 'seed' });\n}\nexport function quick(req: { login(u: object): void }) {\n  if (process.env.NODE_ENV === 'production') return;\n  enter(req);\n}",
      errors: [{ messageId: 'envGatedCredential', line: 5, column: 7 }],
    },
  ],
});
