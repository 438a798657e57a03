import type { BypassFact, BypassKind, FileFacts, GuardedRegion } from '../engine/types.js';
import { credentialEvidence } from './credential-evidence.js';
import type { Check, CheckContext, RuleFinding } from './types.js';

const TEST_ISSUER_ADVICE = 'give tests real tokens from a test issuer configured in the auth core';

const MESSAGES = {
  bypassHeader: `Header '{{detail}}' can switch authentication off, and any client can send it. Remove the bypass; ${TEST_ISSUER_ADVICE}.`,
  tokenContentCheck: `Token content is checked against '{{detail}}': a token is trusted for what it says, not for its signature. Verify every token through the auth core; ${TEST_ISSUER_ADVICE}.`,
  ignoreExpiration:
    '{{detail}} accepts expired tokens. Remove it; if clocks drift, set a clock tolerance in the auth core configuration.',
  algorithmNone: "Algorithm 'none' accepts unsigned tokens. Allow only the algorithms of your keys.",
  hardcodedSecret: `A JWT key is hard-coded ('{{detail}}'): anyone who reads the code can mint tokens. Read keys from configuration in the auth core; ${TEST_ISSUER_ADVICE}.`,
  fallbackSecret:
    "The JWT secret falls back to a literal ('{{detail}}') when the variable is missing, so a misconfigured deployment accepts tokens anyone can mint. Fail at start-up instead.",
  decodeWithoutVerify:
    '{{detail}} inside the auth core reads claims without verifying the signature. Verify the token before trusting any claim.',
  verificationOff:
    '{{detail}} accepts tokens whose signature was never checked: anyone can mint one. Remove it; verify every token through the auth core.',
  envGatedCredential: `A credential is issued only when the environment is test or development ({{detail}}): one environment variable away from a login for anyone in staging or production. Remove the shortcut from production code; ${TEST_ISSUER_ADVICE}.`,
};

const MESSAGE_IDS: Record<BypassKind, keyof typeof MESSAGES> = {
  'bypass-header': 'bypassHeader',
  'token-content-check': 'tokenContentCheck',
  'ignore-expiration': 'ignoreExpiration',
  'algorithm-none': 'algorithmNone',
  'hardcoded-secret': 'hardcodedSecret',
  'fallback-secret': 'fallbackSecret',
  'decode-without-verify': 'decodeWithoutVerify',
  'verification-off': 'verificationOff',
  'env-gated-credential': 'envGatedCredential',
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
      bypasses.push(...envGatedCredentials(context, facts));
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

/**
 * `if (process.env.NODE_ENV !== 'test') throw new NotFoundException(); … getSignedToken(user)`,
 * `if (env.isDevelopment) log(signinUrl(user.getEmailSigninToken()))`: a token, session or
 * sign-in reached only on the test/development side of an environment condition (and not on
 * the production side: a cookie set differently per environment is no shortcut).
 */
function envGatedCredentials(context: CheckContext, facts: FileFacts): BypassFact[] {
  const found: BypassFact[] = [];
  const evidence = credentialEvidence(context.index, (file) => context.authCore.isCore(file));
  for (const [conditionIndex, condition] of facts.envConditions.entries()) {
    const side = condition.nonProductionBranch;
    if (!side) continue;
    const isNonProduction = (region: GuardedRegion) =>
      side === 'then' ? region.branch === 'then' : region.branch !== 'then';
    const issued = evidence.inRegions(facts, conditionIndex, isNonProduction, true);
    if (!issued) continue;
    if (evidence.inRegions(facts, conditionIndex, (region) => !isNonProduction(region), true)) continue;
    found.push({ kind: 'env-gated-credential', detail: `${condition.text} → ${issued.detail}`, span: condition.span });
  }
  return found;
}

/** Secrets are never echoed whole into reports, CI logs or PR comments. */
function shown(bypass: BypassFact): string {
  if (bypass.kind !== 'hardcoded-secret' && bypass.kind !== 'fallback-secret') return bypass.detail;
  return bypass.detail.length <= 4 ? '…' : `${bypass.detail.slice(0, 4)}…`;
}
