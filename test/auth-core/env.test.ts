import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthConfigError, configFromEnv, createAuthCore } from '../../packages/auth-core/src/index.js';
import { createTestIssuer } from '../../packages/auth-core/src/testing.js';

const SECRET = 'an-hs256-secret-of-at-least-32-bytes!';
const BASE = { AUTH_ISSUER: 'https://issuer.example', AUTH_AUDIENCE: 'api' };

function envError(env: Record<string, string>, key: string, problem: RegExp): void {
  let failure: unknown;
  try {
    configFromEnv(env);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(AuthConfigError);
  expect((failure as AuthConfigError).key).toBe(key);
  expect((failure as AuthConfigError).message).toMatch(problem);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configFromEnv', () => {
  it('reads one HS256 issuer and the core settings', () => {
    const config = configFromEnv({
      ...BASE,
      AUTH_AUDIENCE: 'api, admin-api',
      AUTH_HS256_SECRET: SECRET,
      AUTH_CLOCK_TOLERANCE_SECONDS: '10',
      AUTH_MAX_LIFETIME_SECONDS: '900',
      AUTH_MAX_TOKEN_BYTES: '4096',
      AUTH_REQUIRED_TYP: 'at+jwt',
      AUTH_JWKS_TIMEOUT_MS: '1500',
      AUTH_REALM: 'orders',
      AUTH_WS_ALLOWED_ORIGINS: 'https://app.example, https://admin.example',
      AUTH_WS_COOKIE_NAME: 'session',
      NODE_ENV: 'production',
    });
    expect(config).toEqual({
      issuers: [
        { issuer: 'https://issuer.example', audience: ['api', 'admin-api'], algorithms: ['HS256'], secret: SECRET },
      ],
      clockToleranceSeconds: 10,
      maxLifetimeSeconds: 900,
      maxTokenBytes: 4096,
      requiredTyp: 'at+jwt',
      jwksTimeoutMs: 1500,
      realm: 'orders',
      websocket: { allowedOrigins: ['https://app.example', 'https://admin.example'], cookieName: 'session' },
    });
  });

  it('gives a core that verifies tokens from that issuer', async () => {
    const core = await createAuthCore(configFromEnv({ ...BASE, AUTH_HS256_SECRET: SECRET }));
    const token = await new SignJWT({ sub: 'user-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(BASE.AUTH_ISSUER)
      .setAudience('api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await core.verifyToken(token, { transport: 'http' })).userId).toBe('user-1');
  });

  it('reads a remote key set with its algorithms', () => {
    const config = configFromEnv({
      ...BASE,
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ALGORITHMS: 'RS256,ES256',
    });
    expect(config.issuers[0]).toEqual({
      issuer: BASE.AUTH_ISSUER,
      audience: ['api'],
      algorithms: ['RS256', 'ES256'],
      jwksUrl: 'https://idp.example/jwks',
    });
    expect(config).not.toHaveProperty('websocket');
  });

  it('reads an inline key set', async () => {
    const issuer = createTestIssuer({ issuer: BASE.AUTH_ISSUER, audience: 'api' });
    const env = { ...BASE, AUTH_JWKS: JSON.stringify(issuer.config.jwks), AUTH_ALGORITHMS: 'ES256' };
    const core = await createAuthCore(configFromEnv(env));
    expect((await core.verifyToken(await issuer.mint(), { transport: 'ws' })).issuer).toBe(BASE.AUTH_ISSUER);
  });

  it('defaults to process.env', () => {
    vi.stubEnv('AUTH_ISSUER', 'https://from-process.example');
    vi.stubEnv('AUTH_AUDIENCE', 'api');
    vi.stubEnv('AUTH_HS256_SECRET', SECRET);
    vi.stubEnv('AUTH_JWKS_URL', '');
    vi.stubEnv('AUTH_JWKS', '');
    expect(configFromEnv().issuers[0]?.issuer).toBe('https://from-process.example');
  });

  it('names the missing or malformed variable', () => {
    envError({ AUTH_AUDIENCE: 'api', AUTH_HS256_SECRET: SECRET }, 'AUTH_ISSUER', /is required/);
    envError({ ...BASE, AUTH_ISSUER: '  ', AUTH_HS256_SECRET: SECRET }, 'AUTH_ISSUER', /is required/);
    envError({ AUTH_ISSUER: 'https://issuer.example', AUTH_HS256_SECRET: SECRET }, 'AUTH_AUDIENCE', /is required/);
    envError({ ...BASE, AUTH_AUDIENCE: ' , ', AUTH_HS256_SECRET: SECRET }, 'AUTH_AUDIENCE', /is required/);
    envError({ ...BASE, AUTH_JWKS_URL: 'https://idp.example/jwks' }, 'AUTH_ALGORITHMS', /is required/);
    envError({ ...BASE, AUTH_HS256_SECRET: SECRET, AUTH_ALGORITHMS: 'none' }, 'AUTH_ALGORITHMS', /"none"/);
    envError({ ...BASE, AUTH_HS256_SECRET: SECRET, AUTH_ALGORITHMS: 'HS256,RS256' }, 'AUTH_ALGORITHMS', /mixes/);
    envError(
      { ...BASE, AUTH_HS256_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_SECONDS: '30s' },
      'AUTH_CLOCK_TOLERANCE_SECONDS',
      /whole number/,
    );
    envError(
      { ...BASE, AUTH_HS256_SECRET: SECRET, AUTH_MAX_TOKEN_BYTES: '-1' },
      'AUTH_MAX_TOKEN_BYTES',
      /whole number/,
    );
    envError({ ...BASE, AUTH_JWKS: '{keys:', AUTH_ALGORITHMS: 'ES256' }, 'AUTH_JWKS', /not valid JSON/);
  });

  it('requires exactly one key source', () => {
    const key = 'AUTH_JWKS_URL | AUTH_JWKS | AUTH_HS256_SECRET';
    envError({ ...BASE }, key, /found 0/);
    envError({ ...BASE, AUTH_HS256_SECRET: SECRET, AUTH_JWKS_URL: 'https://idp.example/jwks' }, key, /found 2/);
  });

  it('leaves value checks to createAuthCore, which fails fast', async () => {
    const config = configFromEnv({ ...BASE, AUTH_HS256_SECRET: 'too-short' });
    await expect(createAuthCore(config)).rejects.toThrow(/issuers\[0\]\.secret is 9 bytes; HS256 needs at least 32/);
    const insecure = configFromEnv({ ...BASE, AUTH_JWKS_URL: 'http://127.0.0.1/jwks', AUTH_ALGORITHMS: 'RS256' });
    await expect(createAuthCore(insecure)).rejects.toThrow(/must use https:/);
  });

  it('takes the secret verbatim, whitespace included', () => {
    const secret = `  ${SECRET}  `;
    expect(configFromEnv({ ...BASE, AUTH_HS256_SECRET: secret }).issuers[0]?.secret).toBe(secret);
  });
});
