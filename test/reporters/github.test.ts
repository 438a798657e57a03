import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { escapeData, escapeProperty, githubReporter } from '../../src/reporters/github.js';
import { expectGolden } from './golden.js';
import { cleanResult, sampleContext, sampleResult } from './sample-result.js';

function resultWith(finding: Partial<Finding>) {
  const result = sampleResult();
  const base = result.findings.find((f) => f.ruleId === 'ssot/no-auth-bypass')!;
  result.findings = [{ ...base, ...finding }];
  result.skipped = [];
  result.notes = [];
  return result;
}

describe('githubReporter', () => {
  it('matches the golden output', () => {
    expectGolden('github.txt', githubReporter(sampleResult(), sampleContext()));
  });

  it('writes one annotation per finding with title = rule id', () => {
    const lines = githubReporter(sampleResult(), sampleContext()).trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error '))).toHaveLength(5);
    expect(lines.filter((line) => line.startsWith('::warning file=src/auth/'))).toEqual([
      '::warning file=src/auth/jwt-middleware.ts,line=31,col=7,endLine=31,endColumn=56,title=ssot/no-env-branching-auth::Auth code branches on the runtime environment (`process.env.NODE_ENV`). Staging and production must differ by configuration, not by code.',
    ]);
    expect(lines.at(-1)).toBe('ssot-lint: 6 problems (5 errors, 1 warning) in 120 files, 812 ms');
  });

  it('escapes %, CR and LF in messages', () => {
    const output = githubReporter(resultWith({ message: '100% wrong\r\nsecond line\nthird' }), sampleContext());
    expect(output.split('\n')[0]).toBe(
      '::error file=src/auth/jwt-middleware.ts,line=9,col=20,endLine=9,endColumn=58,title=ssot/no-auth-bypass::100%25 wrong%0D%0Asecond line%0Athird',
    );
  });

  it('escapes : and , (and %) in file names', () => {
    const output = githubReporter(resultWith({ file: 'src/a,b:c%d.ts' }), sampleContext());
    expect(output.split('\n')[0]).toMatch(/^::error file=src\/a%2Cb%3Ac%25d\.ts,line=9,/);
  });

  it('puts the drift table and related locations into the message', () => {
    const output = githubReporter(sampleResult(), sampleContext());
    const duplicate = output.split('\n').find((line) => line.includes('title=ssot/no-duplicate-class'));
    expect(duplicate).toContain('delete this copy.%0AMember drift:%0A  member');
    expect(duplicate).toMatch(/%0A↳ src\/services\/user-execution-context\.ts:9:14 canonical declaration$/);
    // Each annotation is exactly one physical line.
    expect(output.trimEnd().split('\n')).toHaveLength(6 + 1 + 1 + 1);
  });

  it('omits columns for a range spanning lines, as the runner would drop them', () => {
    const output = githubReporter(sampleResult(), sampleContext());
    expect(output).toContain(
      '::error file=src/websocket/pre-connect.ts,line=40,endLine=43,title=ssot/single-jwt-path::',
    );
  });

  it('reports skipped files as warnings and notes as notices', () => {
    const output = githubReporter(sampleResult(), sampleContext());
    expect(output).toContain(
      "::warning file=src/legacy/broken.ts,title=ssot-lint%3A skipped file::could not parse: ';' expected (14:3)\n",
    );
    expect(output).toContain('::notice title=ssot-lint::auth core found by convention: src/auth-core/**\n');
  });

  it('prefixes files, related locations and skipped files with the repository prefix', () => {
    const output = githubReporter(sampleResult(), sampleContext({ repositoryPrefix: 'services/api/' }));
    const files = output
      .split('\n')
      .map((line) => /^::(?:error|warning) file=([^,]*)/.exec(line)?.[1])
      .filter((file) => file !== undefined);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^services\/api\/src\//);
    expect(output).toContain('%0A↳ services/api/src/services/user-execution-context.ts:9:14 canonical declaration');
  });

  it('prints only the summary for a clean audit', () => {
    expect(githubReporter(cleanResult(), sampleContext())).toBe('ssot-lint: no problems in 120 files, 640 ms\n');
  });

  it('implements the @actions/core escaping rules', () => {
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
    // % first: an already-escaped-looking input must not be decoded by the runner.
    expect(escapeData('%0A')).toBe('%250A');
  });
});
