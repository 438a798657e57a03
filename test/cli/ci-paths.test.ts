import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

/** A monorepo with one service audited on its own: two copies of a class (each the other's related location). */
const SERVICE_FILES = {
  'services/api/src/models/user.ts': 'export class User {\n  id = "";\n}\n',
  'services/api/src/legacy/user.ts': 'export class User {\n  id = "";\n}\n',
  'services/api/src/main.ts': "import './models/user';\nimport './legacy/user';\n",
};

function gitRepository(files: Record<string, string>): string {
  const root = tempProject({ '.gitignore': 'node_modules/\n.ssot-cache/\n', ...files });
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

function annotationFiles(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::error '))
    .map((line) => /file=([^,]*)/.exec(line)?.[1] ?? '');
}

function sarifUris(log: Log): string[] {
  const run = log.runs[0]!;
  return (run.results ?? []).flatMap((result) =>
    [...(result.locations ?? []), ...(result.relatedLocations ?? [])].map(
      (location) => location.physicalLocation?.artifactLocation?.uri ?? '',
    ),
  );
}

describe('GitHub annotations and SARIF locations are relative to the repository root', () => {
  it('annotates services/api/src/… for `ssot audit services/api --format github`', () => {
    const root = gitRepository(SERVICE_FILES);
    const run = runCli(['audit', 'services/api', '--format', 'github'], { cwd: root });
    expect(run.code).toBe(1);
    expect(annotationFiles(run.stdout).sort()).toEqual([
      'services/api/src/legacy/user.ts',
      'services/api/src/models/user.ts',
    ]);
    // The related location in the message is repository-relative too.
    expect(run.stdout).toContain('↳ services/api/src/models/user.ts:1:14');
  });

  it('the prefix comes from the audited directory, wherever the command runs', () => {
    const root = gitRepository(SERVICE_FILES);
    const elsewhere = tempProject({});
    const run = runCli(['audit', path.join(root, 'services', 'api'), '--format', 'github'], { cwd: elsewhere });
    expect(annotationFiles(run.stdout).sort()).toEqual([
      'services/api/src/legacy/user.ts',
      'services/api/src/models/user.ts',
    ]);
  });

  it('writes repository-relative SARIF URIs and no machine path', () => {
    const root = gitRepository(SERVICE_FILES);
    const run = runCli(['audit', 'services/api', '--format', 'sarif'], { cwd: root });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Log;
    expect([...new Set(sarifUris(log))].sort()).toEqual([
      'services/api/src/legacy/user.ts',
      'services/api/src/models/user.ts',
    ]);
    expect(log.runs[0]?.originalUriBaseIds?.['%SRCROOT%']).toEqual({
      description: { text: 'The root of the git repository.' },
    });
    expect(run.stdout).not.toContain(root);
    expect(run.stdout).not.toContain('file://');
  });

  it('keeps paths relative to the audited directory outside a git repository', () => {
    const root = tempProject(SERVICE_FILES);
    const github = runCli(['audit', 'services/api', '--format', 'github'], { cwd: root });
    expect(annotationFiles(github.stdout).sort()).toEqual(['src/legacy/user.ts', 'src/models/user.ts']);
    const log = JSON.parse(runCli(['audit', 'services/api', '--format', 'sarif'], { cwd: root }).stdout) as Log;
    expect([...new Set(sarifUris(log))].sort()).toEqual(['src/legacy/user.ts', 'src/models/user.ts']);
    expect(log.runs[0]?.originalUriBaseIds?.['%SRCROOT%']).toEqual({
      description: { text: 'The audited directory.' },
    });
  });

  it('needs no prefix when the audited directory is the repository root', () => {
    const root = gitRepository(SERVICE_FILES);
    const run = runCli(['audit', '.', '--format', 'github'], { cwd: root });
    expect(annotationFiles(run.stdout).sort()).toEqual([
      'services/api/src/legacy/user.ts',
      'services/api/src/models/user.ts',
    ]);
  });
});
