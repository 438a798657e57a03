/** Why a request or token was refused. One code per client-visible outcome. */
export type AuthErrorCode =
  'missing_credentials' | 'invalid_request' | 'invalid_token' | 'token_expired' | 'auth_unavailable';

/** How each code surfaces on the wire: HTTP status, WebSocket close code, RFC 6750 `error` attribute. */
export const AUTH_ERRORS = Object.freeze({
  missing_credentials: Object.freeze({ httpStatus: 401, wsCloseCode: 4401, rfc6750: undefined }),
  invalid_request: Object.freeze({ httpStatus: 400, wsCloseCode: 4400, rfc6750: 'invalid_request' }),
  invalid_token: Object.freeze({ httpStatus: 401, wsCloseCode: 4401, rfc6750: 'invalid_token' }),
  token_expired: Object.freeze({ httpStatus: 401, wsCloseCode: 4401, rfc6750: 'invalid_token' }),
  auth_unavailable: Object.freeze({ httpStatus: 503, wsCloseCode: 1011, rfc6750: undefined }),
} as const satisfies Record<
  AuthErrorCode,
  { httpStatus: 400 | 401 | 503; wsCloseCode: 4400 | 4401 | 1011; rfc6750: string | undefined }
>);

export type AuthHttpStatus = (typeof AUTH_ERRORS)[AuthErrorCode]['httpStatus'];
export type AuthWsCloseCode = (typeof AUTH_ERRORS)[AuthErrorCode]['wsCloseCode'];

export const DEFAULT_REALM = 'api';

/**
 * The only error the core throws at a caller for a refused request. Every
 * rejection, from a missing header to a key-set outage, is one of these.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;
  readonly httpStatus: AuthHttpStatus;
  readonly wsCloseCode: AuthWsCloseCode;
  /** Value for the `WWW-Authenticate` response header (RFC 6750 section 3). */
  readonly wwwAuthenticate: string;

  constructor(code: AuthErrorCode, description: string, options: { realm?: string; cause?: unknown } = {}) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = AUTH_ERRORS[code];
    this.code = code;
    this.httpStatus = entry.httpStatus;
    this.wsCloseCode = entry.wsCloseCode;
    this.wwwAuthenticate = bearerChallenge(options.realm ?? DEFAULT_REALM, entry.rfc6750, description);
  }
}

/**
 * Thrown when the configuration is unusable. The message is one line naming
 * the offending key, so a failed start-up says exactly what to fix.
 */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
  /** The configuration key (or environment variable) at fault, e.g. `issuers[0].secret`. */
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`auth-core config: ${key} ${problem}`);
    this.key = key;
  }
}

/**
 * Internal rejection: modules below the core's boundary throw this and the
 * boundary turns it into an AuthError carrying the configured realm.
 */
export class Rejection extends Error {
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, description: string, cause?: unknown) {
    super(description, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

export function toAuthError(error: unknown, realm: string): AuthError {
  if (error instanceof Rejection) {
    return new AuthError(error.code, error.message, { realm, cause: error.cause });
  }
  if (error instanceof AuthError) return error;
  // Fail closed: an error nobody anticipated must never let a request through.
  return new AuthError('invalid_token', 'token could not be verified', { realm, cause: error });
}

// RFC 6750 section 3: quoted values may only use %x20-21 / %x23-5B / %x5D-7E.
function quoted(value: string): string {
  return `"${value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '')}"`;
}

function bearerChallenge(realm: string, error: string | undefined, description: string): string {
  const parts = [`Bearer realm=${quoted(realm)}`];
  // A request without credentials gets a bare challenge (RFC 6750 section 3.1).
  if (error !== undefined) parts.push(`error=${quoted(error)}`, `error_description=${quoted(description)}`);
  return parts.join(', ');
}
