import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin, { clearCache } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';
import { runEslint, writeEslintConfig } from './eslint-binary.js';

const MODELS_USER = "export class User {\n  id = '';\n}\n";
const SERVICES_USER = "export class User {\n  name = '';\n}\n";

describe('eslint --cache and cross-file findings', () => {
  it('never replays a finding about a copy deleted since, nor misses one added since', () => {
    const root = tempProject({
      'package.json': '{"name":"app","type":"module"}',
      'ssot.config.json': '{}',
      'src/models/user.ts': MODELS_USER,
      'src/services/user.ts': SERVICES_USER,
      'src/other.ts': 'export const other = 1;\n',
      'src/main.ts': "import './models/user';\nimport './services/user';\n",
    });
    writeEslintConfig(root);
    // ESLint's cache logs each entry it cannot reuse.
    const lint = () =>
      runEslint(['--cache', '--cache-location', '.eslintcache', 'src'], root, { DEBUG: 'eslint:lint-result-cache' });
    const relinted = (run: { stderr: string }) =>
      [...run.stderr.matchAll(/no longer valid: (\S+)/g)].map((match) => path.relative(root, match[1]!)).sort();

    const first = lint();
    expect(first.stdout).toContain('both are loaded by src/main.ts');
    expect(first.code).toBe(1);
    // Nothing changed: everything comes from the cache.
    expect(relinted(lint())).toEqual([]);

    rmSync(path.join(root, 'src/services/user.ts'));
    const afterDeletion = lint();
    expect(afterDeletion.stdout).not.toContain('both are loaded by');
    expect(afterDeletion.code).toBe(0);
    expect(relinted(afterDeletion)).toContain(path.join('src', 'models', 'user.ts'));
    // The same as a run without the cache.
    expect(runEslint(['src'], root).code).toBe(0);

    writeFileSync(path.join(root, 'src/services/user.ts'), SERVICES_USER);
    const afterAddition = lint();
    expect(afterAddition.stdout).toContain('src/models/user.ts:1');
    expect(afterAddition.code).toBe(1);

    // An edit that changes no cross-file judgement re-lints only the edited file.
    writeFileSync(path.join(root, 'src/other.ts'), 'export const other = 2;\n');
    expect(relinted(lint())).toEqual([path.join('src', 'other.ts')]);
  });
});

/** One ESLint instance for the whole test, as an editor keeps one; buffers go through lintText. */
function editor(root: string): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      plugin.configs.recommended as never,
      // Short, so the test need not wait the default 30 s.
      { settings: { ssot: { bufferLifetimeMs: 1500 } } },
    ],
  });
}

async function hits(eslint: ESLint, root: string, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`);
}

const A = "export class Foo {\n  a = '';\n}\n";
const B = "export class Foo {\n  b = '';\n}\n";
const B_RENAMED = "export class Bar {\n  b = '';\n}\n";
/** The program that loads every copy: what makes two same-named classes a finding. */
const MAIN = "import './a';\nimport './b';\nimport './c';\n";

describe('an editor session keeps cross-file findings current', () => {
  beforeEach(() => clearCache());

  it('a buffer edit that is discarded (closed unsaved) stops overriding the disk', async () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'src/main.ts': MAIN, 'src/a.ts': A, 'src/b.ts': B });
    const eslint = editor(root);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
    // b.ts renamed in its buffer, never saved: for now a.ts is the only Foo.
    expect(await hits(eslint, root, 'src/b.ts', B_RENAMED)).toEqual([]);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
    // The editor closes b.ts without saving: no more lints of it. The disk copy never changed.
    await sleep(1700);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
  });

  it('a buffer edit that is reverted counts as the disk again at once', async () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'src/main.ts': MAIN, 'src/a.ts': A, 'src/b.ts': B });
    const eslint = editor(root);
    expect(await hits(eslint, root, 'src/b.ts', B_RENAMED)).toEqual([]);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
    expect(await hits(eslint, root, 'src/b.ts', B)).toEqual(['ssot/no-duplicate-class@1:14']);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
  });

  it('a buffer that never reached the disk stops keeping its class alive', async () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'src/main.ts': MAIN, 'src/a.ts': A });
    const eslint = editor(root);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
    // A new, never saved file with the same class.
    expect(await hits(eslint, root, 'src/c.ts', B)).toEqual(['ssot/no-duplicate-class@1:14']);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
    // Its tab is closed without saving.
    await sleep(1700);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
  });

  it('checks the disk before showing a finding that names another file', async () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'src/main.ts': MAIN, 'src/a.ts': A, 'src/b.ts': B });
    const eslint = editor(root);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
    // Deleted on disk (git checkout, another tool): the very next lint knows, not one 2 s later.
    rmSync(path.join(root, 'src/b.ts'));
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
  });

  it('applies a change of ssot.config.json on the first lint after it', async () => {
    const root = tempProject({ 'ssot.config.json': '{}', 'src/main.ts': MAIN, 'src/a.ts': A, 'src/b.ts': B });
    const eslint = editor(root);
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);
    writeFileSync(path.join(root, 'ssot.config.json'), '{ "rules": { "ssot/no-duplicate-class": "off" } }');
    expect(await hits(eslint, root, 'src/a.ts', A)).toEqual([]);
  });
});
