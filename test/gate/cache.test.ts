import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const FILES = {
  'src/a.ts': 'export class Account {}\n',
  'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
  'src/c.ts': "export const s = process.env.JWT_SECRET || 'x-secret';\n",
  'src/main.ts': "import './a';\nimport './b';\nimport './c';\n",
};

function audit(root: string, ...args: string[]) {
  const run = runCli(['audit', root, '--format', 'json', ...args]);
  return {
    code: run.code,
    findings: (JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number }[] }).findings,
  };
}

function parsedCount(root: string): string {
  return /cache: parsed (\d+ of \d+) files/.exec(runCli(['audit', root]).stdout)![1]!;
}

describe('the persistent cache', () => {
  it('re-parses only changed files on a warm run and gives the same findings', () => {
    const root = tempProject(FILES);
    const cold = audit(root);
    expect(parsedCount(root)).toBe('0 of 4');
    writeFileSync(
      path.join(root, 'src/c.ts'),
      "export const s = process.env.JWT_SECRET || 'other';\nexport class Account {}\n",
    );
    expect(parsedCount(root)).toBe('1 of 4');
    const warm = audit(root);
    expect(warm.findings.length).toBe(cold.findings.length + 1);
  });

  it('is harmless when corrupted or deleted', () => {
    const root = tempProject(FILES);
    const before = audit(root);
    const cacheFile = path.join(root, '.ssot-cache', 'facts.json');
    writeFileSync(cacheFile, '{"key": "ssot-lint", "entr');
    const corrupted = runCli(['audit', root]);
    expect(corrupted.stdout).toContain('cache: unreadable; rebuilt');
    expect(audit(root)).toEqual(before);
    writeFileSync(
      cacheFile,
      JSON.stringify({
        key: 'ssot-lint@0.0.0/facts-v0',
        entries: { 'src/a.ts': { stamp: 'x', hash: 'y', outcome: { facts: null } } },
      }),
    );
    expect(runCli(['audit', root]).stdout).toContain('cache: written by another version; rebuilt');
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).key).toMatch(/^ssot-lint@/);
    expect(audit(root, '--no-cache')).toEqual(before);
  });

  it('can live elsewhere, and never needs writing to succeed', () => {
    const root = tempProject(FILES);
    const elsewhere = tempProject({});
    const run = runCli(['audit', root, '--cache-location', path.join(elsewhere, 'c')]);
    expect(run.stdout).toContain('cache: parsed 4 of 4 files');
    expect(readFileSync(path.join(elsewhere, 'c', 'facts.json'), 'utf8')).toContain('src/a.ts');
    const unwritable = runCli(['audit', root, '--cache-location', path.join(root, 'src/a.ts', 'under-a-file')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stdout).toMatch(/cache: could not write the cache/);
  });
});
