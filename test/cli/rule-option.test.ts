import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const incident = path.join(fixturesRoot, 'incident');

function rulesReported(stdout: string): string[] {
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings;
  return [...new Set(findings.map((finding) => finding.ruleId))].sort();
}

describe('-r, --rule <id> (repeatable)', () => {
  it('takes one id and leaves the directory that follows it alone', () => {
    const run = runCli(['audit', '--rule', 'ssot/no-duplicate-class', '.', '--format', 'json'], { cwd: incident });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(rulesReported(run.stdout)).toEqual(['ssot/no-duplicate-class']);
  });

  it('collects every occurrence, short and long, before and after the directory', () => {
    const run = runCli([
      'audit',
      '-r',
      'canonical-import',
      incident,
      '--rule',
      'ssot/single-jwt-path',
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    expect(rulesReported(run.stdout)).toEqual(['ssot/canonical-import', 'ssot/single-jwt-path']);
  });

  it('still rejects an unknown rule with a usage error', () => {
    const run = runCli(['audit', '--rule', 'ssot/nope', incident]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown rule "ssot/nope"');
  });
});
