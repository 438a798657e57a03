import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { runEslint, writeEslintConfig } from '../eslint/eslint-binary.js';

/** Two copies of a class (no-duplicate-class: warn) and JWT verification in two modules (single-jwt-path: off). */
function project(): string {
  return tempProject({
    'package.json': '{"name":"app","type":"module"}',
    'ssot.config.json': JSON.stringify({
      rules: { 'ssot/no-duplicate-class': 'warn', 'ssot/single-jwt-path': 'off' },
    }),
    'src/models/user.ts': "export class User {\n  id = '';\n}\n",
    'src/services/user.ts': "export class User {\n  name = '';\n}\n",
    'src/main.ts': "import './models/user';\nimport './services/user';\n",
    'src/http/auth.ts':
      "import jwt from 'jsonwebtoken';\nexport const check = (t: string, k: string) => jwt.verify(t, k);\n",
    'src/ws/auth.ts':
      "import jwt from 'jsonwebtoken';\nexport const check = (t: string, k: string) => jwt.verify(t, k);\n",
  });
}

interface Seen {
  rule: string;
  file: string;
  line: number;
  severity: 'error' | 'warning';
}

function eslintFindings(root: string): { code: number | null; findings: Seen[]; stderr: string } {
  const run = runEslint(['-f', 'json', 'src'], root);
  const results = JSON.parse(run.stdout) as {
    filePath: string;
    messages: { ruleId: string; line: number; severity: 1 | 2 }[];
  }[];
  const findings = results.flatMap((result) =>
    result.messages.map((message) => ({
      rule: message.ruleId,
      file: path.relative(root, result.filePath).split(path.sep).join('/'),
      line: message.line,
      severity: message.severity === 2 ? ('error' as const) : ('warning' as const),
    })),
  );
  return { code: run.code, findings: sorted(findings), stderr: run.stderr };
}

function auditFindings(root: string): { code: number | null; findings: Seen[] } {
  const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; file: string; line: number; severity: Seen['severity'] }[];
  };
  return {
    code: run.code,
    findings: sorted(
      report.findings.map(({ ruleId, file, line, severity }) => ({ rule: ruleId, file, line, severity })),
    ),
  };
}

const sorted = (findings: Seen[]) =>
  [...findings].sort((a, b) => `${a.file}:${a.line}:${a.rule}`.localeCompare(`${b.file}:${b.line}:${b.rule}`));

describe('one owner of severities: ssot.config.json', () => {
  it('ESLint and ssot audit report the same findings at the same severities, with the same gate result', () => {
    const root = project();
    writeEslintConfig(root);
    const eslint = eslintFindings(root);
    const audit = auditFindings(root);
    expect(eslint.findings).toEqual([
      { rule: 'ssot/no-duplicate-class', file: 'src/models/user.ts', line: 1, severity: 'warning' },
      { rule: 'ssot/no-duplicate-class', file: 'src/services/user.ts', line: 1, severity: 'warning' },
    ]);
    expect(audit.findings).toEqual(eslint.findings);
    expect(eslint.code).toBe(0);
    expect(audit.code).toBe(0);
  });

  it('the config inspector shows the severities of ssot.config.json', () => {
    const root = project();
    writeEslintConfig(root);
    const printed = runEslint(['--print-config', 'src/models/user.ts'], root);
    const rules = (JSON.parse(printed.stdout) as { rules: Record<string, unknown[]> }).rules;
    expect(rules['ssot/no-duplicate-class']).toEqual([1]);
    expect(rules['ssot/single-jwt-path']).toEqual([0]);
    expect(rules['ssot/canonical-import']).toEqual([2]);
  });

  it('eslint.config.js turning on a rule ssot.config.json turns off: still off, and said so on stderr', () => {
    const root = project();
    writeEslintConfig(root, "  { rules: { 'ssot/single-jwt-path': 'error' } },");
    const eslint = eslintFindings(root);
    expect(eslint.findings.map((finding) => finding.rule)).not.toContain('ssot/single-jwt-path');
    expect(eslint.code).toBe(0);
    expect(eslint.stderr).toMatch(
      /ssot\/single-jwt-path is "off" in .*ssot\.config\.json.*Remove its entry from eslint\.config\.js/,
    );
    expect(eslint.stderr.match(/SSOT_SEVERITY_OVERRIDE/g)).toHaveLength(1);
    // ssot audit cannot load the ESLint config cheaply, but names the override it sees in it.
    const audit = runCli(['audit', root, '--no-cache']);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain(
      'note: eslint.config.js sets ssot/single-jwt-path itself; ssot.config.json decides every ssot/* severity',
    );
  });
});
