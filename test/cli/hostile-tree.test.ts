import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEEP_FILES, deeplyNestedFiles, HUGE_SIZES, reExportChains } from '../helpers/hostile-files.js';
import { runCli, runCliUnprivileged } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

/**
 * Every kind of hostile input the CLI meets in a pull request, in one tree: the audit must still
 * exit with the code its real findings call for, list each file it could not audit with the
 * reason, and print no stack trace.
 */
function hostileTree(): string {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const root = tempProject({
    'package.json': '{"name":"app"}',
    'src/a.ts': 'export class Account {}\n',
    'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
    'src/main.ts': "import './a';\nimport './b';\nimport './wide';\n",
    'src/wide.ts': utf16('export class Account {\n  id = 2;\n}\n'),
    ...deeplyNestedFiles(HUGE_SIZES),
    ...reExportChains(5000),
    'src/binary.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    'src/generated.ts': `export const data = [\n${'1,\n'.repeat(1_100_000)}];\n`,
    'src/\u001b[2Jbroken.ts': 'export class {\n',
    '::error file=x::forged.ts': 'export const forged = 1;\n',
    'src/secret.ts': 'export const x = 1;\n',
    'src/locked/verify.ts': "import jwt from 'jsonwebtoken';\nexport const v = (t: string) => jwt.verify(t, 'k');\n",
    'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["src/*"] } ',
  });
  chmodSync(path.join(root, 'src/secret.ts'), 0o000);
  chmodSync(path.join(root, 'src/locked'), 0o000);
  // Special files where sources could be: never read (the glob lists regular files only).
  symlinkSync('/dev/zero', path.join(root, 'src/zero.ts'));
  symlinkSync('/dev/zero', path.join(root, '.gitignore'));
  return root;
}

/** A facts cache the pull request ships: made on its author's machine, facts emptied, signed with their key. */
function plantForgedCache(root: string): void {
  const theirHome = tempProject({});
  const theirTree = tempProject({
    'src/a.ts': 'export class Account {}\n',
    'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
    'src/main.ts': "import './a';\nimport './b';\nimport './wide';\n",
  });
  const theirCache = path.join(theirTree, '.ssot-cache', 'facts.json');
  runCli(['audit', theirTree], { env: { XDG_CACHE_HOME: theirHome } });
  const text = readFileSync(theirCache, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as { key: string };
  // One line per file: the entry without its call graph, a tab, the graph. The forger empties the classes.
  const body = text
    .slice(newline + 1)
    .split('\n')
    .map((line, position) => {
      // The first line holds the import resolutions.
      if (position === 0) return line;
      const tab = line.indexOf('\t');
      const entry = JSON.parse(line.slice(0, tab)) as { outcome: { facts: object } };
      entry.outcome.facts = { ...entry.outcome.facts, classes: [] };
      return `${JSON.stringify(entry)}${line.slice(tab)}`;
    })
    .join('\n');
  const secret = readFileSync(path.join(theirHome, 'ssot-lint', 'cache-key'));
  const mac = createHmac('sha256', secret).update(header.key).update('\n').update(body).digest('base64url');
  mkdirSync(path.join(root, '.ssot-cache'));
  writeFileSync(path.join(root, '.ssot-cache', 'facts.json'), `${JSON.stringify({ key: header.key, mac })}\n${body}`);
}

interface Report {
  findings: { ruleId: string; file: string }[];
  skipped: { file: string; reason: string }[];
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/Error|\n\s+at |Unhandled/);
}

describe('a tree holding every kind of hostile input at once', () => {
  it('audit exits 1 for its real findings, lists every skipped file with its reason, and prints no stack trace', () => {
    const root = hostileTree();
    plantForgedCache(root);
    try {
      const run = runCliUnprivileged(['audit', root, '--format', 'json']);
      expectNoStackTrace(run.stderr);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as Report;
      const deep = DEEP_FILES.map((file) => ({ file, reason: 'nested too deeply to analyse' }));
      expect(report.skipped).toEqual(
        [
          ...deep,
          { file: 'src/\u001b[2Jbroken.ts', reason: expect.stringMatching(/^syntax error at \d+:\d+: /) },
          { file: 'src/binary.js', reason: 'binary content' },
          { file: 'src/generated.ts', reason: expect.stringMatching(/^larger than 2 MiB/) },
          { file: 'src/locked/', reason: 'unreadable directory (EACCES)' },
          { file: 'src/secret.ts', reason: 'unreadable (EACCES)' },
        ].sort((a, b) => (a.file < b.file ? -1 : 1)),
      );
      const duplicates = report.findings.filter((finding) => finding.ruleId === 'ssot/no-duplicate-class');
      // The forged cache would have emptied these; the UTF-16 copy counts too.
      expect(duplicates.map((finding) => finding.file).sort()).toEqual(
        expect.arrayContaining(['src/a.ts', 'src/b.ts', 'src/wide.ts']),
      );
      const jwtPaths = report.findings.filter((finding) => finding.ruleId === 'ssot/single-jwt-path');
      expect(jwtPaths.map((finding) => finding.file).sort()).toEqual(['chain/j4999.ts', 'src/server.ts']);

      const pretty = runCliUnprivileged(['audit', root, '--no-cache']);
      expectNoStackTrace(pretty.stderr);
      expect(pretty.code).toBe(1);
      expect(pretty.stdout).toContain('note: tsconfig.json: cannot be parsed');
      expect(pretty.stdout.split('\n').filter((line) => line.startsWith('::') || line.includes('\u001b'))).toEqual([]);

      const paths = runCliUnprivileged(['paths', root, '--format', 'json']);
      expectNoStackTrace(paths.stderr);
      expect(paths.code).toBe(0);
      expect((JSON.parse(paths.stdout) as Report).skipped).toEqual(report.skipped);
      const baseline = runCliUnprivileged(['baseline', root, '--output', path.join(root, 'baseline.json')]);
      expectNoStackTrace(baseline.stderr);
      expect(baseline.code).toBe(0);
      const init = runCliUnprivileged(['init', root, '--dry-run']);
      expectNoStackTrace(init.stderr);
      expect(init.code).toBe(0);
    } finally {
      chmodSync(path.join(root, 'src/locked'), 0o755);
    }
  });
});
