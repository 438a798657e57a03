import { resolveAlgorithms, type AuthCoreConfig, type IssuerConfig, type WebSocketAuthConfig } from './config.js';
import { AuthConfigError } from './errors.js';

/**
 * Every environment variable the auth core reads, and what it means. This is
 * the only place in the package that reads issuer, audience, keys or secrets
 * from the environment; deployments differ by these values, never by code.
 */
export const AUTH_ENV_VARIABLES = Object.freeze({
  AUTH_ISSUER: 'Expected `iss` claim. Required.',
  AUTH_AUDIENCE: 'Accepted `aud` value(s), comma-separated. Required.',
  AUTH_JWKS_URL: "HTTPS URL of the issuer's JSON Web Key Set. One key source is required.",
  AUTH_JWKS: 'Inline JSON Web Key Set (JSON text) of public keys. One key source is required.',
  AUTH_HS256_SECRET:
    'Shared HMAC secret, used as UTF-8 bytes; at least 32 bytes (48 for HS384, 64 for HS512). One key source is required.',
  AUTH_ALGORITHMS:
    'Allowed `alg` values, comma-separated. Defaults to HS256 with AUTH_HS256_SECRET; required with a key set.',
  AUTH_CLOCK_TOLERANCE_SECONDS: 'Leeway for exp/nbf/iat in seconds, 0-300. Default 30.',
  AUTH_MAX_LIFETIME_SECONDS: 'Largest accepted exp - iat in seconds. Default 3600.',
  AUTH_MAX_TOKEN_BYTES: 'Largest accepted token in bytes. Default 8192.',
  AUTH_REQUIRED_TYP: 'Required `typ` header, e.g. at+jwt. Default: not checked.',
  AUTH_JWKS_TIMEOUT_MS: 'Timeout for fetching AUTH_JWKS_URL in milliseconds. Default 5000.',
  AUTH_REALM: 'Realm of the WWW-Authenticate challenge. Default api.',
  AUTH_WS_ALLOWED_ORIGINS: 'Origins allowed to authenticate a WebSocket upgrade with the cookie, comma-separated.',
  AUTH_WS_COOKIE_NAME: 'Cookie carrying the token on WebSocket upgrades. Requires AUTH_WS_ALLOWED_ORIGINS.',
});

export type AuthEnvVariable = keyof typeof AUTH_ENV_VARIABLES;

type Env = Readonly<Record<string, string | undefined>>;

const KEY_SOURCES = ['AUTH_JWKS_URL', 'AUTH_JWKS', 'AUTH_HS256_SECRET'] as const;

/**
 * Reads one issuer and the core settings from environment variables (see
 * AUTH_ENV_VARIABLES). Throws an AuthConfigError naming the variable at fault.
 * For several issuers, build the config in code and spread this one into it.
 */
export function configFromEnv(env: Env = process.env): AuthCoreConfig {
  const text = (name: AuthEnvVariable): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const list = (name: AuthEnvVariable): string[] | undefined =>
    text(name)
      ?.split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  const whole = (name: AuthEnvVariable): number | undefined => {
    const value = text(name)?.trim();
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value)) throw new AuthConfigError(name, 'must be a whole number');
    return Number(value);
  };

  const issuer = text('AUTH_ISSUER')?.trim();
  if (issuer === undefined) throw new AuthConfigError('AUTH_ISSUER', 'is required');
  const audience = list('AUTH_AUDIENCE');
  if (audience === undefined || audience.length === 0) throw new AuthConfigError('AUTH_AUDIENCE', 'is required');

  const present = KEY_SOURCES.filter((name) => text(name) !== undefined);
  if (present.length !== 1) {
    throw new AuthConfigError(KEY_SOURCES.join(' | '), `exactly one must be set (found ${present.length})`);
  }
  const secret = text('AUTH_HS256_SECRET');
  const algorithmNames = list('AUTH_ALGORITHMS') ?? (secret === undefined ? undefined : ['HS256']);
  if (algorithmNames === undefined) {
    throw new AuthConfigError('AUTH_ALGORITHMS', 'is required with AUTH_JWKS_URL or AUTH_JWKS (e.g. RS256)');
  }

  const issuerConfig: IssuerConfig = {
    issuer,
    audience,
    algorithms: resolveAlgorithms(algorithmNames, 'AUTH_ALGORITHMS'),
    ...defined({ secret, jwksUrl: text('AUTH_JWKS_URL')?.trim(), jwks: parseJwks(text('AUTH_JWKS')) }),
  };
  const websocket: WebSocketAuthConfig = defined({
    allowedOrigins: list('AUTH_WS_ALLOWED_ORIGINS'),
    cookieName: text('AUTH_WS_COOKIE_NAME')?.trim(),
  });
  return {
    issuers: [issuerConfig],
    ...defined({
      clockToleranceSeconds: whole('AUTH_CLOCK_TOLERANCE_SECONDS'),
      maxLifetimeSeconds: whole('AUTH_MAX_LIFETIME_SECONDS'),
      maxTokenBytes: whole('AUTH_MAX_TOKEN_BYTES'),
      requiredTyp: text('AUTH_REQUIRED_TYP')?.trim(),
      jwksTimeoutMs: whole('AUTH_JWKS_TIMEOUT_MS'),
      realm: text('AUTH_REALM')?.trim(),
      websocket: Object.keys(websocket).length > 0 ? websocket : undefined,
    }),
  };
}

function parseJwks(value: string | undefined): IssuerConfig['jwks'] {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as IssuerConfig['jwks'];
  } catch {
    throw new AuthConfigError('AUTH_JWKS', 'is not valid JSON');
  }
}

function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
