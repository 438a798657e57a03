import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const authCoreSource = (file: string) => fileURLToPath(new URL(`packages/auth-core/src/${file}`, import.meta.url));

export default defineConfig({
  // Tests and the example they run import the auth core by its package name: one module instance, its source, no build needed.
  resolve: {
    alias: [
      { find: /^@ssot-lint\/auth-core$/, replacement: authCoreSource('index.ts') },
      { find: /^@ssot-lint\/auth-core\/testing$/, replacement: authCoreSource('testing.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    env: { NO_COLOR: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
