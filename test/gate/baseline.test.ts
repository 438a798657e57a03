import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin, { clearCache } from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const AUTH = [
  "import jwt from 'jsonwebtoken';",
  '',
  'export function readClaims(token: string) {',
  '  return jwt.decode(token);',
  '}',
  '',
  "export const fallback = process.env.JWT_SECRET || 'dev-secret';",
  '',
].join('\n');

function project() {
  return tempProject({
    'ssot.config.json': JSON.stringify({ authCore: ['src/auth-core/**'] }),
    'src/auth-core/index.ts':
      "import { jwtVerify } from 'jose';\nexport const verify = (t: string, k: Uint8Array) => jwtVerify(t, k);\n",
    'src/routes/auth.ts': AUTH,
    'src/models/account.ts': 'export class Account {\n  id = "";\n}\n',
    'src/legacy/account.ts': 'export class Account {\n  id = "";\n  name = "";\n}\n',
    'src/main.ts': "import './models/account';\nimport './legacy/account';\nimport './billing-account';\n",
  });
}

function audit(root: string, ...args: string[]) {
  const run = runCli(['audit', root, '--format', 'json', '--baseline', path.join(root, 'ssot-baseline.json'), ...args]);
  const report = JSON.parse(run.stdout) as {
    summary: { errors: number };
    findings: { ruleId: string; file: string; baselined?: boolean }[];
  };
  return { code: run.code, report, stderr: run.stderr };
}

function writeBaseline(root: string): void {
  const run = runCli(['baseline', root]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^wrote 5 finding\(s\) to /);
}

describe('baselines keyed by finding identity', () => {
  it('passes when nothing changed, and marks every finding as baselined', () => {
    const root = project();
    writeBaseline(root);
    const { code, report } = audit(root);
    expect(code).toBe(0);
    expect(report.summary.errors).toBe(0);
    expect(report.findings.every((finding) => finding.baselined === true)).toBe(true);
  });

  it('survives moved lines, code added above and reformatting', () => {
    const root = project();
    writeBaseline(root);
    const moved = `// A comment and a helper added above.\nexport const helper = () => 1;\n\n${AUTH.replace('return jwt.decode(token);', 'return jwt.decode(\n    token,\n  );').replace("||  'dev-secret'", "|| 'dev-secret'")}`;
    writeFileSync(path.join(root, 'src/routes/auth.ts'), moved);
    expect(audit(root).code).toBe(0);
  });

  it('fails when one violation is fixed and another added elsewhere, though the count is the same', () => {
    const root = project();
    writeBaseline(root);
    writeFileSync(
      path.join(root, 'src/routes/auth.ts'),
      AUTH.replace("process.env.JWT_SECRET || 'dev-secret'", 'process.env.JWT_SECRET'),
    );
    writeFileSync(
      path.join(root, 'src/routes/debug.ts'),
      "export const fallback = process.env.JWT_SECRET || 'other-secret';\n",
    );
    const { code, report } = audit(root);
    expect(code).toBe(1);
    const fresh = report.findings.filter((finding) => !finding.baselined);
    expect(fresh.map((finding) => `${finding.ruleId} ${finding.file}`).sort()).toEqual([
      'ssot/no-auth-bypass src/routes/debug.ts',
      'ssot/single-secret-source src/routes/debug.ts',
    ]);
  });

  it('fails when a baselined duplicate is copied into a new file', () => {
    const root = project();
    writeBaseline(root);
    writeFileSync(path.join(root, 'src/billing-account.ts'), 'export class Account {\n  id = "";\n  iban = "";\n}\n');
    const { code, report } = audit(root);
    expect(code).toBe(1);
    expect(report.findings.filter((finding) => !finding.baselined).map((finding) => finding.file)).toEqual([
      'src/billing-account.ts',
    ]);
  });

  it('reports stale entries and drops them with --prune', () => {
    const root = project();
    writeBaseline(root);
    writeFileSync(path.join(root, 'src/legacy/account.ts'), 'export class LegacyAccount {}\n');
    const pretty = runCli(['audit', root, '--baseline', path.join(root, 'ssot-baseline.json')]);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('2 stale entries (fixed or changed); run with --prune to drop them');
    const pruned = runCli(['audit', root, '--baseline', path.join(root, 'ssot-baseline.json'), '--prune']);
    expect(pruned.stderr).toContain('pruned 2 stale entries');
    const baseline = JSON.parse(readFileSync(path.join(root, 'ssot-baseline.json'), 'utf8')) as { findings: unknown[] };
    expect(baseline.findings).toHaveLength(3);
    expect(runCli(['audit', root, '--baseline', path.join(root, 'ssot-baseline.json')]).stdout).not.toContain('stale');
  });

  it('marks baselined results in SARIF', () => {
    const root = project();
    writeBaseline(root);
    writeFileSync(
      path.join(root, 'src/routes/debug.ts'),
      "export const fallback = process.env.JWT_SECRET || 'other-secret';\n",
    );
    const sarif = JSON.parse(
      runCli(['audit', root, '--format', 'sarif', '--baseline', path.join(root, 'ssot-baseline.json')]).stdout,
    ) as {
      runs: { results: { baselineState: string; partialFingerprints: Record<string, string> }[] }[];
    };
    const states = sarif.runs[0]!.results.map((result) => result.baselineState).sort();
    expect(states).toEqual(['new', 'new', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(sarif.runs[0]!.results.every((result) => Object.values(result.partialFingerprints)[0]!.length > 0)).toBe(
      true,
    );
  });

  it('exits 2 with one line for a missing or malformed baseline', () => {
    const root = project();
    expect(runCli(['audit', root, '--baseline', path.join(root, 'nope.json')]).stderr).toMatch(
      /nope\.json: baseline file not found\n/,
    );
    writeFileSync(path.join(root, 'bad.json'), '{"version": 2}');
    const run = runCli(['audit', root, '--baseline', path.join(root, 'bad.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json: not an ssot baseline/);
  });

  it('is read by the ESLint rules, so baselined findings stay quiet in the editor', async () => {
    const root = project();
    writeBaseline(root);
    clearCache();
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
        plugin.configs.recommended,
      ],
    });
    const [known] = await eslint.lintText(AUTH, { filePath: path.join(root, 'src/routes/auth.ts') });
    expect(known!.messages).toEqual([]);
    const [fresh] = await eslint.lintText(`${AUTH}export const other = process.env.JWT_SECRET_KEY;\n`, {
      filePath: path.join(root, 'src/routes/auth.ts'),
    });
    expect(fresh!.messages.map((message) => message.ruleId)).toEqual(['ssot/single-secret-source']);
  });
});
