import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildProjectIndex } from '../../src/project/build-index.js';
import { tempProject } from '../helpers/temp-project.js';

const indexOf = (files: Record<string, string>) => buildProjectIndex(loadConfig(tempProject(files)));

describe('test files, judged by what imports them', () => {
  it('a testing/ folder that production code imports is production code; one nothing imports stays a test', () => {
    const index = indexOf({
      'package.json': '{"name":"app"}',
      'src/app.module.ts':
        "import { TestingModule } from './testing/testing.module';\nexport const modules = [TestingModule];",
      'src/testing/testing.module.ts':
        "import { TestingController } from './testing.controller';\nexport class TestingModule { c = TestingController; }",
      'src/testing/testing.controller.ts': 'export class TestingController {}',
      'src/testing/testing.controller.spec.ts':
        "import { TestingController } from './testing.controller';\nnew TestingController();",
      'src/e2e/helpers.ts': 'export const seed = 1;',
      'src/e2e/run.ts': "import { seed } from './helpers';\nexport const run = seed;",
      'integration-tests/login.ts': "import { modules } from '../src/app.module';\nexport const m = modules;",
      'src/types-only.ts': "import type { Fixture } from './test/fixture';\nexport const x: Fixture = {};",
      'src/test/fixture.ts': 'export interface Fixture {}',
    });
    expect(index.isTestFile('src/testing/testing.module.ts')).toBe(false);
    expect(index.isTestFile('src/testing/testing.controller.ts')).toBe(false);
    expect(index.isTestFile('src/testing/testing.controller.spec.ts')).toBe(true);
    expect(index.isTestFile('src/e2e/helpers.ts')).toBe(true);
    expect(index.isTestFile('src/e2e/run.ts')).toBe(true);
    expect(index.isTestFile('integration-tests/login.ts')).toBe(true);
    // A type-only import loads nothing: the fixture folder stays a test folder.
    expect(index.isTestFile('src/test/fixture.ts')).toBe(true);
    expect(index.isTestFile('src/app.module.ts')).toBe(false);
  });
});
