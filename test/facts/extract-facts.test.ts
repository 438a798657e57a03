import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/engine/types.js';
import { bundledTypeScript } from '../../src/project/typescript.js';
import { parseText } from '../../src/project/parse-file.js';

function facts(code: string, file = 'src/auth/example.ts'): FileFacts {
  const outcome = parseText(bundledTypeScript(), code, file);
  if ('skipped' in outcome) throw new Error(outcome.skipped);
  return outcome.facts;
}

const at = (items: { span: { line: number; column: number } }[]) =>
  items.map((item) => `${item.span.line}:${item.span.column}`);

describe('JWT primitive uses', () => {
  it.each([
    ['named import', "import { verify } from 'jsonwebtoken';\nverify(t, k);", 'jsonwebtoken.verify', '2:1'],
    ['alias', "import { verify as check } from 'jsonwebtoken';\ncheck(t, k);", 'jsonwebtoken.verify', '2:1'],
    ['default import', "import jwt from 'jsonwebtoken';\njwt.verify(t, k);", 'jsonwebtoken.verify', '2:1'],
    [
      'namespace import',
      "import * as jwt from 'jsonwebtoken';\nconst c = jwt.decode(t);",
      'jsonwebtoken.decode',
      '2:11',
    ],
    ['require', "const jwt = require('jsonwebtoken');\njwt.verify(t, k);", 'jsonwebtoken.verify', '2:1'],
    ['destructured require', "const { verify: v } = require('jsonwebtoken');\nv(t, k);", 'jsonwebtoken.verify', '2:1'],
    ['inline require', "require('jsonwebtoken').verify(t, k);", 'jsonwebtoken.verify', '1:1'],
    [
      'destructured namespace',
      "import * as jose from 'jose';\nconst { jwtVerify } = jose;\nawait jwtVerify(t, k);",
      'jose.jwtVerify',
      '3:7',
    ],
    ['dynamic import', "const jose = await import('jose');\nawait jose.jwtVerify(t, k);", 'jose.jwtVerify', '2:7'],
    [
      'destructured dynamic import',
      "const { decodeJwt } = await import('jose');\ndecodeJwt(t);",
      'jose.decodeJwt',
      '2:1',
    ],
    [
      'variable alias',
      "import jwt from 'jsonwebtoken';\nconst v = jwt.verify;\nv(t, k);",
      'jsonwebtoken.verify',
      '3:1',
    ],
    ['jwt-decode default', "import jwtDecode from 'jwt-decode';\njwtDecode(t);", 'jwt-decode.default', '2:1'],
    ['jwt-decode named', "import { jwtDecode } from 'jwt-decode';\njwtDecode(t);", 'jwt-decode.jwtDecode', '2:1'],
    [
      'passport-jwt strategy',
      "import { Strategy as JwtStrategy } from 'passport-jwt';\npassport.use(new JwtStrategy(o, cb));",
      'passport-jwt.Strategy',
      '2:14',
    ],
    [
      'passport-jwt in extends',
      "import { Strategy } from 'passport-jwt';\nexport class J extends PassportStrategy(Strategy) {}",
      'passport-jwt.Strategy',
      '2:41',
    ],
    [
      'nest JwtService field',
      "import { JwtService } from '@nestjs/jwt';\nclass A { constructor(private readonly jwtService: JwtService) {}\n  m(t: string) { return this.jwtService.verifyAsync(t); } }",
      '@nestjs/jwt.JwtService#verifyAsync',
      '3:25',
    ],
    [
      'fast-jwt',
      "import { createVerifier } from 'fast-jwt';\nconst verifyToken = createVerifier({ key: k });",
      'fast-jwt.createVerifier',
      '2:21',
    ],
    [
      'express-jwt',
      "import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: s, algorithms: ['HS256'] }));",
      'express-jwt.expressjwt',
      '2:9',
    ],
    ['koa-jwt', "import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: s }));", 'koa-jwt.default', '2:9'],
    [
      'hono middleware',
      "import { jwt } from 'hono/jwt';\napp.use('/api/*', jwt({ secret: s }));",
      'hono/jwt.jwt',
      '2:19',
    ],
    [
      '@fastify/jwt request',
      'async function h(request) { await request.jwtVerify(); }',
      '@fastify/jwt.jwtVerify',
      '1:35',
    ],
    ['@fastify/jwt instance', 'fastify.jwt.verify(token);', '@fastify/jwt.jwt.verify', '1:1'],
  ])('%s', (_name, code, primitive, position) => {
    const uses = facts(code).jwtUses;
    expect(uses.map((use) => use.primitive)).toEqual([primitive]);
    expect(at(uses)).toEqual([position]);
  });

  it.each([
    ['a local verify()', 'function verify(x: string) { return x.length > 0; }\nverify(t);'],
    [
      'a verify method on another object',
      "import crypto from 'node:crypto';\ncrypto.verify('sha256', d, k, s);\nsignature.verify(x);",
    ],
    [
      'signing',
      "import jwt from 'jsonwebtoken';\nimport { SignJWT } from 'jose';\njwt.sign(p, key);\nawait new SignJWT(p).sign(key);",
    ],
    ['a type-only import', "import type { JwtPayload } from 'jsonwebtoken';\nlet p: JwtPayload;"],
    ['the import statement itself', "import { verify } from 'jsonwebtoken';\nexport {};"],
    ['jwt.verify on an unrelated jwt object', 'const jwt = makeClient();\njwt.verify(t);'],
    ["a service's own jwtVerify method", 'await this.authService.jwtVerify(token);'],
  ])('not %s', (_name, code) => {
    expect(facts(code).jwtUses).toEqual([]);
  });
});

