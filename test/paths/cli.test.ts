import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const incident = path.join(fixturesRoot, 'incident');
const clean = path.join(fixturesRoot, 'clean');

function withoutDuration(json: string): unknown {
  const report = JSON.parse(json) as { summary: { durationMs?: number } };
  delete report.summary.durationMs;
  return report;
}

describe('ssot paths (CLI)', () => {
  it('prints the text inventory and exits 0 even with four paths: it is an inventory, not a gate', () => {
    const run = runCli(['paths', incident, '--no-cache']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('ssot paths: 4 JWT validation paths, expected 1');
    expect(run.stdout).toContain('P2  inline in websocketEndpoint  [inline]  [environment-gated]');
    expect(run.stdout).toContain(
      "! only when ['staging', 'production'].includes(environment) && !isTesting && !isE2eTesting (src/routes/websocket.ts:27)",
    );
    expect(run.stdout).toContain(
      'S2 getUnifiedJwtSecret (src/shared/jwt-secret-manager.ts:9) reads JWT_SECRET_STAGING, JWT_SECRET_KEY, JWT_SECRET; used by P2, P3',
    );
    expect(run.stdout).toContain('      websocket_connection_id   x   - ');
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it('says "1 JWT validation path, expected 1" on the clean app', () => {
    const run = runCli(['paths', clean, '--no-cache']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('ssot paths: 1 JWT validation path, expected 1');
  });

  it('writes every format, deterministically, to --output atomically', () => {
    const directory = tempProject({ 'keep.txt': '' });
    for (const format of ['text', 'json', 'markdown', 'mermaid', 'html']) {
      const output = path.join(directory, `paths.${format}`);
      const first = runCli(['paths', incident, '--format', format, '--output', output, '--no-cache']);
      expect(first.code).toBe(0);
      expect(first.stdout).toBe('');
      expect(first.stderr).toContain(`wrote the ${format} report to ${output}`);
      const once = readFileSync(output, 'utf8');
      const second = runCli(['paths', incident, '--format', format, '--output', output, '--no-cache']);
      expect(second.code).toBe(0);
      const twice = readFileSync(output, 'utf8');
      if (format === 'json') expect(withoutDuration(twice)).toEqual(withoutDuration(once));
      else expect(twice).toBe(once);
    }
    // No temp files left behind by the atomic writes.
    expect(readdirSync(directory).sort()).toEqual([
      'keep.txt',
      'paths.html',
      'paths.json',
      'paths.markdown',
      'paths.mermaid',
      'paths.text',
    ]);
  });

  it('counts the JWT modules no entry point reaches, so it tells the story the rules tell', () => {
    const workspaces = path.join(repositoryRoot, 'fixtures/rules/single-jwt-path-workspaces');
    const run = runCli(['paths', workspaces, '--no-cache']);
    expect(run.stdout.split('\n')[0]).toBe(
      'ssot paths: 0 JWT validation paths, expected 1; 3 more modules verify or decode tokens where no recognised entry point reaches',
    );
    const report = JSON.parse(runCli(['paths', workspaces, '--format', 'json', '--no-cache']).stdout) as {
      unreached: { file: string }[];
    };
    expect(report.unreached.map((use) => use.file)).toEqual([
      'apps/api/src/auth/guard.ts',
      'apps/ws/src/gateway.ts',
      'packages/shared/src/session.ts',
    ]);
  });

  it('json: the documented contract, files relative, no absolute root', () => {
    const run = runCli(['paths', incident, '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & {
      summary: Record<string, number>;
      paths: { id: string }[];
    };
    expect(Object.keys(report)).toEqual([
      'version',
      'tool',
      'summary',
      'authCore',
      'entryPoints',
      'paths',
      'secretSources',
      'duplicates',
      'similarClasses',
      'unreached',
      'skipped',
      'notes',
    ]);
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({
      paths: 4,
      expectedPaths: 1,
      secretSources: 3,
      environmentGatedPaths: 1,
      unauthenticated: 0,
      duplicateGroups: 1,
      unreachedModules: 0,
    });
    expect(run.stdout).not.toContain(incident);
    // Every field the JSON carries is documented in docs/paths.md.
    const docs = readFileSync(path.join(repositoryRoot, 'docs', 'paths.md'), 'utf8');
    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          walk(inner);
        }
      }
    };
    walk(report);
    walk(
      JSON.parse(runCli(['paths', path.join(fixturesRoot, 'paths', 'nest'), '--format', 'json', '--no-cache']).stdout),
    );
    const undocumented = [...keys].filter((key) => !docs.includes(`\`${key}\``));
    expect(undocumented).toEqual([]);
  });

  it('mermaid: entry points, paths, primitives and secrets, violations coloured, gates on the edges', () => {
    const run = runCli(['paths', incident, '--format', 'mermaid', '--no-cache']);
    expect(run.stdout).toMatch(/^%% ssot paths: 4 JWT validation paths, expected 1\nflowchart LR\n/);
    expect(run.stdout).toContain('E5 --> P2');
    expect(run.stdout).toContain('P2 ==>|"env: ENVIRONMENT"| X');
    expect(run.stdout).toMatch(/class [A-Z0-9,]*P2[A-Z0-9,]* warning/);
    expect(run.stdout).toMatch(/class [A-Z0-9,]*P3[A-Z0-9,]* violation/);
    expect(run.stdout).toContain('classDef violation fill:#ff9999');
    expect(run.stdout).toContain('P3 -.-> S3');
  });

  it('markdown: links to source lines relative to the report file', () => {
    const directory = tempProject({ 'keep.txt': '' });
    const output = path.join(directory, 'paths.md');
    runCli(['paths', incident, '--format', 'markdown', '--output', output, '--no-cache']);
    const markdown = readFileSync(output, 'utf8');
    const relative = path.relative(directory, incident).split(path.sep).join('/');
    expect(markdown).toContain(`[\`src/routes/websocket.ts:34\`](${relative}/src/routes/websocket.ts#L34)`);
    expect(markdown).toContain('```mermaid');
    expect(markdown).toContain('| `websocket_connection_id` | ✔ | – |');
  });

  it('exits 2 with one line on usage and configuration errors', () => {
    const missing = runCli(['paths', path.join(fixturesRoot, 'no-such-project')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^ssot: .*no such directory/);
    const format = runCli(['paths', incident, '--format', 'svg']);
    expect(format.code).toBe(2);
    const config = runCli(['paths', tempProject({ 'ssot.config.json': '{"authCore": 3}' })]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(
      /^ssot: ssot\.config\.json: authCore must be a glob string or an array of glob strings/,
    );
    const output = runCli(['paths', incident, '--output', path.join(fixturesRoot, 'no-such-dir', 'x.html')]);
    expect(output.code).toBe(2);
    expect(output.stderr).toMatch(/^ssot: Cannot write .*: directory .* does not exist\n$/);
  });

  it('lists broken files as skipped and still reports', () => {
    const root = tempProject({
      'package.json': '{"name":"x"}',
      'src/broken.ts': 'const = ;\n',
      'src/app.ts':
        "import express from 'express';\nexport const app = express();\napp.get('/', (_q, s) => s.end());\n",
    });
    const run = runCli(['paths', root, '--no-cache']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Skipped files (1)\n    src/broken.ts: syntax error at 1:7');
    expect(run.stdout).toContain('GET / (src/app.ts:3)');
  });

  it('ssot audit --format markdown points auth findings at the path inventory', () => {
    const run = runCli(['audit', incident, '--format', 'markdown', '--no-cache']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`run \`ssot paths ${incident} --format markdown\``);
    expect(run.stdout).toContain('(https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/paths.md)');
    expect(existsSync(path.join(repositoryRoot, 'docs', 'paths.md'))).toBe(true);
    const cleanRun = runCli(['audit', clean, '--format', 'markdown', '--no-cache']);
    expect(cleanRun.stdout).not.toContain('ssot paths');
  });
});
