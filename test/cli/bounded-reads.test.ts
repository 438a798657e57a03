import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const PROJECT = { 'src/a.ts': 'export class Account {}\n' };

function expectOneLineExit2(run: { code: number | null; stderr: string }, message: string): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(`ssot: ${message}\n`);
}

describe('files the tool reads are regular files of bounded size', () => {
  it.runIf(process.platform === 'linux')(
    'refuses ssot.config.json, package.json, --config and --baseline that are /dev/zero',
    () => {
      const withConfig = tempProject(PROJECT);
      symlinkSync('/dev/zero', path.join(withConfig, 'ssot.config.json'));
      expectOneLineExit2(runCli(['audit', withConfig]), 'ssot.config.json: not a regular file (a device)');
      const withManifest = tempProject(PROJECT);
      symlinkSync('/dev/zero', path.join(withManifest, 'package.json'));
      expectOneLineExit2(runCli(['audit', withManifest]), 'package.json: not a regular file (a device)');
      expectOneLineExit2(runCli(['paths', withManifest]), 'package.json: not a regular file (a device)');
      const plain = tempProject(PROJECT);
      expectOneLineExit2(runCli(['audit', plain, '--config', '/dev/zero']), '/dev/zero: not a regular file (a device)');
      expectOneLineExit2(
        runCli(['audit', plain, '--baseline', '/dev/zero']),
        '/dev/zero: not a regular file (a device)',
      );
    },
  );

  it('refuses a FIFO as config or baseline instead of waiting for a writer', () => {
    const root = tempProject(PROJECT);
    const fifo = path.join(root, 'ssot.config.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectOneLineExit2(runCli(['audit', root]), 'ssot.config.json: not a regular file (a FIFO)');
    const plain = tempProject(PROJECT);
    expectOneLineExit2(runCli(['audit', plain, '--baseline', fifo]), `${fifo}: not a regular file (a FIFO)`);
  });

  it('refuses a 10 MiB config with one line', () => {
    const root = tempProject(PROJECT);
    writeFileSync(path.join(root, 'ssot.config.json'), JSON.stringify({ ignore: ['x'.repeat(10 * 1024 * 1024)] }));
    expectOneLineExit2(runCli(['audit', root]), 'ssot.config.json: larger than 4 MiB');
  });
});
