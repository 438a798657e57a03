import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthCore,
  UserExecutionContext,
  type AuthCore,
  type IssuerConfig,
} from '../../packages/auth-core/src/index.js';
import { createTestIssuer, type TestIssuerAlgorithm } from '../../packages/auth-core/src/testing.js';
import { b64url, forge, rejectToken, startServer, type TestServer } from './helpers.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const T = NOW.getTime() / 1000;
const ISS = 'https://issuer.example';
const AUD = 'api://orders';

function ecKey(kid: string, namedCurve = 'P-256'): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' } };
}

const keyA = ecKey('key-a');
const keyB = ecKey('key-b');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1' };

const issuerA: IssuerConfig = { issuer: ISS, audience: AUD, algorithms: ['ES256'], jwks: { keys: [keyA.jwk] } };
const issuerB: IssuerConfig = {
  issuer: 'https://other-issuer.example',
  audience: AUD,
  algorithms: ['ES256'],
  jwks: { keys: [keyB.jwk] },
};
const rsaIssuer: IssuerConfig = {
  issuer: 'https://rsa-issuer.example',
  audience: AUD,
  algorithms: ['RS256'],
  jwks: { keys: [rsaJwk] },
};

const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: ISS,
  aud: AUD,
  sub: 'user-1',
  iat: T - 10,
  exp: T + 600,
  ...overrides,
});
const header = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  alg: 'ES256',
  typ: 'JWT',
  kid: 'key-a',
  ...overrides,
});
const signA = (
  payload: string | Record<string, unknown> = claims(),
  head: string | Record<string, unknown> = header(),
): string => forge(head, payload, { alg: 'ES256', privateKey: keyA.privateKey });

let core: AuthCore;

beforeAll(async () => {
  core = await createAuthCore({
    issuers: [issuerA, issuerB, rsaIssuer],
    clockToleranceSeconds: 30,
    maxLifetimeSeconds: 3600,
    now: () => NOW,
  });
});

describe('a valid token', () => {
  it('yields one frozen UserExecutionContext with the verified claims', async () => {
    const context = await core.verifyToken(signA(claims({ sid: 'session-9', scope: ['read'] })), {
      transport: 'http',
      requestId: 'req-1',
    });
    expect(context).toBeInstanceOf(UserExecutionContext);
    expect(context).toMatchObject({
      userId: 'user-1',
      sessionId: 'session-9',
      threadId: null,
      requestId: 'req-1',
      issuer: ISS,
      expiresAt: T + 600,
      transport: 'http',
    });
    expect(Object.isFrozen(context)).toBe(true);
    expect(Object.isFrozen(context.claims)).toBe(true);
    expect(Object.isFrozen(context.claims.scope)).toBe(true);
    expect(() => {
      (context as { userId: string }).userId = 'admin';
    }).toThrow(TypeError);
  });

  it('gets a generated request id when the caller passes none', async () => {
    const context = await core.verifyToken(signA(), { transport: 'ws' });
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.transport).toBe('ws');
  });

  it('can be bound to a thread without losing its identity', async () => {
    const context = await core.verifyToken(signA(), { transport: 'http' });
    const bound = context.withThreadId('thread-7');
    expect(bound).toBeInstanceOf(UserExecutionContext);
    expect(bound).toMatchObject({ userId: 'user-1', threadId: 'thread-7', requestId: context.requestId });
    expect(context.threadId).toBeNull();
    expect(() => context.withThreadId('')).toThrow(TypeError);
  });

  it('cannot be fabricated without a token', () => {
    const Context = UserExecutionContext as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Context(Symbol('auth-core.UserExecutionContext'), { userId: 'admin' })).toThrow(TypeError);
    expect(() => new Context(undefined, { userId: 'admin' })).toThrow(/created by the auth core/);
  });

  it('rejects a call without a transport as a programming error', async () => {
    await expect(core.verifyToken(signA(), {} as never)).rejects.toThrow(TypeError);
  });
});

