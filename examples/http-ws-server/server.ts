/**
 * A small HTTP + WebSocket server that authenticates only through the auth
 * core: `GET /me` over HTTP, and a WebSocket on any path that greets and echoes.
 * Configuration comes from the AUTH_* environment variables (packages/auth-core/README.md).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';
import {
  AUTH_ERRORS,
  AuthConfigError,
  configFromEnv,
  createAuthCore,
  createUpgradeHandler,
  selectWebSocketProtocol,
  withHttpAuth,
  type AuthCore,
} from '@ssot-lint/auth-core';

export function createApp(core: AuthCore): Server {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: selectWebSocketProtocol });

  const server = createServer(
    withHttpAuth(core, (req, res, context) => {
      if (req.method === 'GET' && req.url === '/me') {
        const { userId, sessionId, issuer, expiresAt, transport, requestId } = context;
        json(res, 200, { userId, sessionId, issuer, expiresAt, transport, requestId });
        return;
      }
      json(res, 404, { error: 'not_found' });
    }),
  );

  server.on(
    'upgrade',
    createUpgradeHandler(core, wss, (socket, context) => {
      // A socket outlives the token that opened it: close it when the token expires.
      const expiry = setTimeout(
        () => socket.close(AUTH_ERRORS.token_expired.wsCloseCode, 'token expired'),
        Math.max(0, context.expiresAt * 1000 - Date.now()),
      );
      socket.on('close', () => clearTimeout(expiry));
      socket.send(JSON.stringify({ type: 'welcome', userId: context.userId }));
      socket.on('message', (data) => {
        socket.send(JSON.stringify({ type: 'echo', userId: context.userId, data: String(data) }));
      });
    }),
  );
  server.on('close', () => wss.close());
  return server;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function main(): Promise<void> {
  const core = await createAuthCore(configFromEnv());
  const server = createApp(core);
  // PORT=0 takes a free port and HOST=127.0.0.1 keeps the server on loopback; the line below names both.
  server.listen(Number(process.env.PORT ?? 8080), process.env.HOST, () => {
    const { address, port } = server.address() as AddressInfo;
    const host = address.includes(':') ? `[${address}]` : address;
    process.stdout.write(`listening on http://${host}:${port} (GET /me, WebSocket on any path)\n`);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    // A configuration mistake is one line saying what to fix; anything else keeps its stack.
    process.stderr.write(`${error instanceof AuthConfigError ? error.message : String((error as Error).stack)}\n`);
    process.exitCode = 1;
  });
}
