import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPaths } from '../../src/paths/run-paths.js';
import type { PathsResult } from '../../src/paths/types.js';
import { fixturesRoot } from '../helpers/fixtures.js';

const at = (location: { file: string; line: number }) => `${location.file}:${location.line}`;

describe('ssot paths on fixtures/incident (the seeds backend)', () => {
  let result: PathsResult;
  beforeAll(async () => {
    result = await runPaths({ directory: path.join(fixturesRoot, 'incident'), cache: false });
  });

  it('finds exactly the four JWT validation paths of the seeds, expected 1', () => {
    expect(result.summary).toMatchObject({ paths: 4, expectedPaths: 1 });
    expect(result.paths.map((item) => [item.id, item.label, item.kind, at(item.gateway)])).toEqual([
      // REST middleware -> auth client (the configured core)
      ['P1', 'auth core', 'core', 'src/clients/auth-client-core.ts:30'],
      // the inline pre-connection check in the WebSocket route
      ['P2', 'inline in websocketEndpoint', 'inline', 'src/routes/websocket.ts:21'],
      // the user-context extractor with its fallback sub-methods
      [
        'P3',
        'UserContextExtractor.validateAndDecodeJwt',
        'delegated',
        'src/websocket-core/user-context-extractor.ts:31',
      ],
      // the WebSocket authenticator
      ['P4', 'WebSocketAuthenticator.authenticate', 'delegated', 'src/websocket-core/auth.ts:10'],
    ]);
  });

  it('shows each path as entry -> call chain -> primitive with file:line', () => {
    const rest = result.paths[0]!;
    expect(rest.entries).toHaveLength(1);
    expect(rest.entries[0]!.via.map((step) => `${step.name} ${at(step)}`)).toEqual([
      'app.use(authMiddleware()) src/server.ts:12',
      'authMiddleware src/middleware/auth-middleware.ts:7',
      'validateTokenWithResilience src/clients/auth-client-core.ts:77',
      'AuthServiceClient.validateToken src/clients/auth-client-core.ts:30',
    ]);
    expect(
      rest.primitives.map((primitive) => [
        primitive.primitive,
        at(primitive),
        primitive.chain.map((step) => step.name).join(' > '),
        primitive.inCore,
      ]),
    ).toEqual([
      [
        'jsonwebtoken.verify',
        'src/clients/auth-client-core.ts:40',
        'AuthServiceClient.validateToken > AuthServiceClient.validateTokenJwt',
        true,
      ],
      [
        'jsonwebtoken.decode',
        'src/clients/auth-client-core.ts:63',
        'AuthServiceClient.validateToken > AuthServiceClient.createE2eMockValidationResponse',
        true,
      ],
    ]);
    const extractor = result.paths[2]!;
    expect(extractor.entries[0]!.via.map((step) => step.name)).toEqual([
      "server.on('upgrade')",
      'websocketEndpoint',
      'UserContextExtractor.extractWebSocketUserContext',
      'UserContextExtractor.validateAndDecodeJwt',
    ]);
    expect(extractor.primitives.map(at)).toEqual([
      'src/clients/auth-client-core.ts:40',
      'src/clients/auth-client-core.ts:63',
      'src/websocket-core/user-context-extractor.ts:54',
      'src/websocket-core/user-context-extractor.ts:64',
      'src/websocket-core/user-context-extractor.ts:69',
    ]);
  });

  it('lists the extractor fallbacks with the environment branch that picks between them', () => {
    const extractor = result.paths[2]!;
    expect(
      extractor.alternatives.map((alternative) => [
        alternative.name,
        alternative.gates?.map((gate) => `${at(gate)} ${gate.branch}`) ?? [],
      ]),
    ).toEqual([
      ['UserContextExtractor.unifiedJwtValidation', []],
      ['AuthServiceClient.validateToken', []],
      ['UserContextExtractor.resilientValidationFallback', ['src/websocket-core/user-context-extractor.ts:43 then']],
      ['UserContextExtractor.legacyJwtValidation', ['src/websocket-core/user-context-extractor.ts:43 after']],
    ]);
  });

  it('marks the pre-connection check as environment-gated, and only it', () => {
    expect(result.paths.map((item) => item.environmentGated)).toEqual([false, true, false, false]);
    const inline = result.paths[1]!;
    expect(inline.primitives).toHaveLength(1);
    expect(at(inline.primitives[0]!)).toBe('src/routes/websocket.ts:34');
    expect(inline.primitives[0]!.gates).toEqual([
      expect.objectContaining({
        file: 'src/routes/websocket.ts',
        line: 27,
        branch: 'then',
        dependsOn: 'process.env.ENVIRONMENT',
      }),
    ]);
    expect(result.summary.environmentGatedPaths).toBe(1);
  });

  it('finds the three secret sources and which paths resolve secrets through each', () => {
    expect(
      result.secretSources.map((source) => [
        source.id,
        source.function,
        at(source),
        source.reads.map((read) => read.name),
        source.paths,
      ]),
    ).toEqual([
      ['S1', 'jwtSecret', 'src/clients/auth-client-core.ts:19', ['JWT_SECRET_KEY'], ['P1', 'P3', 'P4']],
      [
        'S2',
        'getUnifiedJwtSecret',
        'src/shared/jwt-secret-manager.ts:9',
        ['JWT_SECRET_STAGING', 'JWT_SECRET_KEY', 'JWT_SECRET'],
        ['P2', 'P3'],
      ],
      [
        'S3',
        'UserContextExtractor.getJwtSecret',
        'src/websocket-core/user-context-extractor.ts:75',
        ['JWT_SECRET'],
        ['P3'],
      ],
    ]);
  });

  it('marks bypasses and environment branches on the path where they sit', () => {
    const [rest, inline, extractor, authenticator] = result.paths;
    expect(rest!.bypasses.map((mark) => `${mark.kind} ${at(mark)}`)).toEqual([
      'token-content-check src/clients/auth-client-core.ts:59',
    ]);
    expect(inline!.bypasses.map((mark) => `${mark.kind} ${at(mark)}`)).toEqual([
      'bypass-header src/routes/websocket.ts:24',
    ]);
    expect(extractor!.bypasses.map((mark) => `${mark.kind} ${at(mark)}`)).toEqual([
      'token-content-check src/clients/auth-client-core.ts:59',
      'fallback-secret src/websocket-core/user-context-extractor.ts:80',
    ]);
    expect(authenticator!.bypasses.map((mark) => `${mark.kind} ${at(mark)}`)).toEqual([
      'token-content-check src/clients/auth-client-core.ts:59',
      'hardcoded-secret src/websocket-core/auth.ts:17',
      'bypass-header src/websocket-core/auth.ts:27',
      'bypass-header src/websocket-core/auth.ts:28',
      'bypass-header src/websocket-core/auth.ts:29',
    ]);
    expect(authenticator!.envBranches.map(at)).toEqual([
      'src/clients/auth-client-core.ts:58',
      'src/websocket-core/auth.ts:14',
    ]);
    // The logger's NODE_ENV switch runs on every path but is not auth code: not marked.
    expect(result.paths.flatMap((item) => item.envBranches).some((mark) => mark.file === 'src/utils/logger.ts')).toBe(
      false,
    );
  });

  it('knows which entry points validate, and that the REST routes sit behind the middleware', () => {
    expect(
      result.entryPoints.map((entry) => [
        entry.id,
        entry.kind,
        entry.label,
        entry.status,
        entry.paths,
        entry.protectedBy,
      ]),
    ).toEqual([
      ['E1', 'http-middleware', 'app.use(express.json())', 'layer', [], []],
      ['E2', 'http-middleware', 'app.use(authMiddleware())', 'validates', ['P1'], []],
      ['E3', 'http-route', 'GET /api/me', 'protected', [], ['E2']],
      ['E4', 'http-route', 'POST /api/session/refresh', 'protected', [], ['E2']],
      ['E5', 'ws-upgrade', "server.on('upgrade')", 'validates', ['P2', 'P3', 'P4'], []],
    ]);
    expect(result.summary.unauthenticated).toBe(0);
    // The refresh route signs with the core's key: it reaches a secret source but no validator.
    expect(result.entryPoints[3]!.secretSources).toEqual(['S1']);
  });

  it('reports the drifting UserExecutionContext copies side by side, their importers and where instanceof meets the wrong copy', () => {
    expect(result.duplicates).toHaveLength(1);
    const group = result.duplicates[0]!;
    expect(group.name).toBe('UserExecutionContext');
    expect(group.scope).toBe('package');
    expect(group.copies.map((copy) => [copy.file, copy.canonical, copy.importers.map(at)])).toEqual([
      ['src/models/user-execution-context.ts', false, ['src/websocket-core/user-context-extractor.ts:5']],
      ['src/services/user-execution-context.ts', true, ['src/websocket-core/websocket-manager-factory.ts:2']],
    ]);
    const row = (member: string) => group.members.find((item) => item.member === member)?.presentIn;
    expect(row('websocket_connection_id')).toEqual([true, false]);
    expect(row('websocket_client_id')).toEqual([false, true]);
    expect(row('user_id')).toEqual([true, true]);
    expect(group.mismatches).toEqual([
      {
        check: {
          file: 'src/websocket-core/websocket-manager-factory.ts',
          line: 17,
          column: 9,
          copy: 'src/services/user-execution-context.ts',
          function: 'createWebSocketManager',
        },
        construction: {
          file: 'src/websocket-core/user-context-extractor.ts',
          line: 19,
          column: 25,
          copy: 'src/models/user-execution-context.ts',
          function: 'UserContextExtractor.extractWebSocketUserContext',
        },
        meetsAt: { name: 'websocketEndpoint', file: 'src/routes/websocket.ts', line: 21, column: 1 },
      },
    ]);
  });
});

