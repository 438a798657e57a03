import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TOOL } from '../package-info.js';
import type { ParseOutcome } from './parse-file.js';

/**
 * Bump when FileFacts or the extractor change meaning: old caches are then ignored. Facts do
 * not depend on the config (rules interpret them), so the config is not part of the key.
 */
export const FACTS_SCHEMA_VERSION = 6;

const CACHE_FILE = 'facts.json';

interface CacheEntry {
  /** `mtimeMs:size`: when unchanged the file is not even read. */
  stamp: string;
  /** Content hash: a touched but unchanged file is read, not parsed. */
  hash: string;
  outcome: ParseOutcome;
}

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
}

/** Where the cache lives by default: beside the project's other tool caches, or `.ssot-cache/`. */
export function defaultCacheDirectory(root: string): string {
  return existsSync(path.join(root, 'node_modules'))
    ? path.join(root, 'node_modules', '.cache', 'ssot-lint')
    : path.join(root, '.ssot-cache');
}

/**
 * Facts of every file from the last run, keyed by path, stamp and content hash, and by the
 * tool version and facts schema. A missing, stale or corrupt cache only costs a cold run.
 */
export class FactsCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;
  /** Why the stored cache was not used, if it was not. */
  readonly problem: string | undefined;

  constructor(readonly directory: string) {
    this.problem = this.load();
  }

  private get file(): string {
    return path.join(this.directory, CACHE_FILE);
  }

  private static key(): string {
    return `${TOOL.name}@${TOOL.version}/facts-v${FACTS_SCHEMA_VERSION}`;
  }

  private load(): string | undefined {
    if (!existsSync(this.file)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
      if (parsed.key !== FactsCache.key() || typeof parsed.entries !== 'object' || parsed.entries === null)
        return 'written by another version; rebuilt';
      this.entries = parsed.entries;
      return undefined;
    } catch {
      return 'unreadable; rebuilt';
    }
  }

  /** The stored outcome when the file's stamp is unchanged. */
  byStamp(file: string, stamp: string): ParseOutcome | undefined {
    const entry = this.entries[file];
    return entry?.stamp === stamp ? entry.outcome : undefined;
  }

  /** The stored outcome when the content is unchanged (the stamp moved, e.g. a checkout). */
  byHash(file: string, stamp: string, hash: string): ParseOutcome | undefined {
    const entry = this.entries[file];
    if (entry?.hash !== hash) return undefined;
    entry.stamp = stamp;
    this.dirty = true;
    return entry.outcome;
  }

  /** The content hash recorded for a file, if any. */
  hashOf(file: string): string | undefined {
    return this.entries[file]?.hash;
  }

  set(file: string, stamp: string, hash: string, outcome: ParseOutcome): void {
    this.entries[file] = { stamp, hash, outcome };
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
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true });
      writeFileSync(temporary, JSON.stringify({ key: FactsCache.key(), entries: this.entries } satisfies CacheFile));
      renameSync(temporary, this.file);
      this.dirty = false;
      return undefined;
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // The directory itself is unusable: there is no temporary file to clean up.
      }
      return `could not write the cache in ${this.directory} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
  }
}

export function stampOf(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}
