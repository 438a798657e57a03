import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesWithExpectations, keyOf } from '../helpers/fixtures.js';
import { repositoryRoot } from '../helpers/run-cli.js';
import { typecheckConsumer } from './typed-config-consumer.js';

/**
 * The path a user takes: `npm pack` each published package, install the tarball into a fresh
 * project with `--omit=dev` (what a production install or a CI image gets), and run it there.
 * Proves `exports`, `files`, `bin` and the dependency lists, not just the source. The linter is
 * installed twice, beside ESLint 9 and beside ESLint 10.
 */
const ourManifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const incident = fixturesWithExpectations().find((fixture) => fixture.name === 'incident')!;
const workspace = mkdtempSync(path.join(tmpdir(), 'ssot-install-'));
const INSTALL_TIMEOUT_MS = 300_000;

// The installs need the npm registry (or its cache); only its absence is a reason to skip.
const registryProbe = spawnSync('npm', ['view', 'eslint@9', 'version', '--prefer-offline'], {
  encoding: 'utf8',
  timeout: 120_000,
});
const registryReachable = registryProbe.status === 0 && registryProbe.stdout.trim() !== '';
if (!registryReachable)
  console.warn(`packed-install: npm registry unreachable, skipped: ${registryProbe.stderr || registryProbe.error}`);

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 240_000,
  });
}

/** `npm pack` of the package in `directory` (built already: `npm test` builds first), into the workspace. */
function pack(directory: string): string {
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', workspace], {
    cwd: path.join(repositoryRoot, directory),
    encoding: 'utf8',
  });
  return path.join(workspace, output.trim().split('\n').at(-1)!);
}

/** A fresh project depending on `dependencies`, installed as production installs it. */
function installedProject(name: string, dependencies: Record<string, string>): string {
  const project = path.join(workspace, name);
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', dependencies }),
  );
  const install = run(project, 'npm', [
    'install',
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
  ]);
  if (install.status !== 0) throw new Error(`npm install in ${name} failed:\n${install.stderr}`);
  return project;
}

