import rule from '../../rules/canonical-import.js';
import { createRuleTester, inFixture } from '../helpers/rule-tester.js';

// Workspace packages imported by name resolve to their sources through the one module resolver.
const at = (file: string) => inFixture('canonical-import-workspaces', file);

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
      output:
        "import { RequestContext } from '../../../../packages/context/src/request-context';\nnew RequestContext('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
    {
      name: 'the stale copy through a subpath of its exports map',
      filename: at('apps/api/src/rt/subpath.ts'),
      code: "import { RequestContext } from '@acme/legacy-context/context';\nnew RequestContext('u');",
      output:
        "import { RequestContext } from '../../../../packages/context/src/request-context';\nnew RequestContext('u');",
      errors: [{ messageId: 'wrongModule', line: 1, column: 10 }],
    },
  ],
});
