import type { BypassFact, BypassKind } from '../engine/types.js';
import type { Check, RuleFinding } from './types.js';

const TEST_ISSUER_ADVICE = 'give tests real tokens from a test issuer configured in the auth core';

const MESSAGES = {
  bypassHeader: `Header '{{detail}}' can switch authentication off, and any client can send it. Remove the bypass; ${TEST_ISSUER_ADVICE}.`,
  tokenContentCheck: `Token content is checked against '{{detail}}': a token is trusted for what it says, not for its signature. Verify every token through the auth core; ${TEST_ISSUER_ADVICE}.`,
  ignoreExpiration:
    'ignoreExpiration: true accepts expired tokens. Remove it; if clocks drift, set a clock tolerance in the auth core configuration.',
  algorithmNone: "Algorithm 'none' accepts unsigned tokens. Allow only the algorithms of your keys.",
  hardcodedSecret: `A JWT key is hard-coded ('{{detail}}'): anyone who reads the code can mint tokens. Read keys from configuration in the auth core; ${TEST_ISSUER_ADVICE}.`,
  fallbackSecret:
    "The JWT secret falls back to a literal ('{{detail}}') when the variable is missing, so a misconfigured deployment accepts tokens anyone can mint. Fail at start-up instead.",
  decodeWithoutVerify:
    '{{detail}} inside the auth core reads claims without verifying the signature. Verify the token before trusting any claim.',
};

const MESSAGE_IDS: Record<BypassKind, keyof typeof MESSAGES> = {
  'bypass-header': 'bypassHeader',
  'token-content-check': 'tokenContentCheck',
  'ignore-expiration': 'ignoreExpiration',
  'algorithm-none': 'algorithmNone',
  'hardcoded-secret': 'hardcodedSecret',
  'fallback-secret': 'fallbackSecret',
  'decode-without-verify': 'decodeWithoutVerify',
};

/** Test and E2E bypasses in production code: headers, token contents, verification switched off, literal secrets. */
export const noAuthBypass = {
  name: 'no-auth-bypass',
  skipsTests: true,
  messages: MESSAGES,
  run(context) {
    const { authCore } = context;
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      const file = facts.file;
      const bypasses: BypassFact[] = [...facts.bypasses];
      // Outside the core, decoding is single-jwt-path's finding; inside a declared core it is a bypass.
      if (authCore.declared && authCore.isCore(file)) {
        for (const use of context.index.jwtUses(file)) {
          if (use.kind === 'decode')
            bypasses.push({ kind: 'decode-without-verify', detail: use.primitive, span: use.span });
        }
      }
      for (const bypass of bypasses) {
        findings.push({
          file,
          line: bypass.span.line,
          column: bypass.span.column,
          endLine: bypass.span.endLine,
          endColumn: bypass.span.endColumn,
          messageId: MESSAGE_IDS[bypass.kind],
          data: { detail: shown(bypass) },
          symbol: bypass.kind === 'hardcoded-secret' || bypass.kind === 'fallback-secret' ? bypass.kind : bypass.detail,
          key: `${bypass.kind}|${bypass.detail}`,
        });
      }
    }
    return findings;
  },
} satisfies Check;

/** Secrets are never echoed whole into reports, CI logs or PR comments. */
function shown(bypass: BypassFact): string {
  if (bypass.kind !== 'hardcoded-secret' && bypass.kind !== 'fallback-secret') return bypass.detail;
  return bypass.detail.length <= 4 ? '…' : `${bypass.detail.slice(0, 4)}…`;
}
