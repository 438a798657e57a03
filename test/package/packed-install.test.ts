import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesWithExpectations, keyOf } from '../helpers/fixtures.js';
import { repositoryRoot } from '../helpers/run-cli.js';
import { typecheckConsumer } from './typed-config-consumer.js';

/**
 * The path a user takes: `npm pack`, install the tarball into a fresh project, run the
 * `eslint` and `ssot` binaries there. Proves `exports`, `files` and `bin`, not just the source.
 * The repository itself develops against ESLint 10; the installed project uses ESLint 9, so
 * both majors the plugin supports are exercised.
 */
const ourManifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
let project: string;
const incident = fixturesWithExpectations().find((fixture) => fixture.name === 'incident')!;

function run(command: string, args: string[]) {
  return spawnSync(command, args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 240_000,
  });
}

describe('the packed package, installed into a fresh project', () => {
  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'ssot-install-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!;
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        devDependencies: {
          'ssot-lint': `file:./${packed}`,
          eslint: '^9',
          'typescript-eslint': ourManifest.devDependencies['typescript-eslint'],
          typescript: ourManifest.devDependencies.typescript,
        },
      }),
    );
    writeFileSync(
      path.join(project, 'eslint.config.js'),
      [
        "import ssot from 'ssot-lint';",
        "import tseslint from 'typescript-eslint';",
        '',
        "export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ssot.configs.recommended];",
        '',
      ].join('\n'),
    );
    cpSync(incident.root, path.join(project, 'incident'), { recursive: true });
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  }, 300_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('runs the eslint binary with the plugin on the incident and fails with its findings', () => {
    const eslint = run(path.join('node_modules', '.bin', 'eslint'), ['incident', '--format', 'json']);
    expect(eslint.status, eslint.stderr).toBe(1);
    const results = JSON.parse(eslint.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; line: number; column: number }[];
    }[];
    const findings = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('ssot/'))
        .map((message) => ({
          ruleId: message.ruleId!,
          file: path.relative(path.join(project, 'incident'), result.filePath).split(path.sep).join('/'),
          line: message.line,
          column: message.column,
        })),
    );
    expect(findings.map(keyOf).sort()).toEqual(incident.expected.map(keyOf).sort());
  });

  it('runs the ssot binary from the installed package', () => {
    const audit = run(path.join('node_modules', '.bin', 'ssot'), ['audit', 'incident', '--format', 'json']);
    expect(audit.status, audit.stderr).toBe(1);
    const report = JSON.parse(audit.stdout) as {
      tool: { name: string };
      findings: { ruleId: string; file: string; line: number; column: number }[];
    };
    expect(report.tool.name).toBe('ssot-lint');
    expect(report.findings.map(keyOf).sort()).toEqual(incident.expected.map(keyOf).sort());
  });

  it("types its configs for ESLint 9's defineConfig and typescript-eslint's config(), without casts", () => {
    const tsc = typecheckConsumer(project, path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'));
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('exposes the auth core and its testing entry point', () => {
    const probe = run(process.execPath, [
      '--input-type=module',
      '-e',
      "const core = await import('ssot-lint/auth-core'); const testing = await import('ssot-lint/auth-core/testing'); console.log(typeof core.createAuthCore, typeof testing.createTestIssuer);",
    ]);
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('function function');
  });
});
