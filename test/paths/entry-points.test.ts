import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPaths } from '../../src/paths/run-paths.js';
import type { PathsResult } from '../../src/paths/types.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { tempProject } from '../helpers/temp-project.js';

async function inventory(name: string): Promise<PathsResult> {
  return runPaths({ directory: path.join(fixturesRoot, 'paths', name), cache: false });
}

/** `label status [paths] [protectedBy]`: what each test asserts about the entry points. */
function entries(result: PathsResult): string[] {
  return result.entryPoints.map(
    (entry) =>
      `${entry.kind} ${entry.label} ${entry.status}${entry.paths.length ? ` ${entry.paths.join(',')}` : ''}${entry.protectedBy.length ? ` by ${entry.protectedBy.join(',')}` : ''}`,
  );
}

function primitives(result: PathsResult): string[] {
  return result.paths.flatMap((item) =>
    item.primitives.map((primitive) => `${item.id} ${primitive.primitive} ${primitive.file}:${primitive.line}`),
  );
}

describe('entry points are found, not configured', () => {
  it('Express: routes, route-level middleware, router middleware protecting later routes', async () => {
    const result = await inventory('express');
    expect(entries(result)).toEqual([
      'http-route GET /health unauthenticated',
      'http-route GET /me validates P1',
      'http-middleware admin.use(requireUser) validates P1',
      'http-route DELETE /users/:id protected by E3',
      "http-middleware app.use('/admin', admin) layer",
    ]);
    expect(primitives(result)).toEqual(['P1 jsonwebtoken.verify src/auth.ts:6']);
  });

  it('Koa: router.use in front of the routes registered after it', async () => {
    const result = await inventory('koa');
    expect(entries(result)).toEqual([
      'http-route GET /public unauthenticated',
      'http-middleware router.use(authenticate) validates P1',
      'http-route POST /orders protected by E2',
      'http-middleware app.use(router.routes()) layer',
    ]);
    expect(result.paths[0]!.secretSources).toEqual(['S1']);
  });

  it('Fastify: route options with a preHandler that reaches a verifier built at module level', async () => {
    const result = await inventory('fastify');
    expect(entries(result)).toEqual(['http-route GET /profile validates P1', 'http-route GET /status unauthenticated']);
    expect(primitives(result)).toEqual(['P1 fast-jwt.createVerifier src/verify.ts:3']);
  });

  it('Hono: the jwt() middleware as a primitive used in the registration itself', async () => {
    const result = await inventory('hono');
    expect(entries(result)).toEqual([
      "http-middleware app.use('/api/*', jwt({ secret: 'it-is-very-secret' })) validates P1",
      'http-route GET /api/me protected by E1',
      'http-route GET / unauthenticated',
    ]);
    expect(result.paths[0]!.bypasses.map((bypass) => bypass.kind)).toEqual(['hardcoded-secret']);
  });

  it('Next.js: exported GET/POST of app/**/route.ts, through a helper module', async () => {
    const result = await inventory('next');
    expect(entries(result)).toEqual([
      'next-route POST /api/public unauthenticated',
      'next-route GET /api/users validates P1',
    ]);
    expect(result.paths[0]!.entries[0]!.via.map((step) => step.name)).toEqual(['GET /api/users', 'currentUser']);
  });

  it('NestJS: controllers, class and method guards, AuthGuard resolved to the passport strategy, a route that verifies a token itself', async () => {
    const result = await inventory('nest');
    expect(entries(result)).toEqual([
      'nest-route POST /auth/email/confirm validates P1',
      "nest-guard @UseGuards(AuthGuard('jwt')) validates P2",
      'nest-route GET /auth/me protected by E2',
      'nest-guard @UseGuards(RolesGuard) layer',
      'nest-route GET /users protected by E2',
      'nest-route DELETE /users/:id protected by E2',
    ]);
    expect(primitives(result)).toEqual([
      'P1 @nestjs/jwt.JwtService#verifyAsync src/auth/auth.service.ts:9',
      'P2 passport-jwt.Strategy src/auth/jwt.strategy.ts:7',
    ]);
    expect(result.paths.map((item) => item.label)).toEqual([
      'inline in AuthService.confirmEmail',
      'inline in JwtStrategy',
    ]);
    expect(
      result.secretSources.map(
        (source) => `${source.function} ${source.reads.map((read) => read.name).join(',')} ${source.paths.join(',')}`,
      ),
    ).toEqual(['AuthService.confirmEmail AUTH_CONFIRM_SECRET P1', 'JwtStrategy.constructor auth.jwtSecret P2']);
  });

  it('node:http createServer with a handler function', async () => {
    const result = await inventory('node-http');
    // It decodes without verifying: a path, but no validator.
    expect(entries(result)).toEqual(['http-server createServer(handle) unauthenticated P1']);
    expect(result.paths[0]!.primitives[0]).toMatchObject({ primitive: 'jsonwebtoken.decode', kind: 'decode' });
  });

  it('ws: an unauthenticated WebSocket is a finding; verifyClient protects its own server', async () => {
    const result = await inventory('ws');
    expect(entries(result)).toEqual([
      "ws-connection wss.on('connection') unauthenticated",
      'ws-verify-client feed verifyClient validates P1',
      "ws-connection feed.on('connection') protected by E2",
    ]);
    expect(result.summary.unauthenticated).toBe(1);
    expect(result.entryPoints[0]).toMatchObject({ file: 'src/chat.ts', line: 6, transport: 'websocket' });
  });

  it('socket.io: io.use in front of io.on(connection)', async () => {
    const result = await inventory('socket-io');
    expect(entries(result)).toEqual([
      'ws-middleware io.use(fn) validates P1',
      "ws-connection io.on('connection') protected by E1",
    ]);
  });

  it('NestJS gateways: handleConnection that verifies protects the gateway messages; a gateway without it does not', async () => {
    const result = await inventory('nest-gateway');
    expect(entries(result)).toEqual([
      'ws-connection EventsGateway.handleConnection (@WebSocketGateway) validates P1',
      "ws-message @SubscribeMessage('ping') EventsGateway.ping protected by E1",
      "ws-message @SubscribeMessage('echo') OpenGateway.echo unauthenticated",
    ]);
  });
});

