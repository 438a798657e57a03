import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as vitest from 'vitest';
import { clearCache } from '../../src/eslint/project-session.js';
import { fixturesRoot } from './fixtures.js';

RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;

// Each case starts from the project on disk: buffers of earlier cases must not leak into it.
vitest.beforeEach(() => clearCache());

/** A RuleTester with typescript-eslint's parser (it parses .js/.cjs/.mjs too) and JSX on. */
export function createRuleTester(): RuleTester {
  return new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });
}

/**
 * An absolute file name inside a fixture project. Cross-file rules read the rest of the project
 * from disk; the case's `code` is the buffer for this file, which need not exist on disk.
 */
export function inFixture(fixture: string, file: string): string {
  return path.join(fixturesRoot, 'rules', fixture, file);
}
