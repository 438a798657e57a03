import { describe, expect, it } from 'vitest';
import { isReporterName, REPORTER_NAMES, REPORTERS } from '../../src/reporters/index.js';
import { cleanResult, sampleContext, sampleResult } from './sample-result.js';

describe('REPORTERS', () => {
  it('has one reporter per --format value', () => {
    expect(Object.keys(REPORTERS).sort()).toEqual(['github', 'json', 'markdown', 'pretty', 'sarif']);
    expect([...REPORTER_NAMES].sort()).toEqual(Object.keys(REPORTERS).sort());
  });

  it('recognises reporter names and nothing else', () => {
    for (const name of REPORTER_NAMES) expect(isReporterName(name)).toBe(true);
    for (const value of ['toString', 'constructor', '__proto__', 'JSON', '', undefined, 1]) {
      expect(isReporterName(value)).toBe(false);
    }
  });

  it.each(REPORTER_NAMES)('%s is deterministic and newline-terminated', (name) => {
    const reporter = REPORTERS[name];
    for (const result of [sampleResult(), cleanResult()]) {
      const output = reporter(result, sampleContext());
      expect(output.endsWith('\n')).toBe(true);
      expect(reporter(structuredClone(result), sampleContext())).toBe(output);
    }
  });
});
