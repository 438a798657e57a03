import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Log } from 'sarif';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { expect } from 'vitest';

/**
 * The official SARIF 2.1.0 schema (OASIS "rtm.5", the version @types/sarif is generated from), as
 * shipped by Microsoft's @microsoft/jest-sarif package. It is a draft-04 schema, hence ajv-draft-04.
 */
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
export const sarifSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is module.exports.
// unicodeRegExp: false because the schema's `language` pattern has a stray `]`, legal only in
// non-Unicode regular expressions (the flavour JSON Schema draft-04 assumes).
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
export const validateSarif = ajv.compile(sarifSchema);

/** Parses a SARIF text and fails the test with the schema's complaints unless it validates. */
export function expectValidSarif(text: string): Log {
  const log = JSON.parse(text) as Log;
  const valid = validateSarif(log);
  expect(ajv.errorsText(validateSarif.errors, { separator: '\n' })).toBe('No errors');
  expect(valid).toBe(true);
  return log;
}
