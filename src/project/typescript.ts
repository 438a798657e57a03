import { createRequire } from 'node:module';
import type { TypeScript } from '../engine/extract-facts.js';

const require = createRequire(import.meta.url);
let bundled: TypeScript | undefined;

/**
 * The TypeScript the CLI parses with: the one ts-morph bundles, loaded on first use because it
 * costs ~0.3 s. The ESLint plugin prefers the `typescript` its parser already loaded, and only
 * falls back to this one (plain JavaScript projects).
 *
 * Only the compiler file is loaded, resolved from ts-morph's own location (its
 * `@ts-morph/common` may sit beside it or inside it): `require('ts-morph')` also evaluates
 * ts-morph's project API and the lib `.d.ts` texts `@ts-morph/common` carries as string
 * literals, nothing of which a parse reads (about 0.15 s and 18 MiB of heap on every run).
 */
export function bundledTypeScript(): TypeScript {
  bundled ??= createRequire(require.resolve('ts-morph'))('@ts-morph/common/dist/typescript.js') as TypeScript;
  return bundled;
}