describe('algorithm attacks', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg %s, with or without a signature', async (alg) => {
    const payload = b64url(JSON.stringify(claims()));
    const head = b64url(JSON.stringify({ alg, typ: 'JWT' }));
    await rejectToken(core, `${head}.${payload}.`, 'invalid_token', /not signed/);
    await rejectToken(core, `${head}.${payload}.${b64url('anything')}`, 'invalid_token', /"none"/);
  });

  it('refuses HS256 signed with the RSA public key as the HMAC secret (key confusion)', async () => {
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' });
    const jwkText = JSON.stringify(rsaJwk);
    for (const secret of [pem, jwkText]) {
      const token = forge({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' }, claims({ iss: rsaIssuer.issuer }), {
        alg: 'HS256',
        secret,
      });
      await rejectToken(core, token, 'invalid_token', /algorithm is not allowed/);
    }
  });

  it('refuses an algorithm outside the issuer allowlist even with a valid signature', async () => {
    const p384 = ecKey('key-a', 'P-384');
    const es384 = forge(header({ alg: 'ES384' }), claims(), { alg: 'ES384', privateKey: p384.privateKey });
    await rejectToken(core, es384, 'invalid_token', /algorithm is not allowed/);
    const rs256ForEcIssuer = forge(header({ alg: 'RS256', kid: 'rsa-1' }), claims(), {
      alg: 'RS256',
      privateKey: rsa.privateKey,
    });
    await rejectToken(core, rs256ForEcIssuer, 'invalid_token', /algorithm is not allowed/);
  });

  it('accepts the RSA issuer with its own algorithm and key', async () => {
    const token = forge({ alg: 'RS256', kid: 'rsa-1' }, claims({ iss: rsaIssuer.issuer }), {
      alg: 'RS256',
      privateKey: rsa.privateKey,
    });
    expect((await core.verifyToken(token, { transport: 'http' })).issuer).toBe(rsaIssuer.issuer);
  });
});

describe('header attacks', () => {
  it.each([
    '../../etc/passwd',
    "' OR 1=1 --",
    'key-a; DROP TABLE keys',
    '..\\..\\windows',
    'key-a/../key-a',
    '..',
    'key\u0000a',
    '<script>',
    '$(curl evil)',
    'k'.repeat(129),
  ])('refuses kid %j', async (kid) => {
    await rejectToken(core, signA(claims(), header({ kid })), 'invalid_token', /not a safe key id/);
  });

  it.each([[123], [['key-a']], [{ path: '/' }], ['']])('refuses a non-string or empty kid %j', async (kid) => {
    await rejectToken(core, signA(claims(), header({ kid })), 'invalid_token', /not a safe key id/);
  });

  describe('headers that point at keys', () => {
    let keyServer: TestServer;
    const attacker = ecKey('attacker');

    beforeAll(async () => {
      // Serves the attacker's key, so a verifier that fetched jku/x5u would accept the token.
      keyServer = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [attacker.jwk] }));
      });
    });
    afterAll(() => keyServer.close());

    const signAttacker = (head: Record<string, unknown>): string =>
      forge({ alg: 'ES256', kid: 'attacker', ...head }, claims(), { alg: 'ES256', privateKey: attacker.privateKey });

    it('refuses jku and x5u without fetching them', async () => {
      await rejectToken(core, signAttacker({ jku: `${keyServer.url}/jwks.json` }), 'invalid_token', /"jku"/);
      await rejectToken(core, signAttacker({ x5u: `${keyServer.url}/cert.pem` }), 'invalid_token', /"x5u"/);
      // The same headers on a token signed by the real key are refused too.
      await rejectToken(core, signA(claims(), header({ jku: `${keyServer.url}/jwks.json` })), 'invalid_token', /"jku"/);
      expect(keyServer.requests).toHaveLength(0);
    });

    it('refuses an embedded jwk and x5c', async () => {
      await rejectToken(core, signAttacker({ jwk: attacker.jwk }), 'invalid_token', /"jwk"/);
      await rejectToken(core, signAttacker({ x5c: ['MIIBszCCAVmgAwIBAgIUJ'] }), 'invalid_token', /"x5c"/);
      expect(keyServer.requests).toHaveLength(0);
    });
  });

  it('refuses crit, known or unknown', async () => {
    await rejectToken(
      core,
      signA(claims(), header({ crit: ['x-tenant'], 'x-tenant': 'a' })),
      'invalid_token',
      /"crit"/,
    );
    await rejectToken(core, signA(claims(), header({ crit: ['b64'], b64: false })), 'invalid_token', /"crit"/);
    await rejectToken(core, signA(claims(), header({ crit: [] })), 'invalid_token', /"crit"/);
  });

  it('refuses duplicate member names in the header, however they are spelt', async () => {
    const tokens = [
      '{"alg":"ES256","kid":"key-a","alg":"none"}',
      '{"alg":"ES256","kid":"key-a","kid":"other"}',
      '{"alg":"ES256","kid":"key-a","\\u006bid":"key-b"}',
    ].map((head) => signA(claims(), head));
    for (const token of tokens) await rejectToken(core, token, 'invalid_token', /duplicate member name/);
  });

  it('refuses duplicate claims, nested ones included', async () => {
    const payload = JSON.stringify(claims()).replace('"sub":"user-1"', '"sub":"user-1","sub":"admin"');
    const error = await rejectToken(core, signA(payload), 'invalid_token', /^claims has a duplicate member name$/);
    // The name is for the server's logs (the cause), never for the client's error_description.
    expect((error.cause as { key?: unknown }).key).toBe('sub');
    const nested = JSON.stringify(claims({ ctx: { role: 'user' } })).replace(
      '"role":"user"',
      '"role":"user","role":"admin"',
    );
    const nestedError = await rejectToken(core, signA(nested), 'invalid_token', /duplicate member name$/);
    expect((nestedError.cause as { key?: unknown }).key).toBe('role');
  });

  it('keeps same-named members of different objects apart', async () => {
    const token = signA(claims({ org: { sub: 'org-sub', list: [{ sub: 1 }, { sub: 2 }] } }));
    expect((await core.verifyToken(token, { transport: 'http' })).userId).toBe('user-1');
  });
});

