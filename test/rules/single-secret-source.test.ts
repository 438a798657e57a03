import rule from '../../rules/single-secret-source.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('single-secret-source', file);

createRuleTester().run('single-secret-source', rule, {
  valid: [
    {
      name: 'inside the auth core',
      filename: at('src/auth-core/rt-keys.ts'),
      code: 'export const secret = process.env.JWT_SECRET;',
    },
    { name: 'an unrelated variable', filename: at('src/rt/port.ts'), code: 'export const port = process.env.PORT;' },
    {
      name: 'a cookie session secret',
      filename: at('src/rt/session.ts'),
      code: 'export const s = process.env.SESSION_SECRET;',
    },
    {
      name: 'a third-party API key',
      filename: at('src/rt/stripe.ts'),
      code: 'export const k = process.env.STRIPE_SECRET_KEY;',
    },
    { name: 'a test file', filename: at('src/rt/keys.spec.ts'), code: "process.env.JWT_SECRET = 'x'.repeat(32);" },
  ],
  invalid: [
    {
      name: 'process.env.JWT_SECRET',
      filename: at('src/rt/dot.ts'),
      code: 'export const s = process.env.JWT_SECRET;',
      errors: [{ messageId: 'outsideCore', line: 1, column: 18 }],
    },
    {
      name: 'bracket access to a staging variant',
      filename: at('src/rt/bracket.ts'),
      code: "export const s = process.env['JWT_SECRET_STAGING'];",
      errors: [{ messageId: 'outsideCore', line: 1, column: 18 }],
    },
    {
      name: 'destructured in a .cjs file',
      filename: at('src/rt/destructure.cjs'),
      code: 'const { JWT_SECRET_KEY } = process.env;\nmodule.exports = JWT_SECRET_KEY;',
      errors: [{ messageId: 'outsideCore', line: 1, column: 9 }],
    },
    {
      name: 'a config getter in .mts',
      filename: at('src/rt/config.mts'),
      code: "declare const config: { get(key: string): string };\nexport const s = config.get('jwt.secret');",
      errors: [{ messageId: 'outsideCore', line: 2, column: 18 }],
    },
    {
      name: 'a Nest ConfigService',
      filename: at('src/rt/nest.ts'),
      code: "export class K {\n  constructor(private readonly configService: { getOrThrow<T>(k: string): T }) {}\n  key() {\n    return this.configService.getOrThrow<string>('AUTH_JWT_PUBLIC_KEY');\n  }\n}",
      errors: [{ messageId: 'outsideCore', line: 4, column: 12 }],
    },
  ],
});
