import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin, { clearCache } from '../../src/index.js';
import { tempProject } from '../helpers/temp-project.js';

function eslintFor(root: string, { typed = false, fix = false } = {}): ESLint {
  return new ESLint({
    cwd: root,
    fix,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          ...(typed ? { parserOptions: { projectService: true, tsconfigRootDir: root } } : {}),
        },
      },
      plugin.configs.recommended,
    ],
  });
}

async function ruleHits(eslint: ESLint, root: string, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) =>
    message.ruleId ? `${message.ruleId}@${message.line}:${message.column}` : `fatal: ${message.message}`,
  );
}

const A = 'export class Foo {\n  a = 1;\n}\n';

describe('an editor session: one ESLint instance, file after file', () => {
  beforeEach(() => clearCache());

  it('uses the buffers being linted and picks up files that change on disk', async () => {
    const root = tempProject({
      'ssot.config.json': '{}',
      'package.json': '{"name":"app"}',
      'src/a.ts': A,
      'src/b.ts': 'export class Foo {\n  b = 1;\n}\n',
      'src/main.ts': "import './a';\nimport './b';\nimport './c';\n",
    });
    const eslint = eslintFor(root);

    expect(await ruleHits(eslint, root, 'src/a.ts', A)).toEqual(['ssot/no-duplicate-class@1:14']);

    // The developer renames the class in b.ts; the buffer is not saved yet.
    expect(await ruleHits(eslint, root, 'src/b.ts', 'export class Bar {\n  b = 1;\n}\n')).toEqual([]);
    expect(await ruleHits(eslint, root, 'src/a.ts', A)).toEqual([]);

    // Another file appears on disk with the same class: seen once the session looks again.
    writeFileSync(path.join(root, 'src/c.ts'), 'export class Foo {\n  c = 1;\n}\n');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const [result] = await eslint.lintText(A, { filePath: path.join(root, 'src/a.ts') });
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['ssot/no-duplicate-class']);
    expect(result!.messages[0]!.message).toContain('src/c.ts:1');
  });

  it('reports a wrong import against the canonical module and suggests the canonical one', async () => {
    const root = tempProject({
      'ssot.config.json': JSON.stringify({
        canonical: { UserExecutionContext: 'src/services/user-execution-context.ts' },
      }),
      'src/services/user-execution-context.ts': 'export class UserExecutionContext {\n  websocket_client_id = "";\n}\n',
      'src/models/user-execution-context.ts':
        'export class UserExecutionContext {\n  websocket_connection_id = "";\n}\n',
    });
    // (With a canonical module declared, every other copy is reported, loaded or not.)
    const eslint = eslintFor(root);
    const code =
      "import { UserExecutionContext } from '../models/user-execution-context';\nexport const c = new UserExecutionContext();\n";
    expect(await ruleHits(eslint, root, 'src/websocket/extractor.ts', code)).toEqual(['ssot/canonical-import@1:10']);

    // The copies have drifted apart: re-pointing the import changes what is built, so it is only suggested.
    const [fixed] = await eslintFor(root, { fix: true }).lintText(code, {
      filePath: path.join(root, 'src/websocket/extractor.ts'),
    });
    expect(fixed!.output).toBeUndefined();
    expect(fixed!.messages[0]!.suggestions?.map((suggestion) => suggestion.fix.text)).toEqual([
      '../services/user-execution-context',
    ]);

    const models = await ruleHits(
      eslint,
      root,
      'src/models/user-execution-context.ts',
      'export class UserExecutionContext {\n  websocket_connection_id = "";\n}\n',
    );
    expect(models).toEqual(['ssot/no-duplicate-class@1:14']);
  });

  it('works with typed linting and with plain JavaScript parsed by espree', async () => {
    const root = tempProject({
      'ssot.config.json': '{}',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext' }, include: ['src'] }),
      'src/auth.ts':
        "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_SECRET || 'dev-secret');\n",
      'src/legacy.js': "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.decode(t);\n",
    });
    const typed = eslintFor(root, { typed: true });
    expect(
      await ruleHits(
        typed,
        root,
        'src/auth.ts',
        "import jwt from 'jsonwebtoken';\nexport const check = (t: string) => jwt.verify(t, process.env.JWT_SECRET || 'dev-secret');\n",
      ),
    ).toEqual(['ssot/single-jwt-path@2:37', 'ssot/no-auth-bypass@2:77']);
    const plain = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended],
    });
    const [result] = await plain.lintText(
      "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.decode(t);\n",
      { filePath: path.join(root, 'src/legacy.js') },
    );
    expect(result!.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`)).toEqual([
      'ssot/single-jwt-path@2:25',
    ]);
  });
});
