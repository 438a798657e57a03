import rule from '../../rules/canonical-import.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

// Workspace packages imported by name resolve to their sources through the one module resolver.
const at = (file: string) => inFixture('canonical-import-workspaces', file);
// A relative path: the resolver checks the suggestion lands on the canonical file (a package name lands on its barrel).
const SUGGESTED = '../../../../packages/context/src/request-context';

createRuleTester().run('canonical-import (workspace packages by name)', rule, {
  valid: [
    {
      name: 'the canonical package by name',
      filename: at('apps/api/src/rt/by-name.ts'),
      code: "import { RequestContext } from '@acme/context';\nnew RequestContext('u', 'r');",
    },
    {
      name: 'an unrelated name from the stale package',
      filename: at('apps/api/src/rt/unrelated.ts'),
      code: "import { somethingElse } from '@acme/legacy-context';\nsomethingElse();",
    },
  ],
  invalid: [
    {
      name: 'the stale copy through its package name',
      filename: at('apps/api/src/rt/legacy.ts'),
      code: "import { RequestContext } from '@acme/legacy-context';\nnew RequestContext('u');",
      // The canonical class has another constructor: a suggestion, never an autofix (behaviour would change).
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: SUGGESTED },
              output: `import { RequestContext } from '${SUGGESTED}';\nnew RequestContext('u');`,
            },
          ],
        },
      ],
    },
    {
      name: 'the stale copy through a subpath of its exports map',
      filename: at('apps/api/src/rt/subpath.ts'),
      code: "import { RequestContext } from '@acme/legacy-context/context';\nnew RequestContext('u');",
      // The canonical class has another constructor: a suggestion, never an autofix (behaviour would change).
      errors: [
        {
          messageId: 'wrongModule',
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: 'useCanonicalModule',
              data: { specifier: SUGGESTED },
              output: `import { RequestContext } from '${SUGGESTED}';\nnew RequestContext('u');`,
            },
          ],
        },
      ],
    },
  ],
});
