import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const PROJECT = {
  'src/a.ts': 'export class Account {}\n',
  'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
  'src/main.ts': "import './a';\nimport './b';\nimport './wide';\n",
};

/** A device node like /dev/null or /dev/full, made in the test's own directory: a failing test must not replace the real one. */
function copyOfDevice(device: string, into: string): string | undefined {
  const copy = path.join(into, path.basename(device));
  return spawnSync('cp', ['-a', device, copy]).status === 0 && lstatSync(copy).isCharacterDevice() ? copy : undefined;
}

describe('--output onto files that are not regular files', () => {
  it('writes into a FIFO instead of replacing it', async () => {
    const root = tempProject(PROJECT);
    const fifo = path.join(root, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = runCli(['audit', root, '--format', 'json', '--output', fifo, '--no-cache']);
    // The writer has closed the FIFO if it wrote into it; a FIFO replaced by a file leaves the reader waiting.
    const timer = setTimeout(() => reader.kill(), 5000);
    await closed;
    clearTimeout(timer);
    expect(run.code).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(received).summary.errors).toBe(2);
  });

  it('writes into a device, through a symlink too, and leaves the device a device', (context) => {
    const root = tempProject(PROJECT);
    const devices = path.join(root, 'dev');
    mkdirSync(devices);
    const devNull = copyOfDevice('/dev/null', devices);
    if (!devNull) return context.skip('cannot make a device node here (not root)');
    symlinkSync(devNull, path.join(root, 'report.json'));
    for (const target of [devNull, path.join(root, 'report.json')]) {
      const run = runCli(['audit', root, '--format', 'json', '--output', target, '--no-cache']);
      expect(run.code).toBe(1);
      expect(lstatSync(devNull).isCharacterDevice()).toBe(true);
    }
    expect(lstatSync(path.join(root, 'report.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(devices)).toEqual(['null']);
  });

  it('reports a full device in one line with exit 2, and leaves it a device', (context) => {
    const root = tempProject(PROJECT);
    const devFull = copyOfDevice('/dev/full', root);
    if (!devFull) return context.skip('cannot make a device node here (not root)');
    const run = runCli(['audit', root, '--output', devFull, '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ssot: Cannot write ${devFull}: no space left on device\n`);
    expect(lstatSync(devFull).isCharacterDevice()).toBe(true);
  });

  it('writes through a link to the standard output (/dev/stdout) instead of replacing the link', () => {
    const root = tempProject(PROJECT);
    const link = path.join(root, 'stdout');
    symlinkSync('/proc/self/fd/1', link);
    const run = runCli(['audit', root, '--format', 'json', '--output', link, '--no-cache']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary.errors).toBe(2);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a path with a trailing slash instead of creating a file named like the directory', () => {
    const root = tempProject(PROJECT);
    for (const output of [path.join(root, 'newdir') + '/', path.join(root, 'src') + '/']) {
      const run = runCli(['audit', root, '--output', output, '--no-cache']);
      expect(run.code, output).toBe(2);
      expect(run.stderr, output).toBe(`ssot: Cannot write ${output}: a file name is needed, not a directory\n`);
    }
    expect(existsSync(path.join(root, 'newdir'))).toBe(false);
    const baseline = runCli(['baseline', root, '--output', path.join(root, 'newdir') + '/', '--no-cache']);
    expect(baseline.code).toBe(2);
    expect(existsSync(path.join(root, 'newdir'))).toBe(false);
  });
});

describe('temp files of killed writes', () => {
  it('removes the zero-byte temp files a killed baseline write left beside the baseline', () => {
    const root = tempProject(PROJECT);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftovers = [`.ssot-baseline.json.${gone}.0123456789ab.tmp`, `.ssot-baseline.json.${gone}.ba9876543210.tmp`];
    for (const name of leftovers) writeFileSync(path.join(root, name), '');
    // A temp file of a writer that is still running is not touched.
    const alive = `.ssot-baseline.json.${process.pid}.0123456789ab.tmp`;
    writeFileSync(path.join(root, alive), '');
    const run = runCli(['baseline', root, '--no-cache']);
    expect(run.code).toBe(0);
    expect(readdirSync(root).sort()).toEqual([alive, 'src', 'ssot-baseline.json'].sort());
    expect(JSON.parse(readFileSync(path.join(root, 'ssot-baseline.json'), 'utf8')).findings).toHaveLength(2);
  });
});
