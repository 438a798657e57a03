import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clearCache } from '../../src/index.js';
import { runAudit } from '../../src/run-audit.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { tempProject } from '../helpers/temp-project.js';
import { lintProject } from './lint-project.js';
import { auditSurface, eslintSurface, surfaceDifferences, type Surface } from './surfaces.js';

/**
 * The parity comparison run on pairs that deliberately disagree: if it reported nothing here, the
 * parity test could not fail either.
 */
describe('the parity comparison reports planted differences', () => {
  const incident = path.join(fixturesRoot, 'incident');
  let audit: Surface;
  let eslint: Surface;

  beforeAll(async () => {
    clearCache();
    audit = auditSurface(await runAudit({ directory: incident }));
    eslint = eslintSurface(incident, await lintProject(incident));
  });

  it('agrees on the unchanged pair (the baseline for the cases below)', () => {
    expect(eslint.findings.length).toBeGreaterThan(0);
    expect(surfaceDifferences(audit, eslint)).toEqual([]);
  });

  it('reports a different severity: ESLint configured to warn where the audit errs', async () => {
    const warned = eslintSurface(
      incident,
      await lintProject(incident, { extraConfig: [{ rules: { 'ssot/no-env-branching-auth': 'warn' } }] }),
    );
    const affected = audit.findings.filter((finding) => finding.ruleId === 'ssot/no-env-branching-auth').length;
    const differences = surfaceDifferences(audit, warned);
    expect(affected).toBeGreaterThan(0);
    expect(differences).toHaveLength(2 * affected);
    expect(differences.filter((line) => line.startsWith('only in ssot audit: ssot/no-env-branching-auth '))).toEqual(
      differences.filter((line) => line.includes(' error ')),
    );
    expect(differences.filter((line) => line.startsWith('only in ESLint: ssot/no-env-branching-auth '))).toEqual(
      differences.filter((line) => line.includes(' warning ')),
    );
  });

  it('reports a file ESLint cannot parse (and the findings it therefore misses)', async () => {
    const root = tempProject({
      'src/secret.ts': "export const secret: string = process.env.JWT_SECRET || 'dev-secret';\n",
    });
    const fromAudit = auditSurface(await runAudit({ directory: root, cache: false }));
    // Without typescript-eslint's parser, ESLint's own parser fails on the type annotation.
    const fromEslint = eslintSurface(root, await lintProject(root, { typescriptParser: false }));
    expect(fromAudit.findings).toHaveLength(1);
    const differences = surfaceDifferences(fromAudit, fromEslint);
    expect(differences).toHaveLength(2);
    expect(differences[0]).toMatch(/^ESLint could not analyse src\/secret\.ts: 1:\d+ Parsing error/);
    expect(differences[1]).toMatch(/^only in ssot audit: ssot\/no-auth-bypass src\/secret\.ts:1:\d+ error "/);
  });

  it('reports a shifted line, a moved column, a changed message and a lost finding, field by field', () => {
    const [first, second, third, fourth, ...rest] = eslint.findings;
    const planted: Surface = {
      unparsed: new Map(),
      findings: [
        { ...first!, line: first!.line + 1 },
        { ...second!, column: second!.column + 1 },
        { ...third!, message: `${third!.message}!` },
        ...rest,
      ],
    };
    const differences = surfaceDifferences(audit, planted);
    expect(differences).toHaveLength(7);
    expect(differences.filter((line) => line.startsWith('only in ssot audit: '))).toHaveLength(4);
    expect(differences).toContain(
      `only in ESLint: ${first!.ruleId} ${first!.file}:${first!.line + 1}:${first!.column} ${first!.severity} ${JSON.stringify(first!.message)}`,
    );
    expect(differences).toContain(
      `only in ssot audit: ${fourth!.ruleId} ${fourth!.file}:${fourth!.line}:${fourth!.column} ${fourth!.severity} ${JSON.stringify(fourth!.message)}`,
    );
  });

  it('reports a file only the audit skipped', () => {
    const skipped: Surface = { ...audit, unparsed: new Map([['src/broken.ts', "could not parse: ';' expected"]]) };
    expect(surfaceDifferences(skipped, eslint)).toEqual([
      "ssot audit skipped src/broken.ts: could not parse: ';' expected",
    ]);
  });
});
