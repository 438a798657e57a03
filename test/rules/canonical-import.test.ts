import rule from '../../rules/canonical-import.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

const at = (file: string) => inFixture('canonical-import', file);

createRuleTester().run('canonical-import', rule, {
  valid: [
    {
      name: 'the canonical module',
      filename: at('src/rt/direct.ts'),
      code: "import { UserExecutionContext } from '../services/user-execution-context';\nnew UserExecutionContext('u', 'r');",
    },
    {
      name: 'a barrel that re-exports the canonical one',
      filename: at('src/rt/barrel.ts'),
      code: "import { UserExecutionContext } from '../services';\nexport type C = UserExecutionContext;",
    },
    {
      name: 'tsconfig paths to the canonical module',
      filename: at('src/rt/paths.ts'),
      code: "import { UserExecutionContext } from '@app/services/user-execution-context';\nexport type C = UserExecutionContext;",
    },
    {
      name: 'another symbol from the non-canonical module',
      filename: at('src/rt/other.ts'),
      code: "import { toWireFormat } from '../models/user-execution-context';\ntoWireFormat({ userId: 'u' });",
    },
    {
      name: 'a package import of the same name',
      filename: at('src/rt/package.ts'),
      code: "import { UserExecutionContext } from 'some-sdk';\nexport type C = UserExecutionContext;",
    },
    {
      name: 'dynamic import of the canonical module',
      filename: at('src/rt/dynamic-ok.mts'),
      code: "const m = await import('../services/user-execution-context');\nexport const c = new m.UserExecutionContext('u', 'r');",
    },
  ],
  invalid: [
    {
      name: 'named import of the copy, fixed to the canonical module',
      filename: at('src/rt/named.ts'),
      code: "import { UserExecutionContext } from '../models/user-execution-context';\nnew UserExecutionContext('u');",
      output:
        "import { UserExecutionContext } from '../services/user-execution-context';\nnew UserExecutionContext('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10, endLine: 1, endColumn: 30 }],
    },
    {
      name: 'an alias',
      filename: at('src/rt/alias.ts'),
      code: "import { UserExecutionContext as Ctx } from '../models/user-execution-context';\nnew Ctx('u');",
      output: "import { UserExecutionContext as Ctx } from '../services/user-execution-context';\nnew Ctx('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'a barrel that re-exports the copy',
      filename: at('src/rt/wrong-barrel.ts'),
      code: "import { UserExecutionContext } from '../models';\nexport type C = UserExecutionContext;",
      output:
        "import { UserExecutionContext } from '../services/user-execution-context';\nexport type C = UserExecutionContext;",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'no fix when another binding of the statement only exists in the copy',
      filename: at('src/rt/mixed.ts'),
      code: "import { UserExecutionContext, toWireFormat } from '../models/user-execution-context';\ntoWireFormat(new UserExecutionContext('u'));",
      output: null,
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'namespace import member',
      filename: at('src/rt/namespace.ts'),
      code: "import * as models from '../models/user-execution-context';\nexport const c = new models.UserExecutionContext('u');",
      output: null,
      errors: [{ messageId: 'wrongModule', line: 2, column: 22 }],
    },
    {
      name: 'destructured require in a .cjs file',
      filename: at('src/rt/require.cjs'),
      code: "const { UserExecutionContext } = require('../models/user-execution-context');\nmodule.exports = new UserExecutionContext('u');",
      output:
        "const { UserExecutionContext } = require('../services/user-execution-context');\nmodule.exports = new UserExecutionContext('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 9 }],
    },
    {
      name: 'dynamic import in an .mts file',
      filename: at('src/rt/dynamic.mts'),
      code: "const m = await import('../models/user-execution-context');\nexport const c = new m.UserExecutionContext('u');",
      output: null,
      errors: [{ messageId: 'wrongModule', line: 2, column: 22 }],
    },
    {
      name: 're-export of the copy',
      filename: at('src/rt/reexport.ts'),
      code: "export { UserExecutionContext } from '../models/user-execution-context';",
      output: "export { UserExecutionContext } from '../services/user-execution-context';",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'a .tsx component',
      filename: at('src/rt/banner.tsx'),
      code: "import { UserExecutionContext } from '../models/user-execution-context';\nexport const B = (p: { c: UserExecutionContext }) => <span>{p.c.userId}</span>;",
      output:
        "import { UserExecutionContext } from '../services/user-execution-context';\nexport const B = (p: { c: UserExecutionContext }) => <span>{p.c.userId}</span>;",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
  ],
});
