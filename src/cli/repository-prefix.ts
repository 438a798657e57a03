import { execFileSync } from 'node:child_process';

/**
 * Where the audited directory sits in its git work tree, as `git rev-parse --show-prefix` prints it:
 * `services/api/` for a subdirectory, `''` at the top. `undefined` outside a git repository (or
 * without git): reports then keep paths relative to the audited directory.
 *
 * Git runs in the audited directory, not the current one: `ssot audit ../other-repo/sub` belongs
 * to the other repository.
 */
export function repositoryPrefix(directory: string): string | undefined {
  try {
    const output = execFileSync('git', ['rev-parse', '--show-prefix'], {
      cwd: directory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // Only the newline: a directory name may end in a space.
    return output.replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}