describe('environment conditions', () => {
  it.each([
    ['process.env.NODE_ENV', "if (process.env.NODE_ENV === 'production') {}", 'process.env.NODE_ENV'],
    ['bracket access', "if (process.env['APP_ENV'] !== 'dev') {}", 'process.env.APP_ENV'],
    [
      'a tainted const',
      "const environment = process.env.ENVIRONMENT ?? 'dev';\nconst strict = ['staging', 'production'].includes(environment);\nif (strict) {}",
      'process.env.ENVIRONMENT',
    ],
    [
      'destructured env',
      "const { NODE_ENV } = process.env;\nconst x = NODE_ENV === 'test' ? a : b;",
      'process.env.NODE_ENV',
    ],
    ['import.meta.env', 'if (import.meta.env.PROD) {}', 'import.meta.env.PROD'],
    ['a config field', "if (config.environment === 'staging') {}", 'config.environment'],
    ['a helper', 'if (isProduction()) {}', 'isProduction()'],
    ['a config getter', "switch (configService.get('NODE_ENV')) { default: }", "configService.get('NODE_ENV')"],
    ['a guard', 'isStaging() && skipVerification();', 'isStaging()'],
  ])('%s', (_name, code, dependsOn) => {
    expect(facts(code).envConditions.map((condition) => condition.dependsOn)).toEqual([dependsOn]);
  });

  it.each([
    ['a default value', "const env = process.env.NODE_ENV || 'development';"],
    ['an unrelated variable', 'if (process.env.PORT) {}'],
    ['a request header named env', "if (req.headers.env === 'x') {}"],
    ['a cache entry named env', "if (cache.get('env')) {}"],
  ])('not %s', (_name, code) => {
    expect(facts(code).envConditions).toEqual([]);
  });

  it('records the enclosing auth-named function', () => {
    const [condition] = facts(
      "function validateToken(t) {\n  if (process.env.NODE_ENV === 'test') return true;\n}",
      'src/lib/misc.ts',
    ).envConditions;
    expect(condition?.authScope).toBe('validateToken');
    const [plain] = facts(
      "function getAuthor() {\n  if (process.env.NODE_ENV === 'test') return 1;\n}",
      'src/lib/misc.ts',
    ).envConditions;
    expect(plain?.authScope).toBeUndefined();
  });
});

describe('secret reads', () => {
  it.each([
    ['process.env.JWT_SECRET', 'const s = process.env.JWT_SECRET;', 'JWT_SECRET', '1:11'],
    ['a staging variant', "const s = process.env['JWT_SECRET_STAGING'];", 'JWT_SECRET_STAGING', '1:11'],
    ['a key', 'const k = process.env.AUTH_JWT_PUBLIC_KEY;', 'AUTH_JWT_PUBLIC_KEY', '1:11'],
    ['destructured', 'const { JWT_SECRET_KEY } = process.env;', 'JWT_SECRET_KEY', '1:9'],
    ['a config getter', "const s = config.get('jwt.secret');", 'jwt.secret', '1:11'],
    ['a Nest ConfigService', "const s = this.configService.getOrThrow<string>('JWT_SECRET');", 'JWT_SECRET', '1:11'],
  ])('%s', (_name, code, name, position) => {
    const reads = facts(code).secretReads;
    expect(reads.map((read) => read.name)).toEqual([name]);
    expect(at(reads)).toEqual([position]);
  });

  it.each([
    ['process.env.PORT', 'const p = process.env.PORT;'],
    ['a cookie session secret', 'const s = process.env.SESSION_SECRET;'],
    ['an API key', 'const k = process.env.STRIPE_API_KEY;'],
  ])('not %s', (_name, code) => {
    expect(facts(code).secretReads).toEqual([]);
  });
});

