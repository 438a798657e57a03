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
  ],
});
