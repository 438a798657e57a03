import path from 'node:path';
import { ESLint } from 'eslint';
import typescript from 'typescript';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSuppressions, isSuppressed } from '../../src/engine/suppressions.js';
import plugin, { clearCache } from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const RULE = 'ssot/single-jwt-path';
const IMPORT = "import { jwtDecode } from 'jwt-decode';";

interface Case {
  name: string;
  extension?: 'ts' | 'tsx';
  /** Lines before the import line. */
  head?: string[];
  /** The file after its import line; every `jwtDecode(` call is a single-jwt-path finding. */
  body: string[];
  /** Per call, in source order: whether ESLint suppresses its finding. */
  suppressed: boolean[];
}

const CASES: Case[] = [
  {
    name: 'next-line line comment with a description',
    body: [
      `// eslint-disable-next-line ${RULE} -- migrating in #42`,
      'export const a = (t: string) => jwtDecode(t);',
      'export const b = (t: string) => jwtDecode(t);',
    ],
    suppressed: [true, false],
  },
  {
    name: 'same-line line comment',
    body: [`export const a = (t: string) => jwtDecode(t); // eslint-disable-line ${RULE}`],
    suppressed: [true],
  },
  {
    name: 'same-line block comment',
    body: [`export const a = (t: string) => jwtDecode(t); /* eslint-disable-line ${RULE} */`],
    suppressed: [true],
  },
  {
    name: 'next-line block comment over several lines covers the line after its end',
    body: ['/*', `  eslint-disable-next-line ${RULE}`, '*/', 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [true],
  },
  {
    name: 'disable-line in a block comment over several lines is ignored',
    body: ['export const a = (t: string) => jwtDecode(t); /* eslint-disable-line', `  ${RULE} */`],
    suppressed: [false],
  },
  {
    name: 'disable and enable blocks',
    body: [
      'export const before = (t: string) => jwtDecode(t);',
      `/* eslint-disable ${RULE} */`,
      'export const inside = (t: string) => jwtDecode(t);',
      `/* eslint-enable ${RULE} */`,
      'export const after = (t: string) => jwtDecode(t);',
    ],
    suppressed: [false, true, false],
  },
  {
    name: 'enabling one rule ends a disable of every rule for that rule',
    body: [
      '/* eslint-disable */',
      'export const inside = (t: string) => jwtDecode(t);',
      `/* eslint-enable ${RULE} */`,
      'export const after = (t: string) => jwtDecode(t);',
    ],
    suppressed: [true, false],
  },
  {
    name: 'enabling another rule leaves the disable on',
    body: [
      `/* eslint-disable ${RULE} */`,
      '/* eslint-enable ssot/no-auth-bypass */',
      'export const a = (t: string) => jwtDecode(t);',
    ],
    suppressed: [true],
  },
  {
    name: 'a disable without enable runs to the end of the file',
    body: [
      '/* eslint-disable */',
      'export const a = (t: string) => jwtDecode(t);',
      '',
      'export const b = (t: string) => jwtDecode(t);',
    ],
    suppressed: [true, true],
  },
  {
    name: 'a block directive takes effect where its comment starts',
    body: [`export const a = (t: string) => [jwtDecode(t), /* eslint-disable ${RULE} */ jwtDecode(t)];`],
    suppressed: [false, true],
  },
  {
    name: 'comma-separated rule list',
    body: [`// eslint-disable-next-line no-console, ${RULE}`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [true],
  },
  {
    name: 'quoted rule name',
    body: [`// eslint-disable-next-line "${RULE}"`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [true],
  },
  {
    name: 'directive naming only another rule',
    body: ['// eslint-disable-next-line no-console', 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'a dangling "--" is part of the rule name, not a description',
    body: [`// eslint-disable-next-line ${RULE} --`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'eslint-disable in a line comment is not a directive',
    body: [`// eslint-disable ${RULE}`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'a JSDoc comment is not a directive',
    body: [`/** eslint-disable-next-line ${RULE} */`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'a shebang mentioning eslint- is no directive, and the comments after it still count',
    head: ['#!/usr/bin/env -S node --title=eslint-disable', `/* eslint-disable ${RULE} */`],
    body: ['export const a = (t: string) => jwtDecode(t);'],
    suppressed: [true],
  },
  {
    name: 'directive text inside a template literal',
    body: ['export const a = (t: string) => `', `// eslint-disable-next-line ${RULE}`, '${jwtDecode(t)}`;'],
    suppressed: [false],
  },
  {
    name: 'block disable inside a template literal',
    body: ['export const text = `/* eslint-disable */`;', 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'a real comment inside a template expression',
    body: ['export const a = (t: string) => `${/* eslint-disable-line */ jwtDecode(t)}`;'],
    suppressed: [true],
  },
  {
    name: 'block disable inside a string',
    body: [`export const text = '/* eslint-disable ${RULE} */';`, 'export const a = (t: string) => jwtDecode(t);'],
    suppressed: [false],
  },
  {
    name: 'disable-line inside a string',
    body: ["export const a = (t: string) => [jwtDecode(t), '/* eslint-disable-line */'];"],
    suppressed: [false],
  },
  {
    name: 'disable-line inside a regular expression',
    body: ['export const a = (t: string) => [/[/* eslint-disable-line */]/, jwtDecode(t)];'],
    suppressed: [false],
  },
  {
    name: 'directive text in JSX text',
    extension: 'tsx',
    body: [
      'export const Note = ({ t }: { t: string }) => (',
      '  <p>',
      `    // eslint-disable-next-line ${RULE}`,
      '    {jwtDecode(t).sub}',
      '  </p>',
      ');',
    ],
    suppressed: [false],
  },
  {
    name: 'a comment in a JSX expression',
    extension: 'tsx',
    body: [
      'export const Note = ({ t }: { t: string }) => (',
      '  <p>',
      `    {/* eslint-disable-next-line ${RULE} */}`,
      '    {jwtDecode(t).sub}',
      '  </p>',
      ');',
    ],
    suppressed: [true],
  },
  {
    name: 'directive text in a JSX attribute string',
    extension: 'tsx',
    body: [
      'export const Note = ({ t }: { t: string }) => <p title="/* eslint-disable-line */">{jwtDecode(t).sub}</p>;',
    ],
    suppressed: [false],
  },
];

function sourceOf(testCase: Case): string {
  return `${[...(testCase.head ?? []), IMPORT, ...testCase.body].join('\n')}\n`;
}

function fileOf(testCase: Case): string {
  const slug = testCase.name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
  return `src/cases/${slug}.${testCase.extension ?? 'ts'}`;
}

/** 1-based positions of the `jwtDecode(` calls (the finding sits on the callee). */
function callPositions(source: string): { line: number; column: number }[] {
  return source
    .split('\n')
    .flatMap((text, index) =>
      [...text.matchAll(/jwtDecode\(/g)].map((match) => ({ line: index + 1, column: match.index + 1 })),
    );
}

describe('eslint-disable directives come from comments, as ESLint reads them', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const source = sourceOf(testCase);
    const kind = testCase.extension === 'tsx' ? typescript.ScriptKind.TSX : typescript.ScriptKind.TS;
    const sourceFile = typescript.createSourceFile(
      fileOf(testCase),
      source,
      typescript.ScriptTarget.Latest,
      true,
      kind,
    );
    const suppressions = extractSuppressions(typescript, sourceFile);
    const calls = callPositions(source);
    expect(calls).toHaveLength(testCase.suppressed.length);
    expect(calls.map((call) => isSuppressed(suppressions, RULE, call))).toEqual(testCase.suppressed);
  });

  it('a file without "eslint-" has no suppressions', () => {
    const sourceFile = typescript.createSourceFile(
      'a.ts',
      `${IMPORT}\njwtDecode('x');\n`,
      typescript.ScriptTarget.Latest,
      true,
    );
    expect(extractSuppressions(typescript, sourceFile)).toEqual([]);
  });
});

describe('parity: ESLint and ssot audit suppress the same findings', () => {
  beforeAll(() => clearCache());

  it('every case, in one project, linted by ESLint and audited by bin/ssot.js', async () => {
    const root = tempProject({
      'package.json': '{ "name": "suppressions-parity", "private": true }\n',
      'ssot.config.json': '{ "authCore": ["src/auth-core/**"] }\n',
      'src/auth-core/index.ts': "export { jwtVerify } from 'jose';\n",
      ...Object.fromEntries(CASES.map((testCase) => [fileOf(testCase), sourceOf(testCase)])),
    });
    const expected = CASES.flatMap((testCase) =>
      callPositions(sourceOf(testCase))
        .filter((_call, index) => !testCase.suppressed[index])
        .map((call) => `${fileOf(testCase)}:${call.line}:${call.column}`),
    ).sort();

    const audit = runCli(['audit', '--format', 'json', '--no-cache', root]);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1);
    const auditFindings = (JSON.parse(audit.stdout) as { findings: Finding[] }).findings;

    expect(positionsOf(auditFindings)).toEqual(expected);
    expect(positionsOf(await eslintFindings(root))).toEqual(expected);
  });
});

interface Finding {
  ruleId: string | null;
  file: string;
  line: number;
  column: number;
}

function positionsOf(findings: Finding[]): string[] {
  return findings
    .filter((finding) => finding.ruleId === RULE)
    .map((finding) => `${finding.file}:${finding.line}:${finding.column}`)
    .sort();
}

/** ESLint's Node API with the plugin's recommended config, as test/eslint/parity.test.ts sets it up. */
async function eslintFindings(root: string): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
      plugin.configs.recommended as never,
    ],
  });
  const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
  const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal));
  expect(fatal).toEqual([]);
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      ruleId: message.ruleId,
      file: path.relative(root, result.filePath).split(path.sep).join('/'),
      line: message.line,
      column: message.column,
    })),
  );
}
