import { CANONICAL } from './infrastructure.js';
import { type Domain, type GeneratedFile, type Plant, fixedFile, lines } from './model.js';

/** The file the benchmark edits before its `--changed-since` run: it holds five planted findings. */
export const CHANGE_TARGET = 'apps/api/src/websocket/ws-authenticator.ts';

/**
 * The planted violations, modelled on the incident the rules come from: duplicated classes
 * with drifted fields, imports of the wrong copy, extra JWT paths, environment branches and
 * bypasses in auth code, hard-coded and fallback secrets, secret reads outside the core.
 * Each file says how many findings of which rule it should produce.
 */
export function plantedFiles(apiDomains: readonly Domain[]): { files: GeneratedFile[]; plants: Plant[] } {
  if (apiDomains.length < 5) throw new Error('the planted violations need at least five API domains');
  const [d0, d1, d2, d3, d4] = apiDomains as [Domain, Domain, Domain, Domain, Domain];
  const files: GeneratedFile[] = [];
  const plants: Plant[] = [];
  const add = (path: string, text: string, found: Omit<Plant, 'file'>[] = []) => {
    files.push(fixedFile(path, lines(text)));
    for (const plant of found) plants.push({ file: path, ...plant });
  };

  // Canonical classes and their copies.
  add(
    CANONICAL.UserExecutionContext,
    `
    /** The request-scoped identity every handler and WebSocket manager receives. */
    export class UserExecutionContext {
      constructor(
        readonly userId: string,
        readonly websocketClientId: string,
        readonly requestId: string = crypto.randomUUID(),
      ) {}

      describe(): string {
        return \`\${this.userId}@\${this.websocketClientId}\`;
      }
    }
    `,
  );
  add(
    'apps/api/src/models/user-execution-context.ts',
    `
    export class UserExecutionContext {
      constructor(
        readonly userId: string,
        readonly websocketConnectionId: string,
      ) {}

      describe(): string {
        return \`\${this.userId}@\${this.websocketConnectionId}\`;
      }
    }
    `,
    [
      {
        rule: 'no-duplicate-class',
        count: 1,
        what: 'copy of the canonical UserExecutionContext (websocketConnectionId vs websocketClientId)',
      },
    ],
  );
  add(
    CANONICAL.MoneyAmount,
    `
    export class MoneyAmount {
      constructor(
        readonly cents: number,
        readonly currency: string,
      ) {}

      add(other: MoneyAmount): MoneyAmount {
        if (other.currency !== this.currency) {
          throw new Error(\`cannot add \${other.currency} to \${this.currency}\`);
        }
        return new MoneyAmount(this.cents + other.cents, this.currency);
      }

      format(): string {
        return \`\${(this.cents / 100).toFixed(2)} \${this.currency}\`;
      }
    }
    `,
  );
  add(
    `${d3.dir}/money-amount.ts`,
    `
    export class MoneyAmount {
      constructor(
        readonly amount: number,
        readonly currency: string,
      ) {}

      plus(other: MoneyAmount): MoneyAmount {
        return new MoneyAmount(this.amount + other.amount, this.currency);
      }

      format(): string {
        return \`\${this.amount.toFixed(2)} \${this.currency}\`;
      }
    }
    `,
    [{ rule: 'no-duplicate-class', count: 1, what: 'copy of the canonical MoneyAmount (amount/plus vs cents/add)' }],
  );
  add(
    CANONICAL.AuditTrailEntry,
    `
    export class AuditTrailEntry {
      constructor(
        readonly actorId: string,
        readonly action: string,
        readonly at: Date,
        readonly subjectId?: string,
      ) {}

      toLogLine(): string {
        return [this.at.toISOString(), this.actorId, this.action, this.subjectId ?? '-'].join(' ');
      }
    }
    `,
  );
  add(
    'apps/api/src/legacy/audit-trail-entry.ts',
    `
    export class AuditTrailEntry {
      constructor(
        readonly userId: string,
        readonly action: string,
        readonly timestamp: number,
      ) {}

      toLogLine(): string {
        return \`\${new Date(this.timestamp).toISOString()} \${this.userId} \${this.action}\`;
      }
    }
    `,
    [
      {
        rule: 'no-duplicate-class',
        count: 1,
        what: 'copy of the canonical AuditTrailEntry (userId/timestamp vs actorId/at/subjectId)',
      },
    ],
  );
  add('apps/api/src/legacy/index.ts', `export { AuditTrailEntry } from './audit-trail-entry';`, [
    { rule: 'canonical-import', count: 1, what: 'barrel re-exports the wrong AuditTrailEntry' },
  ]);
  for (const folder of ['jobs', 'queues']) {
    add(
      `apps/worker/src/${folder}/retry-backoff.ts`,
      `
      export class RetryBackoff {
        constructor(
          readonly baseMs: number,
          readonly maxMs: number${folder === 'jobs' ? ',\n          readonly jitter = 0.2,' : ','}
        ) {}

        delay(attempt: number): number {
          const exponential = Math.min(this.maxMs, this.baseMs * 2 ** attempt);
          return ${folder === 'jobs' ? 'Math.round(exponential * (1 - this.jitter / 2))' : 'exponential'};
        }
      }
      `,
      [
        {
          rule: 'no-duplicate-class',
          count: 1,
          what: `RetryBackoff declared in jobs/ and queues/ with no canonical module (${folder} copy)`,
        },
      ],
    );
  }
  // Without a canonical module two copies are findings only where one program loads both: the
  // worker's retry registry does, as the seeds' WebSocket route loaded both contexts.
  add(
    'apps/worker/src/retry-policies.ts',
    `
    import { RetryBackoff as JobRetryBackoff } from './jobs/retry-backoff';
    import { RetryBackoff as QueueRetryBackoff } from './queues/retry-backoff';

    export const retryPolicies = {
      jobs: new JobRetryBackoff(200, 30_000),
      queues: new QueueRetryBackoff(500, 60_000),
    };
    `,
  );

  // Imports of the wrong copy, and look-alikes that import the canonical class.
  add(
    'apps/api/src/websocket/user-context-extractor.ts',
    `
    import { UserExecutionContext } from '../models/user-execution-context';

    export function extractUserContext(userId: string, connectionId: string): UserExecutionContext {
      return new UserExecutionContext(userId, connectionId);
    }
    `,
    [{ rule: 'canonical-import', count: 1, what: 'relative import of the UserExecutionContext copy' }],
  );
  add(
    'apps/api/src/websocket/ws-manager-factory.ts',
    `
    import { UserExecutionContext } from '../common/context/user-execution-context';

    export class WsManagerFactory {
      private readonly managers = new Map<string, UserExecutionContext>();

      register(context: unknown): void {
        if (!(context instanceof UserExecutionContext)) {
          throw new TypeError('user_context must be a UserExecutionContext instance');
        }
        this.managers.set(context.userId, context);
      }
    }
    `,
  );
  add(
    `${d0.dir}/${d0.kebab}.context.ts`,
    `
    import { UserExecutionContext } from '../../models/user-execution-context';

    export function ${d0.camel}Context(userId: string): UserExecutionContext {
      return new UserExecutionContext(userId, '${d0.kebab}');
    }
    `,
    [{ rule: 'canonical-import', count: 1, what: 'relative import of the UserExecutionContext copy from a module' }],
  );
  add(
    `${d1.dir}/${d1.kebab}.context.ts`,
    `
    import { UserExecutionContext } from '@api/models/user-execution-context';

    export function ${d1.camel}Context(userId: string): UserExecutionContext {
      return new UserExecutionContext(userId, '${d1.kebab}');
    }
    `,
    [{ rule: 'canonical-import', count: 1, what: 'tsconfig paths import (@api/*) of the UserExecutionContext copy' }],
  );
  add(
    `${d2.dir}/${d2.kebab}.context.ts`,
    `
    import { UserExecutionContext } from '@api/common/context/user-execution-context';

    export function ${d2.camel}Context(userId: string): UserExecutionContext {
      return new UserExecutionContext(userId, '${d2.kebab}');
    }
    `,
  );
  add(
    `${d3.dir}/${d3.kebab}.pricing.ts`,
    `
    import type { MoneyAmount } from './money-amount';

    export function total${d3.name}Price(prices: readonly MoneyAmount[]): number {
      return prices.reduce((sum, price) => sum + price.amount, 0);
    }
    `,
    [{ rule: 'canonical-import', count: 1, what: 'type-only import of the MoneyAmount copy' }],
  );
  add(
    `${d4.dir}/${d4.kebab}.audit.ts`,
    `
    import { AuditTrailEntry } from '../../legacy';

    export function audit${d4.name}(userId: string, action: string): string {
      return new AuditTrailEntry(userId, action, Date.now()).toLogLine();
    }
    `,
    [{ rule: 'canonical-import', count: 1, what: 'import of AuditTrailEntry through the legacy barrel' }],
  );

  // The auth core: keys, config, signer. Correct code with one fallback, one literal key and one environment branch.
  add(
    'packages/auth/src/core/auth-config.ts',
    `
    export interface AuthConfig {
      issuer: string;
      audience: string;
      environment: string;
      clockToleranceSeconds: number;
    }

    export const authConfig: AuthConfig = {
      issuer: process.env.AUTH_ISSUER ?? 'https://auth.bench.local',
      audience: process.env.AUTH_AUDIENCE ?? 'bench-api',
      environment: process.env.APP_ENV ?? 'development',
      clockToleranceSeconds: Number(process.env.AUTH_CLOCK_TOLERANCE ?? '5'),
    };

    export function clockTolerance(config: AuthConfig = authConfig): number {
      if (config.environment === 'staging') {
        return config.clockToleranceSeconds * 10;
      }
      return config.clockToleranceSeconds;
    }
    `,
    [
      {
        rule: 'no-env-branching-auth',
        count: 1,
        what: "core widens the clock tolerance when config.environment === 'staging'",
      },
    ],
  );
  add(
    'packages/auth/src/core/keys.ts',
    `
    import { authConfig } from './auth-config';

    function required(name: string, value: string | undefined): string {
      if (!value) {
        throw new Error(\`\${name} is not configured\`);
      }
      return value;
    }

    export const authKeys = {
      secret: required('JWT_SECRET', process.env.JWT_SECRET),
      legacySecret: process.env.JWT_SECRET_LEGACY || 'legacy-dev-secret',
      issuer: authConfig.issuer,
      audience: authConfig.audience,
    };
    `,
    [{ rule: 'no-auth-bypass', count: 1, what: 'fallback secret for JWT_SECRET_LEGACY in the core' }],
  );
  add(
    'packages/auth/src/core/token-signer.ts',
    `
    import jwt from 'jsonwebtoken';
    import { authKeys } from './keys';

    export function signAccessToken(subject: string, roles: readonly string[]): string {
      return jwt.sign({ sub: subject, roles }, authKeys.secret, {
        algorithm: 'HS256',
        issuer: authKeys.issuer,
        audience: authKeys.audience,
        expiresIn: '15m',
      });
    }

    export function signServiceToken(service: string): string {
      return jwt.sign({ sub: \`service:\${service}\`, roles: ['service'] }, 'internal-service-signing-key', { expiresIn: '5m' });
    }
    `,
    [{ rule: 'no-auth-bypass', count: 1, what: 'hard-coded signing key in the core' }],
  );
  add(
    'packages/auth/src/middleware/e2e-bypass.ts',
    `
    import type { NextFunction, Request, Response } from '@bench/shared';

    export function e2eBypass(req: Request, res: Response, next: NextFunction): void {
      const isE2e = req.headers['x-e2e-test'] === 'true';
      if (isE2e && process.env.APP_ENV !== 'production') {
        next();
        return;
      }
      res.status(401).json({ error: 'unauthorised' });
    }
    `,
    [
      { rule: 'no-auth-bypass', count: 1, what: 'x-e2e-test header read in middleware' },
      { rule: 'no-env-branching-auth', count: 1, what: 'middleware branches on APP_ENV' },
    ],
  );

  // Extra JWT paths and secret reads outside the core.
  add(
    CHANGE_TARGET,
    `
    import type { IncomingMessage } from 'node:http';
    import * as jwt from 'jsonwebtoken';
    import { UserExecutionContext } from '../common/context/user-execution-context';

    export class WsAuthenticator {
      authenticate(req: IncomingMessage, token: string): UserExecutionContext | null {
        if (process.env.NODE_ENV === 'staging') {
          const claims = jwt.decode(token);
          return claims && typeof claims === 'object' && typeof claims.sub === 'string' ? new UserExecutionContext(claims.sub, req.url ?? '/') : null;
        }
        if (token.includes('staging-e2e-user')) {
          return new UserExecutionContext('e2e-user', req.url ?? '/');
        }
        const secret = process.env.JWT_SECRET;
        if (!secret) {
          return null;
        }
        const payload = jwt.verify(token, secret);
        return typeof payload === 'object' && typeof payload.sub === 'string' ? new UserExecutionContext(payload.sub, req.url ?? '/') : null;
      }
    }
    `,
    [
      { rule: 'no-env-branching-auth', count: 1, what: 'WebSocket authenticator branches on NODE_ENV' },
      { rule: 'single-jwt-path', count: 2, what: 'jwt.decode and jwt.verify in the WebSocket authenticator' },
      { rule: 'no-auth-bypass', count: 1, what: "token.includes('staging-e2e-user')" },
      { rule: 'single-secret-source', count: 1, what: 'process.env.JWT_SECRET read in the WebSocket authenticator' },
    ],
  );
  add(
    'apps/api/src/common/http/request-context.ts',
    `
    export interface HeaderBag {
      get(name: string): string | undefined;
    }

    export interface RequestContext {
      requestId: string;
      skipAuth: boolean;
      locale: string;
    }

    export function buildRequestContext(headers: HeaderBag): RequestContext {
      return {
        requestId: headers.get('x-request-id') ?? crypto.randomUUID(),
        skipAuth: headers.get('X-Skip-Auth') === '1',
        locale: headers.get('accept-language')?.split(',')[0] ?? 'en',
      };
    }
    `,
    [{ rule: 'no-auth-bypass', count: 1, what: "headers.get('X-Skip-Auth')" }],
  );
  add(
    'apps/api/src/common/http/interceptors.ts',
    `
    import type { Request } from '@bench/shared';

    export function refreshSessionIfNeeded(req: Request, now = Date.now()): boolean {
      if (process.env.NODE_ENV === 'development') {
        return false;
      }
      const expiresAt = Number(req.headers['x-expires-at'] ?? '0');
      return expiresAt - now < 60_000;
    }

    export function serverTiming(started: number): string {
      return \`total;dur=\${Date.now() - started}\`;
    }
    `,
    [{ rule: 'no-env-branching-auth', count: 1, what: 'session-named function branches on NODE_ENV' }],
  );
  add(
    'apps/worker/src/jobs/token-refresh.job.ts',
    `
    import { jwtVerify } from 'jose';

    const secretText = process.env.JWT_SECRET ?? 'worker-dev-secret';
    const secret = new TextEncoder().encode(secretText);

    export async function refreshIfValid(token: string): Promise<string | null> {
      try {
        const { payload } = await jwtVerify(token, secret);
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    }
    `,
    [
      { rule: 'single-jwt-path', count: 1, what: 'jose jwtVerify in a worker job' },
      { rule: 'single-secret-source', count: 1, what: 'process.env.JWT_SECRET read in a worker job' },
      { rule: 'no-auth-bypass', count: 1, what: "fallback secret 'worker-dev-secret'" },
    ],
  );
  add(
    'apps/admin/src/config/admin-config.ts',
    `
    export interface ConfigReader {
      get(key: string): string | undefined;
    }

    export function loadAdminConfig(config: ConfigReader) {
      return {
        apiBaseUrl: config.get('admin.apiBaseUrl') ?? 'http://localhost:3000',
        signingSecret: config.get('jwt.secret'),
        authSecret: process.env['AUTH_SECRET'],
        pageSize: Number(config.get('admin.pageSize') ?? '25'),
      };
    }
    `,
    [
      {
        rule: 'single-secret-source',
        count: 2,
        what: "config.get('jwt.secret') and process.env['AUTH_SECRET'] in the admin app",
      },
    ],
  );
  add(
    'apps/admin/src/api/admin-auth.client.ts',
    `
    import { JwtService } from '@nestjs/jwt';

    export class AdminAuthClient {
      constructor(private readonly jwtService: JwtService) {}

      async currentAdmin(token: string): Promise<string | undefined> {
        const claims = await this.jwtService.verifyAsync<{ sub: string; admin?: boolean }>(token);
        return claims.admin ? claims.sub : undefined;
      }
    }
    `,
    [{ rule: 'single-jwt-path', count: 1, what: 'JwtService#verifyAsync in the admin app' }],
  );
  add(
    'scripts/mint-dev-token.ts',
    `
    import jwt from 'jsonwebtoken';

    const subject = process.argv[2] ?? 'dev-admin';
    const minted = jwt.sign({ sub: subject, roles: ['admin'] }, 'staging-e2e-jwt-secret-for-testing', { expiresIn: '1h' });
    console.log(minted);
    `,
    [{ rule: 'no-auth-bypass', count: 1, what: 'hard-coded E2E secret in a script' }],
  );
  return { files, plants };
}