/** Every package npm installed, scoped ones by their full name, nested ones too (from npm's own lockfile of node_modules). */
function installedPackages(project: string): string[] {
  const lock = JSON.parse(readFileSync(path.join(project, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  return Object.keys(lock.packages)
    .map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
}

/** The directories in node_modules, as `ls` shows them (scopes expanded): what really landed on disk. */
function moduleDirectories(project: string): string[] {
  const modules = path.join(project, 'node_modules');
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@') ? readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`) : [name],
    )
    .sort();
}

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe.skipIf(!registryReachable)('@ssot-lint/auth-core, packed and installed with --omit=dev', () => {
  let project: string;

  beforeAll(() => {
    project = installedProject('auth-app', { '@ssot-lint/auth-core': `file:${pack('packages/auth-core')}` });
  }, INSTALL_TIMEOUT_MS);

  it('brings exactly itself and jose: no linter, no ESLint, no ws', () => {
    expect(installedPackages(project)).toEqual(['@ssot-lint/auth-core', 'jose']);
    expect(moduleDirectories(project)).toEqual(['@ssot-lint/auth-core', 'jose']);
  });

  it('verifies a token jose signed, and refuses a forged one, in a process of its own', () => {
    const script = `
      import { SignJWT } from 'jose';
      import { AuthError, createAuthCore } from '@ssot-lint/auth-core';
      const secret = 'an-hs256-secret-of-at-least-32-bytes!';
      const issuer = 'https://issuer.example';
      const core = await createAuthCore({ issuers: [{ issuer, audience: 'api', algorithms: ['HS256'], secret }] });
      const sign = (key) => new SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(issuer)
        .setAudience('api').setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(key));
      const context = await core.verifyToken(await sign(secret), { transport: 'http' });
      const refusal = await core.verifyToken(await sign('another-secret-of-at-least-32-bytes!!'), { transport: 'http' })
        .then(() => 'accepted', (error) => (error instanceof AuthError ? error.code : String(error)));
      console.log(JSON.stringify({ userId: context.userId, issuer: context.issuer, refusal }));
    `;
    const probe = run(project, process.execPath, ['--input-type=module', '-e', script]);
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({
      userId: 'user-1',
      issuer: 'https://issuer.example',
      refusal: 'invalid_token',
    });
  });

  it('refuses a WebSocket upgrade through its helper, with ws not installed', () => {
    const script = `
      import { createServer, request } from 'node:http';
      import { createAuthCore, createUpgradeHandler, selectWebSocketProtocol } from '@ssot-lint/auth-core';
      import { createTestIssuer } from '@ssot-lint/auth-core/testing';
      const core = await createAuthCore({ issuers: [createTestIssuer().config] });
      const neverUpgraded = { handleUpgrade: () => { throw new Error('a refused upgrade reached the WebSocket server'); } };
      const server = createServer().on('upgrade', createUpgradeHandler(core, neverUpgraded, () => {}));
      await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
      const status = await new Promise((answered, failed) => {
        request({ host: '127.0.0.1', port: server.address().port, headers: {
          Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Authorization: 'Bearer not-a-token' } })
          .on('response', (response) => answered(response.statusCode)).on('error', failed).end();
      });
      server.close();
      console.log(JSON.stringify({ status, protocol: selectWebSocketProtocol(['bearer', 'a.b.c', 'chat']) }));
    `;
    const probe = run(project, process.execPath, ['--input-type=module', '-e', script]);
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({ status: 401, protocol: 'chat' });
    expect(existsSync(path.join(project, 'node_modules', 'ws'))).toBe(false);
  });

  it('type-checks for a consumer that has Node types but neither ws nor @types/ws', () => {
    // The installed package plus @types/node, nothing else: TypeScript finds a module's types in
    // node_modules and @types (and falls back to typeRoots), so no directory it looks in may hold ws.
    const consumer = path.join(workspace, 'auth-app-types');
    const link = (target: string, name: string) => {
      mkdirSync(path.dirname(path.join(consumer, 'node_modules', name)), { recursive: true });
      symlinkSync(target, path.join(consumer, 'node_modules', name), 'dir');
    };
    link(path.join(project, 'node_modules', '@ssot-lint', 'auth-core'), '@ssot-lint/auth-core');
    for (const name of ['@types/node', 'undici-types']) link(path.join(repositoryRoot, 'node_modules', name), name);
    writeFileSync(
      path.join(consumer, 'server.ts'),
      [
        "import { createAuthCore, createUpgradeHandler, type AuthCore, type UpgradeServer } from '@ssot-lint/auth-core';",
        "import { createTestIssuer } from '@ssot-lint/auth-core/testing';",
        '',
        'export const core: AuthCore = await createAuthCore({ issuers: [createTestIssuer().config] });',
        'export const attach = (wss: UpgradeServer<{ send(data: string): void }>) =>',
        '  createUpgradeHandler(core, wss, (client, context) => client.send(context.userId));',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(consumer, 'package.json'),
      JSON.stringify({ name: 'auth-app-types', private: true, type: 'module' }),
    );
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          types: ['node'],
        },
        files: ['server.ts'],
      }),
    );
    const tsc = run(consumer, process.execPath, [
      path.join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      '.',
    ]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});

describe.skipIf(!registryReachable).each(['9', '10'])(
  'ssot-lint, packed and installed with --omit=dev beside ESLint %s',
  (eslintMajor) => {
    let project: string;
    const runIn = (command: string, args: string[]) => run(project, command, args);

    beforeAll(() => {
      const linter = path.join(workspace, 'ssot-lint.tgz');
      if (!existsSync(linter)) cpSync(pack('.'), linter);
      project = installedProject(`lint-app-eslint-${eslintMajor}`, {
        'ssot-lint': `file:${linter}`,
        eslint: `^${eslintMajor}`,
        'typescript-eslint': ourManifest.devDependencies['typescript-eslint']!,
        typescript: ourManifest.devDependencies.typescript!,
      });
      writeFileSync(
        path.join(project, 'eslint.config.js'),
        [
          "import ssot from 'ssot-lint';",
          "import tseslint from 'typescript-eslint';",
          '',
          "export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ssot.configs.recommended];",
          '',
        ].join('\n'),
      );
      cpSync(incident.root, path.join(project, 'incident'), { recursive: true });
    }, INSTALL_TIMEOUT_MS);

    it(`runs ESLint ${eslintMajor}, not another version`, () => {
      const version = runIn(path.join('node_modules', '.bin', 'eslint'), ['--version']);
      expect(version.stdout.trim()).toMatch(new RegExp(`^v${eslintMajor}\\.`));
    });

    it('does not bring the auth core or jose: the linter does not need them at run time', () => {
      const installed = installedPackages(project);
      expect(installed).toContain('ssot-lint');
      expect(installed.filter((name) => name === 'jose' || name.startsWith('@ssot-lint/'))).toEqual([]);
    });

    it('runs the eslint binary with the plugin on the incident and fails with its findings', () => {
      const eslint = runIn(path.join('node_modules', '.bin', 'eslint'), ['incident', '--format', 'json']);
      expect(eslint.status, eslint.stderr).toBe(1);
      const results = JSON.parse(eslint.stdout) as {
        filePath: string;
        messages: { ruleId: string | null; line: number; column: number }[];
      }[];
      const findings = results.flatMap((result) =>
        result.messages
          .filter((message) => message.ruleId?.startsWith('ssot/'))
          .map((message) => ({
            ruleId: message.ruleId!,
            file: path.relative(path.join(project, 'incident'), result.filePath).split(path.sep).join('/'),
            line: message.line,
            column: message.column,
          })),
      );
      expect(findings.map(keyOf).sort()).toEqual(incident.expected.map(keyOf).sort());
    });

    it('runs the ssot binary from the installed package', () => {
      const audit = runIn(path.join('node_modules', '.bin', 'ssot'), ['audit', 'incident', '--format', 'json']);
      expect(audit.status, audit.stderr).toBe(1);
      const report = JSON.parse(audit.stdout) as {
        tool: { name: string };
        findings: { ruleId: string; file: string; line: number; column: number }[];
      };
      expect(report.tool.name).toBe('ssot-lint');
      expect(report.findings.map(keyOf).sort()).toEqual(incident.expected.map(keyOf).sort());
    });

    it("types its configs for ESLint's defineConfig and typescript-eslint's config(), without casts", () => {
      const tsc = typecheckConsumer(project, path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'));
      expect(tsc.output).toBe('');
      expect(tsc.status).toBe(0);
    });
  },
);
