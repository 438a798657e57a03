import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin, { clearCache } from '../../src/index.js';
import { runAudit } from '../../src/run-audit.js';
import { fixturesWithExpectations, keyOf } from '../helpers/fixtures.js';

const fixtures = fixturesWithExpectations();

/** Lints a fixture the way a project would: ESLint's Node API, the plugin's recommended config, its own ssot.config.json. */
async function eslintFindings(root: string) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['expected.json'] },
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
      plugin.configs.recommended as never,
    ],
    errorOnUnmatchedPattern: false,
  });
  const results = await eslint.lintFiles(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
  const fatal = results.flatMap((result) =>
    result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`),
  );
  const findings = results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId?.startsWith('ssot/'))
      .map((message) => ({
        ruleId: message.ruleId!,
        file: path.relative(root, result.filePath).split(path.sep).join('/'),
        line: message.line,
        column: message.column,
      })),
  );
  return { findings, fatal };
}

describe('parity: the ESLint plugin and ssot audit report the same findings', () => {
  beforeAll(() => clearCache());

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const audit = await runAudit({ directory: fixture.root });
    const { findings, fatal } = await eslintFindings(fixture.root);
    const auditedFiles = new Set(audit.findings.map((finding) => finding.file));
    expect(fatal.filter((line) => auditedFiles.has(line))).toEqual([]);
    expect(findings.map(keyOf).sort()).toEqual(audit.findings.map(keyOf).sort());
  });
});
