import { createHash, createHmac, randomBytes, timingSafeEqual, type Hmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { BoundedReadError, MIB, readRegularFile } from '../io/read-bounded.js';
import { TOOL } from '../package-info.js';
import { emptyFileFacts, FunctionFacts } from '../engine/record.js';
import type { FileFacts, FileGraph } from '../engine/types.js';
import type { ParseOutcome } from './parse-file.js';

/**
 * Bump when FileFacts or the extractor change meaning. The key also holds a hash of the tool's
 * own code, so a changed extractor never reads facts an older one wrote, even at the same version.
 */
export const FACTS_SCHEMA_VERSION = 9;

const CACHE_FILE = 'facts.json';
/** A cache of 100,000 files is about 100 MiB. */
const MAX_CACHE_BYTES = 256 * MIB;

interface CacheEntry {
  /** Content hash of the file the facts were extracted from. */
  hash: string;
  /** The file's stat stamp when it was hashed (`stampOf`): unchanged, the file need not be read again. */
  stamp?: string;
  outcome: ParseOutcome;
  /** The entry's line as read (bytes of the cache file), while the entry is unchanged: written back as it is. */
  line?: Uint8Array;
}

/** An entry's line before its call graph: the entry, with the facts' `graph` left out. */
interface StoredEntry {
  file: string;
  hash: string;
  stamp?: string;
  outcome: { skipped: string } | { facts: Omit<FileFacts, 'graph'> };
}

/** Where the cache lives by default: beside the project's other tool caches, or `.ssot-cache/`. */
export function defaultCacheDirectory(root: string): string {
  return existsSync(path.join(root, 'node_modules'))
    ? path.join(root, 'node_modules', '.cache', 'ssot-lint')
    : path.join(root, '.ssot-cache');
}

/**
 * Facts of every file from the last run, keyed by path and content hash, and by the tool build.
 * A missing, stale, corrupt or foreign cache only costs a cold run.
 *
 * The cache usually lives inside the audited tree, which in CI is a pull request: it can ship a
 * `facts.json` of its own, with the right key, the right content hashes and empty facts, to hide
 * every finding. So the file carries an HMAC made with a key that never leaves this machine's
 * user cache directory; a cache that does not verify is not read. A content hash per entry keeps
 * a file that changed with the same size and mtime (a checkout, a clock) from reusing old facts.
 *
 * Format: one line of JSON header (`key`, `mac`); one line of the import resolutions the last run
 * made, with the fingerprint of what they depend on (`resolutionFingerprint`); then one line per
 * file: the entry as JSON
 * without the facts' call graph, a tab, and the call graph as JSON. The call graph is most of the
 * cache and only `ssot paths` and the checks that follow calls read it, for the files they reach:
 * it is parsed when first read (`lazyGraph`), and an unchanged line is written back as it was.
 */
export class FactsCache {
  private entries: Record<string, CacheEntry> = {};
  private resolutions: StoredResolutions = { fingerprint: '', answers: new Map() };
  private dirty = false;
  /** Why the stored cache (or some of its entries) was not used, if it was not. */
  readonly problem: string | undefined;

  constructor(readonly directory: string) {
    this.problem = this.load();
  }

  private get file(): string {
    return path.join(this.directory, CACHE_FILE);
  }

  private load(): string | undefined {
    if (!existsSync(this.file)) return undefined;
    let bytes: Buffer;
    try {
      bytes = readRegularFile(this.file, MAX_CACHE_BYTES);
    } catch (error) {
      return `${error instanceof BoundedReadError ? error.reason : 'unreadable'}; rebuilt`;
    }
    // Bytes, not one string: only the lines' heads are decoded now, each graph when it is read.
    const newline = bytes.indexOf(NEWLINE);
    const header = parseJson(bytes.toString('utf8', 0, newline < 0 ? bytes.length : newline)) as {
      key?: unknown;
      mac?: unknown;
    };
    if (header === undefined) return 'unreadable; rebuilt';
    // Before the line format, a cache was one JSON object: its key tells the older build.
    if (header.key !== cacheKey()) return 'written by another build of ssot-lint; rebuilt';
    if (newline < 0) return 'unreadable; rebuilt';
    const body = bytes.subarray(newline + 1);
    if (typeof header.mac !== 'string' || !sameMac(header.mac, macOf([body])))
      return 'not written by ssot-lint on this machine (or changed since); rebuilt';
    const metaEnd = body.indexOf(NEWLINE);
    const meta = parseJson(body.toString('utf8', 0, metaEnd < 0 ? body.length : metaEnd));
    if (!validateMeta(meta)) return 'unreadable; rebuilt';
    this.resolutions = { fingerprint: meta.resolutions.fingerprint, answers: new Map(meta.resolutions.answers) };
    let dropped = 0;
    for (let start = metaEnd < 0 ? body.length : metaEnd + 1; start < body.length;) {
      const found = body.indexOf(NEWLINE, start);
      const end = found < 0 ? body.length : found;
      const entry = parseEntry(body.subarray(start, end));
      if (entry) this.entries[entry.file] = entry.value;
      else dropped++;
      start = end + 1;
    }
    if (dropped === 0) return undefined;
    this.dirty = true;
    return `dropped ${dropped} malformed entr${dropped === 1 ? 'y' : 'ies'}; those files were parsed again`;
  }

  /** The import resolutions of the last run, if it resolved against the same inputs (`fingerprint`). */
  resolutionsFor(fingerprint: string): ReadonlyMap<string, string | null> | undefined {
    return this.resolutions.fingerprint === fingerprint ? this.resolutions.answers : undefined;
  }

  /** Keeps this run's resolutions; `answers` holds the stored ones and any new (see `resolutionsFor`). */
  keepResolutions(fingerprint: string, answers: ReadonlyMap<string, string | null>): void {
    if (this.resolutions.fingerprint === fingerprint && this.resolutions.answers.size === answers.size) return;
    this.resolutions = { fingerprint, answers };
    this.dirty = true;
  }

  /** The stored outcome when the file's content is what it was when the facts were extracted. */
  get(file: string, hash: string): ParseOutcome | undefined {
    const entry = this.entries[file];
    return entry?.hash === hash ? entry.outcome : undefined;
  }

  /**
   * The stored outcome when the file's stat stamp is the one recorded with its hash. The stamp
   * holds the inode change time, which every write moves and no user-level tool can set back
   * (unlike mtime, which `touch -d` or a checkout can), so an unchanged stamp is unchanged content;
   * a warm run then opens no source file at all. Only caches this machine signed are loaded.
   */
  byStamp(file: string, stamp: string): ParseOutcome | undefined {
    const entry = this.entries[file];
    return stamp !== 'missing' && entry?.stamp === stamp ? entry.outcome : undefined;
  }

  /** The content hash recorded for a file, if any. */
  hashOf(file: string): string | undefined {
    return this.entries[file]?.hash;
  }

  set(file: string, hash: string, outcome: ParseOutcome, stamp?: string): void {
    this.entries[file] = { hash, ...(stamp ? { stamp } : {}), outcome };
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist, so the cache does not grow forever. */
  retainOnly(files: ReadonlySet<string>): void {
    for (const file of Object.keys(this.entries)) {
      if (!files.has(file)) {
        delete this.entries[file];
        this.dirty = true;
      }
    }
  }

  /** Writes the cache atomically (temp file + rename); a failure to write is not an audit failure. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    try {
      // Line by line as they are written, never the whole cache at once: the lines of a cold
      // run's cache (37 MB on the bench) were the peak memory of the audit that writes it. The
      // signature over them goes into the header once they are all written.
      const { fingerprint, answers } = this.resolutions;
      const entries = this.entries;
      const mac = macHasher();
      const body = function* (): Generator<string | Uint8Array> {
        yield JSON.stringify({ resolutions: { fingerprint, answers: [...answers] } });
        for (const [file, entry] of Object.entries(entries)) {
          yield '\n';
          if (entry.line) yield entry.line;
          else yield* entryLine(file, entry);
        }
      };
      // Each piece is encoded once, for the signature and the file alike.
      const signed = function* (): Generator<Uint8Array> {
        for (const piece of body()) {
          const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
          mac.update(bytes);
          yield bytes;
        }
      };
      const header = (signature: string) => `${JSON.stringify({ key: cacheKey(), mac: signature })}\n`;
      mkdirSync(this.directory, { recursive: true });
      writeFileAtomicSync(this.file, {
        chunks: signed(),
        header: { placeholder: header('-'.repeat(MAC_LENGTH)), final: () => header(mac.digest('base64url')) },
      });
      this.dirty = false;
      return undefined;
    } catch (error) {
      return `could not write the cache in ${this.directory} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
  }
}

export function stampOf(file: string): string {
  try {
    const stats = statSync(file, { bigint: true });
    return `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return 'missing';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let key: string | undefined;

/** The tool, the facts schema and a hash of the tool's own code, computed once. */
function cacheKey(): string {
  key ??= `${TOOL.name}@${TOOL.version}/facts-v${FACTS_SCHEMA_VERSION}/${buildHash()}`;
  return key;
}

/**
 * A hash of every file of the running build (dist/src, or src under a test runner): a changed
 * extractor, a local patch or a rebuild from another commit gets a cache of its own.
 */
function buildHash(): string {
  const codeRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.[cm]?[jt]s$/.test(entry.name) && !entry.name.endsWith('.map')) {
        hash.update(path.relative(codeRoot, full)).update('\0').update(readFileSync(full)).update('\0');
      }
    }
  };
  visit(codeRoot);
  return hash.digest('base64url').slice(0, 22);
}

