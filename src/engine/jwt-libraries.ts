import type { JwtPrimitiveKind } from './types.js';

/**
 * The JWT libraries whose verification or decoding primitives `single-jwt-path` reports.
 * A binding is a module plus a member path: `import jwt from 'jsonwebtoken'` binds `jwt` to
 * (`jsonwebtoken`, []), so `jwt.verify` is (`jsonwebtoken`, ['verify']).
 */
export interface JwtLibrary {
  module: string;
  /** Member path that `import x from` binds (CommonJS libraries export the module object). */
  defaultPath: string[];
  /** Member path that `require()` returns. */
  requirePath: string[];
  primitives: { path: string[]; kind: JwtPrimitiveKind }[];
}

const INSTANCE = '#instance';

export const JWT_LIBRARIES: readonly JwtLibrary[] = [
  {
    module: 'jsonwebtoken',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['verify'], kind: 'verify' },
      { path: ['decode'], kind: 'decode' },
    ],
  },
  {
    module: 'jose',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['jwtVerify'], kind: 'verify' },
      { path: ['jwtDecrypt'], kind: 'verify' },
      { path: ['compactVerify'], kind: 'verify' },
      { path: ['flattenedVerify'], kind: 'verify' },
      { path: ['generalVerify'], kind: 'verify' },
      { path: ['decodeJwt'], kind: 'decode' },
      // jose v1/v2 (`const { JWT, JWK } = require('jose')`).
      { path: ['JWT', 'verify'], kind: 'verify' },
      { path: ['JWT', 'decode'], kind: 'decode' },
      { path: ['JWS', 'verify'], kind: 'verify' },
    ],
  },
  {
    module: 'jwt-simple',
    defaultPath: [],
    requirePath: [],
    // `decode(token, key)` verifies the signature unless told not to.
    primitives: [{ path: ['decode'], kind: 'verify' }],
  },
  {
    module: 'node-jose',
    defaultPath: [],
    requirePath: [],
    primitives: [{ path: ['JWS', 'createVerify'], kind: 'verify' }],
  },
  {
    module: 'react-jwt',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['decodeToken'], kind: 'decode' },
      { path: ['useJwt'], kind: 'decode' },
    ],
  },
  {
    module: 'arctic',
    defaultPath: [],
    requirePath: [],
    primitives: [{ path: ['decodeIdToken'], kind: 'decode' }],
  },
  {
    module: 'next-auth/jwt',
    defaultPath: [],
    requirePath: [],
    // next-auth's `decode` decrypts the session token with the secret: a verification.
    primitives: [
      { path: ['decode'], kind: 'verify' },
      { path: ['getToken'], kind: 'verify' },
    ],
  },
  {
    module: 'jwt-decode',
    defaultPath: ['default'],
    requirePath: ['default'],
    primitives: [
      { path: ['jwtDecode'], kind: 'decode' },
      { path: ['default'], kind: 'decode' },
    ],
  },
  {
    module: '@nestjs/jwt',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['JwtService', INSTANCE, 'verify'], kind: 'verify' },
      { path: ['JwtService', INSTANCE, 'verifyAsync'], kind: 'verify' },
      { path: ['JwtService', INSTANCE, 'decode'], kind: 'decode' },
    ],
  },
  {
    module: 'fast-jwt',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['createVerifier'], kind: 'verify' },
      { path: ['createDecoder'], kind: 'decode' },
    ],
  },
  {
    module: 'passport-jwt',
    defaultPath: [],
    requirePath: [],
    primitives: [{ path: ['Strategy'], kind: 'verify' }],
  },
  {
    module: 'express-jwt',
    defaultPath: ['default'],
    requirePath: [],
    primitives: [
      { path: ['expressjwt'], kind: 'verify' },
      { path: ['default'], kind: 'verify' },
    ],
  },
  {
    module: 'koa-jwt',
    defaultPath: ['default'],
    requirePath: ['default'],
    primitives: [{ path: ['default'], kind: 'verify' }],
  },
  {
    module: 'hono/jwt',
    defaultPath: [],
    requirePath: [],
    primitives: [
      { path: ['verify'], kind: 'verify' },
      { path: ['decode'], kind: 'decode' },
      { path: ['jwt'], kind: 'verify' },
    ],
  },
];

export const INSTANCE_MARKER = INSTANCE;

/** Members whose second argument is the key: `verify(token, key)`, `sign(payload, key)`, jwt-simple's `encode`. */
const KEY_SECOND =
  /^(sign|verify|encode|decode|jwtVerify|jwtDecrypt|compactVerify|flattenedVerify|generalVerify|compactDecrypt|createSign)$/;
/** Members whose first argument is the key: jose's `importPKCS8(pem, alg)`, node-jose's `JWK.asKey(key)`. */
const KEY_FIRST = /^(importPKCS8|importSPKI|importX509|importJWK|asKey|createVerify)$/;

/** Which argument of a JWT-library member carries the key, when one does. */
export function keyArgumentIndex(module: string, path: readonly string[]): number | undefined {
  if (!jwtLibrary(module)) return undefined;
  const member = path.at(-1);
  if (member === undefined) return undefined;
  if (KEY_FIRST.test(member)) return 0;
  if (KEY_SECOND.test(member)) return 1;
  return undefined;
}

/** jose's public-key imports: a literal there is a published key, not a secret. */
export function importsPublicKey(path: readonly string[]): boolean {
  const member = path.at(-1);
  return member === 'importSPKI' || member === 'importX509';
}

/** Classes whose instances are JWT services (`private jwt: JwtService` binds `this.jwt`). */
export const JWT_SERVICE_CLASSES: readonly { module: string; name: string }[] = [
  { module: '@nestjs/jwt', name: 'JwtService' },
];

export function jwtLibrary(specifier: string): JwtLibrary | undefined {
  return JWT_LIBRARIES.find((library) => library.module === specifier);
}

export function primitiveFor(
  module: string,
  path: readonly string[],
): { name: string; kind: JwtPrimitiveKind } | undefined {
  const library = jwtLibrary(module);
  const primitive = library?.primitives.find(
    (candidate) => candidate.path.length === path.length && candidate.path.every((part, index) => part === path[index]),
  );
  if (!primitive) return undefined;
  const shown = primitive.path.filter((part) => part !== INSTANCE);
  return {
    name: `${module}.${shown.length > 1 ? `${shown[0]}#${shown.slice(1).join('.')}` : shown[0]}`,
    kind: primitive.kind,
  };
}

/** Every member name that is a primitive somewhere: the names worth following through barrels. */
export const PRIMITIVE_NAMES: ReadonlySet<string> = new Set(
  JWT_LIBRARIES.flatMap((library) => library.primitives.map((primitive) => primitive.path.at(-1)!)).filter(
    (name) => name !== 'default',
  ),
);

/**
 * The reference auth core, the one path the rules steer to: the package `@ssot-lint/auth-core`,
 * and `ssot-lint/auth-core`, where ssot-lint 0.1 shipped it. Calls into it are the sanctioned
 * verification, and a project that imports it has its auth core there.
 */
export const AUTH_CORE_PACKAGES: readonly string[] = ['@ssot-lint/auth-core', 'ssot-lint/auth-core'];

/** The auth core's name in messages and in `ssot paths`. */
export const AUTH_CORE_PACKAGE = AUTH_CORE_PACKAGES[0]!;

/** Whether a module specifier names the auth core package or one of its entry points (`/testing`). */
export function isAuthCorePackage(specifier: string): boolean {
  return AUTH_CORE_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}