describe('tampering and malformed input', () => {
  it('refuses a tampered payload', async () => {
    const [head, , signature] = signA().split('.');
    const forged = `${head}.${b64url(JSON.stringify(claims({ sub: 'admin' })))}.${signature}`;
    await rejectToken(core, forged, 'invalid_token', /signature verification failed/);
  });

  it('refuses a stripped or truncated signature', async () => {
    const [head, payload, signature = ''] = signA().split('.');
    await rejectToken(core, `${head}.${payload}.`, 'invalid_token', /not signed/);
    await rejectToken(core, `${head}.${payload}`, 'invalid_token', /three segments/);
    await rejectToken(core, `${head}.${payload}.${signature.slice(0, 20)}`, 'invalid_token');
  });

  it('refuses a token over the size cap before parsing it', async () => {
    await rejectToken(core, 'a'.repeat(8193), 'invalid_token', /exceeds 8192 bytes/);
    const padded = signA(claims({ padding: 'x'.repeat(8200) }));
    await rejectToken(core, padded, 'invalid_token', /exceeds 8192 bytes/);
    const small = await createAuthCore({ issuers: [issuerA], maxTokenBytes: 512, now: () => NOW });
    await rejectToken(small, signA(claims({ padding: 'x'.repeat(400) })), 'invalid_token', /exceeds 512 bytes/);
  });

  it.each([
    ['empty', ''],
    ['one segment', 'abc'],
    ['four segments', 'a.b.c.d'],
    ['five segments (JWE)', 'a.b.c.d.e'],
    ['dots only', '..'],
    ['bad characters', 'ab$.cd%.ef'],
    ['base64 padding', `${b64url('{"alg":"ES256"}')}==.e30.c2ln`],
    ['whitespace', ` ${signA()}`],
    ['header not JSON', `${b64url('alg=ES256')}.${b64url('{}')}.c2ln`],
    ['header an array', `${b64url('["ES256"]')}.${b64url('{}')}.c2ln`],
    ['header null', `${b64url('null')}.${b64url('{}')}.c2ln`],
    ['header without alg', `${b64url('{"typ":"JWT"}')}.${b64url('{}')}.c2ln`],
    ['header not UTF-8', `${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.${b64url('{}')}.c2ln`],
    ['claims not JSON', `${b64url('{"alg":"ES256"}')}.${b64url('sub=admin')}.c2ln`],
    ['claims a string', `${b64url('{"alg":"ES256"}')}.${b64url('"admin"')}.c2ln`],
  ])('refuses a malformed token: %s', async (_name, token) => {
    await rejectToken(core, token, 'invalid_token');
  });

  it('refuses a compact JWE and a signed token whose header marks it as a JWE', async () => {
    const jweHeader = b64url(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'key-a' }));
    await rejectToken(core, `${jweHeader}.AAAA.AAAA.AAAA.AAAA`, 'invalid_token', /three segments/);
    await rejectToken(core, signA(claims(), header({ enc: 'A256GCM' })), 'invalid_token', /"enc"/);
  });

  it('refuses a non-string token passed from untyped code', async () => {
    for (const token of [undefined, null, 42, { toString: () => signA() }]) {
      await rejectToken(core, token as unknown as string, 'invalid_token', /non-empty string/);
    }
  });
});

