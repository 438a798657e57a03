import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DEFER, resolveRelativeImport } from '../../src/project/relative-import.js';
import { tempProject } from '../helpers/temp-project.js';

/** Files on disk, and the imports TypeScript must resolve among them the way `resolveRelativeImport` does. */
const FILES = {
  'src/plain.ts': '',
  'src/both.ts': '',
  'src/both.js': '',
  'src/view.tsx': '',
  'src/dual.ts': '',
  'src/dual.tsx': '',
  'src/esm.mts': '',
  'src/common.cts': '',
  'src/auth.service.ts': '',
  'src/typed.d.ts': '',
  'src/typed.js': '',
  'src/legacy.js': '',
  'src/mixed.js': '',
  'src/mixed/index.ts': '',
  'src/folder/index.ts': '',
  'src/folder/index.js': '',
  'src/jsx-only.jsx': '',
  'src/styles.d.css.ts': '',
  'src/manifest/package.json': '{"types":"./lib/entry.ts"}',
  'src/manifest/lib/entry.ts': '',
  'src/manifest/index.ts': '',
  'src/deep/nested/leaf.ts': '',
  'src/data.json': '{}',
};

const IMPORTS = [
  './plain',
  './plain.js',
  './plain.ts',
  './both',
  './both.js',
  './view',
  './view.js',
  './view.jsx',
  './dual',
  './dual.jsx',
  './dual.js',
  './esm.mjs',
  './esm.js',
  './common.cjs',
  './auth.service',
  './auth.service.js',
  './typed',
  './typed.js',
  './legacy',
  './legacy.js',
  './mixed',
  './folder',
  './folder/',
  './folder/index',
  './jsx-only',
  './styles.css',
  './manifest',
  './deep/nested/leaf',
  './deep/../plain',
  '../src/plain',
  './data.json',
  './missing',
  './missing.js',
  './deep',
];

describe('relative imports answered from the files that exist', () => {
  for (const [mode, kind] of [
    ['bundler', ts.ModuleResolutionKind.Bundler],
    ['node10', ts.ModuleResolutionKind.Node10],
  ] as const) {
    it(`finds what TypeScript's resolver finds (${mode})`, () => {
      const root = tempProject(FILES);
      const options: ts.CompilerOptions = {
        allowJs: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: kind,
        noEmit: true,
      };
      const exists = (file: string) => {
        const absolute = path.join(root, file);
        return existsSync(absolute) && statSync(absolute).isFile();
      };
      const importer = path.join(root, 'src', 'importer.ts');
      const answers = IMPORTS.map((specifier) => {
        const expected = ts.resolveModuleName(specifier, importer, options, ts.sys).resolvedModule?.resolvedFileName;
        const target = path.posix.join('src', specifier);
        const found = resolveRelativeImport(target, kind === ts.ModuleResolutionKind.Node10, exists);
        return {
          specifier,
          typescript: expected ? path.relative(root, expected).split(path.sep).join('/') : undefined,
          ours: found === DEFER ? 'deferred' : found,
        };
      });
      // Where we answer, the answer is TypeScript's; we defer only where a manifest or JSON decides.
      for (const answer of answers) {
        if (answer.ours !== 'deferred')
          expect(answer, answer.specifier).toEqual({ ...answer, ours: answer.typescript });
      }
      expect(answers.filter((answer) => answer.ours === 'deferred').map((answer) => answer.specifier)).toEqual([
        './manifest',
        './data.json',
      ]);
      // The cases that tell the orders apart resolve as TypeScript orders them.
      const by = Object.fromEntries(answers.map((answer) => [answer.specifier, answer.ours]));
      expect(by['./typed']).toBe('src/typed.d.ts');
      expect(by['./mixed']).toBe(mode === 'node10' ? 'src/mixed/index.ts' : 'src/mixed.js');
      expect(by['./view.jsx']).toBe('src/view.tsx');
      expect([by['./dual'], by['./dual.jsx'], by['./dual.js']]).toEqual(['src/dual.ts', 'src/dual.tsx', 'src/dual.ts']);
      expect(by['./esm.mjs']).toBe('src/esm.mts');
      expect(by['./styles.css']).toBe('src/styles.d.css.ts');
    });
  }
});
