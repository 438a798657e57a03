import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildProjectIndex } from '../../src/project/build-index.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { tempProject } from '../helpers/temp-project.js';

/** The import resolutions the cache keeps, as stored on the line after its header. */
function storedResolutions(cacheDirectory: string): Map<string, string | null> {
  const line = readFileSync(path.join(cacheDirectory, 'facts.json'), 'utf8').split('\n')[1]!;
  return new Map((JSON.parse(line) as { resolutions: { answers: [string, string | null][] } }).resolutions.answers);
}

describe('import resolutions kept in the facts cache', () => {
  const build = (root: string, cacheDirectory: string) =>
    buildProjectIndex(loadConfig(root), { cache: new FactsCache(cacheDirectory) });

  it('are reused while nothing they depend on changed, and dropped when a file is added', () => {
    const root = tempProject({
      'package.json': '{"name":"app"}',
      'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/b/index.ts': 'export const b = 1;\n',
    });
    const cacheDirectory = path.join(root, '.cache');
    expect(build(root, cacheDirectory).resolveImport('src/a.ts', './b')).toBe('src/b/index.ts');
    expect(storedResolutions(cacheDirectory).get('src\0./b')).toBe('src/b/index.ts');
    // The first run made the cache directory inside the root, which moved the root's stamp: one more
    // run resolves again; from then on the answers hold.
    build(root, cacheDirectory);
    const before = readFileSync(path.join(cacheDirectory, 'facts.json'));
    // A warm run with the same files asks nothing new and leaves the cache as it was.
    expect(build(root, cacheDirectory).resolveImport('src/a.ts', './b')).toBe('src/b/index.ts');
    expect(readFileSync(path.join(cacheDirectory, 'facts.json')).equals(before)).toBe(true);
    // `src/b.ts` comes before `src/b/index.ts`: the stored answer no longer holds.
    writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 2;\n');
    expect(build(root, cacheDirectory).resolveImport('src/a.ts', './b')).toBe('src/b.ts');
    expect(storedResolutions(cacheDirectory).get('src\0./b')).toBe('src/b.ts');
  });

  it('are dropped when a tsconfig changes', () => {
    const tsconfig = (target: string) =>
      JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': [`${target}/*`] } } });
    const root = tempProject({
      'package.json': '{"name":"app"}',
      'tsconfig.json': tsconfig('src/one'),
      'src/a.ts': "import { x } from '@lib/x';\nexport const a = x;\n",
      'src/one/x.ts': 'export const x = 1;\n',
      'src/two/x.ts': 'export const x = 2;\n',
    });
    const cacheDirectory = path.join(root, '.cache');
    expect(build(root, cacheDirectory).resolveImport('src/a.ts', '@lib/x')).toBe('src/one/x.ts');
    writeFileSync(path.join(root, 'tsconfig.json'), tsconfig('src/two'));
    expect(build(root, cacheDirectory).resolveImport('src/a.ts', '@lib/x')).toBe('src/two/x.ts');
  });
});
