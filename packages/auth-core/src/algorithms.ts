/**
 * The JWS algorithms the core can verify, and the key each one needs. Keeping
 * the alg -> key-type table in one place is what rules out HS/RS confusion: an
 * issuer's algorithms must all fit its one key source.
 */

interface HmacAlgorithm {
  readonly family: 'hmac';
  /** RFC 7518 section 3.2: the key must be at least as long as the hash output. */
  readonly minSecretBytes: number;
}

interface AsymmetricAlgorithm {
  readonly family: 'asymmetric';
  readonly kty: 'RSA' | 'EC' | 'OKP';
  readonly crv?: string;
}

const TABLE = {
  HS256: { family: 'hmac', minSecretBytes: 32 },
  HS384: { family: 'hmac', minSecretBytes: 48 },
  HS512: { family: 'hmac', minSecretBytes: 64 },
  RS256: { family: 'asymmetric', kty: 'RSA' },
  RS384: { family: 'asymmetric', kty: 'RSA' },
  RS512: { family: 'asymmetric', kty: 'RSA' },
  PS256: { family: 'asymmetric', kty: 'RSA' },
  PS384: { family: 'asymmetric', kty: 'RSA' },
  PS512: { family: 'asymmetric', kty: 'RSA' },
  ES256: { family: 'asymmetric', kty: 'EC', crv: 'P-256' },
  ES384: { family: 'asymmetric', kty: 'EC', crv: 'P-384' },
  ES512: { family: 'asymmetric', kty: 'EC', crv: 'P-521' },
  EdDSA: { family: 'asymmetric', kty: 'OKP', crv: 'Ed25519' },
  Ed25519: { family: 'asymmetric', kty: 'OKP', crv: 'Ed25519' },
} as const satisfies Record<string, HmacAlgorithm | AsymmetricAlgorithm>;

/** A JWS `alg` the core verifies. `none` is deliberately absent. */
export type JwsAlgorithm = keyof typeof TABLE;
export type HmacJwsAlgorithm = {
  [A in JwsAlgorithm]: (typeof TABLE)[A] extends HmacAlgorithm ? A : never;
}[JwsAlgorithm];
export type AsymmetricJwsAlgorithm = Exclude<JwsAlgorithm, HmacJwsAlgorithm>;

export const SUPPORTED_ALGORITHMS: readonly JwsAlgorithm[] = Object.freeze(Object.keys(TABLE) as JwsAlgorithm[]);

export const MIN_RSA_MODULUS_BITS = 2048;

export function isSupportedAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(TABLE, alg);
}

export function algorithmInfo(alg: JwsAlgorithm): HmacAlgorithm | AsymmetricAlgorithm {
  return TABLE[alg];
}
