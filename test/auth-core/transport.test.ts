import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  createAuthCore,
  createUpgradeHandler,
  selectWebSocketProtocol,
  UserExecutionContext,
  withHttpAuth,
  type AuthCore,
} from '../../packages/auth-core/src/index.js';
import { createTestIssuer } from '../../packages/auth-core/src/testing.js';
import { expectRejected, startServer } from './helpers.js';

const ALLOWED_ORIGIN = 'https://app.example';
const issuer = createTestIssuer();

type Outcome =
  | { kind: 'open'; client: WebSocket; message: Record<string, unknown>; handshakeProtocol: string | undefined }
  | { kind: 'rejected'; status: number | undefined; headers: IncomingHttpHeaders; body: Record<string, unknown> };

function describeContext(context: UserExecutionContext): Record<string, unknown> {
  return { userId: context.userId, transport: context.transport, isContext: context instanceof UserExecutionContext };
}

function connect(url: string, protocols: string[] = [], options: WebSocket.ClientOptions = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url, protocols, options);
    let handshakeProtocol: string | undefined;
    client.on('upgrade', (res) => {
      handshakeProtocol = res.headers['sec-websocket-protocol'];
    });
    client.on('message', (data) => {
      resolve({
        kind: 'open',
        client,
        message: JSON.parse(String(data)) as Record<string, unknown>,
        handshakeProtocol,
      });
    });
    client.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({
          kind: 'rejected',
          status: res.statusCode,
          headers: res.headers,
          body: JSON.parse(body || '{}') as Record<string, unknown>,
        }),
      );
    });
    client.on('error', reject);
  });
}

async function expectOpen(outcome: Promise<Outcome>): Promise<Extract<Outcome, { kind: 'open' }>> {
  const result = await outcome;
  expect(result.kind).toBe('open');
  if (result.kind !== 'open') throw new Error('unreachable');
  result.client.close();
  return result;
}

async function expectRefused(
  outcome: Promise<Outcome>,
  status: number,
  code: string,
): Promise<Extract<Outcome, { kind: 'rejected' }>> {
  const result = await outcome;
  expect(result.kind).toBe('rejected');
  if (result.kind !== 'rejected') throw new Error('unreachable');
  expect(result.status).toBe(status);
  expect(result.body.error).toBe(code);
  expect(result.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
  return result;
}

/** Sends a hand-written request, for what no client library will send (two Authorization headers). */
function rawRequest(port: number, head: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1', () => socket.end(`${head.join('\r\n')}\r\n\r\n`));
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString()));
    socket.on('close', () => resolve(response));
    socket.on('error', reject);
  });
}

let core: AuthCore;
let server: Server;
let wss: WebSocketServer;
let port: number;
let httpUrl: string;
let wsUrl: string;
const connections: UserExecutionContext[] = [];