describe('call following', () => {
  it('follows barrels, default exports, namespace imports, instances made with new and typed constructor parameters', async () => {
    const root = tempProject({
      'package.json': '{"name":"app"}',
      'src/security/verifier.ts':
        "import jwt from 'jsonwebtoken';\nexport default class TokenVerifier {\n  check(token: string) {\n    return jwt.verify(token, process.env.JWT_SECRET!);\n  }\n}\n",
      'src/security/index.ts': "export { default as TokenVerifier } from './verifier';\nexport * from './guard';\n",
      'src/security/guard.ts':
        "import { TokenVerifier } from './index';\nexport class Guard {\n  constructor(private readonly verifier: TokenVerifier) {}\n  allow(token: string) {\n    return this.verifier.check(token);\n  }\n}\n",
      'src/handlers.ts':
        "import * as security from './security';\nconst guard = new security.Guard(new security.TokenVerifier());\nexport function me(req: { headers: { authorization: string } }) {\n  return guard.allow(req.headers.authorization);\n}\n",
      'src/app.ts':
        "import express from 'express';\nimport { me } from './handlers';\nconst app = express();\napp.get('/me', (req, res) => res.json(me(req as never)));\n",
    });
    const result = await runPaths({ directory: root, cache: false });
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0]!.entries[0]!.via.map((step) => step.name)).toEqual([
      'GET /me',
      'me',
      'Guard.allow',
      'TokenVerifier.check',
    ]);
  });

  it('reports a second path when an entry verifies inline next to the core, and splits per validator unit', async () => {
    const root = tempProject({
      'package.json': '{"name":"app"}',
      'ssot.config.json': '{"authCore":["src/core/**"]}',
      'src/core/auth.ts':
        "import { jwtVerify } from 'jose';\nexport async function authenticate(token: string) {\n  return jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));\n}\n",
      'src/app.ts':
        "import express from 'express';\nimport jwt from 'jsonwebtoken';\nimport { authenticate } from './core/auth';\nconst app = express();\napp.get('/a', async (req, res) => res.json(await authenticate(String(req.headers.authorization))));\napp.get('/b', async (req, res) => {\n  if (process.env.NODE_ENV === 'production') jwt.verify(String(req.headers.authorization), 'key');\n  res.json(await authenticate(String(req.headers.authorization)));\n});\n",
    });
    const result = await runPaths({ directory: root, cache: false });
    expect(
      result.paths.map((item) => [
        item.label,
        item.kind,
        item.environmentGated,
        item.entries.map((entry) => entry.entry),
      ]),
    ).toEqual([
      ['auth core', 'core', false, ['E1', 'E2']],
      ['inline in GET /b', 'inline', true, ['E2']],
    ]);
  });

  it('NestJS in a monorepo: a guard applied by a decorator factory, injected by token from a workspace package, extending AuthGuard([...enum]); a parameter decorator that only decodes', async () => {
    const root = tempProject({
      'package.json': '{"name":"mono","private":true}',
      'libs/common/package.json': '{"name":"@acme/common","main":"build/index.js"}',
      'libs/common/src/index.ts': "export * from './user.auth.guard';\nexport * from './community.guard';\n",
      'libs/common/src/user.auth.guard.ts':
        "import { Inject, Injectable } from '@nestjs/common';\n@Injectable()\nexport class UserAuthGuard {\n  constructor(@Inject('USER_AUTH_GUARD') private guard: { canActivate(c: unknown): boolean }) {}\n  canActivate(context: unknown) {\n    return this.guard.canActivate(context);\n  }\n}\n",
      'libs/common/src/community.guard.ts':
        "import { AuthGuard } from '@nestjs/passport';\nimport { StrategyName } from './names';\nexport class CommunityGuard extends AuthGuard([StrategyName.JWT, StrategyName.API_KEY]) {}\nexport const providers = [{ provide: 'USER_AUTH_GUARD', useFactory: () => new CommunityGuard() }];\n",
      'libs/common/src/names.ts': "export enum StrategyName { JWT = 'jwt', API_KEY = 'apikey' }\n",
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/src/jwt.strategy.ts':
        "import { PassportStrategy } from '@nestjs/passport';\nimport { Strategy } from 'passport-jwt';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({ secretOrKey: process.env.JWT_SECRET });\n  }\n}\n",
      'apps/api/src/auth.decorator.ts':
        "import { applyDecorators, UseGuards } from '@nestjs/common';\nimport { UserAuthGuard } from '@acme/common';\nexport function UserAuthentication() {\n  return applyDecorators(UseGuards(UserAuthGuard));\n}\n",
      'apps/api/src/user.decorator.ts':
        "import { createParamDecorator } from '@nestjs/common';\nimport jwt from 'jsonwebtoken';\nexport const UserSession = createParamDecorator((_data: unknown, ctx: { req: { headers: { authorization: string } } }) => jwt.decode(ctx.req.headers.authorization.split(' ')[1]!));\n",
      'apps/api/src/items.controller.ts':
        "import { Controller, Get } from '@nestjs/common';\nimport { UserAuthentication } from './auth.decorator';\nimport { UserSession } from './user.decorator';\n@Controller('items')\n@UserAuthentication()\nexport class ItemsController {\n  @Get()\n  list(@UserSession() user: unknown) {\n    return [user];\n  }\n}\n",
    });
    const result = await runPaths({ directory: root, cache: false });
    // The route decodes the token itself (P2) but only the guard verifies it (P1).
    expect(entries(result)).toEqual([
      'nest-guard @UseGuards(UserAuthGuard) validates P1',
      'nest-route GET /items protected P2 by E1',
    ]);
    expect(result.paths.map((item) => [item.label, item.primitives.map((primitive) => primitive.primitive)])).toEqual([
      ['inline in JwtStrategy', ['passport-jwt.Strategy']],
      ['inline in UserSession', ['jsonwebtoken.decode']],
    ]);
    expect(result.paths[0]!.entries[0]!.via.map((step) => step.name)).toEqual([
      '@UseGuards(UserAuthGuard)',
      'UserAuthGuard.canActivate',
      'CommunityGuard',
      'JwtStrategy',
    ]);
  });

  it('lists files it could not parse as skipped and carries on', async () => {
    const root = tempProject({
      'package.json': '{"name":"app"}',
      'src/broken.ts': 'export function (\n',
      'src/app.ts':
        "import express from 'express';\nconst app = express();\napp.get('/open', (_req, res) => res.end());\n",
    });
    const result = await runPaths({ directory: root, cache: false });
    expect(result.skipped).toEqual([
      { file: 'src/broken.ts', reason: expect.stringMatching(/^syntax error at \d+:\d+: /) },
    ]);
    expect(result.entryPoints.map((entry) => entry.label)).toEqual(['GET /open']);
  });
});
