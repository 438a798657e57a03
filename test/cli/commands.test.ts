import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const incident = path.join(fixturesRoot, 'incident');

describe('ssot audit', () => {
  it('prints a pretty report without colour off a TTY, grouped by file, with a summary', () => {
    const run = runCli(['audit', incident], { env: { NO_COLOR: undefined } });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout).toContain('src/models/user-execution-context.ts\n');
    expect(run.stdout).toContain('websocket_connection_id');
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\) in \d+ files/);
  });

  it('colours only when asked for on a non-TTY (FORCE_COLOR) and never with NO_COLOR', () => {
    expect(runCli(['audit', incident], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(['audit', incident], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('writes --output atomically and leaves no temporary files', () => {
    const directory = tempProject({});
    const target = path.join(directory, 'report.sarif');
    writeFileSync(target, 'old');
    const run = runCli(['audit', incident, '--format', 'sarif', '--output', target]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(target, 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(directory)).toEqual(['report.sarif']);
  });

  it('runs only the rules asked for', () => {
    const run = runCli([
      'audit',
      incident,
      '--format',
      'json',
      '--rule',
      'ssot/no-duplicate-class',
      '--rule',
      'canonical-import',
    ]);
    const rules = new Set(
      (JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId),
    );
    expect([...rules].sort()).toEqual(['ssot/canonical-import', 'ssot/no-duplicate-class']);
  });

  it('exits 0 on warnings unless --max-warnings is exceeded', () => {
    const root = tempProject({
      'ssot.config.json': JSON.stringify({ rules: { 'ssot/no-duplicate-class': 'warn' } }),
      'a.ts': 'export class A {}\n',
      'b.ts': 'export class A {}\n',
      'main.ts': "import './a';\nimport './b';\n",
    });
    expect(runCli(['audit', root]).code).toBe(0);
    expect(runCli(['audit', root, '--max-warnings', '2']).code).toBe(0);
    expect(runCli(['audit', root, '--max-warnings', '1']).code).toBe(1);
    expect(runCli(['audit', root, '--quiet']).stdout).not.toContain('warning');
  });

  it('honours eslint-disable comments with reasons', () => {
    const root = tempProject({
      'a.ts':
        '// eslint-disable-next-line ssot/no-duplicate-class -- the legacy copy goes away in #12\nexport class A {}\n',
      'b.ts': 'export class A {}\n',
      'main.ts': "import './a';\nimport './b';\n",
    });
    const report = JSON.parse(runCli(['audit', root, '--format', 'json']).stdout) as { findings: { file: string }[] };
    expect(report.findings.map((finding) => finding.file)).toEqual(['b.ts']);
  });
});

describe('ssot init', () => {
  it('does not bless the four-fallback extractor of the incident as the auth core', () => {
    const root = tempProject({});
    cpSync(path.join(repositoryRoot, 'fixtures/incident'), root, { recursive: true });
    rmSync(path.join(root, 'ssot.config.json'));
    expect(runCli(['init', root]).code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(root, 'ssot.config.json'), 'utf8')) as { authCore: string[] };
    // The extractor the seeds blame has four fallbacks and an environment branch; the client core has fewer.
    expect(config.authCore).not.toContain('src/websocket-core/user-context-extractor.ts');
    expect(config.authCore).toEqual(['src/clients/auth-client-core.ts']);
  });

  it('proposes the auth core and a canonical module for each duplicated class', () => {
    const root = tempProject({
      'src/models/user-execution-context.ts':
        'export class UserExecutionContext {\n  websocket_connection_id = "";\n}\n',
      'src/services/user-execution-context.ts':
        'export class UserExecutionContext {\n  websocket_client_id = "";\n  threadId = "";\n}\n',
      'src/clients/auth-client.ts':
        "import jwt from 'jsonwebtoken';\nexport const a = (t: string, k: string) => jwt.verify(t, k);\nexport const b = (t: string, k: string) => jwt.verify(t, k);\n",
      'src/websocket/auth.ts':
        "import jwt from 'jsonwebtoken';\nexport const c = (t: string, k: string) => jwt.verify(t, k);\n",
    });
    const run = runCli(['init', root]);
    expect(run.code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(root, 'ssot.config.json'), 'utf8'));
    expect(config.authCore).toEqual(['src/clients/auth-client.ts']);
    expect(config.canonical).toEqual({ UserExecutionContext: 'src/services/user-execution-context.ts' });
    expect(run.stderr).toContain('canonical UserExecutionContext: src/services/user-execution-context.ts');
    // The written config is valid and drives the next audit.
    const audit = JSON.parse(runCli(['audit', root, '--format', 'json']).stdout) as {
      findings: { ruleId: string; file: string }[];
    };
    expect(
      audit.findings.filter((finding) => finding.ruleId === 'ssot/single-jwt-path').map((finding) => finding.file),
    ).toEqual(['src/websocket/auth.ts']);
    expect(
      audit.findings.filter((finding) => finding.ruleId === 'ssot/no-duplicate-class').map((finding) => finding.file),
    ).toEqual(['src/models/user-execution-context.ts']);
  });

  it('refuses to overwrite an existing config without --force, and --dry-run writes nothing', () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'a.ts': 'export const a = 1;\n' });
    const refused = runCli(['init', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ssot: ssot\.config\.json already exists/);
    const dry = runCli(['init', root, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toHaveProperty('$schema');
    expect(readFileSync(path.join(root, 'ssot.config.json'), 'utf8')).toBe('{}');
    expect(existsSync(path.join(root, 'ssot.config.json'))).toBe(true);
  });
});

describe('ssot rules, explain and --help', () => {
  it('lists every rule with its docs link', () => {
    const run = runCli(['rules']);
    expect(run.code).toBe(0);
    for (const name of [
      'no-duplicate-class',
      'canonical-import',
      'single-jwt-path',
      'no-env-branching-auth',
      'no-auth-bypass',
      'single-secret-source',
    ]) {
      expect(run.stdout).toContain(`ssot/${name}`);
      expect(run.stdout).toContain(`docs/rules/${name}.md`);
    }
  });

  it("prints a rule's documentation", () => {
    const run = runCli(['explain', 'ssot/single-jwt-path']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Disallow JWT verification or decoding outside the auth core');
    expect(run.stdout).not.toContain('```');
  });

  it('reads like a manual', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['audit', 'init', 'rules', 'explain', 'Exit codes:', 'Configuration:', 'Examples:'])
      expect(run.stdout).toContain(text);
    const audit = runCli(['audit', '--help']);
    for (const option of ['--format', '--output', '--config', '--rule', '--max-warnings', '--quiet', '--no-color'])
      expect(audit.stdout).toContain(option);
  });
});
