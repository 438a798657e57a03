import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { FINGERPRINT_KEY, relativeUri, sarifReporter } from '../../src/reporters/sarif.js';
import { expectGolden } from './golden.js';
import { cleanResult, sampleContext, sampleResult } from './sample-result.js';
import { expectValidSarif, sarifSchema as schema, validateSarif } from './sarif-schema.js';

function results(log: Log): Result[] {
  return log.runs[0]?.results ?? [];
}

describe('sarifReporter', () => {
  it('uses the official SARIF 2.1.0 schema', () => {
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  });

  it('matches the golden output', () => {
    expectGolden('sarif.json', sarifReporter(sampleResult(), sampleContext()));
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext()));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('validates for a clean audit', () => {
    const log = expectValidSarif(sarifReporter(cleanResult(), sampleContext()));
    expect(results(log)).toEqual([]);
    expect(log.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('the schema check is real: it rejects a broken log', () => {
    const log = JSON.parse(sarifReporter(sampleResult(), sampleContext())) as Record<string, unknown>;
    expect(validateSarif({ ...log, version: '2.0.0' })).toBe(false);
    const run = (log.runs as Record<string, unknown>[])[0] as Record<string, unknown>;
    const badResult = { ...(run.results as object[])[0], level: 'fatal' };
    expect(validateSarif({ ...log, runs: [{ ...run, results: [badResult] }] })).toBe(false);
  });

  it('describes every rule with docs and points each result at its rule', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext()));
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe('ssot-lint');
    expect(driver?.version).toBe('0.1.0');
    expect(driver?.rules?.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    const noDuplicate = driver?.rules?.[0];
    expect(noDuplicate).toMatchObject({
      id: 'ssot/no-duplicate-class',
      name: 'NoDuplicateClass',
      helpUri: RULES[0]?.docsUrl,
      defaultConfiguration: { level: 'error' },
    });
    expect(noDuplicate?.help?.markdown).toContain(`(${RULES[0]?.docsUrl})`);
    for (const result of results(log)) {
      expect(result.ruleIndex).toBeTypeOf('number');
      expect(driver?.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('maps locations, levels, related locations and fingerprints', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext()));
    // No machine path: outside git, %SRCROOT% is the audited directory, described, not located.
    expect(log.runs[0]?.originalUriBaseIds).toEqual({
      '%SRCROOT%': { description: { text: 'The audited directory.' } },
    });
    expect(JSON.stringify(log)).not.toContain('/home/dev/backend');
    const duplicate = results(log).find((result) => result.ruleId === 'ssot/no-duplicate-class');
    expect(duplicate?.level).toBe('error');
    expect(duplicate?.message.text).toContain('Member drift:\n');
    expect(duplicate?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/models/user-execution-context.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 14, endLine: 12, endColumn: 34 },
    });
    expect(duplicate?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'src/services/user-execution-context.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 9, startColumn: 14 },
        },
        message: { text: 'canonical declaration' },
      },
    ]);
    expect(duplicate?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: '9a3e17c6b0f2d458' });
    expect(results(log).find((result) => result.ruleId === 'ssot/no-env-branching-auth')?.level).toBe('warning');
    expect(JSON.stringify(log)).not.toContain('"fix"');
  });

  it('reports skipped files as warning notifications of the invocation', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext()));
    const invocation = log.runs[0]?.invocations?.[0];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: "Skipped src/legacy/broken.ts: could not parse: ';' expected (14:3)" },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'src/legacy/broken.ts', uriBaseId: '%SRCROOT%' } } },
        ],
        descriptor: { id: 'file-skipped', index: 0 },
      },
    ]);
    expect(invocation?.toolConfigurationNotifications?.[0]?.message.text).toBe(
      'auth core found by convention: src/auth-core/**',
    );
  });

  it('encodes file paths as relative URI references', () => {
    expect(relativeUri('src/a b/c#d?.ts')).toBe('src/a%20b/c%23d%3F.ts');
    expect(relativeUri('packages/@scope/x/100%.ts')).toBe('packages/@scope/x/100%25.ts');
    // A colon in the first segment would otherwise read as a URI scheme.
    expect(relativeUri('c:weird/file.ts')).toBe('c%3Aweird/file.ts');
    const result = sampleResult();
    result.findings = [{ ...result.findings[0]!, file: 'src/odd name #1.ts' }];
    const log = expectValidSarif(sarifReporter(result, sampleContext()));
    expect(results(log)[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('src/odd%20name%20%231.ts');
  });

  it('puts the repository prefix in front of every location', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext({ repositoryPrefix: 'services/api/' })));
    expect(log.runs[0]?.originalUriBaseIds).toEqual({
      '%SRCROOT%': { description: { text: 'The root of the git repository.' } },
    });
    const duplicate = results(log).find((result) => result.ruleId === 'ssot/no-duplicate-class');
    expect(duplicate?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      'services/api/src/models/user-execution-context.ts',
    );
    expect(duplicate?.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      'services/api/src/services/user-execution-context.ts',
    );
    const skipped = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0];
    expect(skipped?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('services/api/src/legacy/broken.ts');
    expect(skipped?.message.text).toMatch(/^Skipped services\/api\/src\/legacy\/broken\.ts: /);
  });

  it('leaves out ruleIndex for a rule the context does not describe', () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext({ rules: RULES.slice(1) })));
    const duplicate = results(log).find((result) => result.ruleId === 'ssot/no-duplicate-class');
    expect(duplicate).toBeDefined();
    expect(duplicate).not.toHaveProperty('ruleIndex');
  });
});
