import rule from '../../rules/no-env-branching-auth.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('no-env-branching-auth', file);

createRuleTester().run('no-env-branching-auth', rule, {
  valid: [
    {
      name: 'a logger may branch on the environment',
      filename: at('src/utils/rt-logger.ts'),
      code: "export const level = process.env.NODE_ENV === 'production' ? 'info' : 'debug';",
    },
    {
      name: 'a port chooser',
      filename: at('src/server/rt-port.ts'),
      code: 'export const port = process.env.PORT ? Number(process.env.PORT) : 3000;',
    },
    {
      name: 'a default value is not a branch',
      filename: at('src/auth/rt-default.ts'),
      code: "export const env = process.env.NODE_ENV || 'development';",
    },
    {
      name: 'getAuthor is not auth',
      filename: at('src/lib/rt-books.ts'),
      code: "export function getAuthor() {\n  return process.env.NODE_ENV === 'test' ? 'x' : 'y';\n}",
    },
    {
      name: 'a domain entity called environment',
      filename: at('src/auth/rt-tenant.ts'),
      code: "export const id = (session: { environment?: { id: string } }) => (session.environment ? session.environment.id : '');",
    },
    {
      name: 'a test file',
      filename: at('src/auth/rt-session.test.ts'),
      code: "if (process.env.NODE_ENV === 'test') {}",
    },
    {
      name: 'a rate limiter named TokenBucket',
      filename: at('src/utils/rt-bucket.ts'),
      code: "export class TokenBucket {\n  tokens = 1;\n  refill() {\n    if (process.env.NODE_ENV === 'test') this.tokens = 1000;\n  }\n}",
    },
    {
      name: 'a login page translation',
      filename: at('src/i18n/rt-translate.ts'),
      code: "export function translateLoginPage() {\n  return process.env.NODE_ENV === 'development' ? '[dev] Login' : 'Login';\n}",
    },
    {
      name: 'a lexer reading its next token',
      filename: at('src/lexer/rt-lexer.ts'),
      code: "export class Lexer {\n  i = 0;\n  nextToken(text: string) {\n    if (process.env.NODE_ENV === 'development') console.debug(this.i);\n    return text[this.i++];\n  }\n}",
    },
    {
      name: 'a component named Authenticated',
      filename: at('src/web/rt-authenticated.tsx'),
      code: "export const Authenticated = ({ children }: { children: string }) => (process.env.NODE_ENV === 'development' ? <i>{children}</i> : <b>{children}</b>);",
    },
    {
      name: 'a theme cookie is no credential',
      filename: at('src/http/rt-theme.ts'),
      code: "export function theme(res: { cookie(n: string, v: string): void }) {\n  if (process.env.NODE_ENV === 'development') res.cookie('theme', 'dark');\n}",
    },
  ],
  invalid: [
    {
      name: 'NODE_ENV in an auth file',
      filename: at('src/auth/rt-verify.ts'),
      code: "export const strict = () => {\n  if (process.env.NODE_ENV === 'production') return true;\n  return false;\n};",
      errors: [{ messageId: 'envBranch', line: 2, column: 7 }],
    },
    {
      name: 'a tainted const in a function named for tokens',
      filename: at('src/lib/rt-tokens.ts'),
      code: "const environment = process.env.ENVIRONMENT ?? 'dev';\nexport function validateToken(t: string) {\n  return ['staging', 'production'].includes(environment) ? t.length > 0 : true;\n}",
      errors: [{ messageId: 'envBranch', line: 3, column: 10 }],
    },
    {
      name: 'a helper in a .mts middleware',
      filename: at('src/middleware/rt-auth.mts'),
      code: 'declare function isProduction(): boolean;\nexport const skip = !isProduction() && true;',
      errors: [{ messageId: 'envBranch', line: 2, column: 21 }],
    },
    {
      name: 'import.meta.env in a .tsx login form',
      filename: at('src/web/rt-login.tsx'),
      code: 'export const Login = () => (import.meta.env.DEV ? <b>dev login</b> : <b>login</b>);',
      errors: [{ messageId: 'envBranch', line: 1, column: 29 }],
    },
    {
      name: 'a context field compared with a deployment name',
      filename: at('src/websocket/rt-upgrade.ts'),
      code: "export function authenticate(ctx: { environment: string }) {\n  switch (ctx.environment) {\n    default:\n  }\n  if (ctx.environment === 'staging') return null;\n  return ctx;\n}",
      errors: [{ messageId: 'envBranch', line: 5, column: 7 }],
    },
    {
      name: 'destructured env in a .cjs passport setup',
      filename: at('src/legacy/rt-passport.cjs'),
      code: "const { NODE_ENV } = process.env;\nmodule.exports = NODE_ENV === 'test' ? null : require('passport');",
      errors: [{ messageId: 'envBranch', line: 2, column: 18 }],
    },
    {
      name: 'a function that signs a token, whatever its name',
      filename: at('src/commands/rt-welcome.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport function welcome(id: string, key: string) {\n  const ttl = process.env.NODE_ENV === 'production' ? '1h' : '30d';\n  return jwt.sign({ sub: id }, key, { expiresIn: ttl });\n}",
      errors: [{ messageId: 'envBranch', line: 3, column: 15 }],
    },
    {
      name: 'a branch that reaches jwt.sign through a call within the file',
      filename: at('src/commands/rt-invite.ts'),
      code: "import jwt from 'jsonwebtoken';\nfunction link(id: string) {\n  return jwt.sign({ sub: id }, 'k');\n}\nexport function invite(id: string) {\n  if (process.env.NODE_ENV === 'development') console.log(link(id));\n}",
      errors: [{ messageId: 'envBranch', line: 6, column: 7 }],
    },
    {
      name: 'a session cookie under a getter that reads the environment',
      filename: at('src/http/rt-cookies.ts'),
      code: "export class Cookies {\n  get isProduction() {\n    return process.env.NODE_ENV === 'production';\n  }\n  write(res: { cookie(n: string, v: string, o: object): void }, id: string) {\n    res.cookie('session', id, { secure: this.isProduction ? true : false });\n  }\n}",
      errors: [{ messageId: 'envBranch', line: 6, column: 41 }],
    },
    {
      name: 'a private field that reads the environment, before a sign-in',
      filename: at('src/http/rt-private.ts'),
      code: "export class Gate {\n  #isDev = process.env.NODE_ENV === 'development';\n  open(req: { login(u: object): void }, u: object) {\n    if (this.#isDev) req.login(u);\n  }\n}",
      errors: [{ messageId: 'envBranch', line: 4, column: 9 }],
    },
    {
      name: "an upper-case field and env('NODE_ENV')",
      filename: at('src/http/rt-upper.ts'),
      code: "declare const config: { ENVIRONMENT: string };\ndeclare function env(name: string): string;\ndeclare function createSession(id: string): string;\nexport function quick(id: string) {\n  if (config.ENVIRONMENT === 'test') return createSession(id);\n  if (env('NODE_ENV') === 'local') return createSession(id);\n  return undefined;\n}",
      errors: [
        { messageId: 'envBranch', line: 5, column: 7 },
        { messageId: 'envBranch', line: 6, column: 7 },
      ],
    },
  ],
});
