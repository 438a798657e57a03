import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

/** A real git repository, built by the test: main with history, then a feature branch. */
let root: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
}

function changedFindings(ref: string): { code: number | null; files: string[]; stderr: string } {
  const run = runCli(['audit', root, '--format', 'json', '--changed-since', ref]);
  const files =
    run.code === 2
      ? []
      : (JSON.parse(run.stdout) as { findings: { file: string }[] }).findings.map((finding) => finding.file);
  return { code: run.code, files: [...new Set(files)].sort(), stderr: run.stderr };
}

beforeEach(() => {
  root = tempProject({
    '.gitignore': 'node_modules/\n.ssot-cache/\nignored/\n',
    'src/models/account.ts': 'export class Account {\n  id = "";\n}\n',
    'src/old/debug.ts': "export const secret = process.env.JWT_SECRET || 'dev-secret';\n",
    'src/routes/a.ts': 'export const a = 1;\n',
    'src/main.ts': "import './models/account';\nimport './routes/account-copy';\n",
  });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
});

describe('--changed-since on a real git repository', () => {
  it('reports only changed files, but cross-file rules see the whole project', () => {
    // A new file copies a class from an unchanged file: caught, and only the new file is reported.
    writeFileSync(
      path.join(root, 'src/routes/account-copy.ts'),
      'export class Account {\n  id = "";\n  email = "";\n}\n',
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'copy');
    const result = changedFindings('main');
    expect(result.code).toBe(1);
    expect(result.files).toEqual(['src/routes/account-copy.ts']);
    // Without the flag, the unchanged copy and the old bypass are reported too.
    const all = JSON.parse(runCli(['audit', root, '--format', 'json']).stdout) as { findings: { file: string }[] };
    expect(new Set(all.findings.map((finding) => finding.file))).toEqual(
      new Set(['src/models/account.ts', 'src/old/debug.ts', 'src/routes/account-copy.ts']),
    );
  });

  it('includes staged, unstaged and untracked files, not ignored ones', () => {
    writeFileSync(path.join(root, 'src/routes/a.ts'), "export const a = process.env.JWT_SECRET || 'unstaged';\n");
    writeFileSync(path.join(root, 'src/routes/staged.ts'), "export const b = process.env.JWT_SECRET || 'staged';\n");
    git('add', 'src/routes/staged.ts');
    writeFileSync(
      path.join(root, 'src/routes/untracked.ts'),
      "export const c = process.env.JWT_SECRET || 'untracked';\n",
    );
    mkdirSync(path.join(root, 'ignored'));
    writeFileSync(path.join(root, 'ignored/x.ts'), "export const d = process.env.JWT_SECRET || 'ignored';\n");
    expect(changedFindings('main').files).toEqual([
      'src/routes/a.ts',
      'src/routes/staged.ts',
      'src/routes/untracked.ts',
    ]);
  });

  it('follows renames and compares against the merge-base, not the tip of the ref', () => {
    renameSync(path.join(root, 'src/old/debug.ts'), path.join(root, 'src/routes/debug.ts'));
    git('add', '-A');
    git('commit', '-q', '-m', 'move');
    // main moves on after the branch point: its new file is not part of this branch's change.
    git('checkout', '-q', 'main');
    writeFileSync(path.join(root, 'src/main-only.ts'), "export const m = process.env.JWT_SECRET || 'main';\n");
    git('add', '-A');
    git('commit', '-q', '-m', 'main moves');
    git('checkout', '-q', 'feature');
    expect(changedFindings('main').files).toEqual(['src/routes/debug.ts']);
  });

  it('reports nothing and exits 0 when nothing changed', () => {
    const result = changedFindings('main');
    expect(result).toEqual({ code: 0, files: [], stderr: '' });
  });

  it('exits 2 with one line for an unknown ref or outside a repository', () => {
    const unknown = changedFindings('no-such-ref');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ssot: --changed-since no-such-ref: /);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const outside = runCli(['audit', tempProject({ 'a.ts': '' }), '--changed-since', 'main']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/not a git repository/);
  });

  it('never passes the ref to git as an option, and refuses an empty one', () => {
    const marker = path.join(root, 'written-by-git');
    for (const ref of ['--help', `--output=${marker}`, '-h']) {
      const run = runCli(['audit', root, `--changed-since=${ref}`]);
      expect(run.code, ref).toBe(2);
      expect(run.stderr, ref).toBe(`ssot: --changed-since ${ref}: not a git ref (it starts with "-")\n`);
    }
    expect(existsSync(marker)).toBe(false);
    const empty = runCli(['audit', root, '--changed-since=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('ssot: --changed-since needs a git ref (a branch, tag or commit)\n');
    // A name git would resolve to something that is not a commit (a tree) is not a ref to compare with.
    const tree = git('rev-parse', 'HEAD^{tree}').trim();
    expect(runCli(['audit', root, '--changed-since', tree]).stderr).toBe(
      `ssot: --changed-since ${tree}: not a commit in this repository\n`,
    );
  });
});
