/**
 * `@ssot-lint/auth-core`: the one JWT verification path, for HTTP and WebSocket
 * alike. See its README.md.
 */
export { createAuthCore, type AuthCore, type AuthenticateOptions } from './core.js';
export type { VerifyOptions } from './verify.js';
export type { AuthCoreConfig, IssuerConfig, WebSocketAuthConfig } from './config.js';
export type { JsonWebKeySet } from './keys.js';
export { SUPPORTED_ALGORITHMS, type JwsAlgorithm } from './algorithms.js';
export { UserExecutionContext, type TokenClaims, type Transport } from './context.js';
export {
  AUTH_ERRORS,
  AuthConfigError,
  AuthError,
  type AuthErrorCode,
  type AuthHttpStatus,
  type AuthWsCloseCode,
} from './errors.js';
export { AUTH_ENV_VARIABLES, configFromEnv, type AuthEnvVariable } from './env.js';
export { BEARER_PROTOCOL, type AuthRequest } from './credentials.js';
export { withHttpAuth, writeHttpAuthError, type AuthenticatedHandler } from './node-http.js';
export {
  createUpgradeHandler,
  rejectUpgrade,
  selectWebSocketProtocol,
  type AuthenticatedConnectionHandler,
  type UpgradeServer,
} from './websocket.js';