describe('ssot paths on fixtures/clean (the app after the fix)', () => {
  let result: PathsResult;
  beforeAll(async () => {
    result = await runPaths({ directory: path.join(fixturesRoot, 'clean'), cache: false });
  });

  it('finds exactly one path, through the auth core, for HTTP and the WebSocket upgrade alike', () => {
    expect(result.summary).toMatchObject({
      paths: 1,
      secretSources: 0,
      environmentGatedPaths: 0,
      bypasses: 0,
      duplicateGroups: 0,
    });
    const [only] = result.paths;
    expect(only).toMatchObject({
      id: 'P1',
      label: 'auth core',
      kind: 'core',
      environmentGated: false,
      bypasses: [],
      envBranches: [],
    });
    expect(only!.primitives.map((primitive) => [primitive.primitive, at(primitive), primitive.inCore])).toEqual([
      ['@ssot-lint/auth-core.authenticate', 'src/http/require-auth.ts:10', true],
      ['@ssot-lint/auth-core.authenticate', 'src/websocket/upgrade.ts:16', true],
      ['@ssot-lint/auth-core.verifyToken', 'src/websocket/upgrade.ts:34', true],
    ]);
    const labels = new Map(result.entryPoints.map((entry) => [entry.id, entry.label]));
    expect(only!.entries.map((ref) => labels.get(ref.entry))).toEqual(['GET /api/me', "server.on('upgrade')"]);
  });

  it('lists the health check as the one endpoint that reaches no validator', () => {
    expect(
      result.entryPoints
        .filter((entry) => entry.status === 'unauthenticated')
        .map((entry) => `${entry.label} ${at(entry)}`),
    ).toEqual(['GET /health src/http/routes.ts:7']);
  });
});
