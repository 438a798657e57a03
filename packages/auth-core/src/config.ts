import { algorithmInfo, isSupportedAlgorithm, SUPPORTED_ALGORITHMS, type JwsAlgorithm } from './algorithms.js';
import { AuthConfigError, DEFAULT_REALM } from './errors.js';
import { createKeySource, type JsonWebKeySet, type VerificationKey } from './keys.js';

/** One token issuer the core trusts, with exactly one source of verification keys. */
export interface IssuerConfig {
  /** Expected `iss` claim, compared exactly. */
  issuer: string;
  /** Accepted `aud` value(s); a token must name at least one. */
  audience: string | readonly string[];
  /** Allowed `alg` values. All HMAC (with `secret`) or all asymmetric (with `jwks`/`jwksUrl`). */
  algorithms: readonly JwsAlgorithm[];
  /** Shared HMAC secret, at least as long as the hash (32 bytes for HS256). A string is taken as UTF-8. */
  secret?: string | Uint8Array;
  /** Inline public JSON Web Key Set. */
  jwks?: JsonWebKeySet;
  /** Remote JSON Web Key Set, fetched on demand, cached and refreshed on unknown `kid`. `https:` only. */
  jwksUrl?: string | URL;
  /**
   * Accept an `http:` `jwksUrl` whose host is a loopback literal (127.0.0.0/8 or [::1]),
   * e.g. a key-serving sidecar or a test server. Any other `http:` URL is still refused.
   * Never read from the environment.
   */
  allowInsecureLoopbackJwks?: boolean;
}

export interface WebSocketAuthConfig {
  /** Origins (`https://app.example.com`) whose browsers may authenticate an upgrade with the cookie. */
  allowedOrigins?: readonly string[];
  /** Name of the cookie carrying the token on WebSocket upgrades. Requires `allowedOrigins`. */
  cookieName?: string;
}

export interface AuthCoreConfig {
  issuers: readonly IssuerConfig[];
  /** Leeway for `exp`, `nbf` and `iat`, in seconds (0-300, default 30). */
  clockToleranceSeconds?: number;
  /** Tokens longer than this are refused before any parsing or crypto (default 8192). */
  maxTokenBytes?: number;
  /** Upper bound on `exp - iat`, in seconds (default 3600, at most 7 days). */
  maxLifetimeSeconds?: number;
  /** Required `typ` header, e.g. `at+jwt` (RFC 9068). Compared as a media type. */
  requiredTyp?: string;
  /** Timeout for fetching a remote key set, in milliseconds (default 5000). */
  jwksTimeoutMs?: number;
  /** `realm` of the WWW-Authenticate challenge (default `api`). */
  realm?: string;
  websocket?: WebSocketAuthConfig;
  /** Clock, for tests that pin time. Defaults to the system clock. */
  now?: () => Date;
}

export interface ResolvedIssuer {
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly algorithms: readonly JwsAlgorithm[];
  readonly key: VerificationKey;
}

export interface ResolvedConfig {
  readonly issuers: ReadonlyMap<string, ResolvedIssuer>;
  readonly clockToleranceSeconds: number;
  readonly maxTokenBytes: number;
  readonly maxLifetimeSeconds: number;
  readonly requiredTyp: string | undefined;
  readonly realm: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly cookieName: string | undefined;
  readonly now: () => Date;
}

const CORE_KEYS = new Set([
  'issuers',
  'clockToleranceSeconds',
  'maxTokenBytes',
  'maxLifetimeSeconds',
  'requiredTyp',
  'jwksTimeoutMs',
  'realm',
  'websocket',
  'now',
]);
const ISSUER_KEYS = new Set([
  'issuer',
  'audience',
  'algorithms',
  'secret',
  'jwks',
  'jwksUrl',
  'allowInsecureLoopbackJwks',
]);
const WEBSOCKET_KEYS = new Set(['allowedOrigins', 'cookieName']);

