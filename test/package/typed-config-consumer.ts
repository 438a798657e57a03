import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * An `eslint.config.ts` as a TypeScript project writes it: the plugin's configs in ESLint's
 * `defineConfig` (as an `extends` entry and as a config of its own), the plugin under `plugins`,
 * and typescript-eslint's `config()`. No casts anywhere. The `@ts-expect-error` lines prove the
 * types are real, not `any`: a wrong use must still fail (an unneeded one is error TS2578).
 */
export const CONSUMER_CONFIG = `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import ssot, { type SsotConfig, type SsotPlugin } from 'ssot-lint';

export default defineConfig(
  { files: ['**/*.ts'], extends: [ssot.configs.recommended] },
  ssot.configs.strict,
  { plugins: { ssot }, rules: { 'ssot/no-duplicate-class': 'error' } },
);

export const withTypescriptEslint = tseslint.config(
  tseslint.configs.recommended,
  ssot.configs.recommended,
  { plugins: { ssot } },
  { extends: [ssot.configs.strict], files: ['src/**/*.ts'] },
);

export const recommended: SsotConfig = ssot.configs.recommended;
export const plugin: SsotPlugin = ssot;
export const entry = ssot.configs.strict.rules['ssot/no-duplicate-class'];

// @ts-expect-error a config is not a number
export const notANumber: number = ssot.configs.recommended;
// @ts-expect-error no such config
export const missing = ssot.configs.everything;
// @ts-expect-error not a severity
export const loud = defineConfig({ extends: [ssot.configs.recommended], rules: { 'ssot/no-auth-bypass': 'loud' } });
`;

export const CONSUMER_TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    types: [],
    // The assignments in eslint.config.ts are what is checked; re-checking every library's
    // declarations (ts-morph's TypeScript among them) would only cost time.
    skipLibCheck: true,
  },
  files: ['eslint.config.ts'],
});

/** Writes the consumer files into `project` and runs `tsc --noEmit` there with the given compiler. */
export function typecheckConsumer(
  project: string,
  tscPath: string,
  source = CONSUMER_CONFIG,
): { status: number | null; output: string } {
  writeFileSync(path.join(project, 'eslint.config.ts'), source);
  writeFileSync(path.join(project, 'tsconfig.typecheck.json'), CONSUMER_TSCONFIG);
  const tsc = spawnSync(process.execPath, [tscPath, '-p', 'tsconfig.typecheck.json'], {
    cwd: project,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
}
