import rule from '../../rules/no-duplicate-class.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('no-duplicate-class', file);

createRuleTester().run('no-duplicate-class', rule, {
  valid: [
    { name: 'a unique class', filename: at('src/rt/unique.ts'), code: 'export class LedgerEntry {\n  amount = 0;\n}' },
    { name: 'a declare class', filename: at('src/rt/ambient.ts'), code: 'export declare class UserContext {}' },
    {
      name: 'a module-private class',
      filename: at('src/rt/private.ts'),
      code: 'class UserContext {}\nexport const make = () => new UserContext();',
    },
    {
      name: 'an interface with the name',
      filename: at('src/rt/shape.ts'),
      code: 'export interface UserContext {\n  userId: string;\n}',
    },
    { name: 'a test file', filename: at('src/rt/user-context.test.ts'), code: 'export class UserContext {}' },
    { name: 'a declaration file', filename: at('src/rt/user-context.d.ts'), code: 'export class UserContext {}' },
    {
      name: 'the canonical declaration itself',
      filename: at('src/domain/order-summary.ts'),
      code: '/** @canonical */\nexport class OrderSummary {\n  totalCents = 0;\n}',
    },
    {
      name: 'a copy renamed in the buffer, before it is saved',
      filename: at('src/models/user-context.ts'),
      code: 'export class ConnectionContext {\n  constructor(readonly userId: string) {}\n}',
    },
    {
      name: 'a copy that no program loads (nothing imports it)',
      filename: at('src/rt/copy.ts'),
      code: 'export class UserContext {\n  sessionId = "";\n}',
    },
    {
      name: 'a client model mirroring the server model, imported only as a type',
      filename: at('src/client/models/account.ts'),
      code: 'export class Account {\n  constructor(\n    readonly id: string,\n    readonly email: string,\n  ) {}\n}',
    },
    {
      name: 'an API DTO with the fields of an entity: modules that import different things',
      filename: at('src/api/dto/profile.ts'),
      code: "import { IsEmail, IsString } from 'class-validator';\nexport class Profile {\n  @IsString() id!: string;\n  @IsEmail() email!: string;\n}",
    },
    {
      name: 'a subclass that keeps the name of the class it extends',
      filename: at('src/ui/format.ts'),
      code: "import { Formatter as CoreFormatter } from '../core/format';\nexport class Formatter extends CoreFormatter {\n  currency(value: number): string {\n    return this.format(value);\n  }\n}",
    },
    {
      name: 'a class local to a function',
      filename: at('src/rt/local.ts'),
      code: 'export function f() {\n  class UserContext {}\n  return new UserContext();\n}',
    },
  ],
  invalid: [
    {
      name: 'a loaded copy that drifted into a different class',
      filename: at('src/models/user-context.ts'),
      code: 'export class UserContext {\n  constructor(\n    readonly userId: string,\n    readonly connectionId?: string,\n  ) {}\n}',
      errors: [{ messageId: 'sameNameDifferentClass', line: 1, column: 14, endLine: 1, endColumn: 25 }],
    },
    {
      name: 'an identical copy that one program loads with the other',
      filename: at('src/services/user-context.ts'),
      code: 'export class UserContext {\n  constructor(\n    readonly userId: string,\n    readonly connectionId?: string,\n  ) {}\n}',
      errors: [{ messageId: 'copyLoadedTogether', line: 1, column: 14 }],
    },
    {
      name: 'an exported class expression',
      filename: at('src/jobs/retry.ts'),
      code: 'export const RetryPolicy = class {\n  constructor(\n    readonly attempts = 3,\n    readonly backoffMs = 250,\n  ) {}\n};',
      errors: [{ messageId: 'sameNameDifferentClass', line: 1, column: 14 }],
    },
    {
      name: 'a copy of the canonical class, with a suggestion to re-export it',
      filename: at('src/rt/order-summary.ts'),
      code: 'export class OrderSummary {\n  total = 0;\n}',
      errors: [
        {
          messageId: 'copyOfCanonical',
          line: 1,
          column: 14,
          suggestions: [
            {
              messageId: 'useCanonical',
              data: { specifier: '../domain/order-summary' },
              output: "export { OrderSummary } from '../domain/order-summary';",
            },
          ],
        },
      ],
    },
  ],
});
