import { describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { messagesByKey, pythonFixture, type AuditReport } from './python-fixtures.js';

const incident = pythonFixture('incident-py');
const clean = pythonFixture('clean-py');

interface PathsReport {
  summary: { paths: number; secretSources: number; duplicateGroups: number };
  secretSources: { reads: { name: string }[] }[];
  duplicates: {
    name: string;
    copies: { file: string; canonical: boolean }[];
    mismatches: { check: { file: string; copy: string }; construction: { file: string; copy: string } }[];
  }[];
}

function audit(root: string): { code: number | null; report: AuditReport; stderr: string } {
  const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport, stderr: run.stderr };
}

describe('ssot audit on the Python port of the incident, through the real binary', () => {
  it('fails with exactly the findings of its hand-made expected.json', () => {
    const { code, report } = audit(incident.root);
    expect(code).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.findings.map(keyOf).sort()).toEqual(incident.expected.map(keyOf).sort());
    for (const expected of incident.expected.filter((finding) => finding.symbol)) {
      const actual = report.findings.find((finding) => keyOf(finding) === keyOf(expected));
      expect(actual?.symbol, keyOf(expected)).toBe(expected.symbol);
    }
  });

  it('words every finding as the TypeScript rules do (same templates, Python data)', () => {
    const { report } = audit(incident.root);
    const reported = messagesByKey(report.findings);
    const expected = messagesByKey(incident.expected);
    expect(Object.fromEntries(Object.keys(expected).map((key) => [key, reported[key]]))).toEqual(expected);
  });

  it('passes on the same app after the fix, having read its Python files', () => {
    const { code, report, stderr } = audit(clean.root);
    expect(stderr).toBe('');
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.summary.files).toBeGreaterThanOrEqual(10);
    expect(code).toBe(0);
  });
});

describe('ssot paths on the Python port of the incident', () => {
  const run = () =>
    JSON.parse(runCli(['paths', incident.root, '--format', 'json', '--no-cache']).stdout) as PathsReport;

  it('shows the four validation paths and the three secret sources', () => {
    const report = run();
    expect(report.summary.paths).toBe(4);
    expect(report.summary.secretSources).toBe(3);
    expect(report.secretSources.map((source) => source.reads.map((read) => read.name).sort()).sort()).toEqual([
      ['JWT_SECRET'],
      ['JWT_SECRET', 'JWT_SECRET_KEY', 'JWT_SECRET_STAGING'],
      ['JWT_SECRET_KEY'],
    ]);
  });

  it('shows the isinstance check against one copy receiving values built from the other', () => {
    const [duplicate] = run().duplicates;
    expect(duplicate?.name).toBe('UserExecutionContext');
    expect(duplicate?.copies.map((copy) => [copy.file, copy.canonical])).toEqual(
      expect.arrayContaining([
        ['app/models/user_execution_context.py', false],
        ['app/services/user_execution_context.py', true],
      ]),
    );
    expect(duplicate?.mismatches).toContainEqual(
      expect.objectContaining({
        check: expect.objectContaining({
          file: 'app/websocket_core/websocket_manager_factory.py',
          copy: 'app/services/user_execution_context.py',
        }),
        construction: expect.objectContaining({
          file: 'app/websocket_core/user_context_extractor.py',
          copy: 'app/models/user_execution_context.py',
        }),
      }),
    );
  });
});