beforeAll(async () => {
  core = await createAuthCore({
    issuers: [issuer.config],
    websocket: { allowedOrigins: [ALLOWED_ORIGIN], cookieName: 'session' },
  });
  // No handleProtocols: ws would echo the first offered protocol, so this also proves the token entry is hidden.
  wss = new WebSocketServer({ noServer: true });
  server = createServer(
    withHttpAuth(core, (_req, res, context) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(describeContext(context)));
    }),
  );
  server.on(
    'upgrade',
    createUpgradeHandler(core, wss, (client, context) => {
      connections.push(context);
      client.send(JSON.stringify({ ...describeContext(context), protocol: client.protocol }));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  httpUrl = `http://127.0.0.1:${port}/me`;
  wsUrl = `ws://127.0.0.1:${port}/ws`;
});

afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('one authenticate for HTTP and WebSocket', () => {
  it('connects a WebSocket with a valid bearer token', async () => {
    const token = await issuer.mint({ sub: 'alice' });
    const { message } = await expectOpen(connect(wsUrl, [], { headers: { Authorization: `Bearer ${token}` } }));
    expect(message).toEqual({ userId: 'alice', transport: 'ws', isContext: true, protocol: '' });
  });

  it('serves an HTTP GET with the same token and the same context class', async () => {
    const token = await issuer.mint({ sub: 'alice' });
    const response = await fetch(httpUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ userId: 'alice', transport: 'http', isContext: true });
  });

  it('refuses an upgrade without a token with 401 before the handshake', async () => {
    const before = connections.length;
    const result = await expectRefused(connect(wsUrl), 401, 'missing_credentials');
    expect(result.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(result.headers['cache-control']).toBe('no-store');
    expect(connections).toHaveLength(before);
  });

  it('refuses an upgrade with a bad token with 401', async () => {
    const token = await issuer.mint();
    const tampered = `${token.slice(0, -4)}AAAA`;
    const result = await expectRefused(
      connect(wsUrl, [], { headers: { Authorization: `Bearer ${tampered}` } }),
      401,
      'invalid_token',
    );
    expect(result.headers['www-authenticate']).toContain('error="invalid_token"');
    const garbage = await expectRefused(
      connect(wsUrl, [], { headers: { Authorization: 'Bearer not-a-jwt' } }),
      401,
      'invalid_token',
    );
    expect(garbage.body.error_description).toMatch(/three segments/);
  });

  it('refuses an upgrade with an expired token with 401', async () => {
    const token = await issuer.mint({}, { now: new Date(Date.now() - 3_600_000) });
    const result = await expectRefused(
      connect(wsUrl, [], { headers: { Authorization: `Bearer ${token}` } }),
      401,
      'token_expired',
    );
    expect(result.headers['www-authenticate']).toBe(
      'Bearer realm="api", error="invalid_token", error_description="token has expired"',
    );
  });

  it('answers HTTP refusals with status, challenge and a JSON body', async () => {
    const missing = await fetch(httpUrl);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await missing.json()).toEqual({
      error: 'missing_credentials',
      error_description: 'no bearer token in the request',
    });
    const basic = await fetch(httpUrl, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(400);
    expect(basic.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });
});

describe('subprotocol token', () => {
  it('authenticates with ["bearer", token] and echoes "bearer", never the token', async () => {
    const token = await issuer.mint({ sub: 'bob' });
    const result = await expectOpen(connect(wsUrl, ['bearer', token]));
    expect(result.client.protocol).toBe('bearer');
    expect(result.handshakeProtocol).toBe('bearer');
    expect(result.message).toMatchObject({ userId: 'bob', transport: 'ws', protocol: 'bearer' });
  });

  it('echoes the application protocol when one is offered, wherever it stands', async () => {
    const token = await issuer.mint();
    for (const offered of [
      ['chat.v1', 'bearer', token],
      ['bearer', token, 'chat.v1'],
    ]) {
      const result = await expectOpen(connect(wsUrl, offered));
      expect(result.client.protocol).toBe('chat.v1');
      expect(result.handshakeProtocol).not.toContain(token);
    }
  });

  it('hides the token even from a server whose handleProtocols picks the last offer', async () => {
    const seen: string[][] = [];
    const careless = new WebSocketServer({
      noServer: true,
      handleProtocols: (offered) => {
        seen.push([...offered]);
        return [...offered].at(-1) ?? false;
      },
    });
    const carelessServer = createServer();
    carelessServer.on(
      'upgrade',
      createUpgradeHandler(core, careless, (client) => client.send('{}')),
    );
    await new Promise<void>((resolve) => carelessServer.listen(0, '127.0.0.1', resolve));
    try {
      const token = await issuer.mint();
      const url = `ws://127.0.0.1:${(carelessServer.address() as AddressInfo).port}/`;
      const result = await expectOpen(connect(url, ['bearer', token]));
      expect(result.client.protocol).toBe('bearer');
      expect(seen).toEqual([['bearer']]);
    } finally {
      for (const client of careless.clients) client.terminate();
      carelessServer.close();
    }
  });

  it('refuses a bearer marker without a token, and two tokens', async () => {
    await expectRefused(connect(wsUrl, ['chat.v1', 'bearer']), 400, 'invalid_request');
    const token = await issuer.mint();
    await expectRefused(
      connect(wsUrl, ['bearer', token], { headers: { Authorization: `Bearer ${token}` } }),
      400,
      'invalid_request',
    );
  });

  it('picks the protocol to echo without the token', () => {
    expect(selectWebSocketProtocol(['bearer', 'eyJ.a.b'])).toBe('bearer');
    expect(selectWebSocketProtocol(new Set(['bearer', 'eyJ.a.b', 'graphql-ws']))).toBe('graphql-ws');
    expect(selectWebSocketProtocol(['graphql-ws'])).toBe('graphql-ws');
    expect(selectWebSocketProtocol([])).toBe(false);
  });
});

describe('ambiguous and ignored sources', () => {
  it('refuses two Authorization headers with 400, on HTTP and on upgrade', async () => {
    const token = await issuer.mint();
    const other = await issuer.mint({ sub: 'mallory' });
    const http = await rawRequest(port, [
      'GET /me HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${token}`,
      `Authorization: Bearer ${other}`,
      'Connection: close',
    ]);
    expect(http).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(http).toContain('more than one Authorization header');
    const upgrade = await rawRequest(port, [
      'GET /ws HTTP/1.1',
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      `Authorization: Bearer ${token}`,
      `Authorization: Bearer ${token}`,
    ]);
    expect(upgrade).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(upgrade).toMatch(/WWW-Authenticate: Bearer realm="api", error="invalid_request"/);
  });

  it('ignores a token in the query string', async () => {
    const token = await issuer.mint();
    for (const name of ['access_token', 'token', 'jwt', 'authorization']) {
      await expectRefused(connect(`${wsUrl}?${name}=${token}`), 401, 'missing_credentials');
      expect((await fetch(`${httpUrl}?${name}=${token}`)).status).toBe(401);
    }
  });

  it('accepts the cookie on an upgrade only from an allowed Origin', async () => {
    const token = await issuer.mint({ sub: 'carol' });
    const cookie = { Cookie: `theme=dark; session=${token}` };
    const { message } = await expectOpen(connect(wsUrl, [], { headers: cookie, origin: ALLOWED_ORIGIN }));
    expect(message).toMatchObject({ userId: 'carol', transport: 'ws' });
    await expectRefused(
      connect(wsUrl, [], { headers: cookie, origin: 'https://evil.example' }),
      401,
      'missing_credentials',
    );
    await expectRefused(
      connect(wsUrl, [], { headers: cookie, origin: 'https://app.example.evil.example' }),
      401,
      'missing_credentials',
    );
    await expectRefused(connect(wsUrl, [], { headers: cookie }), 401, 'missing_credentials');
  });

  it('never takes the cookie for plain HTTP, and refuses a doubled or extra cookie', async () => {
    const token = await issuer.mint();
    const http = await fetch(httpUrl, { headers: { Cookie: `session=${token}`, Origin: ALLOWED_ORIGIN } });
    expect(http.status).toBe(401);
    await expectRefused(
      connect(wsUrl, [], { headers: { Cookie: `session=${token}; session=${token}` }, origin: ALLOWED_ORIGIN }),
      400,
      'invalid_request',
    );
    await expectRefused(
      connect(wsUrl, [], {
        headers: { Cookie: `session=${token}`, Authorization: `Bearer ${token}` },
        origin: ALLOWED_ORIGIN,
      }),
      400,
      'invalid_request',
    );
  });

  it('refuses the upgrade with 503 while the key set is unreachable', async () => {
    const keyServer = await startServer((_req, res) => res.writeHead(500).end());
    const outage = await createAuthCore({
      issuers: [
        { ...issuer.config, jwks: undefined, jwksUrl: `${keyServer.url}/jwks`, allowInsecureLoopbackJwks: true },
      ],
    });
    const outageWss = new WebSocketServer({ noServer: true });
    const outageServer = createServer();
    let opened = 0;
    outageServer.on(
      'upgrade',
      createUpgradeHandler(outage, outageWss, () => (opened += 1)),
    );
    await new Promise<void>((resolve) => outageServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `ws://127.0.0.1:${(outageServer.address() as AddressInfo).port}/`;
      const token = await issuer.mint();
      const result = await connect(url, ['bearer', token]);
      expect(result).toMatchObject({ kind: 'rejected', status: 503, body: { error: 'auth_unavailable' } });
      expect(opened).toBe(0);
    } finally {
      outageServer.close();
      await keyServer.close();
    }
  });
});

describe('Fetch API Request', () => {
  it('authenticates a Request with an Authorization header', async () => {
    const token = await issuer.mint({ sub: 'dave' });
    const context = await core.authenticate(
      new Request('https://api.example/me', { headers: { Authorization: `Bearer ${token}` } }),
      {
        requestId: 'req-42',
      },
    );
    expect(context).toBeInstanceOf(UserExecutionContext);
    expect(context).toMatchObject({ userId: 'dave', transport: 'http', requestId: 'req-42' });
  });

  it('authenticates a WebSocket upgrade Request by subprotocol or allowed cookie', async () => {
    const token = await issuer.mint({ sub: 'erin' });
    const upgrade = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
    const byProtocol = await core.authenticate(
      new Request('https://api.example/ws', { headers: { ...upgrade, 'Sec-WebSocket-Protocol': `bearer, ${token}` } }),
    );
    expect(byProtocol).toMatchObject({ userId: 'erin', transport: 'ws' });
    const byCookie = await core.authenticate(
      new Request('https://api.example/ws', {
        headers: { ...upgrade, Cookie: `session=${token}`, Origin: ALLOWED_ORIGIN },
      }),
    );
    expect(byCookie).toMatchObject({ userId: 'erin', transport: 'ws' });
  });

  it('refuses folded Authorization headers, query tokens and missing credentials', async () => {
    const token = await issuer.mint();
    const headers = new Headers();
    headers.append('Authorization', `Bearer ${token}`);
    headers.append('Authorization', `Bearer ${token}`);
    await expectRejected(core.authenticate(new Request('https://api.example/', { headers })), 'invalid_request');
    await expectRejected(
      core.authenticate(new Request(`https://api.example/?access_token=${token}`)),
      'missing_credentials',
    );
    const error = await expectRejected(core.authenticate(new Request('https://api.example/')), 'missing_credentials');
    expect(error.httpStatus).toBe(401);
    expect(error.wsCloseCode).toBe(4401);
  });
});
