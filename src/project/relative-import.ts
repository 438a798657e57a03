import path from 'node:path';

/**
 * The file a relative import resolves to under `bundler` or `node10` resolution, found as
 * TypeScript's `nodeLoadModuleByRelativeName` finds it: the name with its extension replaced,
 * then with extensions added, then the directory's index file, the first that `exists`. Returns
 * `DEFER` where the answer depends on more than which files exist (a `package.json` in the
 * directory, a `.json` import): TypeScript's resolver answers those. Answering the rest here
 * spares TypeScript's per-import setup, most of the time spent resolving a large project.
 *
 * `target` is the import joined to the importing file's directory. Under `node10`, TypeScript
 * tries every TypeScript file (index files included) before any JavaScript one.
 */
export function resolveRelativeImport(
  target: string,
  node10: boolean,
  exists: (file: string) => boolean,
): string | undefined | typeof DEFER {
  const trailingSlash = target.endsWith('/');
  const candidate = trailingSlash ? target.slice(0, -1) : target;
  if (!trailingSlash && extensionOf(candidate) === '.json') return DEFER;
  for (const extensions of node10 ? [TYPED, UNTYPED] : [TYPED | UNTYPED]) {
    const file = trailingSlash ? undefined : fileCandidates(candidate, extensions).find(exists);
    if (file !== undefined) return file;
    // A directory with a manifest resolves through its `types`/`main` fields first.
    if (exists(`${candidate}/package.json`)) return DEFER;
    const index = fileCandidates(`${candidate}/index`, extensions).find(exists);
    if (index !== undefined) return index;
  }
  return undefined;
}

/** `resolveRelativeImport` leaves the answer to TypeScript's resolver. */
export const DEFER: unique symbol = Symbol('defer to TypeScript');

type Extensions = number;
const TYPED = 1;
const UNTYPED = 2;

/** TypeScript's `removeFileExtension` list, in its order. */
const KNOWN_EXTENSIONS = [
  '.d.ts',
  '.d.mts',
  '.d.cts',
  '.mjs',
  '.mts',
  '.cjs',
  '.cts',
  '.ts',
  '.js',
  '.tsx',
  '.jsx',
  '.json',
];

function extensionOf(file: string): string | undefined {
  return KNOWN_EXTENSIONS.find((extension) => file.endsWith(extension));
}

/** `loadModuleFromFile`: the extension replaced (when the name has one), then extensions added. */
function fileCandidates(candidate: string, extensions: Extensions): string[] {
  const replaced: string[] = [];
  if (path.posix.basename(candidate).includes('.')) {
    const known = extensionOf(candidate);
    const stem = known ? candidate.slice(0, -known.length) : candidate.slice(0, candidate.lastIndexOf('.'));
    replaced.push(...withExtensions(stem, candidate.slice(stem.length), extensions));
  }
  return [...replaced, ...withExtensions(candidate, '', extensions)];
}

/** `tryAddingExtensions`: which files stand for a stem imported with `original` as its extension. */
function withExtensions(stem: string, original: string, extensions: Extensions): string[] {
  const [typedOnes, untypedOnes] = EXTENSIONS_FOR[original] ?? [[`.d${original}.ts`], []];
  const files: string[] = [];
  if (extensions & TYPED) for (const extension of typedOnes) files.push(`${stem}${extension}`);
  if (extensions & UNTYPED) for (const extension of untypedOnes) files.push(`${stem}${extension}`);
  return files;
}

/**
 * Per extension written in the import: the typed and the untyped extensions tried in its place.
 * Any other extension (`./auth.service`) is tried as a declaration for it (`auth.d.service.ts`).
 */
const MODULE_EXTENSIONS = [['.mts', '.d.mts'], ['.mjs']] as const;
const COMMONJS_EXTENSIONS = [['.cts', '.d.cts'], ['.cjs']] as const;
const JSX_EXTENSIONS = [
  ['.tsx', '.ts', '.d.ts'],
  ['.jsx', '.js'],
] as const;
const PLAIN_EXTENSIONS = [
  ['.ts', '.tsx', '.d.ts'],
  ['.js', '.jsx'],
] as const;
const EXTENSIONS_FOR: Partial<Record<string, readonly [readonly string[], readonly string[]]>> = {
  '.mjs': MODULE_EXTENSIONS,
  '.mts': MODULE_EXTENSIONS,
  '.d.mts': MODULE_EXTENSIONS,
  '.cjs': COMMONJS_EXTENSIONS,
  '.cts': COMMONJS_EXTENSIONS,
  '.d.cts': COMMONJS_EXTENSIONS,
  '.tsx': JSX_EXTENSIONS,
  '.jsx': JSX_EXTENSIONS,
  '.ts': PLAIN_EXTENSIONS,
  '.d.ts': PLAIN_EXTENSIONS,
  '.js': PLAIN_EXTENSIONS,
  '': PLAIN_EXTENSIONS,
};
