import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp } from '../../examples/http-ws-server/server.js';
import { createAuthCore } from '../../packages/auth-core/src/index.js';
import { createTestIssuer } from '../../packages/auth-core/src/testing.js';

const issuer = createTestIssuer();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createApp(await createAuthCore({ issuers: [issuer.config] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function messages(client: WebSocket, count: number): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const received: Record<string, unknown>[] = [];
    client.on('message', (data) => {
      received.push(JSON.parse(String(data)) as Record<string, unknown>);
      if (received.length === count) resolve(received);
    });
    client.on('error', reject);
  });
}

describe('examples/http-ws-server', () => {
  it('serves GET /me only with a valid token', async () => {
    const token = await issuer.mint({ sub: 'alice', sid: 's-1' });
    const ok = await fetch(`http://${base}/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      userId: 'alice',
      sessionId: 's-1',
      transport: 'http',
      issuer: issuer.config.issuer,
    });
    const refused = await fetch(`http://${base}/me`, { headers: { Authorization: 'Bearer nope' } });
    expect(refused.status).toBe(401);
  });

  it('greets and echoes over a WebSocket opened with the bearer subprotocol', async () => {
    const token = await issuer.mint({ sub: 'bob' });
    const client = new WebSocket(`ws://${base}/chat`, ['bearer', token]);
    const received = messages(client, 2);
    client.on('open', () => client.send('hello'));
    expect(await received).toEqual([
      { type: 'welcome', userId: 'bob' },
      { type: 'echo', userId: 'bob', data: 'hello' },
    ]);
    expect(client.protocol).toBe('bearer');
    client.close();
  });

  it('closes the socket with 4401 when the token expires', async () => {
    const token = await issuer.mint({}, { expiresInSeconds: 1 });
    const client = new WebSocket(`ws://${base}/`, ['bearer', token]);
    const closed = new Promise<number>((resolve) => client.on('close', (code) => resolve(code)));
    expect(await closed).toBe(4401);
  });
});

const root = fileURLToPath(new URL('../..', import.meta.url));
const REFUSED_UPGRADE = [
  'GET /chat HTTP/1.1',
  'Host: 127.0.0.1',
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Authorization: Bearer not-a-token',
  '',
  '',
].join('\r\n');

/** Builds the example as its README says and starts it as its own process, configured by AUTH_* variables. */
async function startExampleProcess(): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
  await promisify(execFile)(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', 'examples/http-ws-server'],
    {
      cwd: root,
    },
  );
  const child = spawn(process.execPath, ['examples/http-ws-server/dist/examples/http-ws-server/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      AUTH_ISSUER: issuer.config.issuer,
      AUTH_AUDIENCE: 'test-audience',
      AUTH_JWKS: JSON.stringify(issuer.config.jwks),
      AUTH_ALGORITHMS: 'ES256',
      HOST: '127.0.0.1',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the example exited (${code}) before listening: ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}

/** Sends a refused upgrade and resets the connection, either right after sending or once the answer starts. */
function refusedUpgradeThenReset(port: number, resetOnAnswer: boolean): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(REFUSED_UPGRADE);
      if (!resetOnAnswer) setImmediate(() => socket.resetAndDestroy());
    });
    if (resetOnAnswer) socket.once('data', () => socket.resetAndDestroy());
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

describe('examples/http-ws-server as its own process', () => {
  let example: Awaited<ReturnType<typeof startExampleProcess>>;

  beforeAll(async () => {
    example = await startExampleProcess();
  });

  afterAll(() => {
    example?.child.kill();
  });

  it('keeps running through 2,000 refused upgrades whose clients reset the connection', async () => {
    const { child, port } = example;
    // Bounded in count and in time; it also stops at once if the server dies.
    const deadline = Date.now() + 120_000;
    let sent = 0;
    while (sent < 2000 && Date.now() < deadline && child.exitCode === null) {
      await refusedUpgradeThenReset(port, sent % 2 === 1);
      sent += 1;
    }
    expect(example.stderr()).not.toMatch(/Unhandled 'error' event|ECONNRESET/);
    expect(child.exitCode).toBeNull();
    expect(sent).toBe(2000);

    const token = await issuer.mint({ sub: 'survivor' });
    const me = await fetch(`http://127.0.0.1:${port}/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ userId: 'survivor', transport: 'http' });
    const client = new WebSocket(`ws://127.0.0.1:${port}/chat`, ['bearer', token]);
    expect(await messages(client, 1)).toEqual([{ type: 'welcome', userId: 'survivor' }]);
    client.close();
  });
});
