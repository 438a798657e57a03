import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin from '../../src/index.js';

export interface LintProjectOptions {
  /** Parse TypeScript with typescript-eslint's parser (default); false leaves ESLint's own parser. */
  typescriptParser?: boolean;
  /** Config objects after the plugin's, e.g. a changed severity. */
  extraConfig?: Linter.Config[];
}

/** Lints a project the way a project would: ESLint's Node API, the plugin's recommended config, its own ssot.config.json. */
export async function lintProject(root: string, options: LintProjectOptions = {}): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['expected.json'] },
      ...(options.typescriptParser === false
        ? []
        : [{ files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } }]),
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
      plugin.configs.recommended,
      ...(options.extraConfig ?? []),
    ],
    errorOnUnmatchedPattern: false,
  });
  return eslint.lintFiles(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
}
