import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/reporters/json.js';
import { expectGolden } from './golden.js';
import { cleanResult, sampleContext, sampleResult } from './sample-result.js';

const FINDING_KEYS = [
  'ruleId',
  'severity',
  'message',
  'file',
  'line',
  'column',
  'endLine',
  'endColumn',
  'symbol',
  'related',
  'fingerprint',
];

function parse(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('jsonReporter', () => {
  it('matches the golden output', () => {
    expectGolden('json.json', jsonReporter(sampleResult(), sampleContext()));
  });

  it('has exactly the contract keys, in the contract order', () => {
    const report = parse(jsonReporter(sampleResult(), sampleContext()));
    expect(Object.keys(report)).toEqual(['version', 'tool', 'summary', 'findings', 'skipped', 'authCore', 'notes']);
    expect(report.authCore).toEqual({
      source: 'convention',
      module: 'src/auth-core/',
      reason: 'the auth-core naming convention',
    });
    expect(report.notes).toEqual(['auth core found by convention: src/auth-core/**']);
    expect(report.version).toBe(1);
    expect(Object.keys(report.tool as object)).toEqual(['name', 'version']);
    // `summary.lines` is in the model but not in the contract.
    expect(Object.keys(report.summary as object)).toEqual([
      'files',
      'findings',
      'errors',
      'warnings',
      'byRule',
      'durationMs',
    ]);
    for (const finding of report.findings as Record<string, unknown>[]) {
      const keys = Object.keys(finding);
      // Optional keys may be absent, but the present ones keep the contract's relative order.
      expect(keys).toEqual(FINDING_KEYS.filter((key) => keys.includes(key)));
      expect(keys).toEqual(expect.arrayContaining(FINDING_KEYS.filter((k) => k !== 'symbol' && k !== 'related')));
    }
    for (const entry of report.skipped as Record<string, unknown>[]) {
      expect(Object.keys(entry)).toEqual(['file', 'reason']);
    }
  });

  it('never emits the internal fix, root or line count', () => {
    const result = sampleResult();
    expect(result.findings.some((finding) => finding.fix !== undefined)).toBe(true);
    const text = jsonReporter(result, sampleContext());
    expect(text).not.toContain('"fix"');
    expect(text).not.toContain('"range"');
    expect(text).not.toContain('"root"');
    expect(text).not.toContain('"lines"');
  });

  it('omits symbol and related when absent instead of writing null', () => {
    const findings = parse(jsonReporter(sampleResult(), sampleContext())).findings as Record<string, unknown>[];
    const bypass = findings.find((finding) => finding.ruleId === 'ssot/no-auth-bypass');
    expect(bypass).toBeDefined();
    expect(bypass).not.toHaveProperty('symbol');
    expect(bypass).not.toHaveProperty('related');
    const duplicate = findings.find((finding) => finding.ruleId === 'ssot/no-duplicate-class');
    expect(duplicate?.related).toEqual([
      { file: 'src/services/user-execution-context.ts', line: 9, column: 14, message: 'canonical declaration' },
    ]);
  });

  it('orders findings and byRule deterministically, whatever the input order', () => {
    const result = sampleResult();
    const shuffled = sampleResult();
    shuffled.findings.reverse();
    shuffled.summary.byRule = Object.fromEntries(Object.entries(shuffled.summary.byRule).reverse());
    expect(jsonReporter(shuffled, sampleContext())).toBe(jsonReporter(result, sampleContext()));
    const report = parse(jsonReporter(result, sampleContext()));
    const byRule = (report.summary as { byRule: Record<string, number> }).byRule;
    expect(Object.keys(byRule)).toEqual([...Object.keys(byRule)].sort());
    const positions = (report.findings as { file: string; line: number }[]).map((f) => `${f.file}:${f.line}`);
    expect(positions).toEqual([
      'src/auth/jwt-middleware.ts:9',
      'src/auth/jwt-middleware.ts:22',
      'src/auth/jwt-middleware.ts:31',
      'src/models/user-execution-context.ts:12',
      'src/websocket/handler.ts:3',
      'src/websocket/pre-connect.ts:40',
    ]);
  });

  it('uses 2-space indentation and ends with one newline', () => {
    const text = jsonReporter(cleanResult(), sampleContext());
    expect(text.startsWith('{\n  "version": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(parse(text)).toEqual({
      version: 1,
      tool: { name: 'ssot-lint', version: '0.1.0' },
      summary: { files: 120, findings: 0, errors: 0, warnings: 0, byRule: {}, durationMs: 640 },
      findings: [],
      skipped: [],
      authCore: { source: 'none', reason: 'no module uses JWT primitives' },
      notes: [],
    });
  });
});
