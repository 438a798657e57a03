import type { JwtPrimitiveKind } from '../types.js';

/**
 * Python JWT libraries, by the qualified name a call resolves to through the file's imports:
 * `import jwt` then `jwt.decode` is `jwt.decode` (PyJWT); `from jose import jwt` then `jwt.decode`
 * is `jose.jwt.decode`. `Class#method` is a method of an instance of a library class (a parameter
 * annotated with it, or a variable holding one). Kept apart from the TypeScript table: `jose` is
 * both an npm package and a Python one, with different primitives.
 */
export const PYTHON_JWT_PRIMITIVES: ReadonlyMap<string, JwtPrimitiveKind> = new Map([
  // PyJWT
  ['jwt.decode', 'verify'],
  ['jwt.decode_complete', 'verify'],
  ['jwt.api_jwt.decode', 'verify'],
  ['jwt.PyJWT#decode', 'verify'],
  ['jwt.get_unverified_header', 'decode'],
  // python-jose
  ['jose.jwt.decode', 'verify'],
  ['jose.jws.verify', 'verify'],
  ['jose.jwe.decrypt', 'verify'],
  ['jose.jwt.get_unverified_claims', 'decode'],
  ['jose.jwt.get_unverified_header', 'decode'],
  ['jose.jwt.get_unverified_headers', 'decode'],
  ['jose.jws.get_unverified_claims', 'decode'],
  ['jose.jws.get_unverified_header', 'decode'],
  ['jose.jws.get_unverified_headers', 'decode'],
  // joserfc and authlib
  ['joserfc.jwt.decode', 'verify'],
  ['authlib.jose.jwt.decode', 'verify'],
  ['authlib.jose.JsonWebToken#decode', 'verify'],
  ['authlib.jose.JsonWebSignature#deserialize_compact', 'verify'],
  // flask-jwt-extended: `@jwt_required()` verifies the request's token before the view runs.
  ['flask_jwt_extended.decode_token', 'verify'],
  ['flask_jwt_extended.verify_jwt_in_request', 'verify'],
  ['flask_jwt_extended.jwt_required', 'verify'],
  // fastapi-jwt-auth (and its async fork): `Authorize: AuthJWT = Depends()`, then `Authorize.jwt_required()`.
  ...['fastapi_jwt_auth', 'async_fastapi_jwt_auth'].flatMap((module) =>
    [
      'jwt_required',
      'jwt_optional',
      'jwt_refresh_token_required',
      'fresh_jwt_required',
      'get_raw_jwt',
      'get_jwt_subject',
    ].map((method) => [`${module}.AuthJWT#${method}`, 'verify'] as const),
  ),
  // djangorestframework-simplejwt: constructing a token class from a string verifies it.
  ['rest_framework_simplejwt.tokens.AccessToken', 'verify'],
  ['rest_framework_simplejwt.tokens.RefreshToken', 'verify'],
  ['rest_framework_simplejwt.tokens.UntypedToken', 'verify'],
  ['rest_framework_simplejwt.tokens.SlidingToken', 'verify'],
  ['rest_framework_simplejwt.authentication.JWTAuthentication#authenticate', 'verify'],
  ['rest_framework_simplejwt.authentication.JWTAuthentication#get_validated_token', 'verify'],
  ['rest_framework_simplejwt.backends.TokenBackend#decode', 'verify'],
]);

/** Token classes that verify only when built from a token (`AccessToken(raw)`); `AccessToken()` and `RefreshToken.for_user(u)` issue one. */
export const VERIFY_WHEN_GIVEN_A_TOKEN = new Set([
  'rest_framework_simplejwt.tokens.AccessToken',
  'rest_framework_simplejwt.tokens.RefreshToken',
  'rest_framework_simplejwt.tokens.UntypedToken',
  'rest_framework_simplejwt.tokens.SlidingToken',
]);

/** Library classes whose instances carry JWT primitives as methods. */
export const PYTHON_JWT_CLASSES = new Set(
  [...PYTHON_JWT_PRIMITIVES.keys()]
    .filter((name) => name.includes('#'))
    .map((name) => name.slice(0, name.indexOf('#'))),
);

/** The top-level modules of those libraries: any call into them makes the code around it auth code. */
export const PYTHON_JWT_MODULES = new Set([
  'jwt',
  'jose',
  'joserfc',
  'authlib',
  'flask_jwt_extended',
  'fastapi_jwt_auth',
  'async_fastapi_jwt_auth',
  'rest_framework_simplejwt',
]);

/** Calls that sign a token. */
export const PYTHON_SIGNING_CALLS = new Set([
  'jwt.encode',
  'jose.jwt.encode',
  'jose.jws.sign',
  'joserfc.jwt.encode',
  'authlib.jose.jwt.encode',
  'flask_jwt_extended.create_access_token',
  'flask_jwt_extended.create_refresh_token',
  'fastapi_jwt_auth.AuthJWT#create_access_token',
  'fastapi_jwt_auth.AuthJWT#create_refresh_token',
  'rest_framework_simplejwt.tokens.RefreshToken.for_user',
  'rest_framework_simplejwt.tokens.AccessToken.for_user',
]);

/** Calls whose second positional argument (or one of these keywords) is the signing or verification key. */
export const KEY_ARGUMENT_CALLS = new Set([
  'jwt.decode',
  'jwt.decode_complete',
  'jwt.encode',
  'jose.jwt.decode',
  'jose.jwt.encode',
  'jose.jws.verify',
  'jose.jws.sign',
  'joserfc.jwt.decode',
  'joserfc.jwt.encode',
  'authlib.jose.jwt.decode',
  'authlib.jose.jwt.encode',
]);
export const KEY_KEYWORDS = new Set(['key', 'secret', 'signing_key', 'verifying_key', 'secret_key']);

/** Sign-in calls of the Python frameworks: flask-login's `login_user`, Django's `auth.login`. */
export const PYTHON_SIGN_IN_CALLS = new Set(['flask_login.login_user', 'django.contrib.auth.login']);
