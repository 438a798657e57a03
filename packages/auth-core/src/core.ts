import { resolveConfig, type AuthCoreConfig } from './config.js';
import type { UserExecutionContext } from './context.js';
import { extractCredentials, type AuthRequest, type Credentials } from './credentials.js';
import { toAuthError } from './errors.js';
import { verify, type VerifyOptions } from './verify.js';

export interface AuthenticateOptions {
  /** Correlation id to record on the context; a UUID is generated when absent. */
  requestId?: string;
  /** Conversation thread the caller is acting in, if known. */
  threadId?: string;
}

export interface AuthCore {
  /** Verifies a bearer token. Resolves to a context, or rejects with an AuthError. */
  verifyToken(token: string, options: VerifyOptions): Promise<UserExecutionContext>;
  /**
   * Authenticates an HTTP request or a WebSocket upgrade (Node IncomingMessage or
   * Fetch Request): finds the one token, verifies it, records the transport.
   * Rejects with an AuthError.
   */
  authenticate(req: AuthRequest, options?: AuthenticateOptions): Promise<UserExecutionContext>;
  /** The realm used in WWW-Authenticate challenges. */
  readonly realm: string;
}

/**
 * Builds the auth core. Validates the whole configuration first and throws an
 * AuthConfigError naming the bad key, so a misconfigured service does not start.
 */
export async function createAuthCore(config: AuthCoreConfig): Promise<AuthCore> {
  const resolved = await resolveConfig(config);
  const { realm } = resolved;

  async function verifyToken(token: string, options: VerifyOptions): Promise<UserExecutionContext> {
    // A wrong transport is a programming error, not a rejected request.
    if (options?.transport !== 'http' && options?.transport !== 'ws') {
      throw new TypeError('verifyToken: options.transport must be "http" or "ws"');
    }
    try {
      return await verify(resolved, token, options);
    } catch (error) {
      throw toAuthError(error, realm);
    }
  }

  async function authenticate(req: AuthRequest, options: AuthenticateOptions = {}): Promise<UserExecutionContext> {
    let credentials: Credentials;
    try {
      credentials = extractCredentials(req, resolved);
    } catch (error) {
      throw toAuthError(error, realm);
    }
    return verifyToken(credentials.token, { ...options, transport: credentials.transport });
  }

  return Object.freeze({ verifyToken, authenticate, realm });
}
