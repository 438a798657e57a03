import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
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
      name: 'named import of a copy with another constructor: a suggestion, not an autofix',
      filename: at('src/rt/named.ts'),
      code: "import { UserExecutionContext } from '../models/user-execution-context';\nnew UserExecutionContext('u');",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output:
                "import { UserExecutionContext } from '../services/user-execution-context';\nnew UserExecutionContext('u');",
            },
          ],
        },
      ],
    },
    {
      name: 'an alias',
      filename: at('src/rt/alias.ts'),
      code: "import { UserExecutionContext as Ctx } from '../models/user-execution-context';\nnew Ctx('u');",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output:
                "import { UserExecutionContext as Ctx } from '../services/user-execution-context';\nnew Ctx('u');",
            },
          ],
        },
      ],
    },
    {
      name: 'a barrel that re-exports the copy',
      filename: at('src/rt/wrong-barrel.ts'),
      code: "import { UserExecutionContext } from '../models';\nexport type C = UserExecutionContext;",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output:
                "import { UserExecutionContext } from '../services/user-execution-context';\nexport type C = UserExecutionContext;",
            },
          ],
        },
      ],
    },
    {
      name: 'a tsconfig paths alias to a drifted copy: a suggestion',
      filename: at('src/rt/paths-wrong.ts'),
      code: "import { UserExecutionContext } from '@app/models/user-execution-context';\nnew UserExecutionContext('u');",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '@app/services/user-execution-context' },
              output:
                "import { UserExecutionContext } from '@app/services/user-execution-context';\nnew UserExecutionContext('u');",
            },
          ],
        },
      ],
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
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 9,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output:
                "const { UserExecutionContext } = require('../services/user-execution-context');\nmodule.exports = new UserExecutionContext('u');",
            },
          ],
        },
      ],
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
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output: "export { UserExecutionContext } from '../services/user-execution-context';",
            },
          ],
        },
      ],
    },
    {
      name: 'a .tsx component',
      filename: at('src/rt/banner.tsx'),
      code: "import { UserExecutionContext } from '../models/user-execution-context';\nexport const B = (p: { c: UserExecutionContext }) => <span>{p.c.userId}</span>;",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: '../services/user-execution-context' },
              output:
                "import { UserExecutionContext } from '../services/user-execution-context';\nexport const B = (p: { c: UserExecutionContext }) => <span>{p.c.userId}</span>;",
            },
          ],
        },
      ],
    },
  ],
});

/**
 * A project whose two `Session` classes have the same members: re-pointing the import cannot
 * change what is built, so the rewrite is an autofix, as long as the specifier keeps its style.
 */
const sameMembers = mkdtempSync(path.join(tmpdir(), 'ssot-canonical-fix-'));
afterAll(() => rmSync(sameMembers, { recursive: true, force: true }));
const session = 'export class Session {\n  constructor(readonly userId: string) {}\n  touch(): void {}\n}\n';
const sameMembersFiles: Record<string, string> = {
  'package.json': '{"name":"same-members"}',
  'ssot.config.json': JSON.stringify({ canonical: { Session: 'src/core/session.ts' } }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'], '@legacy/*': ['src/legacy/*'] } },
  }),
  'src/core/session.ts': `${session}export class Badge {\n  text = '';\n}\n`,
  'src/legacy/session.ts': `${session}export class Badge {\n  html = '';\n}\n`,
};
for (const [file, content] of Object.entries(sameMembersFiles)) {
  mkdirSync(path.dirname(path.join(sameMembers, file)), { recursive: true });
  writeFileSync(path.join(sameMembers, file), content);
}
const inSameMembers = (file: string) => path.join(sameMembers, file);
const useCanonical = (specifier: string, output: string) => [
  { messageId: 'useCanonicalModule' as const, data: { specifier }, output },
];

createRuleTester().run('canonical-import: autofix or suggestion', rule, {
  valid: [],
  invalid: [
    {
      name: 'same members, relative specifier: autofix',
      filename: inSameMembers('src/api/a.ts'),
      code: "import { Session } from '../legacy/session';\nnew Session('u');",
      output: "import { Session } from '../core/session';\nnew Session('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'same members, NodeNext .js specifier: autofix keeps the extension',
      filename: inSameMembers('src/api/b.ts'),
      code: "import { Session } from '../legacy/session.js';\nnew Session('u');",
      output: "import { Session } from '../core/session.js';\nnew Session('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'same members, paths alias kept: autofix',
      filename: inSameMembers('src/api/c.ts'),
      code: "import { Session } from '@app/legacy/session';\nnew Session('u');",
      output: "import { Session } from '@app/core/session';\nnew Session('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'same members, but no alias reaches the canonical module: a relative path is only suggested',
      filename: inSameMembers('src/api/d.ts'),
      code: "import { Session } from '@legacy/session';\nnew Session('u');",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: useCanonical('../core/session', "import { Session } from '../core/session';\nnew Session('u');"),
        },
      ],
    },
    {
      name: 'another binding of the statement would switch to a class with other members: a suggestion',
      filename: inSameMembers('src/api/e.ts'),
      code: "import { Session, Badge } from '../legacy/session';\nnew Badge();",
      output: null,
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: useCanonical(
            '../core/session',
            "import { Session, Badge } from '../core/session';\nnew Badge();",
          ),
        },
      ],
    },
  ],
});
