import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildProjectIndex } from '../../src/project/build-index.js';
import { tempProject } from '../helpers/temp-project.js';

const graphOf = (files: Record<string, string>) => buildProjectIndex(loadConfig(tempProject(files))).moduleGraph();

describe('the module graph', () => {
  it('marks type-only edges: import type, inline type specifiers, imports used only as types, type re-exports', () => {
    const graph = graphOf({
      'package.json': '{"name":"app"}',
      'src/model.ts': 'export class User { id = 1; }',
      'src/value.ts': "import { User } from './model';\nexport const make = () => new User();",
      'src/type-import.ts': "import type { User } from './model';\nexport let u: User | undefined;",
      'src/inline-type.ts': "import { type User } from './model';\nexport let u: User | undefined;",
      'src/elided.ts': "import { User } from './model';\nexport function f(u: User): number { return 1; }",
      'src/barrel.ts': "export type { User } from './model';\nexport type * from './value';",
      'src/side-effect.ts': "import './model';",
    });
    expect(graph.importers('src/model.ts').sort()).toEqual(['src/side-effect.ts', 'src/value.ts']);
    expect(graph.importers('src/model.ts', true).sort()).toEqual([
      'src/barrel.ts',
      'src/elided.ts',
      'src/inline-type.ts',
      'src/side-effect.ts',
      'src/type-import.ts',
      'src/value.ts',
    ]);
    expect(graph.importees('src/barrel.ts')).toEqual([]);
    expect(graph.importees('src/barrel.ts', true).sort()).toEqual(['src/model.ts', 'src/value.ts']);
  });

  it('answers which modules load two copies together, over value imports only', () => {
    const graph = graphOf({
      'package.json': '{"name":"app"}',
      'src/a/context.ts': 'export class Context {}',
      'src/b/context.ts': 'export class Context {}',
      'src/server.ts': "import { Context } from './a/context';\nimport './routes';\nexport const c = Context;",
      'src/routes.ts': "import { Context } from './b/context';\nexport const r = new Context();",
      'src/types.ts':
        "import type { Context } from './a/context';\nimport { Context as B } from './b/context';\nexport const b = B;",
    });
    expect(graph.commonLoaders('src/a/context.ts', 'src/b/context.ts')).toEqual(['src/server.ts']);
    expect(graph.loadersOf('src/b/context.ts')).toEqual(
      new Set(['src/b/context.ts', 'src/routes.ts', 'src/server.ts', 'src/types.ts']),
    );
  });

  it('follows workspace packages by name and CommonJS requires', () => {
    const graph = graphOf({
      'package.json': '{"name":"root","workspaces":["packages/*"]}',
      'packages/shared/package.json': '{"name":"@acme/shared","main":"dist/index.js"}',
      'packages/shared/src/index.ts': 'export class Shared {}',
      'packages/api/package.json': '{"name":"@acme/api"}',
      'packages/api/src/main.ts':
        "import { Shared } from '@acme/shared';\nconst util = require('./util');\nexport default [Shared, util];",
      'packages/api/src/util.js': 'module.exports = {};',
    });
    expect(graph.importees('packages/api/src/main.ts').sort()).toEqual([
      'packages/api/src/util.js',
      'packages/shared/src/index.ts',
    ]);
  });

  it('walks a 5,000-module import chain without exhausting the stack', () => {
    const files: Record<string, string> = { 'package.json': '{"name":"chain"}' };
    for (let index = 0; index < 5000; index++) files[`src/m${index}.ts`] = `import './m${index + 1}';`;
    files['src/m5000.ts'] = 'export class End {}';
    const graph = graphOf(files);
    expect(graph.loadersOf('src/m5000.ts').size).toBe(5001);
  });
});