describe('time claims', () => {
  const atExp = (exp: number): string => signA(claims({ iat: exp - 300, exp }));

  it('accepts a token that expired just inside the clock tolerance', async () => {
    const context = await core.verifyToken(atExp(T - 29), { transport: 'http' });
    expect(context.expiresAt).toBe(T - 29);
  });

  it('refuses a token at or beyond the clock tolerance as expired', async () => {
    for (const exp of [T - 30, T - 31, T - 86_400]) {
      const error = await rejectToken(core, atExp(exp), 'token_expired', /expired/);
      expect(error.httpStatus).toBe(401);
      expect(error.wwwAuthenticate).toBe(
        'Bearer realm="api", error="invalid_token", error_description="token has expired"',
      );
    }
  });

  it('honours nbf with the tolerance', async () => {
    await expect(core.verifyToken(signA(claims({ nbf: T + 29 })), { transport: 'http' })).resolves.toBeInstanceOf(
      UserExecutionContext,
    );
    await rejectToken(core, signA(claims({ nbf: T + 31 })), 'invalid_token', /"nbf"/);
  });

  it('refuses an iat in the future beyond the tolerance', async () => {
    await expect(core.verifyToken(signA(claims({ iat: T + 29 })), { transport: 'http' })).resolves.toBeInstanceOf(
      UserExecutionContext,
    );
    await rejectToken(core, signA(claims({ iat: T + 31, exp: T + 900 })), 'invalid_token', /"iat" is in the future/);
  });

  it.each(['exp', 'iat', 'sub', 'iss', 'aud'])('refuses a token without %s', async (claim) => {
    const without = claims();
    delete without[claim];
    await rejectToken(core, signA(without), 'invalid_token', new RegExp(`"${claim}"`));
  });

  it('refuses exp: 1e400, which JSON parses to Infinity', async () => {
    const text = `{"iss":"${ISS}","aud":"${AUD}","sub":"user-1","iat":${T - 10},"exp":1e400}`;
    expect(JSON.parse(text).exp).toBe(Infinity);
    await rejectToken(core, signA(text), 'invalid_token', /"exp" must be a finite number/);
    const negative = `{"iss":"${ISS}","aud":"${AUD}","sub":"user-1","iat":-1e400,"exp":${T + 60}}`;
    await rejectToken(core, signA(negative), 'invalid_token', /"iat" must be a finite number/);
  });

  it.each([
    ['a string exp', { exp: String(T + 600) }],
    ['a string iat', { iat: String(T) }],
    ['a string nbf', { nbf: String(T - 10) }],
    ['an array exp', { exp: [T + 600] }],
    ['a boolean iat', { iat: true }],
    ['an aud array with a non-string entry', { aud: [AUD, 7] }],
    ['an object aud', { aud: { value: AUD } }],
    ['exp before iat', { iat: T, exp: T - 1 }],
  ])('refuses %s', async (_name, overrides) => {
    await rejectToken(core, signA(claims(overrides)), 'invalid_token');
  });

  it('refuses a lifetime longer than maxLifetimeSeconds', async () => {
    await rejectToken(
      core,
      signA(claims({ iat: T - 10, exp: T - 10 + 3601 })),
      'invalid_token',
      /lifetime exceeds 3600/,
    );
    await expect(
      core.verifyToken(signA(claims({ iat: T - 10, exp: T - 10 + 3600 })), { transport: 'http' }),
    ).resolves.toBeInstanceOf(UserExecutionContext);
  });
});

