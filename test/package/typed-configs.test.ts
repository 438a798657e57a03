import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { typecheckConsumer } from './typed-config-consumer.js';

const tsc = path.join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * A consumer project whose node_modules holds ESLint 10 and typescript-eslint (the repository's)
 * and ssot-lint itself (this repository, so its `exports` and built declarations are what resolves).
 * The packed-install test does the same against ESLint 9.
 */
function consumerProject(): string {
  const project = tempProject({ 'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }) });
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules);
  symlinkSync(repositoryRoot, path.join(modules, 'ssot-lint'), 'dir');
  for (const name of ['eslint', 'typescript-eslint'])
    symlinkSync(path.join(repositoryRoot, 'node_modules', name), path.join(modules, name), 'dir');
  return project;
}

describe('the shared configs are typed for eslint.config.ts (ESLint 10)', () => {
  it("type-check in ESLint's defineConfig and typescript-eslint's config(), without casts", () => {
    const result = typecheckConsumer(consumerProject(), tsc);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
