import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AuthCore } from './core.js';
import type { UserExecutionContext } from './context.js';
import { BEARER_PROTOCOL, bearerTokenIndex, parseProtocols } from './credentials.js';
import { AuthError } from './errors.js';

/**
 * The part of a `ws` WebSocketServer (created with `noServer: true`) the
 * adapter uses. Structural, so this package does not depend on `ws` at runtime.
 */
export interface UpgradeServer<TClient> {
  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callback: (client: TClient, req: IncomingMessage) => void,
  ): void;
}

export type AuthenticatedConnectionHandler<TClient> = (
  client: TClient,
  context: UserExecutionContext,
  req: IncomingMessage,
) => void;

/**
 * Returns a listener for the HTTP server's `upgrade` event. It authenticates the
 * upgrade request before the handshake; a refused request gets an HTTP error
 * response on the raw socket and never becomes a WebSocket. An accepted one is
 * handed to `wss.handleUpgrade`, and `onConnection` receives the context.
 */
export function createUpgradeHandler<TClient>(
  core: AuthCore,
  wss: UpgradeServer<TClient>,
  onConnection: AuthenticatedConnectionHandler<TClient>,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> {
  return async (req, socket, head) => {
    // Node removes its own socket error listener on 'upgrade'; a client that resets
    // while we verify must not become an uncaught 'error' event.
    const destroy = (): void => {
      socket.destroy();
    };
    socket.on('error', destroy);
    let context: UserExecutionContext;
    try {
      context = await core.authenticate(req);
    } catch (error) {
      if (error instanceof AuthError) {
        rejectUpgrade(socket, error);
        return;
      }
      writeRawResponse(socket, 500, {}, '');
      throw error;
    } finally {
      socket.off('error', destroy);
    }
    hideBearerProtocol(req);
    wss.handleUpgrade(req, socket, head, (client) => onConnection(client, context, req));
  };
}

/** Answers a refused upgrade with the AuthError's HTTP status and challenge, then closes the socket. */
export function rejectUpgrade(socket: Duplex, error: AuthError): void {
  const body = JSON.stringify({ error: error.code, error_description: error.message });
  writeRawResponse(socket, error.httpStatus, { 'WWW-Authenticate': error.wwwAuthenticate }, body);
}

/**
 * Picks the subprotocol to echo in the handshake: the client's first offered
 * protocol other than the token, preferring an application protocol over the
 * `bearer` marker. Usable as `ws`'s `handleProtocols` option.
 */
export function selectWebSocketProtocol(protocols: Iterable<string>): string | false {
  const offered = [...protocols];
  const tokenIndex = bearerTokenIndex(offered);
  const candidates = offered.filter((_, index) => index !== tokenIndex);
  return candidates.find((protocol) => protocol !== BEARER_PROTOCOL) ?? candidates[0] ?? false;
}

// ws echoes the first offered protocol unless told otherwise; removing the token
// entry before the handshake means no selection, default or custom, can echo it.
function hideBearerProtocol(req: IncomingMessage): void {
  const offered = parseProtocols(req.headers['sec-websocket-protocol']);
  const tokenIndex = bearerTokenIndex(offered);
  const preferred = selectWebSocketProtocol(offered);
  if (tokenIndex === -1 || preferred === false) return;
  const others = offered.filter((protocol, index) => index !== tokenIndex && protocol !== preferred);
  req.headers['sec-websocket-protocol'] = [preferred, ...others].join(', ');
}

function writeRawResponse(socket: Duplex, status: number, headers: Record<string, string>, body: string): void {
  // Until it closes, a refused socket is ours: a client that resets while the answer is in flight
  // must meet a listener, or its ECONNRESET is an unhandled 'error' event that ends the process.
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    ...(body === '' ? [] : ['Content-Type: application/json']),
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
