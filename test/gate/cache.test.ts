import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/engine/extract-facts.js';
import { FACTS_SCHEMA } from '../../src/project/facts-cache.js';
import { bundledTypeScript } from '../../src/project/typescript.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';

const FILES = {
  'src/a.ts': 'export class Account {}\n',
  'src/b.ts': 'export class Account {\n  id = 1;\n}\n',
  'src/c.ts': "export const s = process.env.JWT_SECRET || 'x-secret';\n",
  'src/main.ts': "import './a';\nimport './b';\nimport './c';\n",
};

function audit(root: string, ...args: string[]) {
  const run = runCli(['audit', root, '--format', 'json', ...args]);
  return {
    code: run.code,
    findings: (JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number }[] }).findings,
  };
}

function parsedCount(root: string): string {
  return /cache: parsed (\d+ of \d+) files/.exec(runCli(['audit', root]).stdout)![1]!;
}

describe('the persistent cache', () => {
  it('re-parses only changed files on a warm run and gives the same findings', () => {
    const root = tempProject(FILES);
    const cold = audit(root);
    expect(parsedCount(root)).toBe('0 of 4');
    writeFileSync(
      path.join(root, 'src/c.ts'),
      "export const s = process.env.JWT_SECRET || 'other';\nexport class Account {}\n",
    );
    expect(parsedCount(root)).toBe('1 of 4');
    const warm = audit(root);
    expect(warm.findings.length).toBe(cold.findings.length + 1);
  });

  it('is harmless when corrupted or deleted', () => {
    const root = tempProject(FILES);
    const before = audit(root);
    const cacheFile = path.join(root, '.ssot-cache', 'facts.json');
    writeFileSync(cacheFile, '{"key": "ssot-lint", "entr');
    const corrupted = runCli(['audit', root]);
    expect(corrupted.stdout).toContain('cache: unreadable; rebuilt');
    expect(audit(root)).toEqual(before);
    writeFileSync(cacheFile, `${JSON.stringify({ key: 'ssot-lint@0.0.0/facts-v0/x', mac: 'y' })}\n{}`);
    expect(runCli(['audit', root]).stdout).toContain('cache: written by another build of ssot-lint; rebuilt');
    // The one-object file of builds before the line format is another build too, not an unreadable file.
    writeFileSync(cacheFile, JSON.stringify({ key: 'ssot-lint@0.1.0/facts-v8/x', mac: 'y', entries: {} }));
    expect(runCli(['audit', root]).stdout).toContain('cache: written by another build of ssot-lint; rebuilt');
    expect(JSON.parse(readFileSync(cacheFile, 'utf8').split('\n')[0]!).key).toMatch(/^ssot-lint@/);
    expect(audit(root, '--no-cache')).toEqual(before);
  });

  it('can live elsewhere, and never needs writing to succeed', () => {
    const root = tempProject(FILES);
    const elsewhere = tempProject({});
    const run = runCli(['audit', root, '--cache-location', path.join(elsewhere, 'c')]);
    expect(run.stdout).toContain('cache: parsed 4 of 4 files');
    expect(readFileSync(path.join(elsewhere, 'c', 'facts.json'), 'utf8')).toContain('src/a.ts');
    const unwritable = runCli(['audit', root, '--cache-location', path.join(root, 'src/a.ts', 'under-a-file')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stdout).toMatch(/cache: could not write the cache/);
  });
});

/**
 * The cache as stored: a header line (key, mac), a line of import resolutions, then a line per
 * entry: the entry without its call graph, a tab, the graph.
 */
function readCache(file: string): { header: { key: string; mac: string }; entries: Record<string, CacheEntryOnDisk> } {
  // The line after the header holds the import resolutions; the entries follow.
  const [headerLine, , ...lines] = readFileSync(file, 'utf8').split('\n');
  const entries: Record<string, CacheEntryOnDisk> = {};
  for (const line of lines) {
    const tab = line.indexOf('\t');
    const stored = JSON.parse(tab < 0 ? line : line.slice(0, tab)) as CacheEntryOnDisk & { file: string };
    const facts = stored.outcome.facts;
    entries[stored.file] = {
      hash: stored.hash,
      outcome: facts ? { facts: { ...facts, graph: JSON.parse(line.slice(tab + 1)) } } : stored.outcome,
    };
  }
  return { header: JSON.parse(headerLine!), entries };
}

interface CacheEntryOnDisk {
  hash: string;
  outcome: { facts?: Record<string, unknown>; skipped?: string };
}

/** The entries as the cache's body: what ssot-lint writes after the header line (no resolutions kept). */
function bodyOf(entries: Record<string, CacheEntryOnDisk>): string {
  const resolutions = JSON.stringify({ resolutions: { fingerprint: '', answers: [] } });
  return [
    resolutions,
    ...Object.entries(entries).map(([file, entry]) => {
      const { graph, ...facts } = entry.outcome.facts ?? {};
      const head = { file, hash: entry.hash, outcome: entry.outcome.facts ? { facts } : entry.outcome };
      return entry.outcome.facts ? `${JSON.stringify(head)}\t${JSON.stringify(graph ?? null)}` : JSON.stringify(head);
    }),
  ].join('\n');
}

/** What ssot-lint on this machine would write: signed with the key in `cacheHome`. */
function writeSignedCache(
  file: string,
  key: string,
  cacheHome: string,
  entries: Record<string, CacheEntryOnDisk>,
): void {
  const secret = readFileSync(path.join(cacheHome, 'ssot-lint', 'cache-key'));
  const body = bodyOf(entries);
  const mac = createHmac('sha256', secret).update(key).update('\n').update(body).digest('base64url');
  writeFileSync(file, `${JSON.stringify({ key, mac })}\n${body}`);
}

function emptied(entries: Record<string, CacheEntryOnDisk>): Record<string, CacheEntryOnDisk> {
  return Object.fromEntries(
    Object.entries(entries).map(([file, entry]) => [
      file,
      { hash: entry.hash, outcome: { facts: { ...entry.outcome.facts, classes: [], secretReads: [] } } },
    ]),
  );
}

describe('a cache the audited tree ships', () => {
  it('cannot hide findings: a committed facts.json with the right key, right content hashes and empty facts is not read', () => {
    const root = tempProject(FILES);
    const before = audit(root);
    expect(before.code).toBe(1);
    const cacheFile = path.join(root, '.ssot-cache', 'facts.json');
    const { header, entries } = readCache(cacheFile);
    // The author of the pull request ran ssot on their machine, emptied the facts and re-signed with their own key.
    const theirHome = tempProject({});
    runCli(['audit', tempProject(FILES)], { env: { XDG_CACHE_HOME: theirHome } });
    writeSignedCache(cacheFile, header.key, theirHome, emptied(entries));
    const run = runCli(['audit', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cache: not written by ssot-lint on this machine (or changed since); rebuilt');
    expect(audit(root)).toEqual(before);
    // The same with the header left as it was: the body no longer matches its signature.
    writeFileSync(cacheFile, `${JSON.stringify(header)}\n${bodyOf(emptied(entries))}`);
    expect(audit(root)).toEqual(before);
  });

  it('drops entries of the wrong shape instead of crashing, even when signed', () => {
    const cacheHome = tempProject({});
    const root = tempProject(FILES);
    const env = { XDG_CACHE_HOME: cacheHome };
    const before = runCli(['audit', root, '--format', 'json'], { env });
    const cacheFile = path.join(root, '.ssot-cache', 'facts.json');
    const { header, entries } = readCache(cacheFile);
    const broken = {
      ...entries,
      'src/a.ts': { hash: entries['src/a.ts']!.hash, outcome: { facts: { file: 'src/a.ts', classes: null } } },
      'src/b.ts': {
        hash: entries['src/b.ts']!.hash,
        outcome: { facts: { ...entries['src/b.ts']!.outcome.facts, classes: [null] } },
      },
      // Facts of another file under this name.
      'src/c.ts': { hash: entries['src/c.ts']!.hash, outcome: entries['src/a.ts']!.outcome },
    };
    writeSignedCache(cacheFile, header.key, cacheHome, broken);
    const run = runCli(['audit', root], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cache: dropped 3 malformed entries; those files were parsed again');
    const findings = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings;
    expect(findings(runCli(['audit', root, '--format', 'json'], { env }).stdout)).toEqual(findings(before.stdout));
  });

  it('re-reads a file whose content changed with the same size and mtime', () => {
    const root = tempProject(FILES);
    const file = path.join(root, 'src/a.ts');
    // Whole seconds, so that the mtime can be restored exactly.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(audit(root).findings.filter((finding) => finding.file === 'src/a.ts')).toHaveLength(1);
    // Same length, same mtime, another class name: the duplicate is gone.
    writeFileSync(file, 'export class Acclunt {}\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    expect(statSync(file).mtimeMs).toBe(1_700_000_000_000);
    expect(audit(root).findings.filter((finding) => finding.file === 'src/a.ts')).toEqual([]);
  });

  it('is keyed by the build of the tool: a changed extractor does not read facts an older one wrote', () => {
    const cacheDirectory = path.join(tempProject({}), 'cache');
    const root = tempProject(FILES);
    expect(runCli(['audit', root, '--cache-location', cacheDirectory]).stdout).toContain('cache: parsed 4 of 4 files');
    // A copy of the package whose code differs by one comment: another build at the same version.
    const copy = tempProject({});
    for (const part of ['bin', 'dist/src', 'schema', 'package.json', 'docs'])
      cpSync(path.join(repositoryRoot, part), path.join(copy, part), { recursive: true });
    symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(copy, 'node_modules'));
    appendFileSync(path.join(copy, 'dist/src/engine/extract-facts.js'), '\n// patched\n');
    const patched = spawnSync(
      process.execPath,
      [path.join(copy, 'bin/ssot.js'), 'audit', root, '--cache-location', cacheDirectory],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(patched.stdout).toContain('cache: written by another build of ssot-lint; rebuilt');
    expect(patched.stdout).toContain('cache: parsed 4 of 4 files');
  });

  it('is never read from a device, and says so', () => {
    const root = tempProject(FILES);
    mkdirSync(path.join(root, '.ssot-cache'));
    symlinkSync('/dev/zero', path.join(root, '.ssot-cache', 'facts.json'));
    const run = runCli(['audit', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cache: not a regular file (a device); rebuilt');
  });
});

describe('the cache entry schema', () => {
  it('accepts what the extractor produces, and names every list of facts', () => {
    const typescript = bundledTypeScript();
    const source =
      'export class A { x = 1; }\nimport jwt from "jsonwebtoken";\nexport const v = jwt.verify("t", process.env.K!);\n';
    const facts = extractFacts(
      typescript,
      typescript.createSourceFile('a.ts', source, typescript.ScriptTarget.Latest, true),
      'a.ts',
    );
    const validate = new Ajv({ strict: false }).compile(FACTS_SCHEMA);
    expect(validate(facts)).toBe(true);
    const lists = Object.entries(facts)
      .filter(([, value]) => Array.isArray(value))
      .map(([name]) => name);
    // A new list in FileFacts must be added to FACTS_SCHEMA, or a cache could hand the checks a missing one.
    expect([...FACTS_SCHEMA.required].sort()).toEqual(['file', 'lines', 'graph', ...lists].sort());
  });
});
