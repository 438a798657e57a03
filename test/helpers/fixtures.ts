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

/** Every fixture folder (at any depth under fixtures/) that carries an expected.json. */
export function fixturesWithExpectations(): { name: string; root: string; expected: ExpectedFinding[] }[] {
  const found: { name: string; root: string; expected: ExpectedFinding[] }[] = [];
  const walk = (directory: string) => {
    const expectedFile = path.join(directory, 'expected.json');
    if (existsSync(expectedFile)) {
      const expected = (JSON.parse(readFileSync(expectedFile, 'utf8')) as { findings: ExpectedFinding[] }).findings;
      found.push({ name: path.relative(fixturesRoot, directory), root: directory, expected });
      return;
    }
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path.join(directory, entry.name));
    }
  };
  walk(fixturesRoot);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** `rule file:line:column`, the identity the fixture tests compare. */
export function keyOf(finding: { ruleId: string; file: string; line: number; column: number }): string {
  return `${finding.ruleId} ${finding.file}:${finding.line}:${finding.column}`;
}
