// Dogfood: the package lints itself with typescript-eslint, its own rules (from the build),
// and eslint-plugin-eslint-plugin on the rule sources.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import ssot from './dist/src/index.js';

export default tseslint.config(
  { ignores: ['**/dist/', 'fixtures/', 'coverage/', '.scratch/', '.bench/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  ssot.configs.recommended,
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
