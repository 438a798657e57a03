import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

/**
 * Compares `actual` with `__golden__/<name>`. `UPDATE_GOLDEN=1` rewrites the file instead; review
 * the diff before committing it. A missing golden fails (rather than being created silently), so a
 * CI run can never pass by writing its own expectations.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/reporters`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
