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

const noCore = (file: string) => inFixture('single-secret-source-no-core', file);
const verifyWith = (key: string) =>
  `import jwt from 'jsonwebtoken';\nexport const subject = (token: string) => jwt.verify(token, ${key});`;

createRuleTester().run('single-secret-source without a core', rule, {
  valid: [
    {
      name: 'a key resolved in one module only',
      filename: noCore('src/extra/webhooks.ts'),
      code: verifyWith('process.env.WEBHOOK_JWT_SECRET!'),
    },
    {
      name: 'one module signing and verifying with its own key',
      filename: noCore('src/reset/reset.ts'),
      code: "import jwt from 'jsonwebtoken';\nexport const r = (s: string) => jwt.sign({ s }, process.env.RESET_TOKEN_SECRET!);\nexport const v = (t: string) => jwt.verify(t, process.env.RESET_TOKEN_SECRET!);",
    },
    {
      name: "a per-user secret on an entity, even next to the shared key's name",
      filename: noCore('src/extra/session.ts'),
      code: verifyWith('user.jwtSecret').replace('(token: string)', '(token: string, user: { jwtSecret: string })'),
    },
    {
      name: 'a storage slot name is not a key',
      filename: noCore('src/extra/storage.ts'),
      code: "export const TOKEN_KEY = process.env.JWT_STORAGE_KEY ?? 'auth_token';",
    },
    {
      name: 'a presence check resolves nothing',
      filename: noCore('src/extra/boot.ts'),
      code: "if (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is not set');",
    },
    {
      name: 'a key imported from the module that resolved it',
      filename: noCore('src/extra/admin.ts'),
      code: `import { accessSecret } from '../keys/access';\n${verifyWith('accessSecret').split('\n')[1]!}`.replace(
        'export',
        "import jwt from 'jsonwebtoken';\nexport",
      ),
    },
  ],
  invalid: [
    {
      name: 'a second module resolving a key another module resolves',
      filename: noCore('src/extra/worker.ts'),
      code: verifyWith('process.env.RESET_TOKEN_SECRET!'),
      errors: [{ messageId: 'resolvedElsewhere', line: 2, column: 61 }],
    },
    {
      name: 'a const holding the key, in a module on disk',
      filename: noCore('src/realtime/gateway.ts'),
      code: "import jwt from 'jsonwebtoken';\nconst socketKey = process.env.JWT_SECRET as string;\nexport const s = (t: string) => jwt.verify(t, socketKey);",
      errors: [{ messageId: 'resolvedElsewhere', line: 2, column: 19 }],
    },
    {
      name: 'a config object field handed to jwt.sign',
      filename: noCore('src/extra/invites.ts'),
      code: "import jwt from 'jsonwebtoken';\nimport env from '../config/env';\nexport const invite = (id: string) => jwt.sign({ id }, env.SECRET_KEY);",
      errors: [{ messageId: 'resolvedElsewhere', line: 3, column: 56 }],
    },
    {
      name: 'the same key from a config service here and the environment elsewhere',
      filename: noCore('src/extra/nest.ts'),
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const jwtModule = JwtModule.registerAsync({\n  useFactory: (configService: { get(k: string): string }) => ({ secret: configService.get('JWT_SECRET') }),\n});",
      errors: [{ messageId: 'mixedSources', line: 3, column: 73 }],
    },
  ],
});
