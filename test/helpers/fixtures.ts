import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './run-cli.js';

export const fixturesRoot = path.join(repositoryRoot, 'fixtures');

export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  symbol?: string;
  severity?: string;
}

export interface Fixture {
  name: string;
  root: string;
  expected: ExpectedFinding[];
  /** It holds Python files: only a CLI that reads Python can audit it, and ESLint lints none of them. */
  python: boolean;
}

/** Every fixture folder (at any depth under fixtures/) that carries an expected.json. */
export function fixturesWithExpectations(): Fixture[] {
  const found: Fixture[] = [];
  const walk = (directory: string) => {
    const expectedFile = path.join(directory, 'expected.json');
    if (existsSync(expectedFile)) {
      const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { findings: ExpectedFinding[] }).findings;
      found.push({
        name: path.relative(fixturesRoot, directory),
        root: directory,
        expected,
        python: holdsPython(directory),
      });
      return;
    }
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path.join(directory, entry.name));
    }
  };
  walk(fixturesRoot);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function holdsPython(directory: string): boolean {
  return readdirSync(directory, { withFileTypes: true, recursive: true }).some(
    (entry) => entry.isFile() && entry.name.endsWith('.py'),
  );
}

/** Whether a finding sits in a Python file. */
export function inPython(finding: { file: string }): boolean {
  return finding.file.endsWith('.py');
}

/** `rule file:line:column`, the identity the fixture tests compare. */
export function keyOf(finding: { ruleId: string; file: string; line: number; column: number }): string {
  return `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`;
}
