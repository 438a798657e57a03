import path from 'node:path';
import { fixturesWithExpectations, keyOf, type Fixture } from '../helpers/fixtures.js';

/** A finding of `ssot audit --format json` as the Python fixture tests compare it. */
export interface ReportedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  symbol?: string;
}

export interface AuditReport {
  summary: { files: number; findings: number };
  findings: ReportedFinding[];
  skipped: unknown[];
}

export interface ExpectedWithMessage extends ReportedFinding {
  severity?: string;
}

export const PYTHON_FIXTURES = ['incident-py', 'clean-py', 'mixed-ts-py'] as const;

export function pythonFixture(name: (typeof PYTHON_FIXTURES)[number]): Fixture & { expected: ExpectedWithMessage[] } {
  const fixture = fixturesWithExpectations().find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`fixtures/${name}/expected.json is missing`);
  return fixture as Fixture & { expected: ExpectedWithMessage[] };
}

/** `key -> message`, so a wrong message names the finding it belongs to. */
export function messagesByKey(findings: readonly ReportedFinding[]): Record<string, string> {
  return Object.fromEntries(findings.map((finding) => [keyOf(finding), finding.message]));
}

export function fileOf(fixture: Fixture, relative: string): string {
  return path.join(fixture.root, relative);
}