let secret: Buffer | undefined;

/** The signature of a body, given in pieces. */
function macOf(body: readonly (string | Uint8Array)[]): string {
  const hmac = macHasher();
  for (const piece of body) hmac.update(piece);
  return hmac.digest('base64url');
}

/** The signature's state before the body: keyed by this machine's secret, over the cache key. */
function macHasher(): Hmac {
  secret ??= machineSecret();
  return createHmac('sha256', secret).update(cacheKey()).update('\n');
}

/** A SHA-256 HMAC in base64url, without padding. */
const MAC_LENGTH = 43;

function sameMac(stored: string, expected: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key that signs caches: random, private to this user, outside any audited tree. Without a
 * place to keep it (no writable home), a key for this process alone: caches are then never reused.
 */
function machineSecret(): Buffer {
  const directory = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'ssot-lint');
  const file = path.join(directory, 'cache-key');
  try {
    const stored = readRegularFile(file, 1024);
    if (stored.length >= 32) return stored;
  } catch {
    // Not created yet, or unusable: make one.
  }
  const fresh = randomBytes(32);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch {
    // Another process made it first: use theirs, so that both sign alike.
    try {
      const stored = readRegularFile(file, 1024);
      if (stored.length >= 32) return stored;
    } catch {
      // No usable key on disk.
    }
    return fresh;
  }
}

