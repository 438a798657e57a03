import { describe, expect, it } from 'vitest';
import { DEEP_FILES, deeplyNestedFiles, HUGE_SIZES, ISSUE_SIZES, reExportChains } from '../helpers/hostile-files.js';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const DUPLICATE = {
  'src/a.ts': 'export class Account { id = 1; }\n',
  'src/b.ts': 'export class Account { id = 1; name = ""; }\n',
  'src/main.ts': "import './a';\nimport './b';\n",
};

const NESTED_TOO_DEEPLY = 'nested too deeply to analyse';

interface Report {
  findings: { ruleId: string; file: string }[];
  skipped: { file: string; reason: string }[];
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/RangeError|\n\s+at /);
}

describe('deeply nested sources', () => {
  it('skips each file too deep to walk, says why, and audits the rest', () => {
    const root = tempProject({ ...DUPLICATE, ...deeplyNestedFiles(HUGE_SIZES) });
    const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
    expectNoStackTrace(run.stderr);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.skipped).toEqual(DEEP_FILES.map((file) => ({ file, reason: NESTED_TOO_DEEPLY })));
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('never loses the run at the sizes the issue reported: each file is audited or skipped with the reason', () => {
    const root = tempProject({ ...DUPLICATE, ...deeplyNestedFiles(ISSUE_SIZES) });
    const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
    expectNoStackTrace(run.stderr);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    for (const entry of report.skipped) expect(entry).toEqual({ file: entry.file, reason: NESTED_TOO_DEEPLY });
    expect(report.findings.map((finding) => finding.file)).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('paths, baseline and init survive the same tree', () => {
    const root = tempProject({ ...DUPLICATE, ...deeplyNestedFiles(HUGE_SIZES) });
    const paths = runCli(['paths', root, '--format', 'json', '--no-cache']);
    expectNoStackTrace(paths.stderr);
    expect(paths.code).toBe(0);
    expect((JSON.parse(paths.stdout) as Report).skipped.map((entry) => entry.file)).toEqual(DEEP_FILES);
    const baseline = runCli(['baseline', root, '--no-cache']);
    expectNoStackTrace(baseline.stderr);
    expect(baseline.code).toBe(0);
    expect(baseline.stdout).toMatch(/^wrote 2 finding\(s\)/);
    const init = runCli(['init', root, '--dry-run']);
    expectNoStackTrace(init.stderr);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ canonical: { Account: expect.any(String) } });
  });
});

describe('re-export chains longer than the call stack', () => {
  it('audit, paths and init follow a 5,000-module barrel chain to its end', () => {
    const root = tempProject({ 'package.json': '{"name":"app"}', ...reExportChains(5000) });
    const audit = runCli(['audit', root, '--format', 'json', '--no-cache']);
    expectNoStackTrace(audit.stderr);
    expect(audit.code).toBe(1);
    const findings = (JSON.parse(audit.stdout) as Report).findings
      .filter((finding) => finding.ruleId === 'ssot/single-jwt-path')
      .map((finding) => finding.file);
    // src/server.ts uses jsonwebtoken.verify only through the k-chain: found only by following all 5,000 modules.
    expect(findings.sort()).toEqual(['chain/j4999.ts', 'src/server.ts']);

    const paths = runCli(['paths', root, '--format', 'json', '--no-cache']);
    expectNoStackTrace(paths.stderr);
    expect(paths.code).toBe(0);
    const result = JSON.parse(paths.stdout) as {
      paths: { entries: { via: { name: string; file: string }[] }[] }[];
      duplicates: { name: string; copies: { file: string; importers: { file: string }[] }[] }[];
    };
    const chains = result.paths.flatMap((item) =>
      item.entries.map((entry) => entry.via.map((step) => `${step.name}@${step.file}`).join(' -> ')),
    );
    // Route /a reaches check() only through the 5,000 barrels of the j-chain.
    expect(chains.sort()).toEqual(['GET /a@src/server.ts -> check@chain/j4999.ts', 'GET /b@src/server.ts']);
    const session = result.duplicates.find((group) => group.name === 'Session')!;
    expect(session.copies.map((copy) => [copy.file, copy.importers.map((importer) => importer.file)])).toEqual([
      ['chain/j4999.ts', ['src/server.ts']],
      ['src/session.ts', []],
    ]);

    const init = runCli(['init', root, '--dry-run']);
    expectNoStackTrace(init.stderr);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ canonical: { Session: expect.any(String) } });
  });
});
