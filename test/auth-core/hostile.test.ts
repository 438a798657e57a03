/**
 * Hostile input (issue 11): clients that reset refused upgrades, plain requests
 * dressed as upgrades, key-set endpoints that fail, stall or grow, and error
 * responses that would echo attacker text. Everything runs against real servers
 * on 127.0.0.1.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect as netConnect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  createAuthCore,
  createUpgradeHandler,
  withHttpAuth,
  type AuthCore,
  type UserExecutionContext,
} from '../../packages/auth-core/src/index.js';
import { createTestIssuer } from '../../packages/auth-core/src/testing.js';
import { expectRejected, forge, rejectToken, startServer, type TestServer } from './helpers.js';

const ALLOWED_ORIGIN = 'https://app.example';
const WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const issuer = createTestIssuer();

interface RawResponse {
  readonly head: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function parseRawResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { head: text.slice(0, split), status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) };
}

/** Sends a hand-written request (what no client library sends) and reads the whole answer. */
function rawRequest(port: number, lines: string[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    let response = '';
    socket.on('data', (chunk) => {
      response += chunk.toString();
      // A keep-alive answer to a plain request does not close the socket: stop once the body is complete.
      const parsed = response.includes('\r\n\r\n') ? parseRawResponse(response) : undefined;
      const length = Number(parsed?.headers['content-length'] ?? Number.NaN);
      if (parsed !== undefined && Buffer.byteLength(parsed.body) >= length) socket.end();
    });
    socket.on('close', () => resolve(parseRawResponse(response)));
    socket.on('error', reject);
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function describeContext(context: UserExecutionContext): Record<string, unknown> {
  return { userId: context.userId, transport: context.transport };
}

/** Collects what would otherwise crash the process, so a test can assert there was none. */
function watchUncaught(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const record = (error: unknown): void => {
    errors.push(error);
  };
  process.on('uncaughtException', record);
  return { errors, stop: () => process.off('uncaughtException', record) };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

let core: AuthCore;
let server: Server;
let port: number;
let opened = 0;
/** Set by a test to delay authentication until the client has done something first. */
let holdAuthentication: ((req: IncomingMessage) => Promise<void>) | undefined;
const upgradeSockets: Duplex[] = [];

beforeAll(async () => {
  core = await createAuthCore({
    issuers: [issuer.config],
    websocket: { allowedOrigins: [ALLOWED_ORIGIN], cookieName: 'session' },
  });
  // The real core; a test may only make it wait, never change its answer.
  const sequencedCore: AuthCore = {
    ...core,
    authenticate: async (req, options) => {
      await holdAuthentication?.(req as IncomingMessage);
      return core.authenticate(req, options);
    },
  };
  const wss = new WebSocketServer({ noServer: true });
  server = createServer(
    withHttpAuth(core, (_req, res, context) => {
      const body = JSON.stringify(describeContext(context));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }),
  );
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => upgradeSockets.push(socket));
  server.on(
    'upgrade',
    createUpgradeHandler(sequencedCore, wss, (client, context) => {
      opened += 1;
      client.send(JSON.stringify(describeContext(context)));
      client.close();
    }),
  );
  port = await listen(server);
});

afterAll(() => close(server));

afterEach(() => {
  holdAuthentication = undefined;
});

const upgradeLines = (extra: string[], method = 'GET'): string[] => [
  `${method} /ws HTTP/1.1`,
  'Host: 127.0.0.1',
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  `Sec-WebSocket-Key: ${WS_KEY}`,
  ...extra,
];

describe('refused upgrades and client resets', () => {
  it('survives a client that resets the connection before the refusal is written', async () => {
    const uncaught = watchUncaught();
    let clientReset!: () => void;
    const reset = new Promise<void>((resolve) => (clientReset = resolve));
    let verifying!: () => void;
    const started = new Promise<void>((resolve) => (verifying = resolve));
    holdAuthentication = () => {
      verifying();
      return reset;
    };
    try {
      const client = netConnect(port, '127.0.0.1', () =>
        client.write(`${upgradeLines(['Authorization: Bearer not-a-token']).join('\r\n')}\r\n\r\n`),
      );
      client.on('error', () => {});
      await started;
      const serverSocket = upgradeSockets.at(-1);
      // A real RST; releasing the core in the same tick makes the refusal meet the reset connection.
      client.resetAndDestroy();
      clientReset();
      await new Promise<void>((resolve) => serverSocket?.once('close', () => resolve()));
      await settle();
      expect(uncaught.errors).toEqual([]);
    } finally {
      uncaught.stop();
    }
    // And the server still serves.
    const token = await issuer.mint({ sub: 'after-reset' });
    const response = await fetch(`http://127.0.0.1:${port}/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await response.json()).toEqual({ userId: 'after-reset', transport: 'http' });
  });

  it('survives a client that resets right after sending a refused upgrade, 200 times', async () => {
    const uncaught = watchUncaught();
    try {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        await new Promise<void>((resolve) => {
          const client = netConnect(port, '127.0.0.1', () => {
            client.write(`${upgradeLines(['Authorization: Bearer not-a-token']).join('\r\n')}\r\n\r\n`);
            setImmediate(() => client.resetAndDestroy());
          });
          client.on('error', () => {});
          client.on('close', () => resolve());
        });
      }
      await settle();
      expect(uncaught.errors).toEqual([]);
    } finally {
      uncaught.stop();
    }
  });
});

describe('upgrade smuggling: only a real WebSocket upgrade unlocks the upgrade-only token sources', () => {
  it('does not take the bearer subprotocol from a plain GET that carries Upgrade: websocket', async () => {
    const token = await issuer.mint();
    const response = await rawRequest(port, [
      'GET /me HTTP/1.1',
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      `Sec-WebSocket-Key: ${WS_KEY}`,
      `Sec-WebSocket-Protocol: bearer, ${token}`,
    ]);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'missing_credentials' });
  });

  it('does not take the cookie from a plain GET that carries Upgrade: websocket', async () => {
    const token = await issuer.mint();
    const response = await rawRequest(port, [
      'GET /me HTTP/1.1',
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      `Origin: ${ALLOWED_ORIGIN}`,
      `Cookie: session=${token}`,
    ]);
    expect(response.status).toBe(401);
  });

  it('labels a plain request that carries Upgrade: websocket as http', async () => {
    const token = await issuer.mint({ sub: 'plain' });
    const response = await rawRequest(port, [
      'GET /me HTTP/1.1',
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      `Authorization: Bearer ${token}`,
    ]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ userId: 'plain', transport: 'http' });
  });

  it.each([
    ['a POST', upgradeLines([], 'POST')],
    ['an upgrade without Sec-WebSocket-Key', upgradeLines([]).filter((line) => !line.startsWith('Sec-WebSocket-Key'))],
    ['an upgrade with a malformed Sec-WebSocket-Key', [...upgradeLines([]).slice(0, -1), 'Sec-WebSocket-Key: x']],
  ])('refuses %s that offers the bearer subprotocol with 401 from the core', async (_name, lines) => {
    const token = await issuer.mint();
    const before = opened;
    const response = await rawRequest(port, [...lines, `Sec-WebSocket-Protocol: bearer, ${token}`]);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'missing_credentials' });
    expect(opened).toBe(before);
  });

  it('decides the same for a Fetch Request: method, Connection, Upgrade and key', async () => {
    const token = await issuer.mint({ sub: 'fetch' });
    const upgrade = { Connection: 'keep-alive, Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': WS_KEY };
    const byProtocol = { ...upgrade, 'Sec-WebSocket-Protocol': `bearer, ${token}` };
    const real = await core.authenticate(new Request('https://api.example/ws', { headers: byProtocol }));
    expect(real).toMatchObject({ userId: 'fetch', transport: 'ws' });
    const { Connection: _connection, ...withoutConnection } = byProtocol;
    const { 'Sec-WebSocket-Key': _key, ...withoutKey } = byProtocol;
    for (const request of [
      new Request('https://api.example/ws', { method: 'POST', headers: byProtocol }),
      new Request('https://api.example/ws', { headers: withoutConnection }),
      new Request('https://api.example/ws', { headers: withoutKey }),
      new Request('https://api.example/ws', { headers: { ...byProtocol, Upgrade: 'h2c, websocket' } }),
    ]) {
      await expectRejected(core.authenticate(request), 'missing_credentials');
    }
    const labelled = await core.authenticate(
      new Request('https://api.example/ws', {
        method: 'POST',
        headers: { ...upgrade, Authorization: `Bearer ${token}` },
      }),
    );
    expect(labelled.transport).toBe('http');
  });

  it('still opens a real WebSocket authenticated by the subprotocol', async () => {
    const token = await issuer.mint({ sub: 'real-ws' });
    const client = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['bearer', token]);
    const message = await new Promise<string>((resolve, reject) => {
      client.on('message', (data) => resolve(String(data)));
      client.on('error', reject);
    });
    expect(JSON.parse(message)).toEqual({ userId: 'real-ws', transport: 'ws' });
  });
});

describe('error responses do not echo attacker text', () => {
  const secret = 'x'.repeat(32);
  const longName = `evil-${'A'.repeat(2500)}`;
  let hmacCore: AuthCore;
  let hmacServer: Server;
  let hmacPort: number;
  const duplicateHeader = `{"alg":"HS256","${longName}":1,"${longName}":2}`;
  const token = (): string => forge(duplicateHeader, { iss: 'https://hmac.example' }, { alg: 'HS256', secret });

  beforeAll(async () => {
    hmacCore = await createAuthCore({
      issuers: [{ issuer: 'https://hmac.example', audience: 'api', algorithms: ['HS256'], secret }],
    });
    hmacServer = createServer(
      withHttpAuth(hmacCore, (_req, res) => {
        res.end('ok');
      }),
    );
    hmacServer.on(
      'upgrade',
      createUpgradeHandler(hmacCore, new WebSocketServer({ noServer: true }), () => {}),
    );
    hmacPort = await listen(hmacServer);
  });
  afterAll(() => close(hmacServer));

  it('names no duplicate member in the error, and keeps it short', async () => {
    const error = await rejectToken(hmacCore, token(), 'invalid_token', /duplicate member name/);
    expect(error.message).not.toContain('evil-');
    expect(error.message.length).toBeLessThan(100);
    expect(error.wwwAuthenticate).not.toContain('evil-');
    expect(error.wwwAuthenticate.length).toBeLessThan(200);
  });

  it('answers HTTP and upgrade refusals briefly and with nosniff', async () => {
    const http = await fetch(`http://127.0.0.1:${hmacPort}/`, { headers: { Authorization: `Bearer ${token()}` } });
    expect(http.status).toBe(401);
    expect(http.headers.get('x-content-type-options')).toBe('nosniff');
    expect(http.headers.get('www-authenticate')).not.toContain('evil-');
    expect(await http.text()).not.toContain('evil-');

    const upgrade = await rawRequest(hmacPort, upgradeLines([`Authorization: Bearer ${token()}`]));
    expect(upgrade.status).toBe(401);
    expect(upgrade.headers['x-content-type-options']).toBe('nosniff');
    expect(upgrade.head).not.toContain('evil-');
    expect(upgrade.body).not.toContain('evil-');
  });
});

describe('remote key sets under attack', () => {
  const ISS = 'https://remote.example';
  const AUD = 'api';
  const now = (): number => Math.floor(Date.now() / 1000);
  const signingKey = ecKey('good');
  const attackerKey = ecKey('attacker');

  function ecKey(kid: string): { privateKey: KeyObject; jwk: Record<string, unknown> } {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' } };
  }
  const sign = (key: { privateKey: KeyObject }, kid: string): string =>
    forge(
      { alg: 'ES256', kid },
      { iss: ISS, aud: AUD, sub: 'user', iat: now(), exp: now() + 60 },
      {
        alg: 'ES256',
        privateKey: key.privateKey,
      },
    );
  /** Well-formed, routed to the remote issuer, signed by nobody it trusts, with a kid it has never seen. */
  const garbageToken = (): string => sign(attackerKey, `random-${randomUUID()}`);
  const coreFor = (url: string, jwksTimeoutMs = 2000): Promise<AuthCore> =>
    createAuthCore({
      issuers: [
        {
          issuer: ISS,
          audience: AUD,
          algorithms: ['ES256'],
          jwksUrl: `${url}/.well-known/jwks.json`,
          allowInsecureLoopbackJwks: true,
        },
      ],
      jwksTimeoutMs,
    });

  const servers: { close(): Promise<void> }[] = [];
  async function jwksServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
    const started = await startServer(handler);
    servers.push(started);
    return started;
  }
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(servers.splice(0).map((started) => started.close()));
  });

  /** Sends garbage tokens one after another: at most `count`, and for at most `seconds`. */
  async function hammer(remote: AuthCore, count: number, seconds = 30): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    for (let sent = 0; sent < count && Date.now() < deadline; sent += 1) {
      await rejectToken(remote, garbageToken(), 'auth_unavailable');
    }
  }

  it('fetches a key set that answers 500 once for 2,000 requests', async () => {
    const keys = await jwksServer((_req, res) => res.writeHead(500).end('down'));
    await hammer(await coreFor(keys.url), 2000);
    expect(keys.requests.length).toBeGreaterThanOrEqual(1);
    expect(keys.requests.length).toBeLessThanOrEqual(2);
  });

  it('connects to a key set that resets every connection once for 2,000 requests', async () => {
    let connections = 0;
    const resetter = createTcpServer((socket: Socket) => {
      connections += 1;
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise((resolve) => resetter.close(() => resolve())) });
    await hammer(await coreFor(`http://127.0.0.1:${(resetter.address() as AddressInfo).port}`), 2000);
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('does not retry a refused connection during the cooldown, and recovers after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const probe = await startServer();
    const url = probe.url;
    await probe.close(); // nothing listens on this port now
    const remote = await coreFor(url);
    await hammer(remote, 2000);
    // The issuer comes back on the same port: within the cooldown nobody asks it.
    const revived = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [signingKey.jwk] })),
    );
    let fetches = 0;
    revived.on('request', () => (fetches += 1));
    await new Promise<void>((resolve) => revived.listen(Number(new URL(url).port), '127.0.0.1', resolve));
    servers.push({ close: () => close(revived) });
    await rejectToken(remote, sign(signingKey, 'good'), 'auth_unavailable');
    expect(fetches).toBe(0);
    vi.setSystemTime(Date.now() + 31_000);
    expect((await remote.verifyToken(sign(signingKey, 'good'), { transport: 'http' })).userId).toBe('user');
    expect(fetches).toBe(1);
  });

  it('fetches a key set that never answers once, however many requests wait or follow', async () => {
    const keys = await jwksServer(() => {
      // Never answers.
    });
    const remote = await coreFor(keys.url, 50);
    await Promise.all(Array.from({ length: 50 }, () => rejectToken(remote, garbageToken(), 'auth_unavailable')));
    await hammer(remote, 200);
    expect(keys.requests).toHaveLength(1);
  });

  it('times out a key set that sends its headers and then stalls the body', async () => {
    const keys = await jwksServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys": [');
    });
    const remote = await coreFor(keys.url, 100);
    await rejectToken(remote, sign(signingKey, 'good'), 'auth_unavailable');
    await hammer(remote, 100);
    expect(keys.requests).toHaveLength(1);
  });

  it('after a success, keeps verifying known keys through an outage and fetches at most once per cooldown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let up = true;
    const keys = await jwksServer((_req, res) => {
      if (!up) return void res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [signingKey.jwk] }));
    });
    const remote = await coreFor(keys.url);
    await remote.verifyToken(sign(signingKey, 'good'), { transport: 'http' });
    up = false;
    vi.setSystemTime(Date.now() + 31_000);
    await hammer(remote, 500);
    expect((await remote.verifyToken(sign(signingKey, 'good'), { transport: 'http' })).userId).toBe('user');
    expect(keys.requests).toHaveLength(2);
  });

  describe('a key set that grows without bound', () => {
    const MiB = 1024 * 1024;

    /** Streams up to 100 MiB of one endless JSON string, respecting backpressure; counts what the client took. */
    async function growingServer(declareLength: boolean): Promise<{ url: string; sent: () => number }> {
      let sent = 0;
      const keys = await jwksServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(declareLength ? { 'content-length': String(100 * MiB) } : {}),
        });
        const chunk = Buffer.alloc(MiB, 'a');
        const pump = (): void => {
          while (sent < 100 * MiB && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.write('{"keys": [], "padding": "');
        pump();
      });
      return { url: keys.url, sent: () => sent };
    }

    it.each([
      ['chunked, with no declared length', false],
      ['with a declared length of 100 MiB', true],
    ])('stops reading a huge key set (%s) and answers auth_unavailable', async (_name, declareLength) => {
      const growing = await growingServer(declareLength);
      const remote = await coreFor(growing.url, 10_000);
      await rejectToken(remote, sign(signingKey, 'good'), 'auth_unavailable');
      await settle();
      // The client stopped early: what the server got out is what loopback buffers hold, not 100 MiB.
      expect(growing.sent()).toBeLessThan(32 * MiB);
    });

    it('still accepts a key set of ordinary size padded with unknown members', async () => {
      const body = JSON.stringify({ keys: [signingKey.jwk], padding: 'p'.repeat(100_000) });
      const keys = await jwksServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      );
      const remote = await coreFor(keys.url);
      expect((await remote.verifyToken(sign(signingKey, 'good'), { transport: 'http' })).userId).toBe('user');
    });
  });

  it('follows a key rotation after the cooldown and forgets the retired key', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const next = ecKey('next');
    let published = [signingKey.jwk];
    const keys = await jwksServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published })),
    );
    const remote = await coreFor(keys.url);
    await remote.verifyToken(sign(signingKey, 'good'), { transport: 'http' });
    published = [next.jwk];
    // Within the cooldown a new kid is not fetched: random kids cannot hammer the issuer.
    await rejectToken(remote, sign(next, 'next'), 'invalid_token', /no trusted key matches/);
    expect(keys.requests).toHaveLength(1);
    vi.setSystemTime(Date.now() + 31_000);
    expect((await remote.verifyToken(sign(next, 'next'), { transport: 'http' })).userId).toBe('user');
    expect(keys.requests).toHaveLength(2);
    await rejectToken(remote, sign(signingKey, 'good'), 'invalid_token', /no trusted key matches/);
    expect(keys.requests).toHaveLength(2);
  });
});
