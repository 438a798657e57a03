/**
 * One realistic audit of the incident's backend, shared by every reporter test: a duplicate class
 * with a member-drift table and a related location, a wrong import (with an internal `fix`), two
 * JWT paths (one spanning lines), an environment branch reported as a warning, a fallback secret
 * whose message contains `||`, a skipped file and a note. Fixed numbers keep goldens stable.
 */
import type { AuditResult, Finding } from '../../src/model.js';
import { RULES } from '../../src/rules/registry.js';
import type { ReporterContext } from '../../src/reporters/types.js';

const findings: Finding[] = [
  {
    ruleId: 'ssot/single-jwt-path',
    severity: 'error',
    message:
      'JWT verification with `jsonwebtoken.verify` outside the auth core (src/auth-core/**). Call `authenticate()` from ssot-lint/auth-core instead.',
    file: 'src/auth/jwt-middleware.ts',
    line: 22,
    column: 18,
    endLine: 22,
    endColumn: 48,
    symbol: 'jsonwebtoken.verify',
    fingerprint: '5f0c2e81a9d4b7e3',
  },
  {
    ruleId: 'ssot/no-auth-bypass',
    severity: 'error',
    message:
      "Fallback secret `process.env.JWT_SECRET || 'dev-secret'`: a missing variable silently becomes a predictable key. Fail at startup instead.",
    file: 'src/auth/jwt-middleware.ts',
    line: 9,
    column: 20,
    endLine: 9,
    endColumn: 58,
    fingerprint: '0b7d44e1c2a96f18',
  },
  {
    ruleId: 'ssot/no-env-branching-auth',
    severity: 'warning',
    message:
      'Auth code branches on the runtime environment (`process.env.NODE_ENV`). Staging and production must differ by configuration, not by code.',
    file: 'src/auth/jwt-middleware.ts',
    line: 31,
    column: 7,
    endLine: 31,
    endColumn: 56,
    fingerprint: 'c41e9a07d35b2f86',
  },
  {
    ruleId: 'ssot/no-duplicate-class',
    severity: 'error',
    message: [
      'Class "UserExecutionContext" is also declared in src/services/user-execution-context.ts, its canonical module. Import it from there and delete this copy.',
      'Member drift:',
      '  member                    here  canonical',
      '  websocket_client_id       yes   -',
      '  websocket_connection_id   -     yes',
    ].join('\n'),
    file: 'src/models/user-execution-context.ts',
    line: 12,
    column: 14,
    endLine: 12,
    endColumn: 34,
    symbol: 'UserExecutionContext',
    related: [
      { file: 'src/services/user-execution-context.ts', line: 9, column: 14, message: 'canonical declaration' },
    ],
    fingerprint: '9a3e17c6b0f2d458',
  },
  {
    ruleId: 'ssot/canonical-import',
    severity: 'error',
    message:
      "`UserExecutionContext` is imported from '../models/user-execution-context.js', which is not its canonical module src/services/user-execution-context.ts.",
    file: 'src/websocket/handler.ts',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 77,
    symbol: 'UserExecutionContext',
    fingerprint: '27b8f05d6e1ac394',
    fix: { range: [64, 100], text: "'../services/user-execution-context.js'" },
  },
  {
    ruleId: 'ssot/single-jwt-path',
    severity: 'error',
    message:
      'JWT verification with `jose.jwtVerify` outside the auth core (src/auth-core/**). Call `authenticate()` from ssot-lint/auth-core instead.',
    file: 'src/websocket/pre-connect.ts',
    line: 40,
    column: 5,
    endLine: 43,
    endColumn: 7,
    symbol: 'jose.jwtVerify',
    fingerprint: 'e6d2b9f3047a1c5b',
  },
];

/** A fresh copy per call, so a test that mutates it cannot leak into another. */
export function sampleResult(): AuditResult {
  return {
    tool: { name: 'ssot-lint', version: '0.1.0' },
    root: '/home/dev/backend',
    summary: {
      files: 120,
      lines: 15873,
      findings: 6,
      errors: 5,
      warnings: 1,
      // Deliberately not alphabetical: reporters must order it themselves.
      byRule: {
        'ssot/single-jwt-path': 2,
        'ssot/no-duplicate-class': 1,
        'ssot/canonical-import': 1,
        'ssot/no-env-branching-auth': 1,
        'ssot/no-auth-bypass': 1,
      },
      durationMs: 812,
    },
    // Deliberately not sorted (the no-auth-bypass finding at 9:20 comes after 22:18).
    findings: structuredClone(findings),
    skipped: [{ file: 'src/legacy/broken.ts', reason: "could not parse: ';' expected (14:3)" }],
    notes: ['auth core found by convention: src/auth-core/**'],
    authCore: { source: 'convention', module: 'src/auth-core/', reason: 'the auth-core naming convention' },
  };
}

/** A result with nothing to report. */
export function cleanResult(): AuditResult {
  return {
    tool: { name: 'ssot-lint', version: '0.1.0' },
    root: '/home/dev/backend',
    summary: { files: 120, lines: 15873, findings: 0, errors: 0, warnings: 0, byRule: {}, durationMs: 640 },
    findings: [],
    skipped: [],
    notes: [],
    authCore: { source: 'none', reason: 'no module uses JWT primitives' },
  };
}

export const PATHS_HINT = 'Run `ssot paths` for the inventory of JWT validation paths.';

export function sampleContext(overrides: Partial<ReporterContext> = {}): ReporterContext {
  return { color: false, rules: RULES, ...overrides };
}
