import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError, writeFileAtomic, writeFileAtomicSync } from '../../src/io/atomic-write.js';

// Root ignores directory permissions, so "a read-only directory blocks the write" cannot be staged.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssot-atomic-'));
});

afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves nothing else behind', async () => {
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, '{"version":1}\n');
    expect(await readFile(target, 'utf8')).toBe('{"version":1}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('writes binary content unchanged', async () => {
    const target = join(dir, 'report.bin');
    const bytes = new Uint8Array([0, 255, 10, 13, 37]);
    await writeFileAtomic(target, bytes);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const target = join(dir, 'report.sarif');
    await writeFile(target, 'old report');
    await chmod(target, 0o640);
    await writeFileAtomic(target, 'new report');
    expect(await readFile(target, 'utf8')).toBe('new report');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['report.sarif']);
  });

  it('throws a one-line OutputError when the parent directory is missing, and creates nothing', async () => {
    const target = join(dir, 'missing', 'report.json');
    const error = await writeFileAtomic(target, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toBe(
      `Cannot write ${target}: directory ${join(dir, 'missing')} does not exist`,
    );
    expect((error as OutputError).message).not.toContain('\n');
    expect((error as OutputError).path).toBe(target);
    expect(((error as OutputError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(await readdir(dir)).toEqual([]);
  });

  it('throws an OutputError when the target is a directory', async () => {
    const target = join(dir, 'out');
    await mkdir(target);
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(
      new OutputError(target, `Cannot write ${target}: it is a directory`),
    );
    expect(await readdir(dir)).toEqual(['out']);
  });

  it('writes through a symlink instead of replacing it', async () => {
    const real = join(dir, 'real.md');
    const link = join(dir, 'link.md');
    await writeFile(real, 'old');
    await symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['link.md', 'real.md']);
  });

  it('lets concurrent writers finish with one complete content and no temp files', async () => {
    const target = join(dir, 'report.txt');
    const contents = Array.from({ length: 8 }, (_, index) => `writer ${index}\n`.repeat(1000));
    await Promise.all(contents.map((content) => writeFileAtomic(target, content)));
    expect(contents).toContain(await readFile(target, 'utf8'));
    expect(await readdir(dir)).toEqual(['report.txt']);
  });

  it.skipIf(isRoot)(
    'keeps the old content intact when the directory is read-only (skipped as root: root bypasses permissions)',
    async () => {
      const target = join(dir, 'report.json');
      await writeFile(target, 'old report');
      await chmod(dir, 0o555);
      const error = await writeFileAtomic(target, 'new report').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutputError);
      expect((error as OutputError).message).toBe(`Cannot write ${target}: permission denied in ${dir}`);
      expect(await readFile(target, 'utf8')).toBe('old report');
      expect(await readdir(dir)).toEqual(['report.json']);
    },
  );
});

describe('writeFileAtomicSync in pieces', () => {
  it('writes chunks as they come and puts the final header over its placeholder', async () => {
    const target = join(dir, 'facts.json');
    const seen: string[] = [];
    // More than one write batch (1 MiB), so the header is patched after earlier flushes.
    const line = `${'x'.repeat(1023)}\n`;
    const chunks = function* () {
      for (let index = 0; index < 1500; index++) {
        seen.push(line);
        yield index % 2 === 0 ? line : Buffer.from(line);
      }
    };
    writeFileAtomicSync(target, {
      chunks: chunks(),
      header: { placeholder: 'HEADER:????\n', final: () => `HEADER:${String(seen.length).padStart(4, '0')}\n` },
    });
    const written = await readFile(target, 'utf8');
    expect(written).toBe(`HEADER:1500\n${line.repeat(1500)}`);
    expect(await readdir(dir)).toEqual(['facts.json']);
  });

  it('keeps the old file when the final header does not fit its placeholder', async () => {
    const target = join(dir, 'facts.json');
    await writeFile(target, 'old\n');
    expect(() =>
      writeFileAtomicSync(target, { chunks: ['body\n'], header: { placeholder: 'H:?\n', final: () => 'H:1234\n' } }),
    ).toThrow(/placeholder/);
    expect(await readFile(target, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['facts.json']);
  });
});

describe('writeFileAtomic killed by a signal', () => {
  it('removes its temp file on SIGTERM and dies of the signal', async () => {
    const target = join(dir, 'ssot-baseline.json');
    const moduleUrl = new URL('../../dist/src/io/atomic-write.js', import.meta.url).href;
    // A write large enough to be caught half-way: the signal lands while the temp file exists.
    const script = `import { writeFileAtomic } from ${JSON.stringify(moduleUrl)};
      await writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(512 * 1024 * 1024));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    while (!(await readdir(dir)).some((name) => name.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(await readdir(dir)).toEqual([]);
  });
});
