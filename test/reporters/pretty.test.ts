import { describe, expect, it } from 'vitest';
import { prettyReporter } from '../../src/reporters/pretty.js';
import { expectGolden } from './golden.js';
import { cleanResult, sampleContext, sampleResult } from './sample-result.js';

/** An SGR escape sequence; built from a string so the source holds no control character. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

describe('prettyReporter', () => {
  it('matches the golden output without color', () => {
    expectGolden('pretty.txt', prettyReporter(sampleResult(), sampleContext()));
  });

  it('matches the golden output for a clean audit', () => {
    expectGolden('pretty-clean.txt', prettyReporter(cleanResult(), sampleContext()));
  });

  it('emits ANSI codes only when the context asks for color, whatever NO_COLOR says', () => {
    // vitest.config sets NO_COLOR=1: color: true must still color, because the CLI decides.
    expect(process.env.NO_COLOR).toBe('1');
    const colored = prettyReporter(sampleResult(), sampleContext({ color: true }));
    const plain = prettyReporter(sampleResult(), sampleContext({ color: false }));
    expect(colored).toMatch(ANSI);
    expect(plain).not.toMatch(ANSI);
    // Same text once the codes are stripped: color never changes the layout.
    expect(colored.replace(new RegExp(ANSI.source, 'g'), '')).toBe(plain);
  });

  it('lists each file once, findings in line order, and ends with the summary', () => {
    const lines = prettyReporter(sampleResult(), sampleContext()).trimEnd().split('\n');
    expect(lines.filter((line) => line === 'src/auth/jwt-middleware.ts')).toHaveLength(1);
    const rows = lines.filter((line) => /^\s+\d+:\d+\s/.test(line)).map((line) => line.trim().split(/\s+/)[0]);
    expect(rows).toEqual(['9:20', '22:18', '31:7', '12:14', '3:1', '40:5']);
    expect(lines.at(-1)).toBe('✖ 6 problems (5 errors, 1 warning) in 120 files, 812 ms');
  });

  it('aligns continuation lines and related locations under the message column', () => {
    const lines = prettyReporter(sampleResult(), sampleContext()).split('\n');
    const header = lines.indexOf('src/models/user-execution-context.ts');
    const row = lines[header + 1] ?? '';
    const messageColumn = row.indexOf('Class "UserExecutionContext"');
    expect(messageColumn).toBeGreaterThan(0);
    const continuation = lines.slice(header + 2, header + 6);
    expect(continuation[0]).toBe(`${' '.repeat(messageColumn)}Member drift:`);
    // The drift table keeps its own indentation beneath the message column.
    expect(continuation[1]).toBe(`${' '.repeat(messageColumn)}  member                    here  canonical`);
    expect(continuation[3]).toBe(`${' '.repeat(messageColumn)}  websocket_connection_id   -     yes`);
    expect(lines[header + 6]).toBe(
      `${' '.repeat(messageColumn)}↳ src/services/user-execution-context.ts:9:14 canonical declaration`,
    );
    expect(row.trimEnd().endsWith('ssot/no-duplicate-class')).toBe(true);
  });

  it('never leaves trailing whitespace', () => {
    const output = prettyReporter(sampleResult(), sampleContext());
    expect(output.split('\n').filter((line) => line !== line.trimEnd())).toEqual([]);
  });

  it('lists skipped files and notes before the summary', () => {
    const output = prettyReporter(sampleResult(), sampleContext());
    expect(output).toContain("skipped 1 file:\n  src/legacy/broken.ts — could not parse: ';' expected (14:3)\n");
    expect(output).toContain('note: auth core found by convention: src/auth-core/**\n');
    expect(output.indexOf('skipped 1 file')).toBeLessThan(output.indexOf('note:'));
    expect(output.indexOf('note:')).toBeLessThan(output.indexOf('✖'));
  });

  it('summarises a warnings-only audit and a clean one', () => {
    const result = sampleResult();
    result.findings = result.findings.filter((finding) => finding.severity === 'warning');
    result.summary = {
      ...result.summary,
      findings: 1,
      errors: 0,
      warnings: 1,
      byRule: { 'ssot/no-env-branching-auth': 1 },
    };
    expect(prettyReporter(result, sampleContext()).trimEnd().split('\n').at(-1)).toBe(
      '✖ 1 problem (0 errors, 1 warning) in 120 files, 812 ms',
    );
    expect(prettyReporter(cleanResult(), sampleContext())).toBe('✔ no problems in 120 files\n');
  });

  it('is pure: the same input gives the same output and is not mutated', () => {
    const result = sampleResult();
    const before = structuredClone(result);
    expect(prettyReporter(result, sampleContext())).toBe(prettyReporter(result, sampleContext()));
    expect(result).toEqual(before);
  });
});
