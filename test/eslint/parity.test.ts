import { beforeAll, describe, expect, it } from 'vitest';
import { clearCache } from '../../src/index.js';
import { runAudit } from '../../src/run-audit.js';
import { fixturesWithExpectations, inPython } from '../helpers/fixtures.js';
import { lintProject } from './lint-project.js';
import { auditSurface, eslintSurface, surfaceDifferences } from './surfaces.js';

// ESLint lints JavaScript and TypeScript: a fixture's Python findings have no ESLint surface, so
// parity is the TypeScript side, and a fixture with nothing outside Python has nothing to compare.
const fixtures = fixturesWithExpectations().filter(
  (fixture) => !fixture.python || fixture.expected.some((finding) => !inPython(finding)),
);

describe('parity: the ESLint plugin and ssot audit report the same findings', () => {
  beforeAll(() => clearCache());

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const audit = auditSurface(await runAudit({ directory: fixture.root }));
    audit.findings = audit.findings.filter((finding) => !inPython(finding));
    const eslint = eslintSurface(fixture.root, await lintProject(fixture.root));
    expect(surfaceDifferences(audit, eslint)).toEqual([]);
    // Agreeing that a fixture does not parse would be parity too, but a broken fixture tests nothing.
    expect([...eslint.unparsed]).toEqual([]);
    // Agreeing on nothing would also be parity; the fixtures are there to report something.
    expect(eslint.findings.length).toBe(fixture.expected.filter((finding) => !inPython(finding)).length);
  });
});
