/**
 * The "rename never happens" case, staged by making `rename` fail. This works as root too, where a
 * read-only directory (atomic-write.test.ts) cannot stop the write.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const failRename = vi.hoisted(() => ({ enabled: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (failRename.enabled) {
        throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), {
          code: 'EXDEV',
        });
      }
      return actual.rename(from, to);
    },
  };
});

const { OutputError, writeFileAtomic } = await import('../../src/io/atomic-write.js');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ssot-atomic-rename-'));
  failRename.enabled = false;
});

afterEach(async () => {
  failRename.enabled = false;
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic when the rename fails', () => {
  it('keeps the old content, removes the temp file and throws an OutputError', async () => {
    const target = join(dir, 'report.json');
    await writeFile(target, 'old report');
    failRename.enabled = true;
    const error = await writeFileAtomic(target, 'new report').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as InstanceType<typeof OutputError>).message).toMatch(
      new RegExp(`^Cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: EXDEV`),
    );
    expect(await readFile(target, 'utf8')).toBe('old report');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('still works once rename works again (the mock is really in the path)', async () => {
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, 'fresh');
    expect(await readFile(target, 'utf8')).toBe('fresh');
  });
});
