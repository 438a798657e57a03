import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binPath, runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const CLEAN = { 'src/a.ts': 'export class Account {}\n' };
const FINDINGS = {
  ...CLEAN,
  'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
  // The program that loads both copies, which makes them a finding.
  'src/main.ts': "import './a';\nimport './b';\n",
};

/** Runs the binary with its stdout pipe closed by the reader before anything is written (`ssot audit | true`). */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function runIntoDevFull(args: string[]) {
  const full = openSync('/dev/full', 'w');
  try {
    return spawnSync(process.execPath, [binPath, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
  } finally {
    closeSync(full);
  }
}

describe('stdout that cannot be written', () => {
  it('exits quietly when the reader goes away (EPIPE), with the exit code of the findings', async () => {
    const clean = await runWithClosedStdout(['audit', tempProject(CLEAN), '--no-cache']);
    expect(clean).toEqual({ code: 0, stderr: '' });
    const dirty = await runWithClosedStdout(['audit', tempProject(FINDINGS), '--no-cache']);
    expect(dirty).toEqual({ code: 1, stderr: '' });
    expect(await runWithClosedStdout(['paths', tempProject(FINDINGS), '--no-cache'])).toEqual({ code: 0, stderr: '' });
    expect(await runWithClosedStdout(['rules'])).toEqual({ code: 0, stderr: '' });
  });

  it.runIf(process.platform === 'linux')('says so in one line and exits 2 on a full disk (ENOSPC)', () => {
    for (const args of [
      ['audit', tempProject(CLEAN), '--no-cache'],
      ['paths', tempProject(CLEAN), '--no-cache'],
      ['rules'],
    ]) {
      const run = runIntoDevFull(args);
      expect(run.status, args[0]).toBe(2);
      expect(run.stderr, args[0]).toBe('ssot: cannot write the output to stdout: no space left on device\n');
    }
  });

  it.runIf(process.platform === 'linux')(
    'says so in one line and exits 2 when the job summary cannot be written',
    () => {
      const run = runCli(['audit', tempProject(FINDINGS), '--format', 'github', '--no-cache'], {
        env: { GITHUB_STEP_SUMMARY: '/dev/full' },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'ssot: Cannot write the job summary to /dev/full (GITHUB_STEP_SUMMARY): no space left on device\n',
      );
    },
  );
});
