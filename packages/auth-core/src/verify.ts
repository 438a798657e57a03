import { randomUUID } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { JwsAlgorithm } from './algorithms.js';
import { checkClaims } from './claims.js';
import { inspectToken } from './compact.js';
import type { ResolvedConfig } from './config.js';
import { createUserExecutionContext, type Transport, type UserExecutionContext } from './context.js';
import { Rejection } from './errors.js';

export interface VerifyOptions {
  /** Where the token arrived; recorded on the context. */
  transport: Transport;
  /** Correlation id to record on the context; a UUID is generated when absent. */
  requestId?: string;
  /** Conversation thread the caller is acting in, if known. */
  threadId?: string;
}

/**
 * The single JWT verification path. Order matters: cheap structural refusals
 * first, then issuer routing and the algorithm allowlist, then the signature
 * (jose), then the claims jose does not check.
 */
export async function verify(
  config: ResolvedConfig,
  token: unknown,
  options: VerifyOptions,
): Promise<UserExecutionContext> {
  const { alg, unverifiedClaims } = inspectToken(token, config.maxTokenBytes);
  // Routing by the unverified iss only selects whose keys to try; jose then checks
  // iss against that issuer, so a token naming B but signed by A fails on B's keys.
  const iss = unverifiedClaims.iss;
  if (typeof iss !== 'string') throw invalid('missing "iss" claim');
  const issuer = config.issuers.get(iss);
  if (issuer === undefined) throw invalid('issuer is not trusted');
  if (!issuer.algorithms.includes(alg as JwsAlgorithm)) throw invalid('algorithm is not allowed for this issuer');

  const now = config.now();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token as string, issuer.key, {
      algorithms: [...issuer.algorithms],
      issuer: issuer.issuer,
      audience: [...issuer.audience],
      clockTolerance: config.clockToleranceSeconds,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
      typ: config.requiredTyp,
    }));
  } catch (error) {
    throw fromJose(error);
  }
  const claims = checkClaims(payload, {
    now: Math.floor(now.getTime() / 1000),
    clockToleranceSeconds: config.clockToleranceSeconds,
    maxLifetimeSeconds: config.maxLifetimeSeconds,
  });
  return createUserExecutionContext({
    userId: claims.sub,
    sessionId: typeof claims.sid === 'string' ? claims.sid : null,
    threadId: options.threadId ?? null,
    requestId: options.requestId ?? randomUUID(),
    issuer: claims.iss,
    expiresAt: claims.exp,
    transport: options.transport,
    claims,
  });
}

function fromJose(error: unknown): Rejection {
  if (error instanceof Rejection) return error;
  if (error instanceof errors.JWTExpired) return new Rejection('token_expired', 'token has expired', error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what = error.claim === 'typ' ? 'header "typ"' : `"${error.claim}" claim`;
    return invalid(error.reason === 'missing' ? `missing ${what}` : `${what} is not accepted`, error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('signature verification failed', error);
  // Anything else (malformed input, an unusable key) fails closed as an invalid token.
  return invalid('token could not be verified', error);
}

function invalid(description: string, cause?: unknown): Rejection {
  return new Rejection('invalid_token', description, cause);
}
