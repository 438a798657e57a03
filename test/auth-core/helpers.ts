import { createHmac, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { AuthError, type AuthCore, type AuthErrorCode, type Transport } from '../../packages/auth-core/src/index.js';

export const b64url = (text: string | Buffer): string => Buffer.from(text).toString('base64url');

/**
 * Signs raw JSON text, so tests can build what jose refuses to produce:
 * duplicate member names, `1e400`, `alg: none`, unknown `crit` entries.
 */
export function forge(
  header: string | Record<string, unknown>,
  payload: string | Record<string, unknown>,
  key: { alg: 'ES256' | 'ES384' | 'RS256'; privateKey: KeyObject } | { alg: 'HS256'; secret: Buffer | string },
): string {
  const text = (value: string | Record<string, unknown>): string =>
    typeof value === 'string' ? value : JSON.stringify(value);
  const signingInput = `${b64url(text(header))}.${b64url(text(payload))}`;
  let signature: Buffer;
  if (key.alg === 'HS256') {
    signature = createHmac('sha256', key.secret).update(signingInput).digest();
  } else if (key.alg === 'RS256') {
    signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
  } else {
    const hash = key.alg === 'ES256' ? 'sha256' : 'sha384';
    signature = sign(hash, Buffer.from(signingInput), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  }
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Asserts a verification is refused with `code` and yields no context; returns the error. */
export async function expectRejected(
  attempt: Promise<unknown>,
  code: AuthErrorCode,
  description?: RegExp,
): Promise<AuthError> {
  let context: unknown;
  let failure: unknown;
  try {
    context = await attempt;
  } catch (error) {
    failure = error;
  }
  expect(context).toBeUndefined();
  expect(failure).toBeInstanceOf(AuthError);
  const error = failure as AuthError;
  expect(error.code).toBe(code);
  if (description) expect(error.message).toMatch(description);
  return error;
}

export function rejectToken(
  core: AuthCore,
  token: string,
  code: AuthErrorCode,
  description?: RegExp,
  transport: Transport = 'http',
): Promise<AuthError> {
  return expectRejected(core.verifyToken(token, { transport }), code, description);
}

export interface TestServer {
  readonly server: Server;
  readonly url: string;
  /** Requests the server has received so far. */
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with an ephemeral port. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(404).end(),
): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
