import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliUnprivileged } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const DUPLICATE = {
  'package.json': '{"name":"app"}',
  'src/a.ts': 'export class Account { id = 1; }\n',
  'src/b.ts': 'export class Account { id = 1; name = ""; }\n',
  'src/main.ts': "import './a';\nimport './b';\n",
};

function auditJson(root: string) {
  const run = runCli(['audit', root, '--format', 'json']);
  return {
    run,
    report: JSON.parse(run.stdout) as {
      findings: { ruleId: string; file: string }[];
      skipped: { file: string; reason: string }[];
    },
  };
}

describe('bad input never loses the run', () => {
  it('skips a file with a syntax error, says why, and audits the rest', () => {
    const root = tempProject({ ...DUPLICATE, 'src/broken.ts': 'export class Broken {\n  method( {\n' });
    const { run, report } = auditJson(root);
    expect(run.code).toBe(1);
    expect(report.skipped).toEqual([
      { file: 'src/broken.ts', reason: expect.stringMatching(/^syntax error at \d+:\d+: /) },
    ]);
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('skips binary files', () => {
    const root = tempProject({ ...DUPLICATE, 'src/image.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
    const { report } = auditJson(root);
    expect(report.skipped).toEqual([{ file: 'src/image.js', reason: 'binary content' }]);
    expect(report.findings).toHaveLength(2);
  });

  it('skips huge generated files', () => {
    const root = tempProject({
      ...DUPLICATE,
      'src/generated.ts': `export const data = [${'1,'.repeat(1_200_000)}];\n`,
    });
    const { report } = auditJson(root);
    expect(report.skipped).toEqual([{ file: 'src/generated.ts', reason: expect.stringMatching(/^larger than 2 MiB/) }]);
    expect(report.findings).toHaveLength(2);
  });

  it('skips unreadable files', () => {
    const root = tempProject({ ...DUPLICATE, 'src/secret.ts': 'export const x = 1;\n' });
    chmodSync(path.join(root, 'src/secret.ts'), 0o000);
    const run = runCliUnprivileged(['audit', root, '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; skipped: unknown[] };
    expect(report.skipped).toEqual([{ file: 'src/secret.ts', reason: 'unreadable (EACCES)' }]);
    expect(report.findings).toHaveLength(2);
  });

  it('lists unreadable directories as skipped instead of passing over them in silence', () => {
    const root = tempProject({
      'src/a.ts': 'export class Account {}\n',
      'src/locked/verify.ts':
        "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, 'k');\n",
      'src/locked/deeper/more.ts': 'export const y = 2;\n',
      'node_modules/locked/index.js': 'module.exports = 1;\n',
    });
    chmodSync(path.join(root, 'src/locked'), 0o000);
    chmodSync(path.join(root, 'node_modules/locked'), 0o000);
    try {
      const run = runCliUnprivileged(['audit', root, '--format', 'json', '--no-cache']);
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as { summary: { files: number }; skipped: unknown[] };
      expect(report.skipped).toEqual([{ file: 'src/locked/', reason: 'unreadable directory (EACCES)' }]);
      expect(report.summary.files).toBe(1);
      const pretty = runCliUnprivileged(['audit', root, '--no-cache']);
      expect(pretty.stdout).toContain('skipped 1 file:\n  src/locked/ — unreadable directory (EACCES)\n');
      const paths = runCliUnprivileged(['paths', root, '--format', 'json', '--no-cache']);
      expect((JSON.parse(paths.stdout) as { skipped: unknown[] }).skipped).toEqual(report.skipped);
    } finally {
      chmodSync(path.join(root, 'src/locked'), 0o755);
      chmodSync(path.join(root, 'node_modules/locked'), 0o755);
    }
  });

  it('does not hang on a symlink loop', () => {
    const root = tempProject(DUPLICATE);
    mkdirSync(path.join(root, 'src/nested'));
    symlinkSync('..', path.join(root, 'src/nested/loop'));
    symlinkSync(path.join(root, 'src'), path.join(root, 'src/self'));
    const { run, report } = auditJson(root);
    expect(run.code).toBe(1);
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('exits 2 with one line for a missing directory', () => {
    const run = runCli(['audit', '/definitely/not/here']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ssot: /definitely/not/here: no such directory\n');
    expect(run.stdout).toBe('');
  });

  it('audits an empty repository cleanly', () => {
    const run = runCli(['audit', tempProject({}), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 0, findings: 0 });
  });

  it('exits 2 with one line naming file, key and expectation for a bad config', () => {
    const root = tempProject({ ...DUPLICATE, 'ssot.config.json': '{"ignore": "dist"}' });
    const run = runCli(['audit', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ssot: ssot.config.json: ignore must be an array of glob strings (got "dist")\n');
  });

  it('exits 2 for an unknown rule, format or option, without a stack trace', () => {
    for (const args of [
      ['audit', '.', '--rule', 'ssot/nope'],
      ['audit', '.', '--format', 'xml'],
      ['audit', '--bogus'],
      ['explain', 'nope'],
      ['audit', '.', '--max-warnings', 'many'],
    ]) {
      const run = runCli(args, { cwd: tempProject({}) });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 when --output points into a missing directory, and writes nothing else', () => {
    const root = tempProject(DUPLICATE);
    const run = runCli(['audit', root, '--output', path.join(root, 'missing/dir/report.json'), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
