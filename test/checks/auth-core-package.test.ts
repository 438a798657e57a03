import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/run-audit.js';
import { tempProject } from '../helpers/temp-project.js';

const LEGACY =
  "import jwt from 'jsonwebtoken';\nexport const userOf = (token: string) => jwt.verify(token, 'k'.repeat(32));\n";

/** A project with one legacy JWT module beside `uses`, the file that may or may not load the auth core package. */
async function auditWith(uses: Record<string, string>) {
  const result = await runAudit({
    directory: tempProject({ 'package.json': '{"name":"app"}', 'src/legacy/token.ts': LEGACY, ...uses }),
    cache: false,
  });
  return {
    authCore: result.authCore,
    jwtFindings: result.findings.filter((finding) => finding.ruleId === 'ssot/single-jwt-path').map((f) => f.file),
  };
}

describe('a project that imports the auth core package has its core there', () => {
  it.each(['@ssot-lint/auth-core', 'ssot-lint/auth-core'])('%s: its own JWT module is a second path', async (name) => {
    const audit = await auditWith({
      'src/http/auth.ts': `import { createAuthCore } from '${name}';\nexport const core = createAuthCore({ issuers: [] });\n`,
    });
    expect(audit.authCore).toEqual({
      source: 'package',
      module: '@ssot-lint/auth-core',
      reason: 'imported by src/http/auth.ts',
    });
    expect(audit.jwtFindings).toEqual(['src/legacy/token.ts']);
  });

  it('a type-only import loads nothing, and a test importing the package is no production use', async () => {
    const audit = await auditWith({
      'src/http/types.ts':
        "import type { UserExecutionContext } from '@ssot-lint/auth-core';\nexport type User = UserExecutionContext;\n",
      'src/http/auth.test.ts':
        "import { createAuthCore } from '@ssot-lint/auth-core';\nexport const core = createAuthCore;\n",
    });
    expect(audit.authCore.source).toBe('sole');
    expect(audit.jwtFindings).toEqual([]);
  });

  it('a core the project declares itself wins over the package', async () => {
    const audit = await auditWith({
      'ssot.config.json': '{"authCore": ["src/legacy/**"]}',
      'src/http/auth.ts':
        "import { createAuthCore } from '@ssot-lint/auth-core';\nexport const core = createAuthCore;\n",
    });
    expect(audit.authCore.source).toBe('config');
    expect(audit.jwtFindings).toEqual([]);
  });
});
