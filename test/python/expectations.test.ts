import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/fixtures.js';
import { fileOf, PYTHON_FIXTURES, pythonFixture, type ExpectedWithMessage } from './python-fixtures.js';

/**
 * The Python fixtures' expected.json files are written by hand, before any engine reads Python.
 * Until one does, this is what keeps them honest: every finding points at source text of the shape
 * its rule reports there (the primitive, the condition its message quotes, the class name, the read,
 * the header, the literal), so a line or column slip fails here rather than in the engine's tests.
 */
function textAt(root: string, finding: ExpectedWithMessage): string {
  const lines = readFileSync(fileOf({ root } as never, finding.file), 'utf8').split('\n');
  const line = lines[finding.line - 1];
  if (line === undefined) throw new Error(`${keyOf(finding)}: the file has ${lines.length} lines`);
  return line.slice(finding.column - 1);
}

/** What the source at a finding must start with (or contain, for reads and headers), from its rule and message. */
function expectedShape(finding: ExpectedWithMessage): { startsWith?: string; contains?: string } {
  const message = finding.message;
  const quoted = (pattern: RegExp) => pattern.exec(message)?.[1];
  switch (finding.ruleId) {
    case 'ssot/no-duplicate-class':
    case 'ssot/canonical-import':
      return { startsWith: finding.symbol };
    case 'ssot/no-env-branching-auth':
      // Conditions longer than 80 characters are quoted up to an ellipsis, as in TypeScript.
      return { startsWith: quoted(/: `(.+?)…?`\. Staging/) };
    case 'ssot/single-jwt-path': {
      // `jwt.decode` is written as named; a library-named primitive (`jwt-decode.jwtDecode`) by its export.
      const primitive = quoted(/^(\S+) (?:verifies|reads)/) ?? '';
      return { startsWith: /^[\w.]+$/.test(primitive) ? primitive : primitive.split('.').at(-1) };
    }
    case 'ssot/single-secret-source':
      return { contains: quoted(/^JWT secret (\w+) is read/) };
    default:
      return bypassShape(message);
  }
}

function bypassShape(message: string): { startsWith?: string; contains?: string } {
  const header = /^Header '([^']+)'/.exec(message)?.[1];
  if (header) return { contains: header };
  const content = /^Token content is checked against '([^']+)'/.exec(message)?.[1];
  if (content) return { startsWith: `"${content}"` };
  const secret = /\('(.{4})…'\)/.exec(message)?.[1];
  if (secret) return { startsWith: `"${secret}` };
  const decoded = /^([\w.]+) inside the auth core/.exec(message)?.[1];
  if (decoded) return { startsWith: decoded };
  if (message.startsWith('verify_signature: False')) return { startsWith: '"verify_signature": False' };
  throw new Error(`no shape known for: ${message}`);
}

describe.each(PYTHON_FIXTURES.map((name) => [name]))('fixtures/%s/expected.json', (name) => {
  const fixture = pythonFixture(name);

  it('is sorted by file, line and column, with one entry per position and rule', () => {
    const keys = fixture.expected.map((finding) => [finding.file, finding.line, finding.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(new Set(fixture.expected.map(keyOf)).size).toBe(fixture.expected.length);
  });

  it.runIf(fixture.expected.length > 0)('points every finding at source text of the shape its rule reports', () => {
    for (const finding of fixture.expected) {
      expect(existsSync(fileOf(fixture, finding.file)), finding.file).toBe(true);
      expect(finding.message, keyOf(finding)).toMatch(/\S/);
      const shape = expectedShape(finding);
      const text = textAt(fixture.root, finding);
      if (shape.startsWith !== undefined)
        expect(text.startsWith(shape.startsWith), `${keyOf(finding)}: ${text}`).toBe(true);
      if (shape.contains !== undefined) expect(text, keyOf(finding)).toContain(shape.contains);
      expect(shape.startsWith ?? shape.contains, `${keyOf(finding)}: the message names what is reported`).toBeTruthy();
    }
  });
});
