import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { binPath, repositoryRoot } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import { expectValidSarif } from '../reporters/sarif-schema.js';
import { readAction, runCompositeAction, type ActionRun } from './composite-action.js';

const actionFile = path.join(repositoryRoot, 'action.yml');

const DUPLICATE_CLASS = {
  'services/api/src/models/user.ts': 'export class User {\n  id = "";\n}\n',
  'services/api/src/legacy/user.ts': 'export class User {\n  id = "";\n}\n',
  // One program loads both copies: that is what makes them a finding.
  'services/api/src/main.ts': "import './models/user';\nimport './legacy/user';\n",
};

/** A repository as actions/checkout leaves it, with ssot-lint installed as a devDependency would be. */
function workspace(files: Record<string, string>): string {
  const root = tempProject({ '.gitignore': 'node_modules/\n.ssot-cache/\n', ...files });
  execFileSync('git', ['init', '-q'], { cwd: root });
  mkdirSync(path.join(root, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(binPath, path.join(root, 'node_modules', '.bin', 'ssot'));
  return root;
}

function run(root: string, inputs: Record<string, string> = {}): ActionRun & { summary: string } {
  const summaryFile = path.join(tempProject({}), 'summary.md');
  writeFileSync(summaryFile, '');
  const result = runCompositeAction(actionFile, root, inputs, summaryFile);
  return { ...result, summary: readFileSync(summaryFile, 'utf8') };
}

function step(result: ActionRun, label: string) {
  return result.steps.find((entry) => entry.label === label);
}

describe('action.yml: the composite action, its run steps executed with bash', () => {
  it('is a composite action: setup-node, the audit, the SARIF upload, the gate', () => {
    const action = readAction(actionFile);
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((entry) => entry.uses ?? entry.id ?? entry.name)).toEqual([
      'actions/setup-node@v4',
      'audit',
      'github/codeql-action/upload-sarif@v3',
      'ssot gate',
    ]);
  });

  it('writes repository-relative SARIF, the job summary and its outputs, uploads, then fails on findings', () => {
    const root = workspace(DUPLICATE_CLASS);
    const result = run(root, { directory: 'services/api' });

    expect(step(result, 'audit')?.status, step(result, 'audit')?.stderr).toBe(0);
    expect(result.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'ssot.sarif' });
    const log: Log = expectValidSarif(readFileSync(path.join(root, 'ssot.sarif'), 'utf8'));
    const uris = (log.runs[0]?.results ?? []).map(
      (entry) => entry.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    expect(uris.sort()).toEqual(['services/api/src/legacy/user.ts', 'services/api/src/models/user.ts']);

    expect(result.summary).toMatch(/^## ssot-lint audit\n/);
    expect(result.summary).toContain('ssot/no-duplicate-class');

    expect(step(result, 'actions/setup-node@v4')?.uses).toEqual({
      action: 'actions/setup-node@v4',
      wouldRun: true,
      with: { 'node-version': '20' },
    });
    expect(step(result, 'github/codeql-action/upload-sarif@v3')?.uses).toEqual({
      action: 'github/codeql-action/upload-sarif@v3',
      wouldRun: true,
      with: { sarif_file: 'ssot.sarif', category: 'ssot-lint' },
    });
    expect(result.conclusion).toBe('failure');
    expect(step(result, 'ssot gate')?.status).toBe(1);
    expect(step(result, 'ssot gate')?.stdout).toContain('::error title=ssot-lint::ssot audit has findings');
  });

  it('passes with findings when told not to fail, and skips the upload when told to', () => {
    const root = workspace(DUPLICATE_CLASS);
    const result = run(root, { 'fail-on-findings': 'false', upload: 'false', 'sarif-file': 'reports/ssot.sarif' });
    expect(result.conclusion).toBe('success');
    expect(result.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'reports/ssot.sarif' });
    expect(existsSync(path.join(root, 'reports', 'ssot.sarif'))).toBe(true);
    expect(step(result, 'github/codeql-action/upload-sarif@v3')?.uses?.wouldRun).toBe(false);
  });

  it('succeeds on a clean project', () => {
    const root = workspace({ 'src/user.ts': 'export class User {}\n' });
    const result = run(root);
    expect(result.conclusion).toBe('success');
    expect(result.outputs['exit-code']).toBe('0');
    expect(result.summary).toContain('No problems');
  });

  it('passes args through, split on whitespace', () => {
    const root = workspace({
      ...DUPLICATE_CLASS,
      'services/api/src/secret.ts': "export const s = process.env.JWT_SECRET || 'dev-secret';\n",
    });
    const result = run(root, { directory: 'services/api', args: ' --rule  ssot/no-auth-bypass ' });
    const log: Log = expectValidSarif(readFileSync(path.join(root, 'ssot.sarif'), 'utf8'));
    expect(new Set((log.runs[0]?.results ?? []).map((entry) => entry.ruleId))).toEqual(
      new Set(['ssot/no-auth-bypass']),
    );
    expect(result.summary).not.toContain('no-duplicate-class');
  });

  it('stops at a usage error (exit 2), before the upload and the gate', () => {
    const root = workspace(DUPLICATE_CLASS);
    const result = run(root, { args: '--rule ssot/nope' });
    expect(result.conclusion).toBe('failure');
    expect(result.steps.map((entry) => entry.label)).toEqual(['actions/setup-node@v4', 'audit']);
    expect(step(result, 'audit')?.status).toBe(2);
    expect(step(result, 'audit')?.stderr).toContain('unknown rule "ssot/nope"');
    expect(step(result, 'audit')?.stdout).toContain('::error title=ssot-lint::ssot audit failed with exit code 2');
    expect(result.outputs['exit-code']).toBe('');
  });

  it('treats inputs as data, not shell code', () => {
    const root = workspace(DUPLICATE_CLASS);
    const result = run(root, { directory: 'services/api"; touch injected; echo "', args: '$(touch injected-too)' });
    expect(step(result, 'audit')?.status).toBe(2);
    expect(existsSync(path.join(root, 'injected'))).toBe(false);
    expect(existsSync(path.join(root, 'injected-too'))).toBe(false);
  });
});
