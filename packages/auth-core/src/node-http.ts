import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthCore } from './core.js';
import type { UserExecutionContext } from './context.js';
import { AuthError } from './errors.js';

export type AuthenticatedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  context: UserExecutionContext,
) => void | Promise<void>;

/**
 * Wraps a `node:http` handler so it runs only with a verified context. A
 * refused request is answered here (status, WWW-Authenticate, JSON body). An
 * unexpected error while authenticating is answered with 500 and re-thrown, so
 * it is not swallowed; errors from `handler` propagate unchanged.
 */
export function withHttpAuth(
  core: AuthCore,
  handler: AuthenticatedHandler,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let context: UserExecutionContext;
    try {
      context = await core.authenticate(req);
    } catch (error) {
      if (error instanceof AuthError) {
        writeHttpAuthError(res, error);
        return;
      }
      if (!res.headersSent) res.writeHead(500).end();
      throw error;
    }
    await handler(req, res, context);
  };
}

/** Writes an AuthError as an HTTP response: `{ "error": code, "error_description": message }`. */
export function writeHttpAuthError(res: ServerResponse, error: AuthError): void {
  const body = JSON.stringify({ error: error.code, error_description: error.message });
  res.writeHead(error.httpStatus, {
    'WWW-Authenticate': error.wwwAuthenticate,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