describe('bypasses', () => {
  it.each([
    ['a bypass header', "if (req.headers['x-e2e-test'] === 'true') next();", 'bypass-header', '1:5'],
    ['a header getter', "const e2e = req.get('X-Test-Mode');", 'bypass-header', '1:13'],
    ['a token pattern', "if (token.includes('staging-e2e-user')) return ok();", 'token-content-check', '1:5'],
    [
      'a pattern list',
      "const P = ['staging-e2e-user', 'test-user'];\nconst hit = P.some((p) => token.includes(p));",
      'token-content-check',
      '2:27',
    ],
    ['a regex', 'if (/^e2e-/.test(accessToken)) {}', 'token-content-check', '1:5'],
    ['a literal token', "if (token === 'letmein') {}", 'token-content-check', '1:5'],
    [
      'ignoreExpiration',
      "import jwt from 'jsonwebtoken';\njwt.verify(t, k, { ignoreExpiration: true });",
      'ignore-expiration',
      '2:20',
    ],
    [
      'alg none',
      "import jwt from 'jsonwebtoken';\njwt.verify(t, k, { algorithms: ['HS256', 'none'] });",
      'algorithm-none',
      '2:42',
    ],
    [
      'a literal key',
      "import jwt from 'jsonwebtoken';\njwt.sign(p, 'staging-e2e-jwt-secret-for-testing');",
      'hardcoded-secret',
      '2:13',
    ],
    [
      'a literal key via const',
      "import jwt from 'jsonwebtoken';\nconst SECRET = 'dev-secret';\njwt.verify(t, SECRET);",
      'hardcoded-secret',
      '2:16',
    ],
    [
      'an encoded literal',
      "import { jwtVerify } from 'jose';\nawait jwtVerify(t, new TextEncoder().encode('abc123'));",
      'hardcoded-secret',
      '2:45',
    ],
    [
      'a literal in options',
      "import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: 'changeme' });",
      'hardcoded-secret',
      '2:30',
    ],
    ['a fallback secret', "const s = process.env.JWT_SECRET || 'dev-secret';", 'fallback-secret', '1:37'],
  ])('%s', (_name, code, kind, position) => {
    const bypasses = facts(code).bypasses;
    expect(bypasses.map((bypass) => bypass.kind)).toEqual([kind]);
    expect(at(bypasses)).toEqual([position]);
  });

  it.each([
    ['parsing the Authorization header', "if (authHeader.startsWith('Bearer ')) {}"],
    ['a token type check', "if (tokenType === 'Bearer') {}"],
    ['an empty token check', "if (token === '') {}"],
    ['a JWT shape check', "if (!token.includes('.')) throw new Error('malformed');"],
    ['a secret from configuration', "import jwt from 'jsonwebtoken';\njwt.verify(t, process.env.JWT_SECRET!);"],
    ['express-session options', "app.use(session({ secret: 'keyboard cat' }));"],
    ['an ordinary header', "const id = req.headers['x-request-id'];"],
  ])('not %s', (_name, code) => {
    expect(facts(code).bypasses).toEqual([]);
  });
});

describe('classes and modules', () => {
  it('collects top-level classes with members, default exports and class expressions', () => {
    const result = facts(
      [
        '/** @canonical */',
        'export class UserExecutionContext {',
        '  constructor(public readonly userId: string, private websocket_client_id?: string, plain?: number) {}',
        '  threadId = "";',
        '  get id() { return this.userId; }',
        '  toJSON() { return {}; }',
        '}',
        'export default class Other {}',
        'const Expr = class { a = 1 };',
        'declare class Ambient {}',
        'function f() { class Local {} }',
      ].join('\n'),
    );
    expect(result.classes.map((item) => [item.name, item.members, item.canonicalTag])).toEqual([
      ['UserExecutionContext', ['userId', 'websocket_client_id', 'threadId', 'id', 'toJSON'], true],
      ['Other', [], false],
      ['Expr', ['a'], false],
    ]);
    expect(result.defaultExportName).toBe('Other');
  });

  it('records re-exports and CommonJS exports for barrels', () => {
    const result = facts(
      "export { A, B as C } from './a';\nexport * from './b';\nexport * as ns from './c';\nmodule.exports = { D };\nexports.E = E;",
      'src/index.js',
    );
    expect(result.exports).toEqual([
      { exported: 'A', from: './a', imported: 'A' },
      { exported: 'C', from: './a', imported: 'B' },
      { exported: '*', from: './b' },
      { exported: 'ns', from: './c', imported: '*' },
      { exported: 'D', local: 'D' },
      { exported: 'E', local: 'E' },
    ]);
  });

  it('records namespace member uses of local modules', () => {
    const result = facts(
      "import * as models from './models';\nconst m = require('./more');\nnew models.User();\nm.Other;",
    );
    expect(result.memberUses.map((use) => `${use.object}.${use.member}@${use.span.line}:${use.span.column}`)).toEqual([
      'models.User@3:5',
      'm.Other@4:1',
    ]);
  });
});

describe('suppressions', () => {
  it('reads next-line, line and block directives that name ssot rules', () => {
    const result = facts(
      [
        '// eslint-disable-next-line ssot/single-jwt-path -- migrating in #42',
        'a();',
        'b(); // eslint-disable-line ssot/no-auth-bypass',
        '/* eslint-disable ssot/no-env-branching-auth */',
        '// eslint-disable-next-line no-console',
        '/* eslint-enable ssot/no-env-branching-auth */',
      ].join('\n'),
    );
    expect(result.suppressions).toEqual([
      { kind: 'next-line', line: 2, column: 1, rules: ['ssot/single-jwt-path'] },
      { kind: 'line', line: 3, column: 6, rules: ['ssot/no-auth-bypass'] },
      { kind: 'block-start', line: 4, column: 1, rules: ['ssot/no-env-branching-auth'] },
      { kind: 'block-end', line: 6, column: 1, rules: ['ssot/no-env-branching-auth'] },
    ]);
  });
});
