import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = path.join(repositoryRoot, 'bin', 'ssot.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `bin/ssot.js` (built by `npm test` before vitest starts). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The capabilities that let root read what file permissions forbid. */
const READ_ANYTHING = '-dac_override,-dac_read_search';

/**
 * Runs the real binary where file permissions bite. Root reads anything, and CI runs as root:
 * there it runs as root without the capabilities that override permissions (setpriv), which
 * works wherever the checkout lives (user `nobody` may not reach it).
 */
export function runCliUnprivileged(args: string[]): CliRun {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'setpriv' : process.execPath;
  const commandArgs = asRoot
    ? [`--bounding-set=${READ_ANYTHING}`, `--inh-caps=${READ_ANYTHING}`, process.execPath, binPath, ...args]
    : [binPath, ...args];
  const result = spawnSync(command, commandArgs, {
    cwd: repositoryRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
