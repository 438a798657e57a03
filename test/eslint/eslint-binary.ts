import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot, type CliRun } from '../helpers/run-cli.js';

const eslintBin = path.join(repositoryRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Runs the real ESLint binary in `cwd` (where the project's eslint.config.js is). */
export function runEslint(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [eslintBin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Writes the eslint.config.js a project using the plugin would have: typescript-eslint's parser
 * for .ts files and `ssot.configs.recommended` (this repository's build, imported by file URL
 * since the temporary project has no node_modules), then `extra` configs written as source.
 */
export function writeEslintConfig(root: string, extra = ''): void {
  const url = (file: string) => pathToFileURL(path.join(repositoryRoot, file)).href;
  writeFileSync(
    path.join(root, 'eslint.config.js'),
    [
      `import ssot from '${url('dist/src/index.js')}';`,
      `import tseslint from '${url('node_modules/typescript-eslint/dist/index.js')}';`,
      'export default [',
      "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },",
      '  ssot.configs.recommended,',
      extra,
      '];',
      '',
    ].join('\n'),
  );
}
