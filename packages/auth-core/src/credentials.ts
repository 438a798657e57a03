import type { IncomingMessage } from 'node:http';
import type { Transport } from './context.js';
import { Rejection } from './errors.js';

/** A Node request (plain HTTP or a WebSocket upgrade) or a Fetch API Request. */
export type AuthRequest = IncomingMessage | Request;

export interface CredentialPolicy {
  readonly allowedOrigins: ReadonlySet<string>;
  readonly cookieName: string | undefined;
}

export interface Credentials {
  readonly token: string;
  readonly transport: Transport;
}

/** The subprotocol that announces a token: the client offers `["bearer", "<token>"]`. */
export const BEARER_PROTOCOL = 'bearer';

interface HeaderView {
  /** Every Authorization field line, so a duplicate cannot hide behind header folding. */
  readonly authorization: readonly string[];
  get(name: string): string | undefined;
}

/**
 * Finds the one bearer token of a request. Sources: the Authorization header;
 * on WebSocket upgrades also the `bearer` subprotocol and, from an allowed
 * Origin only, the configured cookie. The query string is never read: URLs end
 * up in logs and Referer headers. More than one token is ambiguous and refused.
 */
export function extractCredentials(req: AuthRequest, policy: CredentialPolicy): Credentials {
  const headers = headerView(req);
  const transport: Transport = isWebSocketUpgrade(req.method, headers) ? 'ws' : 'http';
  const found: string[] = [];
  const fromHeader = bearerFromAuthorization(headers.authorization);
  if (fromHeader !== undefined) found.push(fromHeader);
  if (transport === 'ws') {
    const fromProtocol = bearerFromProtocols(headers.get('sec-websocket-protocol'));
    if (fromProtocol !== undefined) found.push(fromProtocol);
    const fromCookie = bearerFromCookie(headers, policy);
    if (fromCookie !== undefined) found.push(fromCookie);
  }
  const [token, ...others] = found;
  if (token === undefined) throw new Rejection('missing_credentials', 'no bearer token in the request');
  if (others.length > 0) throw new Rejection('invalid_request', 'credentials were sent in more than one place');
  return { token, transport };
}

// RFC 6455 section 4.1: the key is 16 random bytes, base64-encoded.
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

/**
 * The test `ws` applies before it accepts a handshake (RFC 6455 section 4.2.1).
 * An `Upgrade: websocket` header alone is something any plain request can carry,
 * and it must not unlock the upgrade-only token sources.
 */
function isWebSocketUpgrade(method: string | undefined, headers: HeaderView): boolean {
  const connection = (headers.get('connection') ?? '').split(',').map((token) => token.trim().toLowerCase());
  return (
    method === 'GET' &&
    connection.includes('upgrade') &&
    headers.get('upgrade')?.trim().toLowerCase() === 'websocket' &&
    WEBSOCKET_KEY.test(headers.get('sec-websocket-key')?.trim() ?? '')
  );
}

/** Splits a Sec-WebSocket-Protocol value into its offered subprotocols. */
export function parseProtocols(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Index of the token entry in an offered subprotocol list, or -1. */
export function bearerTokenIndex(protocols: readonly string[]): number {
  const marker = protocols.indexOf(BEARER_PROTOCOL);
  return marker === -1 ? -1 : marker + 1;
}

function bearerFromAuthorization(values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  const [value] = values;
  if (values.length > 1 || value === undefined)
    throw new Rejection('invalid_request', 'more than one Authorization header');
  // A Fetch Headers object folds repeated fields into one, joined by ", ".
  if (value.includes(','))
    throw new Rejection('invalid_request', 'more than one credential in the Authorization header');
  const match = /^(\S+) +(\S+)$/.exec(value.trim());
  if (match === null) throw new Rejection('invalid_request', 'Authorization header must be "Bearer <token>"');
  const [, scheme, token] = match;
  if (scheme?.toLowerCase() !== 'bearer') throw new Rejection('invalid_request', 'Authorization scheme must be Bearer');
  return token;
}

function bearerFromProtocols(value: string | undefined): string | undefined {
  const protocols = parseProtocols(value);
  if (protocols.filter((entry) => entry === BEARER_PROTOCOL).length > 1) {
    throw new Rejection('invalid_request', 'more than one "bearer" subprotocol');
  }
  const index = bearerTokenIndex(protocols);
  if (index === -1) return undefined;
  const token = protocols[index];
  if (token === undefined)
    throw new Rejection('invalid_request', 'the "bearer" subprotocol must be followed by the token');
  return token;
}

function bearerFromCookie(headers: HeaderView, policy: CredentialPolicy): string | undefined {
  const { cookieName } = policy;
  if (cookieName === undefined) return undefined;
  // Browsers attach cookies to cross-site upgrades too; only the allowlist makes a cookie a credential.
  const origin = headers.get('origin');
  if (origin === undefined || !policy.allowedOrigins.has(origin)) return undefined;
  const values = (headers.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.slice(0, pair.indexOf('=')) === cookieName)
    .map((pair) => pair.slice(cookieName.length + 1).replace(/^"(.*)"$/, '$1'));
  // Two cookies of one name (a sibling subdomain can plant one) leave the token ambiguous.
  if (values.length > 1) throw new Rejection('invalid_request', `more than one "${cookieName}" cookie`);
  return values[0] === '' ? undefined : values[0];
}

function headerView(req: AuthRequest): HeaderView {
  if (isFetchRequest(req)) {
    const authorization = req.headers.get('authorization');
    return {
      authorization: authorization === null ? [] : [authorization],
      get: (name) => req.headers.get(name) ?? undefined,
    };
  }
  const authorization: string[] = [];
  // IncomingMessage.headers keeps only the first Authorization line; rawHeaders keeps them all.
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    const value = req.rawHeaders[index + 1];
    if (req.rawHeaders[index]?.toLowerCase() === 'authorization' && value !== undefined) authorization.push(value);
  }
  return {
    authorization,
    get: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

// Structural, so a Request from another realm or runtime polyfill is recognised too.
function isFetchRequest(req: AuthRequest): req is Request {
  return typeof (req.headers as Partial<Headers>).get === 'function';
}
