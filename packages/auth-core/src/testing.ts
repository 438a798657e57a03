/**
 * Test support for `@ssot-lint/auth-core` (`@ssot-lint/auth-core/testing`): a real issuer with a freshly
 * generated key pair. Tests add its `config` to the same `issuers` list
 * production uses and authenticate with tokens it mints, so every test token
 * goes through full verification. There is no bypass flag to switch
 * verification off, here or anywhere in the core.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { AsymmetricJwsAlgorithm } from './algorithms.js';
import type { IssuerConfig } from './config.js';

export type TestIssuerAlgorithm = Extract<
  AsymmetricJwsAlgorithm,
  'ES256' | 'ES384' | 'ES512' | 'RS256' | 'PS256' | 'EdDSA'
>;

export interface TestIssuerOptions {
  /** `iss` of minted tokens. Default: a unique `https://test-issuer.invalid/<uuid>` (a reserved TLD). */
  issuer?: string;
  /** `aud` of minted tokens and of the issuer config. Default `test-audience`. */
  audience?: string;
  /** Signing algorithm. Default ES256. */
  algorithm?: TestIssuerAlgorithm;
  /** `kid` of the key. Default: a random id. */
  kid?: string;
}

export interface MintOptions {
  /** Extra protected-header parameters (`typ`, `kid`, ...). `alg` always matches the issuer's key. */
  header?: Record<string, unknown>;
  /** Clock for the default `iat`/`exp`. Default: now. */
  now?: Date;
  /** Lifetime for the default `exp`, in seconds. Default 300. */
  expiresInSeconds?: number;
}

export interface TestIssuer {
  /** Issuer config with the public key set inline; put it in `AuthCoreConfig.issuers`. */
  readonly config: IssuerConfig;
  /**
   * Signs a token. Defaults: `iss`, `aud`, `sub: "test-user"`, `iat`: now, `exp`: now + 300 s.
   * `claims` override them; a claim set to `undefined` is left out (to test a missing claim).
   */
  mint(claims?: Record<string, unknown>, options?: MintOptions): Promise<string>;
}

export function createTestIssuer(options: TestIssuerOptions = {}): TestIssuer {
  const algorithm = options.algorithm ?? 'ES256';
  const issuer = options.issuer ?? `https://test-issuer.invalid/${randomUUID()}`;
  const audience = options.audience ?? 'test-audience';
  const kid = options.kid ?? randomUUID();
  // The private key lives only in this closure; nothing can mint for this issuer but `mint`.
  const { privateKey, publicKey } = generateKeys(algorithm);
  const publicJwk: JWK = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: algorithm, use: 'sig' };
  const config: IssuerConfig = Object.freeze({
    issuer,
    audience,
    algorithms: Object.freeze([algorithm]),
    jwks: Object.freeze({ keys: Object.freeze([Object.freeze(publicJwk)]) }) as IssuerConfig['jwks'],
  });

  async function mint(claims: Record<string, unknown> = {}, mintOptions: MintOptions = {}): Promise<string> {
    const now = Math.floor((mintOptions.now ?? new Date()).getTime() / 1000);
    const payload = withoutUndefined({
      iss: issuer,
      aud: audience,
      sub: 'test-user',
      iat: now,
      exp: now + (mintOptions.expiresInSeconds ?? 300),
      ...claims,
    });
    const header = withoutUndefined({ typ: 'JWT', kid, ...mintOptions.header, alg: algorithm });
    return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(privateKey);
  }

  return Object.freeze({ config, mint });
}

function generateKeys(algorithm: TestIssuerAlgorithm): { privateKey: KeyObject; publicKey: KeyObject } {
  switch (algorithm) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'ES384':
      return generateKeyPairSync('ec', { namedCurve: 'P-384' });
    case 'ES512':
      return generateKeyPairSync('ec', { namedCurve: 'P-521' });
    case 'RS256':
    case 'PS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
  }
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
