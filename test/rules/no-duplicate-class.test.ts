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
      name: 'a class local to a function',
      filename: at('src/rt/local.ts'),
      code: 'export function f() {\n  class UserContext {}\n  return new UserContext();\n}',
    },
  ],
  invalid: [
    {
      name: 'a third copy inside the package',
      filename: at('src/rt/copy.ts'),
      code: 'export class UserContext {\n  sessionId = "";\n}',
      errors: [{ messageId: 'duplicateInPackage', line: 1, column: 14, endLine: 1, endColumn: 25 }],
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
    {
      name: 'an exported class expression in an .mts file',
      filename: at('src/rt/user-context.mts'),
      code: 'export const UserContext = class {\n  id = "";\n};',
      errors: [{ messageId: 'duplicateInPackage', line: 1, column: 14 }],
    },
    {
      name: 'a default-exported copy in a .tsx file',
      filename: at('src/rt/user-context.tsx'),
      code: 'export default class UserContext {\n  render() {\n    return <span />;\n  }\n}',
      errors: [{ messageId: 'duplicateInPackage', line: 1, column: 22 }],
    },
    {
      name: 'a CommonJS copy',
      filename: at('src/rt/user-context.cjs'),
      code: 'class UserContext {}\nmodule.exports = { UserContext };',
      errors: [{ messageId: 'duplicateInPackage', line: 1, column: 7 }],
    },
    {
      name: 'an existing copy, linted from its buffer',
      filename: at('src/models/user-context.ts'),
      code: 'export class UserContext {\n  constructor(\n    readonly userId: string,\n    readonly connectionId?: string,\n  ) {}\n}',
      errors: [{ messageId: 'duplicateInPackage', line: 1, column: 14 }],
    },
  ],
});
