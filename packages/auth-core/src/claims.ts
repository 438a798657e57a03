import type { TokenClaims } from './context.js';
import { Rejection } from './errors.js';

export interface ClaimPolicy {
  /** Current time, seconds since the epoch. */
  readonly now: number;
  readonly clockToleranceSeconds: number;
  readonly maxLifetimeSeconds: number;
}

/**
 * Checks jose leaves to the caller, run on the verified claims. jose accepts any
 * number for `exp`, including the Infinity that `1e400` parses to, and does not
 * bound a token's lifetime.
 */
export function checkClaims(claims: Record<string, unknown>, policy: ClaimPolicy): TokenClaims {
  const { exp, iat, nbf, sub, aud } = claims;
  if (!isFiniteNumber(exp)) throw invalid('"exp" must be a finite number');
  if (!isFiniteNumber(iat)) throw invalid('"iat" must be a finite number');
  if (nbf !== undefined && !isFiniteNumber(nbf)) throw invalid('"nbf" must be a finite number');
  if (iat > policy.now + policy.clockToleranceSeconds) throw invalid('"iat" is in the future');
  const lifetime = exp - iat;
  if (lifetime <= 0) throw invalid('"exp" must be later than "iat"');
  if (lifetime > policy.maxLifetimeSeconds) {
    throw invalid(`token lifetime exceeds ${policy.maxLifetimeSeconds} seconds`);
  }
  if (typeof sub !== 'string' || sub.trim() === '') throw invalid('"sub" must be a non-empty string');
  // jose accepts an array that holds the audience among other values; RFC 7519 section 4.1.3 allows only strings.
  if (Array.isArray(aud) && !aud.every((entry) => typeof entry === 'string')) {
    throw invalid('"aud" must be a string or an array of strings');
  }
  return claims as TokenClaims;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function invalid(description: string): Rejection {
  return new Rejection('invalid_token', description);
}
