import { describe, expect, it } from 'vitest';
import type { FileFacts } from '../../src/engine/types.js';
import { bundledTypeScript } from '../../src/project/typescript.js';
import { parseText } from '../../src/project/parse-file.js';

function facts(code: string, file = 'src/lib/example.ts'): FileFacts {
  const outcome = parseText(bundledTypeScript(), code, file);
  if ('skipped' in outcome) throw new Error(outcome.skipped);
  return outcome.facts;
}

describe('environment reads the old walk missed', () => {
  it.each([
    [
      'an upper-case field',
      "declare const env: { ENVIRONMENT: string };\nif (env.ENVIRONMENT === 'test') {}",
      'env.ENVIRONMENT',
    ],
    [
      'an env() reader',
      "declare function env(n: string): string;\nif (env('NODE_ENV') === 'test') {}",
      "env('NODE_ENV')",
    ],
    [
      'a getter that reads the environment',
      "class C {\n  get isProduction() { return process.env.NODE_ENV === 'production'; }\n  f() { if (this.isProduction) {} }\n}",
      'this.isProduction',
    ],
    [
      'a private field that reads the environment',
      "class C {\n  #isDev = process.env.NODE_ENV === 'development';\n  f() { if (this.#isDev) {} }\n}",
      'this.#isDev',
    ],
  ])('%s', (_name, code, dependsOn) => {
    expect(facts(code).envConditions.map((condition) => condition.dependsOn)).toContain(dependsOn);
  });

  it('not a getter that reads something else', () => {
    const code =
      'class C {\n  get isProduction() { return this.flags.prod; }\n  flags = { prod: true };\n  f() { if (this.isProduction) {} }\n}';
    expect(facts(code).envConditions).toEqual([]);
  });
});

describe('which branch runs only outside production', () => {
  it.each([
    ["process.env.NODE_ENV === 'test'", 'then'],
    ["process.env.NODE_ENV !== 'test'", 'else'],
    ["process.env.NODE_ENV === 'production'", 'else'],
    ["!(process.env.NODE_ENV === 'development')", 'else'],
    ["['test', 'local'].includes(process.env.NODE_ENV!)", 'then'],
    ["process.env.NODE_ENV === 'test' && process.env.SEED", 'then'],
    ["process.env.NODE_ENV === 'staging'", undefined],
    ["(process.env.NODE_ENV === 'dev' || process.env.NODE_ENV === 'production') && process.env.KEY", undefined],
  ])('%s: %s', (condition, branch) => {
    expect(facts(`if (${condition}) {}`).envConditions[0]?.nonProductionBranch).toBe(branch);
  });
});

describe('credential-issuing calls', () => {
  it('records signing, credential cookies, sign-ins, issuing calls and JWT library calls', () => {
    const code = [
      "import jwt from 'jsonwebtoken';",
      "import { SignJWT } from 'jose';",
      "import { JwtModule } from '@nestjs/jwt';",
      'declare const res: any, req: any, ctx: any, auth: any, limits: any, replays: any;',
      "jwt.sign({}, 'k');",
      'new SignJWT({});',
      "res.cookie('session', 'x');",
      "ctx.cookies.set('accessToken', 'x');",
      'req.login({});',
      'auth.getSignedToken({});',
      'JwtModule.register({});',
      "res.cookie('theme', 'dark');",
      'auth.getToken();',
      'auth.verifyToken();',
      'limits.createTokenBucket();',
      'replays.createSessionReplay();',
    ].join('\n');
    expect((facts(code).credentialIssues ?? []).map((issue) => `${issue.kind}:${issue.detail}`)).toEqual([
      'sign:jwt.sign',
      'sign:SignJWT',
      'cookie:res.cookie',
      'cookie:ctx.cookies.set',
      'sign-in:req.login',
      'issuing-call:auth.getSignedToken',
      'jwt-library:JwtModule.register',
    ]);
  });
});
