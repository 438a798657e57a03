import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface ChangedFiles {
  /** Files changed since the merge-base, relative to the audited root, forward slashes. */
  files: Set<string>;
  /** The merge-base commit the comparison used. */
  base: string;
}

/**
 * Files changed since the merge-base of `ref` and HEAD: committed, staged, unstaged and untracked
 * (not ignored), renames under their new name. Deleted files have nothing left to report.
 */
export function changedFilesSince(root: string, ref: string): ChangedFiles {
  const git = (args: string[], cwd = root): string => {
    try {
      return execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '')
        .trim()
        .split('\n')[0];
      throw new UsageError(`--changed-since ${ref}: ${stderr || (error as Error).message}`);
    }
  };
  // A ref is never an option (`--changed-since=--output=x` must not reach git as one), and an
  // empty one is a mistake, not "everything".
  if (ref.trim() === '') throw new UsageError('--changed-since needs a git ref (a branch, tag or commit)');
  if (ref.startsWith('-')) throw new UsageError(`--changed-since ${ref}: not a git ref (it starts with "-")`);
  const top = git(['rev-parse', '--show-toplevel']).trim();
  const commit = resolveCommit(root, ref);
  const base = git(['merge-base', '--end-of-options', commit, 'HEAD']).trim();
  const diffed = git(['diff', '--name-only', '-z', '-M', '--diff-filter=ACMRT', base, '--'], top).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0');
  const files = new Set<string>();
  // git prints real paths; the root may have been given through a symlink (/tmp on macOS).
  const realRoot = realpathSync(root);
  for (const file of [...diffed, ...untracked]) {
    if (!file) continue;
    const relative = path.relative(realRoot, path.join(top, file)).split(path.sep).join('/');
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) files.add(relative);
  }
  return { files, base };
}

/** The commit `ref` names, passed after `--end-of-options` so that git never reads it as an option. */
function resolveCommit(root: string, ref: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    throw new UsageError(`--changed-since ${ref}: not a commit in this repository`);
  }
}
