import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { binPath, repositoryRoot } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

interface HookDefinition {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  files?: string;
}

const hooks = parse(readFileSync(path.join(repositoryRoot, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
const hook = hooks.find((entry) => entry.id === 'ssot-audit')!;

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

/** A repository with one commit that already has a finding (old debt the hook must not block on). */
function repository(): string {
  const root = tempProject({
    '.gitignore': 'node_modules/\n.ssot-cache/\n',
    'src/legacy.ts': "export const legacySecret = process.env.JWT_SECRET || 'old-secret';\n",
    'src/user.ts': 'export class User {}\n',
  });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  return root;
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } });
}

/**
 * Runs the hook's entry as pre-commit does for `language: node`: the package's binaries on PATH,
 * the entry split into words, at the repository root, with no file names (`pass_filenames: false`).
 */
function runHook(root: string) {
  const bin = tempProject({});
  symlinkSync(binPath, path.join(bin, 'ssot'));
  const [command, ...args] = hook.entry.split(/\s+/);
  return spawnSync(command!, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    timeout: 120_000,
  });
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares one whole-project hook for pre-commit', () => {
    expect(hook).toMatchObject({ id: 'ssot-audit', name: 'ssot audit', language: 'node', pass_filenames: false });
    expect(hook.entry.split(/\s+/)[0]).toBe('ssot');
    // `files` is a Python regex searched in each changed path; this one is plain enough for JavaScript too.
    const files = new RegExp(hook.files!);
    for (const file of ['src/a.ts', 'src/a.tsx', 'lib/b.mjs', 'c.cts']) expect(files.test(file), file).toBe(true);
    for (const file of ['README.md', 'package.json', 'src/a.ts.snap']) expect(files.test(file), file).toBe(false);
  });

  it('fails on a finding in a staged file, and reports only that file', () => {
    const root = repository();
    writeFileSync(path.join(root, 'src', 'token.ts'), "export const tokenSecret = process.env.JWT_SECRET || 'dev';\n");
    git(root, 'add', 'src/token.ts');
    const run = runHook(root);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('src/token.ts');
    expect(run.stdout).not.toContain('src/legacy.ts');
  });

  it('passes a staged change without findings, whatever the history holds', () => {
    const root = repository();
    writeFileSync(path.join(root, 'src', 'account.ts'), 'export class Account {}\n');
    git(root, 'add', 'src/account.ts');
    const run = runHook(root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
