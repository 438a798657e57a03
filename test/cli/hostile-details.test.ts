import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const DUPLICATE = {
  'src/a.ts': 'export class Account {}\n',
  'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
  'src/main.ts': "import './a';\nimport './b';\nimport './wide';\n",
};

function utf16(text: string, byteOrder: 'le' | 'be'): Buffer {
  const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (byteOrder === 'le') return little;
  const big = Buffer.from(little);
  return big.swap16();
}

describe('smaller kinds of hostile input', () => {
  it('exits 2 with one line for a glob over 64 KiB', () => {
    const root = tempProject({ ...DUPLICATE, 'ssot.config.json': JSON.stringify({ ignore: ['a'.repeat(70_000)] }) });
    const run = runCli(['audit', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ssot: ssot.config.json: ignore[0]: glob longer than 64 KiB (70000 characters)\n');
    const authCore = tempProject({
      ...DUPLICATE,
      'ssot.config.json': JSON.stringify({ authCore: 'b'.repeat(70_000) }),
    });
    expect(runCli(['paths', authCore]).stderr).toBe(
      'ssot: ssot.config.json: authCore: glob longer than 64 KiB (70000 characters)\n',
    );
  });

  it('decodes UTF-16 sources with a byte order mark instead of skipping them as binary', () => {
    const source =
      "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, 'hard-coded');\n";
    const root = tempProject({
      'src/a.ts': 'export class Account {}\n',
      'src/little.ts': utf16(`${source}export class Account {\n  id = 1;\n}\n`, 'le'),
      'src/main.ts': "import './a';\nimport './little';\n",
      'src/big.ts': utf16(source.replace('check', 'checkToo'), 'be'),
    });
    const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; file: string; line: number }[];
      skipped: unknown[];
    };
    expect(report.skipped).toEqual([]);
    const found = (ruleId: string) =>
      report.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map((finding) => `${finding.file}:${finding.line}`);
    expect(found('ssot/no-duplicate-class').sort()).toEqual(['src/a.ts:1', 'src/little.ts:3']);
    expect(found('ssot/no-auth-bypass').sort()).toEqual(['src/big.ts:2', 'src/little.ts:2']);
    const paths = JSON.parse(runCli(['paths', root, '--format', 'json', '--no-cache']).stdout) as {
      skipped: unknown[];
      duplicates: { name: string }[];
    };
    expect(paths.skipped).toEqual([]);
    expect(paths.duplicates.map((group) => group.name)).toEqual(['Account']);
  });

  it('says in the notes when a tsconfig.json cannot be parsed (its path aliases are not used)', () => {
    const root = tempProject({
      ...DUPLICATE,
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["src/*"] } ',
    });
    const run = runCli(['audit', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /note: tsconfig\.json: cannot be parsed at 1:\d+ \(.+\); imports are resolved without its paths and options\n/,
    );
  });

  it('escapes control characters and `::` workflow commands in file names in the pretty report', () => {
    const root = tempProject({
      'src/\u001b[2Jclear.ts': 'export class Account {}\n',
      '::error file=x::forged.ts': 'export class Account {\n  id = 1;\n}\n',
      'src/bell\u0007\u009b31m.ts': 'export class Account {\n  id = 2;\n}\n',
      // A glob's `**` does not match a newline: such a file must still be audited, and shown on one line.
      'src/new\nline\r::warning::x.ts': 'export class Account {\n  id = 3;\n}\n',
      'src/broken\u001b]0;title\u0007.ts': 'export class {\n',
      // One program loads every copy (specifiers written with the same escapes).
      'src/main.ts': [
        "import './\\u001b[2Jclear';",
        "import '../::error file=x::forged';",
        "import './bell\\u0007\\u009b31m';",
        "import './new\\nline\\r::warning::x';",
      ].join('\n'),
    });
    const run = runCli(['audit', root, '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([]);
    expect(lines).toContain('./::error file=x::forged.ts');
    expect(lines).toContain('src/\\x1b[2Jclear.ts');
    expect(lines).toContain('src/bell\\x07\\x9b31m.ts');
    expect(lines).toContain('src/new\\x0aline\\x0d::warning::x.ts');
    expect(run.stdout).toContain('  src/broken\\x1b]0;title\\x07.ts — syntax error');
  });

  it('reads a baseline saved with a UTF-8 byte order mark', () => {
    const root = tempProject(DUPLICATE);
    expect(runCli(['baseline', root, '--no-cache']).code).toBe(0);
    const file = path.join(root, 'ssot-baseline.json');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    const run = runCli(['audit', root, '--baseline', file, '--no-cache']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
