import { describe, expect, it } from 'vitest';
import { inPython, keyOf } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { messagesByKey, pythonFixture, type AuditReport } from './python-fixtures.js';

const mixed = pythonFixture('mixed-ts-py');

function audit(): { code: number | null; report: AuditReport } {
  const run = runCli(['audit', mixed.root, '--format', 'json', '--no-cache']);
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport };
}

describe('a TypeScript front end and a Python service in one repository', () => {
  // The TypeScript half needs nothing new: it holds today, and must still hold once Python is read too.
  it('reports the front end findings of expected.json', () => {
    const { report } = audit();
    const typescript = mixed.expected.filter((finding) => !inPython(finding));
    expect(typescript.length).toBeGreaterThan(0);
    expect(
      report.findings
        .filter((finding) => !inPython(finding))
        .map(keyOf)
        .sort(),
    ).toEqual(typescript.map(keyOf).sort());
  });

  it('audits both languages in one run: exactly expected.json, worded as expected', () => {
    const { code, report } = audit();
    expect(code).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.findings.map(keyOf).sort()).toEqual(mixed.expected.map(keyOf).sort());
    expect(messagesByKey(report.findings)).toEqual(messagesByKey(mixed.expected));
  });
});
