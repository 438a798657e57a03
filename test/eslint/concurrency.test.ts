import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../helpers/temp-project.js';
import { runEslint, writeEslintConfig } from './eslint-binary.js';

/** Enough files for two workers to lint some each, and two copies so there is a cross-file finding. */
function project(): string {
  const files: Record<string, string> = {
    'package.json': '{"name":"app","type":"module"}',
    'ssot.config.json': '{}',
    'src/models/user.ts': "export class User {\n  id = '';\n}\n",
    'src/services/user.ts': "export class User {\n  name = '';\n}\n",
    'src/main.ts': "import './models/user';\nimport './services/user';\n",
  };
  for (let index = 0; index < 24; index++)
    files[`src/feature-${index}.ts`] =
      `export function feature${index}(value: number): number {\n  return value + ${index};\n}\n`;
  return tempProject(files);
}

/** The plugin's `DEBUG=ssot-lint` line per index build: `parsed N of M files`, or `cache: off`. */
function indexBuilds(stderr: string): string[] {
  return [...stderr.matchAll(/^ssot-lint: project index for .*$/gm)].map((match) => match[0]);
}

const parsedCount = (line: string) => Number(/parsed (\d+) of/.exec(line)?.[1] ?? Number.NaN);

describe('eslint --concurrency 2', () => {
  it('builds the project index once: the first worker parses and writes the facts cache, the other reads it', () => {
    const root = project();
    writeEslintConfig(root);
    const run = runEslint(['--concurrency', '2', 'src'], root, { DEBUG: 'ssot-lint' });
    expect(run.stdout).toContain('both are loaded by src/main.ts');
    expect(run.code).toBe(1);
    const builds = indexBuilds(run.stderr);
    // Both workers opened the project, only one of them parsed it (26 sources and eslint.config.js).
    expect(builds).toHaveLength(2);
    expect(builds.map(parsedCount).sort((a, b) => a - b)).toEqual([0, 28]);
    expect(existsSync(path.join(root, 'node_modules/.cache/ssot-lint/facts.lock'))).toBe(false);
  });

  it('keeps the facts cache where settings.ssot.cacheLocation says', () => {
    const root = project();
    writeEslintConfig(root, "  { settings: { ssot: { cacheLocation: '.cache/facts' } } },");
    const run = runEslint(['src'], root, { DEBUG: 'ssot-lint' });
    expect(run.code).toBe(1);
    expect(existsSync(path.join(root, '.cache/facts/facts.json'))).toBe(true);
    expect(existsSync(path.join(root, 'node_modules/.cache/ssot-lint'))).toBe(false);
    expect(existsSync(path.join(root, '.ssot-cache'))).toBe(false);
  });

  it('writes no facts cache with settings.ssot.cache: false', () => {
    const root = project();
    writeEslintConfig(root, '  { settings: { ssot: { cache: false } } },');
    const run = runEslint(['src'], root, { DEBUG: 'ssot-lint' });
    expect(run.code).toBe(1);
    expect(indexBuilds(run.stderr)).toEqual([expect.stringContaining('cache: off')]);
    expect(existsSync(path.join(root, 'node_modules/.cache'))).toBe(false);
    expect(existsSync(path.join(root, '.ssot-cache'))).toBe(false);
  });

  it('names a bad setting in one line', () => {
    const root = project();
    writeEslintConfig(root, "  { settings: { ssot: { cache: 'no' } } },");
    const run = runEslint(['src'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ssot: eslint.config.js: settings.ssot.cache must be true or false (got "no")');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
