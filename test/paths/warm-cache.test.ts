import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { FileFacts } from '../../src/engine/types.js';
import { analyseIndex } from '../../src/paths/run-paths.js';
import { buildProjectIndex } from '../../src/project/build-index.js';
import { ProjectIndex } from '../../src/project/project-index.js';
import { bundledTypeScript } from '../../src/project/typescript.js';
import { binPath, repositoryRoot } from '../helpers/run-cli.js';

const workspace = mkdtempSync(path.join(os.tmpdir(), 'ssot-warm-paths-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const recorder = pathToFileURL(path.join(repositoryRoot, 'test/helpers/record-reads.mjs')).href;
const sourceExtension = /\.[cm]?[jt]sx?$/;

/** Runs `ssot paths` on `project` under the read recorder; the project files it opened, relative. */
function pathsReads(project: string, cache: string): { code: number | null; reads: string[]; stdout: string } {
  const log = path.join(workspace, `reads-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const run = spawnSync(
    process.execPath,
    ['--import', recorder, binPath, 'paths', project, '--cache-location', cache],
    {
      env: { ...process.env, NO_COLOR: '1', SSOT_READ_LOG: log },
      encoding: 'utf8',
    },
  );
  const reads = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(project + path.sep))
    .map((line) => path.relative(project, line));
  return { code: run.status, reads, stdout: run.stdout };
}

describe('ssot paths on a warm facts cache', () => {
  const project = path.join(workspace, 'incident');
  cpSync(path.join(repositoryRoot, 'fixtures/incident'), project, { recursive: true });
  const cache = path.join(workspace, 'cache');

  it('reads every source file once when cold, and none when warm', () => {
    const cold = pathsReads(project, cache);
    expect(cold.code).toBe(0);
    const coldSources = cold.reads.filter((file) => sourceExtension.test(file));
    expect(coldSources.length).toBeGreaterThan(10);

    const warm = pathsReads(project, cache);
    expect(warm.code).toBe(0);
    expect(warm.reads.filter((file) => sourceExtension.test(file))).toEqual([]);
    const withoutCacheNote = (text: string) => text.replace(/^note: cache: .*$/m, '');
    expect(warm.stdout).toMatch(/note: cache: parsed 0 of \d+ files/);
    expect(withoutCacheNote(warm.stdout)).toBe(withoutCacheNote(cold.stdout));
  });

  it('keeps every call graph when a run rewrites the cache: unchanged entries are written back as read', () => {
    const own = path.join(workspace, 'rewritten-cache');
    const cold = pathsReads(project, own);
    // One changed file: the audit parses it again and writes the cache, the other entries as they were read.
    const changed = path.join(project, 'src/server.ts');
    const original = readFileSync(changed, 'utf8');
    writeFileSync(changed, `${original}\n// touched\n`);
    try {
      const audit = spawnSync(process.execPath, [binPath, 'audit', project, '--cache-location', own], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(audit.stdout).toMatch(/note: cache: parsed 1 of \d+ files/);
      const warm = pathsReads(project, own);
      expect(warm.stdout).toMatch(/note: cache: parsed 0 of \d+ files/);
      const withoutCacheNote = (text: string) => text.replace(/^note: cache: .*$/m, '');
      expect(withoutCacheNote(warm.stdout)).toBe(withoutCacheNote(cold.stdout));
      expect(warm.stdout).toContain('4 JWT validation paths');
    } finally {
      writeFileSync(changed, original);
    }
  });

  it('builds the call graph from the cached records alone: no source tree needed', () => {
    const built = buildProjectIndex(loadConfig(project));
    const records = JSON.parse(JSON.stringify([...built.files.values()])) as FileFacts[];
    // The same project with every source file deleted: only its manifests and tsconfig remain.
    const sourceless = path.join(workspace, 'sourceless');
    cpSync(project, sourceless, { recursive: true });
    for (const facts of records) rmSync(path.join(sourceless, facts.file));
    const fromRecords = new ProjectIndex({
      typescript: bundledTypeScript(),
      config: loadConfig(sourceless),
      files: new Map(records.map((facts) => [facts.file, facts])),
      skipped: [],
      packageDirectories: [''],
      tsconfigs: ['tsconfig.json'],
    });
    const fromRecordsResult = analyseIndex(fromRecords);
    const fromSources = analyseIndex(built);
    expect(fromRecordsResult.paths.length).toBe(4);
    const withoutRoot = ({ root: _root, ...rest }: ReturnType<typeof analyseIndex>) => ({
      ...rest,
      summary: { ...rest.summary, durationMs: 0 },
    });
    expect(withoutRoot(fromRecordsResult)).toEqual(withoutRoot(fromSources));
  });
});
