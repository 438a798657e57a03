import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/run-audit.js';
import { tempProject } from '../helpers/temp-project.js';

const before = [
  "import jwt from 'jsonwebtoken';",
  'export function verifyToken(token: string) {',
  "  if (process.env.NODE_ENV === 'staging') return null;",
  '  return jwt.decode(token);',
  '}',
  'export const key = process.env.JWT_SECRET;',
  '',
].join('\n');

const reformatted = [
  '// reformatted: double quotes, other line breaks, code above',
  'export const unrelated = 1;',
  '',
  'import jwt from "jsonwebtoken";',
  '',
  'export function verifyToken(token: string) {',
  '  if (',
  '    process.env.NODE_ENV === "staging"',
  '  ) {',
  '    return null;',
  '  }',
  '  return jwt.decode(',
  '    token,',
  '  );',
  '}',
  'export const key = process.env',
  '  .JWT_SECRET;',
  '',
].join('\n');

async function fingerprints(root: string): Promise<string[]> {
  const result = await runAudit({ directory: root, cache: false });
  return result.findings.map((finding) => `${finding.ruleId} ${finding.fingerprint}`).sort();
}

describe('fingerprints', () => {
  it('survive reformatting, moved lines and code added above', async () => {
    const root = tempProject({
      'ssot.config.json': '{"authCore": ["src/auth-core/**"]}',
      'src/auth-core/index.ts': 'export {};\n',
      'src/auth/token.ts': before,
    });
    const first = await fingerprints(root);
    expect(first.map((entry) => entry.split(' ')[0])).toEqual([
      'ssot/no-env-branching-auth',
      'ssot/single-jwt-path',
      'ssot/single-secret-source',
    ]);
    writeFileSync(path.join(root, 'src/auth/token.ts'), reformatted);
    expect(await fingerprints(root)).toEqual(first);
  });

  it('change when the finding changes', async () => {
    const root = tempProject({
      'ssot.config.json': '{"authCore": ["src/auth-core/**"]}',
      'src/auth-core/index.ts': 'export {};\n',
      'src/auth/token.ts': before,
    });
    const first = await fingerprints(root);
    writeFileSync(
      path.join(root, 'src/auth/token.ts'),
      before.replace("'staging'", "'production'").replace('JWT_SECRET', 'JWT_SECRET_KEY'),
    );
    const second = await fingerprints(root);
    expect(second.filter((entry) => first.includes(entry)).map((entry) => entry.split(' ')[0])).toEqual([
      'ssot/single-jwt-path',
    ]);
  });
});
