import { isIP } from 'node:net';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  importJWK,
  type CryptoKey,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import { algorithmInfo, MIN_RSA_MODULUS_BITS, type JwsAlgorithm } from './algorithms.js';
import type { IssuerConfig } from './config.js';
import { AuthConfigError, Rejection } from './errors.js';

/** A public JSON Web Key Set (RFC 7517 section 5). */
export type JsonWebKeySet = JSONWebKeySet;

export type KeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

/** HMAC secret bytes, or a resolver that picks a public key by `kid`/`alg`. */
export type VerificationKey = Uint8Array | KeyResolver;

/** Longest wait between two fetches of a remote key set, whatever the last one brought. */
const KEY_SET_COOLDOWN_MS = 30_000;
/** Largest remote key set read. Real ones are a few KiB; reading stops here, mid-stream. */
const MAX_KEY_SET_BYTES = 256 * 1024;

// Members that make a JWK private or symmetric; a verification key set holds neither.
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export async function createKeySource(
  config: IssuerConfig,
  algorithms: readonly JwsAlgorithm[],
  path: string,
  jwksTimeoutMs: number,
): Promise<VerificationKey> {
  const sources = (['secret', 'jwks', 'jwksUrl'] as const).filter((name) => config[name] !== undefined);
  if (sources.length !== 1) {
    throw new AuthConfigError(
      path,
      `needs exactly one of secret, jwks, jwksUrl (found ${sources.length === 0 ? 'none' : sources.join(', ')})`,
    );
  }
  const hmac = algorithms.every((alg) => algorithmInfo(alg).family === 'hmac');
  if (config.secret !== undefined) {
    if (!hmac) throw new AuthConfigError(`${path}.algorithms`, 'must be HMAC (HS256/HS384/HS512) with a secret');
    return hmacSecret(config.secret, algorithms, `${path}.secret`);
  }
  if (hmac) throw new AuthConfigError(`${path}.algorithms`, 'must be asymmetric (RS/PS/ES/EdDSA) with a key set');
  if (config.jwks !== undefined) return inlineKeySet(config.jwks, algorithms, `${path}.jwks`);
  const url = jwksUrl(config.jwksUrl, config.allowInsecureLoopbackJwks === true, `${path}.jwksUrl`);
  return remoteKeySet(url, jwksTimeoutMs);
}

function hmacSecret(secret: unknown, algorithms: readonly JwsAlgorithm[], key: string): Uint8Array {
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
    throw new AuthConfigError(key, 'must be a string or a Uint8Array');
  }
  // Copy, so a caller mutating its buffer later cannot change the key.
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret);
  for (const alg of algorithms) {
    const info = algorithmInfo(alg);
    if (info.family === 'hmac' && bytes.length < info.minSecretBytes) {
      throw new AuthConfigError(key, `is ${bytes.length} bytes; ${alg} needs at least ${info.minSecretBytes}`);
    }
  }
  return bytes;
}

async function inlineKeySet(jwks: unknown, algorithms: readonly JwsAlgorithm[], path: string): Promise<KeyResolver> {
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    throw new AuthConfigError(path, 'must be a JSON Web Key Set: { "keys": [...] }');
  }
  const keys = (jwks as { keys: unknown[] }).keys;
  if (keys.length === 0) throw new AuthConfigError(`${path}.keys`, 'must hold at least one key');
  keys.forEach((jwk, index) => checkPublicKey(jwk, `${path}.keys[${index}]`));
  for (const alg of algorithms) {
    const info = algorithmInfo(alg);
    const usable = (keys as JWK[]).filter(
      // The same selection jose applies at verification time, so start-up and runtime agree.
      (jwk) =>
        info.family === 'asymmetric' &&
        jwk.kty === info.kty &&
        (info.crv === undefined || jwk.crv === info.crv) &&
        (jwk.alg === undefined || jwk.alg === alg) &&
        (jwk.use === undefined || jwk.use === 'sig'),
    );
    if (usable.length === 0) throw new AuthConfigError(path, `has no key usable with ${alg}`);
    for (const jwk of usable) {
      // Import now, so malformed key material stops start-up instead of failing every request.
      await importJWK(jwk, alg).catch((cause: unknown) => {
        throw new AuthConfigError(path, `has a key jose cannot import for ${alg}: ${String((cause as Error).message)}`);
      });
    }
  }
  return guarded(createLocalJWKSet(structuredClone(jwks as JSONWebKeySet)), false);
}

