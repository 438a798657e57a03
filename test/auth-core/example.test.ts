import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp } from '../../examples/http-ws-server/server.js';
import { createAuthCore } from '../../src/auth-core/index.js';
import { createTestIssuer } from '../../src/auth-core/testing.js';

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
