/** Which door the request came through. */
export type Transport = 'http' | 'ws';

/** The verified claims of the token. Registered claims the core checked are typed. */
export interface TokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly exp: number;
  readonly iat: number;
  readonly aud?: string | readonly string[];
  readonly [claim: string]: unknown;
}

interface ContextFields {
  userId: string;
  sessionId: string | null;
  threadId: string | null;
  requestId: string;
  issuer: string;
  expiresAt: number;
  transport: Transport;
  claims: TokenClaims;
}

// Only the core holds this key, so only a verified token can yield a context.
const SEAL: unique symbol = Symbol('auth-core.UserExecutionContext');

/**
 * Who is acting, established by a verified token. The one declaration of this
 * class in the codebase: HTTP handlers and WebSocket sessions share it, so
 * `instanceof UserExecutionContext` holds everywhere. Instances are frozen and
 * cannot be constructed outside the auth core.
 *
 * @canonical
 */
export class UserExecutionContext {
  /** The token's `sub`. */
  readonly userId: string;
  /** The token's `sid` claim, when it carries one. */
  readonly sessionId: string | null;
  /** The conversation thread the caller declared, if any; not an authentication fact. */
  readonly threadId: string | null;
  /** Correlation id for logs: the one the caller passed, or a fresh UUID. */
  readonly requestId: string;
  /** The token's `iss`, one of the configured issuers. */
  readonly issuer: string;
  /** The token's `exp`, in seconds since the Unix epoch. */
  readonly expiresAt: number;
  readonly transport: Transport;
  /** Every verified claim, deeply frozen. */
  readonly claims: TokenClaims;

  /** @internal The auth core creates contexts; application code receives them. */
  constructor(seal: typeof SEAL, fields: ContextFields) {
    if (seal !== SEAL) {
      throw new TypeError('UserExecutionContext is created by the auth core from a verified token');
    }
    this.userId = fields.userId;
    this.sessionId = fields.sessionId;
    this.threadId = fields.threadId;
    this.requestId = fields.requestId;
    this.issuer = fields.issuer;
    this.expiresAt = fields.expiresAt;
    this.transport = fields.transport;
    this.claims = deepFreeze(fields.claims);
    Object.freeze(this);
  }

  /** The same verified identity, bound to a conversation thread. */
  withThreadId(threadId: string): UserExecutionContext {
    if (typeof threadId !== 'string' || threadId === '') throw new TypeError('threadId must be a non-empty string');
    return new UserExecutionContext(SEAL, { ...this, threadId });
  }
}

export function createUserExecutionContext(fields: ContextFields): UserExecutionContext {
  return new UserExecutionContext(SEAL, fields);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