describe('subject, issuer and audience', () => {
  it.each([[12345], [''], ['   '], [null], [['user-1']]])('refuses sub %j', async (sub) => {
    await rejectToken(core, signA(claims({ sub })), 'invalid_token', /"sub"/);
  });

  it('refuses an unknown issuer and a wrong audience', async () => {
    await rejectToken(core, signA(claims({ iss: 'https://evil.example' })), 'invalid_token', /issuer is not trusted/);
    await rejectToken(core, signA(claims({ iss: `${ISS}/` })), 'invalid_token', /issuer is not trusted/);
    await rejectToken(core, signA(claims({ aud: 'api://billing' })), 'invalid_token', /"aud"/);
    await rejectToken(core, signA(claims({ aud: [] })), 'invalid_token', /"aud"/);
    await expect(
      core.verifyToken(signA(claims({ aud: ['api://billing', AUD] })), { transport: 'http' }),
    ).resolves.toBeInstanceOf(UserExecutionContext);
  });

  it('refuses a token claiming issuer B but signed with issuer A key', async () => {
    const claimsB = claims({ iss: issuerB.issuer });
    await rejectToken(core, signA(claimsB), 'invalid_token', /no trusted key matches/);
    await rejectToken(core, signA(claimsB, header({ kid: 'key-b' })), 'invalid_token', /signature verification failed/);
    await rejectToken(
      core,
      signA(claimsB, header({ kid: undefined })),
      'invalid_token',
      /signature verification failed/,
    );
  });

  it('refuses an unknown kid from an inline key set', async () => {
    await rejectToken(core, signA(claims(), header({ kid: 'key-z' })), 'invalid_token', /no trusted key matches/);
  });
});

describe('typ', () => {
  let typed: AuthCore;
  beforeAll(async () => {
    typed = await createAuthCore({ issuers: [issuerA], requiredTyp: 'at+jwt', now: () => NOW });
  });

  it('accepts the required typ in either media-type spelling', async () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT']) {
      await expect(typed.verifyToken(signA(claims(), header({ typ })), { transport: 'http' })).resolves.toBeInstanceOf(
        UserExecutionContext,
      );
    }
  });

  it('refuses another or a missing typ', async () => {
    await rejectToken(typed, signA(claims(), header({ typ: 'JWT' })), 'invalid_token', /"typ"/);
    await rejectToken(typed, signA(claims(), header({ typ: undefined })), 'invalid_token', /"typ"/);
    await rejectToken(typed, signA(claims(), header({ typ: 'id_token+jwt' })), 'invalid_token', /"typ"/);
  });
});