/**
 * The shape of an entry, as far as the checks rely on it: an outcome with a reason, or facts
 * whose lists are lists of objects. Kept in step with FileFacts by test/gate/cache.test.ts.
 */
const FACT_LISTS = [
  'classes',
  'canonicalDeclarations',
  'imports',
  'memberUses',
  'exports',
  'jwtUses',
  'jwtCandidates',
  'envConditions',
  'secretReads',
  'bypasses',
  'suppressions',
  'credentialIssues',
] as const;

/** The call-graph facts' lists (FileGraph), each a list of objects (`objects` of names). */
const GRAPH_LISTS = [
  'functions',
  'classes',
  'variables',
  'entries',
  'regions',
  'instanceofs',
  'news',
  'strategies',
  'globalGuards',
  'providers',
] as const;

const GRAPH_SCHEMA = {
  type: 'object',
  required: ['objects', ...GRAPH_LISTS],
  properties: {
    objects: { type: 'array', items: { type: 'string' } },
    ...Object.fromEntries(GRAPH_LISTS.map((list) => [list, { type: 'array', items: { type: 'object' } }])),
  },
} as const;

const FACT_PROPERTIES = {
  file: { type: 'string' },
  lines: { type: 'integer', minimum: 0 },
  defaultExportName: { type: 'string' },
  ...Object.fromEntries(FACT_LISTS.map((list) => [list, { type: 'array', items: { type: 'object' } }])),
} as const;

export const FACTS_SCHEMA = {
  type: 'object',
  required: ['file', 'lines', 'graph', ...FACT_LISTS],
  properties: { ...FACT_PROPERTIES, graph: GRAPH_SCHEMA },
} as const;

const validateStored = lazyValidator<StoredEntry>({
  type: 'object',
  required: ['file', 'hash', 'outcome'],
  properties: {
    file: { type: 'string' },
    hash: { type: 'string', minLength: 1 },
    stamp: { type: 'string' },
    outcome: {
      oneOf: [
        { type: 'object', required: ['skipped'], properties: { skipped: { type: 'string' } } },
        {
          type: 'object',
          required: ['facts'],
          properties: {
            facts: { type: 'object', required: ['file', 'lines', ...FACT_LISTS], properties: FACT_PROPERTIES },
          },
        },
      ],
    },
  },
});

