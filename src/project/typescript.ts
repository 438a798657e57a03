import { createRequire } from 'node:module';
import type { TypeScript } from '../engine/extract-facts.js';

const require = createRequire(import.meta.url);
let bundled: TypeScript | undefined;

/**
 * The TypeScript the CLI parses with: the one ts-morph bundles, loaded on first use because it
 * costs ~0.4 s. The ESLint plugin prefers the `typescript` its parser already loaded, and only
 * falls back to this one (plain JavaScript projects).
 */
export function bundledTypeScript(): TypeScript {
  bundled ??= (require('ts-morph') as { ts: TypeScript }).ts;
  return bundled;
}