// RFC 6265 cookie-name = token (RFC 7230 tchar).
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const REALM = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/** Validates everything up front so a bad configuration stops the process at start-up, not at the first request. */
export async function resolveConfig(config: AuthCoreConfig): Promise<ResolvedConfig> {
  if (!isRecord(config)) throw new AuthConfigError('config', 'must be an object');
  rejectUnknownKeys(config, CORE_KEYS, '');
  if (!Array.isArray(config.issuers) || config.issuers.length === 0) {
    throw new AuthConfigError('issuers', 'must list at least one issuer');
  }
  const jwksTimeoutMs = integer(config.jwksTimeoutMs, 'jwksTimeoutMs', 5000, 50, 60_000);
  const issuers = new Map<string, ResolvedIssuer>();
  for (const [index, issuerConfig] of config.issuers.entries()) {
    const resolved = await resolveIssuer(issuerConfig, `issuers[${index}]`, jwksTimeoutMs);
    if (issuers.has(resolved.issuer)) {
      throw new AuthConfigError(
        `issuers[${index}].issuer`,
        `repeats "${resolved.issuer}"; each issuer has one key source`,
      );
    }
    issuers.set(resolved.issuer, resolved);
  }
  const websocket = resolveWebSocket(config.websocket);
  if (config.requiredTyp !== undefined) nonEmptyString(config.requiredTyp, 'requiredTyp');
  if (config.realm !== undefined && (typeof config.realm !== 'string' || !REALM.test(config.realm))) {
    throw new AuthConfigError('realm', 'must be 1-64 printable ASCII characters without quotes or backslashes');
  }
  if (config.now !== undefined && typeof config.now !== 'function') {
    throw new AuthConfigError('now', 'must be a function returning a Date');
  }
  return Object.freeze({
    issuers,
    clockToleranceSeconds: integer(config.clockToleranceSeconds, 'clockToleranceSeconds', 30, 0, 300),
    maxTokenBytes: integer(config.maxTokenBytes, 'maxTokenBytes', 8192, 512, 65_536),
    maxLifetimeSeconds: integer(config.maxLifetimeSeconds, 'maxLifetimeSeconds', 3600, 1, 604_800),
    requiredTyp: config.requiredTyp,
    realm: config.realm ?? DEFAULT_REALM,
    ...websocket,
    now: config.now ?? (() => new Date()),
  });
}

async function resolveIssuer(config: IssuerConfig, path: string, jwksTimeoutMs: number): Promise<ResolvedIssuer> {
  if (!isRecord(config)) throw new AuthConfigError(path, 'must be an object');
  rejectUnknownKeys(config, ISSUER_KEYS, `${path}.`);
  const issuer = nonEmptyString(config.issuer, `${path}.issuer`);
  const audience = stringList(config.audience, `${path}.audience`);
  const algorithms = resolveAlgorithms(config.algorithms, `${path}.algorithms`);
  if (config.allowInsecureLoopbackJwks !== undefined && typeof config.allowInsecureLoopbackJwks !== 'boolean') {
    throw new AuthConfigError(`${path}.allowInsecureLoopbackJwks`, 'must be a boolean');
  }
  const key = await createKeySource(config, algorithms, path, jwksTimeoutMs);
  return Object.freeze({ issuer, audience, algorithms, key });
}

export function resolveAlgorithms(value: unknown, key: string): readonly JwsAlgorithm[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new AuthConfigError(key, 'must list at least one algorithm');
  }
  for (const alg of value) {
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
      throw new AuthConfigError(key, 'must not contain "none": unsigned tokens are never accepted');
    }
    if (!isSupportedAlgorithm(alg)) {
      throw new AuthConfigError(
        key,
        `contains unsupported ${JSON.stringify(alg)} (supported: ${SUPPORTED_ALGORITHMS.join(', ')})`,
      );
    }
  }
  const algorithms = [...new Set(value as JwsAlgorithm[])];
  const families = new Set(algorithms.map((alg) => algorithmInfo(alg).family));
  if (families.size > 1) {
    throw new AuthConfigError(key, 'mixes HMAC and asymmetric algorithms; one issuer has one kind of key');
  }
  return Object.freeze(algorithms);
}

function resolveWebSocket(value: unknown): { allowedOrigins: ReadonlySet<string>; cookieName: string | undefined } {
  if (value === undefined) return { allowedOrigins: new Set(), cookieName: undefined };
  if (!isRecord(value)) throw new AuthConfigError('websocket', 'must be an object');
  rejectUnknownKeys(value, WEBSOCKET_KEYS, 'websocket.');
  const origins =
    value.allowedOrigins === undefined ? [] : stringList(value.allowedOrigins, 'websocket.allowedOrigins');
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      throw new AuthConfigError(
        'websocket.allowedOrigins',
        `has ${JSON.stringify(origin)}; expected a serialized origin such as https://app.example.com (lower case, no path or trailing slash)`,
      );
    }
  }
  const cookieName = value.cookieName;
  if (cookieName !== undefined) {
    if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName)) {
      throw new AuthConfigError('websocket.cookieName', 'must be a cookie name (RFC 6265 token)');
    }
    // Browsers attach cookies to cross-site upgrades; without an allowlist that is CSWSH.
    if (origins.length === 0) {
      throw new AuthConfigError('websocket.cookieName', 'requires websocket.allowedOrigins');
    }
  }
  return { allowedOrigins: new Set(origins), cookieName };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function integer(value: unknown, key: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AuthConfigError(key, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function nonEmptyString(value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AuthConfigError(key, 'must be a non-empty string');
  return value;
}

function stringList(value: unknown, key: string): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new AuthConfigError(key, 'must be a non-empty string or a non-empty list of strings');
  }
  return Object.freeze(list.map((entry, index) => nonEmptyString(entry, `${key}[${index}]`)));
}

function rejectUnknownKeys(value: Record<string, unknown>, known: ReadonlySet<string>, prefix: string): void {
  for (const name of Object.keys(value)) {
    // A misspelt security setting silently falling back to a default is worse than not starting.
    if (!known.has(name)) throw new AuthConfigError(`${prefix}${name}`, 'is not a known setting');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