describe('remote key sets', () => {
  const remoteKey = ecKey('remote-1');
  const signRemote = (overrides: Record<string, unknown> = {}, kid = 'remote-1'): string =>
    forge({ alg: 'ES256', kid }, claims({ iss: 'https://remote.example', ...overrides }), {
      alg: 'ES256',
      privateKey: remoteKey.privateKey,
    });
  const coreFor = (url: string, jwksTimeoutMs = 2000): Promise<AuthCore> =>
    createAuthCore({
      issuers: [
        {
          issuer: 'https://remote.example',
          audience: AUD,
          algorithms: ['ES256'],
          jwksUrl: `${url}/.well-known/jwks.json`,
          allowInsecureLoopbackJwks: true,
        },
      ],
      jwksTimeoutMs,
      now: () => NOW,
    });

  it('verifies against a fetched key set and caches it', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [remoteKey.jwk] }));
    });
    try {
      const remote = await coreFor(server.url);
      expect(server.requests).toHaveLength(0);
      for (let i = 0; i < 3; i += 1) {
        expect((await remote.verifyToken(signRemote(), { transport: 'http' })).userId).toBe('user-1');
      }
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.url).toBe('/.well-known/jwks.json');
      await rejectToken(remote, signRemote({}, 'remote-unknown'), 'invalid_token', /no trusted key matches/);
    } finally {
      await server.close();
    }
  });

  it('reports a key-set endpoint that times out as auth_unavailable', async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    try {
      const remote = await coreFor(server.url, 200);
      const error = await rejectToken(remote, signRemote(), 'auth_unavailable', /temporarily unavailable/);
      expect(error.httpStatus).toBe(503);
      expect(error.wsCloseCode).toBe(1011);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['a 500', (res: import('node:http').ServerResponse) => res.writeHead(500).end('boom')],
    [
      'a redirect',
      (res: import('node:http').ServerResponse) => res.writeHead(302, { location: 'https://evil.example/jwks' }).end(),
    ],
    ['malformed JSON', (res: import('node:http').ServerResponse) => res.writeHead(200).end('{"keys": [')],
    ['a non-key-set body', (res: import('node:http').ServerResponse) => res.writeHead(200).end('{"keys": "none"}')],
  ])('reports %s from the key-set endpoint as auth_unavailable', async (_name, respond) => {
    const server = await startServer((_req, res) => respond(res));
    try {
      const remote = await coreFor(server.url);
      await rejectToken(remote, signRemote(), 'auth_unavailable');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection as auth_unavailable', async () => {
    const server = await startServer();
    const { url } = server;
    await server.close();
    const remote = await coreFor(url);
    await rejectToken(remote, signRemote(), 'auth_unavailable');
  });

  it('still refuses a bad token rather than reporting an outage when the token fails early', async () => {
    const server = await startServer(() => {});
    try {
      const remote = await coreFor(server.url, 200);
      await rejectToken(remote, signRemote({}, '../etc'), 'invalid_token', /not a safe key id/);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

describe('robustness', () => {
  it('still accepts a valid token after a hundred bad ones', async () => {
    const valid = signA();
    const [head, payload] = valid.split('.');
    const bad = [
      `${head}.${payload}.`,
      signA(claims(), header({ alg: 'none' })),
      signA(claims({ exp: T - 100 })),
      signA(claims(), header({ kid: '../../etc/passwd' })),
      `${head}.${b64url(JSON.stringify(claims({ sub: 'admin' })))}.${valid.split('.')[2]}`,
      'x'.repeat(9000),
      signA(claims({ iss: 'https://evil.example' })),
    ];
    for (let i = 0; i < 100; i += 1) {
      await expect(core.verifyToken(bad[i % bad.length] ?? '', { transport: 'http' })).rejects.toMatchObject({
        name: 'AuthError',
      });
    }
    const context = await core.verifyToken(valid, { transport: 'http' });
    expect(context.userId).toBe('user-1');
  });

  it('refuses a test-issuer token at a core configured for another issuer', async () => {
    const testIssuer = createTestIssuer({ audience: AUD });
    await rejectToken(core, await testIssuer.mint(), 'invalid_token', /issuer is not trusted/);
    // A test issuer that borrows the production issuer name still lacks its key.
    const impostor = createTestIssuer({ issuer: ISS, audience: AUD });
    await rejectToken(core, await impostor.mint({ iat: T, exp: T + 60 }), 'invalid_token', /no trusted key matches/);
    await rejectToken(
      core,
      await impostor.mint({ iat: T, exp: T + 60 }, { header: { kid: 'key-a' } }),
      'invalid_token',
      /signature verification failed/,
    );
  });

  it('accepts a test-issuer token once its config is in the issuers list', async () => {
    const testIssuer = createTestIssuer({ algorithm: 'RS256' });
    const withTest = await createAuthCore({ issuers: [issuerA, testIssuer.config] });
    const context = await withTest.verifyToken(await testIssuer.mint({ sub: 'alice' }), { transport: 'http' });
    expect(context).toMatchObject({ userId: 'alice', issuer: testIssuer.config.issuer });
    await rejectToken(withTest, await testIssuer.mint({ sub: undefined }), 'invalid_token', /missing "sub"/);
  });

  it.each<TestIssuerAlgorithm>(['ES256', 'ES384', 'ES512', 'PS256', 'EdDSA'])(
    'supports a %s test issuer',
    async (algorithm) => {
      const testIssuer = createTestIssuer({ algorithm });
      const withTest = await createAuthCore({ issuers: [testIssuer.config] });
      expect((await withTest.verifyToken(await testIssuer.mint(), { transport: 'ws' })).transport).toBe('ws');
    },
  );
});