function checkPublicKey(jwk: unknown, key: string): void {
  if (typeof jwk !== 'object' || jwk === null) throw new AuthConfigError(key, 'must be a JSON Web Key object');
  const { kty, n } = jwk as JWK;
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw new AuthConfigError(`${key}.kty`, `is ${JSON.stringify(kty)}; a key set holds RSA, EC or OKP public keys`);
  }
  for (const member of SECRET_MEMBERS) {
    if (Object.hasOwn(jwk, member))
      throw new AuthConfigError(key, `holds private member "${member}"; publish public keys only`);
  }
  if (kty === 'RSA') {
    const bits = typeof n === 'string' ? modulusBits(n) : 0;
    if (bits < MIN_RSA_MODULUS_BITS) {
      throw new AuthConfigError(key, `is a ${bits}-bit RSA key; at least ${MIN_RSA_MODULUS_BITS} bits are required`);
    }
  }
}

function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start += 1;
  const first = bytes[start];
  return first === undefined ? 0 : (bytes.length - start - 1) * 8 + (32 - Math.clz32(first));
}

function jwksUrl(value: unknown, allowInsecureLoopback: boolean, key: string): URL {
  let url: URL;
  try {
    url = new URL(value instanceof URL ? value.href : String(value));
  } catch {
    throw new AuthConfigError(key, 'is not a valid URL');
  }
  if (url.username !== '' || url.password !== '') throw new AuthConfigError(key, 'must not embed credentials');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowInsecureLoopback && isLoopbackLiteral(url.hostname)) return url;
  throw new AuthConfigError(
    key,
    url.protocol === 'http:'
      ? 'must use https: (http: only for a 127.0.0.0/8 or [::1] host with allowInsecureLoopbackJwks)'
      : 'must use https:',
  );
}

// Literal addresses only: a name such as "localhost" is resolved by DNS, which is not loopback by construction.
function isLoopbackLiteral(hostname: string): boolean {
  if (hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

function remoteKeySet(url: URL, timeoutDuration: number): KeyResolver {
  // jose caches the set, refetches on an unknown kid (at most once per cooldown) and never follows redirects.
  const keySet = createRemoteJWKSet(url, {
    timeoutDuration,
    cooldownDuration: KEY_SET_COOLDOWN_MS,
    [customFetch]: throttledCappedFetch(),
  });
  return guarded(keySet, true);
}

/**
 * jose's cooldown starts only after a successful fetch, so an issuer that
 * answers 500, refuses connections or stalls would be fetched once per request.
 * Here every attempt, whatever its outcome, opens the cooldown.
 */
function throttledCappedFetch(): (url: string, init: RequestInit) => Promise<Response> {
  let nextAttemptAt = Number.NEGATIVE_INFINITY;
  return async (url, init) => {
    const now = Date.now();
    if (now < nextAttemptAt)
      throw new Error(`the key set is not fetched again within ${KEY_SET_COOLDOWN_MS} ms of the last attempt`);
    nextAttemptAt = now + KEY_SET_COOLDOWN_MS;
    const response = await fetch(url, init);
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`the key set endpoint answered ${response.status}`);
    }
    return new Response(await readCapped(response), { status: 200 });
  };
}

// Counts bytes as they arrive and stops the transfer at the cap: buffering first would already hold them all.
async function readCapped(response: Response): Promise<string> {
  const tooLarge = (): Error => new Error(`the key set exceeds ${MAX_KEY_SET_BYTES} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_KEY_SET_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (the throw) cancels the stream, which closes the connection.
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_KEY_SET_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function guarded(keySet: KeyResolver, remote: boolean): KeyResolver {
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      throw lookupFailure(error, remote);
    }
  };
}

function lookupFailure(error: unknown, remote: boolean): Rejection {
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new Rejection('invalid_token', 'no trusted key matches the token "kid"', error);
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new Rejection('invalid_token', 'several keys match; the token must name one with "kid"', error);
  }
  // Timeout, network error, non-200 or a malformed set: the keys are unknown, so the
  // answer is "cannot decide now" (503), neither "unauthenticated" nor "authenticated".
  if (remote) return new Rejection('auth_unavailable', 'signing keys are temporarily unavailable', error);
  return new Rejection('invalid_token', 'no usable key for the token', error);
}
