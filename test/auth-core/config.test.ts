import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuthConfigError,
  createAuthCore,
  type AuthCoreConfig,
  type IssuerConfig,
} from '../../packages/auth-core/src/index.js';
import { createTestIssuer } from '../../packages/auth-core/src/testing.js';

const SECRET_32 = 's'.repeat(32);
const hmacIssuer = (overrides: Partial<IssuerConfig> = {}): IssuerConfig => ({
  issuer: 'https://issuer.example',
  audience: 'api',
  algorithms: ['HS256'],
  secret: SECRET_32,
  ...overrides,
});
const rsaJwk = (modulusLength: number): Record<string, unknown> => ({
  ...generateKeyPairSync('rsa', { modulusLength }).publicKey.export({ format: 'jwk' }),
  kid: `rsa-${modulusLength}`,
});

async function configError(config: unknown, key: string, problem: RegExp): Promise<AuthConfigError> {
  let failure: unknown;
  try {
    await createAuthCore(config as AuthCoreConfig);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(AuthConfigError);
  const error = failure as AuthConfigError;
  expect(error.key).toBe(key);
  expect(error.message).toMatch(problem);
  expect(error.message).not.toContain('\n');
  expect(error.message.startsWith(`auth-core config: ${key} `)).toBe(true);
  return error;
}

describe('createAuthCore refuses an unsafe configuration', () => {
  it.each(['none', 'None', 'NONE'])('refuses algorithm %s', async (alg) => {
    await configError({ issuers: [hmacIssuer({ algorithms: [alg as 'HS256'] })] }, 'issuers[0].algorithms', /"none"/);
  });

  it('refuses "none" mixed with a real algorithm', async () => {
    await configError(
      { issuers: [hmacIssuer({ algorithms: ['HS256', 'none' as 'HS256'] })] },
      'issuers[0].algorithms',
      /"none"/,
    );
  });

  it('refuses an empty or missing algorithm list and unknown algorithms', async () => {
    await configError({ issuers: [hmacIssuer({ algorithms: [] })] }, 'issuers[0].algorithms', /at least one algorithm/);
    const { algorithms: _omitted, ...withoutAlgorithms } = hmacIssuer();
    await configError({ issuers: [withoutAlgorithms] }, 'issuers[0].algorithms', /at least one algorithm/);
    await configError(
      { issuers: [hmacIssuer({ algorithms: ['HS1' as 'HS256'] })] },
      'issuers[0].algorithms',
      /unsupported "HS1"/,
    );
  });

  it('refuses an HMAC secret shorter than the hash', async () => {
    await configError(
      { issuers: [hmacIssuer({ secret: 's'.repeat(31) })] },
      'issuers[0].secret',
      /31 bytes; HS256 needs at least 32/,
    );
    await configError({ issuers: [hmacIssuer({ secret: new Uint8Array(16) })] }, 'issuers[0].secret', /16 bytes/);
    await configError(
      { issuers: [hmacIssuer({ algorithms: ['HS512'], secret: SECRET_32 })] },
      'issuers[0].secret',
      /HS512 needs at least 64/,
    );
    // Multi-byte characters count as bytes, not characters.
    await expect(createAuthCore({ issuers: [hmacIssuer({ secret: 'é'.repeat(16) })] })).resolves.toBeDefined();
  });

  it('refuses a 1024-bit RSA key', async () => {
    const issuer: IssuerConfig = {
      issuer: 'https://issuer.example',
      audience: 'api',
      algorithms: ['RS256'],
      jwks: { keys: [rsaJwk(2048), rsaJwk(1024)] },
    };
    await configError({ issuers: [issuer] }, 'issuers[0].jwks.keys[1]', /1024-bit RSA key; at least 2048/);
  });

  it('refuses an http: key-set URL', async () => {
    const remote = (jwksUrl: string, allowInsecureLoopbackJwks?: boolean): IssuerConfig => ({
      issuer: 'https://issuer.example',
      audience: 'api',
      algorithms: ['RS256'],
      jwksUrl,
      ...(allowInsecureLoopbackJwks === undefined ? {} : { allowInsecureLoopbackJwks }),
    });
    await configError({ issuers: [remote('http://idp.example/jwks')] }, 'issuers[0].jwksUrl', /must use https:/);
    await configError({ issuers: [remote('http://127.0.0.1:8080/jwks')] }, 'issuers[0].jwksUrl', /must use https:/);
    // The loopback escape never extends to a routable or DNS-resolved host.
    for (const url of [
      'http://idp.example/jwks',
      'http://localhost/jwks',
      'http://10.0.0.1/jwks',
      'http://127.0.0.1.nip.io/jwks',
    ]) {
      await configError({ issuers: [remote(url, true)] }, 'issuers[0].jwksUrl', /must use https:/);
    }
    await configError({ issuers: [remote('ftp://idp.example/jwks')] }, 'issuers[0].jwksUrl', /must use https:/);
    await configError({ issuers: [remote('not a url')] }, 'issuers[0].jwksUrl', /not a valid URL/);
    await configError({ issuers: [remote('https://user:pw@idp.example/jwks')] }, 'issuers[0].jwksUrl', /credentials/);
    for (const url of ['https://idp.example/jwks', 'http://127.0.0.1:8080/jwks', 'http://[::1]:8080/jwks']) {
      await expect(createAuthCore({ issuers: [remote(url, true)] })).resolves.toBeDefined();
    }
  });

  it('refuses HMAC and asymmetric algorithms on one issuer (the root of key confusion)', async () => {
    const testIssuer = createTestIssuer({ algorithm: 'RS256' });
    await configError(
      { issuers: [{ ...testIssuer.config, algorithms: ['RS256', 'HS256'] }] },
      'issuers[0].algorithms',
      /mixes HMAC and asymmetric/,
    );
    await configError({ issuers: [hmacIssuer({ algorithms: ['RS256'] })] }, 'issuers[0].algorithms', /must be HMAC/);
    await configError(
      { issuers: [{ ...testIssuer.config, algorithms: ['HS256'] }] },
      'issuers[0].algorithms',
      /must be asymmetric/,
    );
  });

  it('requires exactly one key source', async () => {
    const { secret: _omitted, ...keyless } = hmacIssuer();
    await configError({ issuers: [keyless] }, 'issuers[0]', /exactly one of secret, jwks, jwksUrl \(found none\)/);
    await configError(
      { issuers: [hmacIssuer({ jwksUrl: 'https://idp.example/jwks' })] },
      'issuers[0]',
      /found secret, jwksUrl/,
    );
  });

  it('refuses private, symmetric or unusable keys in a key set', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const base = { issuer: 'https://issuer.example', audience: 'api', algorithms: ['ES256' as const] };
    await configError(
      { issuers: [{ ...base, jwks: { keys: [privateKey.export({ format: 'jwk' })] } }] },
      'issuers[0].jwks.keys[0]',
      /private member "d"/,
    );
    await configError(
      { issuers: [{ ...base, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }] },
      'issuers[0].jwks.keys[0].kty',
      /"oct"/,
    );
    await configError({ issuers: [{ ...base, jwks: { keys: [] } }] }, 'issuers[0].jwks.keys', /at least one key/);
    await configError(
      { issuers: [{ ...base, jwks: { keys: [rsaJwk(2048)] } }] },
      'issuers[0].jwks',
      /no key usable with ES256/,
    );
    const encryptionKey = {
      ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }),
      use: 'enc',
    };
    await configError(
      { issuers: [{ ...base, jwks: { keys: [encryptionKey] } }] },
      'issuers[0].jwks',
      /no key usable with ES256/,
    );
    await configError(
      { issuers: [{ ...base, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] } }] },
      'issuers[0].jwks',
      /cannot import/,
    );
  });

  it('refuses unknown settings instead of ignoring a typo', async () => {
    await configError({ issuers: [hmacIssuer()], clockTolerance: 30 }, 'clockTolerance', /not a known setting/);
    await configError(
      { issuers: [{ ...hmacIssuer(), audiences: ['api'] }] },
      'issuers[0].audiences',
      /not a known setting/,
    );
    await configError(
      { issuers: [hmacIssuer()], websocket: { origins: [] } },
      'websocket.origins',
      /not a known setting/,
    );
  });

  it('bounds the numeric settings', async () => {
    await configError({ issuers: [hmacIssuer()], clockToleranceSeconds: 86_400 }, 'clockToleranceSeconds', /0 to 300/);
    await configError({ issuers: [hmacIssuer()], clockToleranceSeconds: -1 }, 'clockToleranceSeconds', /0 to 300/);
    await configError({ issuers: [hmacIssuer()], maxLifetimeSeconds: 0 }, 'maxLifetimeSeconds', /1 to 604800/);
    await configError({ issuers: [hmacIssuer()], maxTokenBytes: Infinity }, 'maxTokenBytes', /512 to 65536/);
    await configError({ issuers: [hmacIssuer()], jwksTimeoutMs: 1.5 }, 'jwksTimeoutMs', /integer/);
  });

  it('checks issuers, audiences, origins and the cookie', async () => {
    await configError({ issuers: [] }, 'issuers', /at least one issuer/);
    await configError({}, 'issuers', /at least one issuer/);
    await configError(null, 'config', /must be an object/);
    await configError({ issuers: [hmacIssuer(), hmacIssuer()] }, 'issuers[1].issuer', /repeats/);
    await configError({ issuers: [hmacIssuer({ issuer: ' ' })] }, 'issuers[0].issuer', /non-empty string/);
    await configError({ issuers: [hmacIssuer({ audience: [] })] }, 'issuers[0].audience', /non-empty/);
    await configError(
      { issuers: [hmacIssuer()], websocket: { allowedOrigins: ['https://app.example/path'] } },
      'websocket.allowedOrigins',
      /expected a serialized origin/,
    );
    await configError(
      { issuers: [hmacIssuer()], websocket: { allowedOrigins: ['*'] } },
      'websocket.allowedOrigins',
      /expected a serialized origin/,
    );
    await configError(
      { issuers: [hmacIssuer()], websocket: { cookieName: 'session' } },
      'websocket.cookieName',
      /requires websocket.allowedOrigins/,
    );
    await configError(
      { issuers: [hmacIssuer()], websocket: { cookieName: 'bad name', allowedOrigins: ['https://app.example'] } },
      'websocket.cookieName',
      /cookie name/,
    );
    await configError({ issuers: [hmacIssuer()], realm: 'a"b' }, 'realm', /quotes/);
  });

  it('copies the HMAC secret, so later mutation of the caller buffer changes nothing', async () => {
    const secret = new Uint8Array(32).fill(7);
    const core = await createAuthCore({ issuers: [hmacIssuer({ secret })] });
    secret.fill(0);
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ sub: 'u' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://issuer.example')
      .setAudience('api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new Uint8Array(32).fill(7));
    expect((await core.verifyToken(token, { transport: 'http' })).userId).toBe('u');
  });
});