/**
 * One Ajv for the cache's schemas, each compiled when first used: compiling them (and Ajv's own
 * meta-schema, once per instance) on import was a sixth of a warm audit. The schemas are this
 * file's own, so they are not checked against the meta-schema.
 */
let ajv: Ajv | undefined;

function lazyValidator<T>(schema: object): (value: unknown) => value is T {
  let validate: ((value: unknown) => value is T) | undefined;
  return (value): value is T => {
    validate ??= (ajv ??= new Ajv({ strict: false, validateSchema: false })).compile<T>(schema);
    return validate(value);
  };
}

interface StoredResolutions {
  fingerprint: string;
  answers: ReadonlyMap<string, string | null>;
}

const validateMeta = lazyValidator<{
  resolutions: { fingerprint: string; answers: [string, string | null][] };
}>({
  type: 'object',
  required: ['resolutions'],
  properties: {
    resolutions: {
      type: 'object',
      required: ['fingerprint', 'answers'],
      properties: {
        fingerprint: { type: 'string' },
        answers: {
          type: 'array',
          items: {
            type: 'array',
            minItems: 2,
            maxItems: 2,
            items: [{ type: 'string' }, { type: ['string', 'null'] }],
          },
        },
      },
    },
  },
});

const validateGraph = lazyValidator<FileGraph>(GRAPH_SCHEMA);

const NEWLINE = 0x0a;
/** JSON text holds no raw tab: the first one ends a line's head. */
const TAB = 0x09;

/** One line of the cache as an entry, or undefined when it is not one this build wrote. */
function parseEntry(line: Buffer): { file: string; value: CacheEntry } | undefined {
  const tab = line.indexOf(TAB);
  const stored = parseJson(line.toString('utf8', 0, tab < 0 ? line.length : tab));
  if (!validateStored(stored)) return undefined;
  const { file, hash, stamp, outcome } = stored;
  const entry = (parsed: ParseOutcome): { file: string; value: CacheEntry } => ({
    file,
    value: { hash, ...(stamp ? { stamp } : {}), outcome: parsed, line },
  });
  if ('skipped' in outcome) return tab < 0 ? entry(outcome) : undefined;
  if (tab < 0 || outcome.facts.file !== file) return undefined;
  return entry({ facts: lazyGraph(outcome.facts, line.subarray(tab + 1)) });
}

/** The call graph's bytes of facts read from the cache, for writing them back without parsing them. */
const graphBytes = new WeakMap<FileFacts, Uint8Array>();

/**
 * Facts whose `graph` is decoded from `bytes` when first read. The signature already vouches for
 * the bytes; a graph that is still not the shape this build writes reads as a module that calls
 * nothing.
 */
function lazyGraph(head: Omit<FileFacts, 'graph'>, bytes: Buffer): FileFacts {
  let graph: FileGraph | undefined;
  const facts = Object.defineProperty(head, 'graph', {
    enumerable: true,
    configurable: true,
    get: () => (graph ??= parsedGraph(bytes.toString('utf8'), head.file)),
    set: (value: FileGraph) => {
      graph = value;
      graphBytes.delete(facts);
    },
  }) as FileFacts;
  graphBytes.set(facts, bytes);
  return facts;
}

function parsedGraph(text: string, file: string): FileGraph {
  const graph = parseJson(text);
  if (validateGraph(graph)) return graph;
  // The file's module alone, over all of it: every position still has an owner, and it calls nothing.
  const empty = emptyFileFacts(file, 0).graph;
  new FunctionFacts(file, empty).add(
    '<module>',
    'module',
    { line: 1, column: 1, start: 0 },
    0,
    Number.MAX_SAFE_INTEGER,
  );
  return empty;
}

/** An entry as its line: the entry without the call graph, a tab, the call graph. */
function entryLine(file: string, entry: CacheEntry): (string | Uint8Array)[] {
  const { outcome } = entry;
  const stored = { file, hash: entry.hash, ...(entry.stamp ? { stamp: entry.stamp } : {}) };
  if ('skipped' in outcome) return [JSON.stringify({ ...stored, outcome })];
  const facts = outcome.facts;
  // Key by key, leaving `graph` unread: reading it would decode a graph that is only written back.
  const head: Record<string, unknown> = {};
  for (const key of Object.keys(facts)) if (key !== 'graph') head[key] = facts[key as keyof FileFacts];
  const line = `${JSON.stringify({ ...stored, outcome: { facts: head } })}\t`;
  const graph = graphBytes.get(facts);
  return graph ? [line, graph] : [`${line}${JSON.stringify(facts.graph)}`];
}
