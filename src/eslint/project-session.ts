import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, readBaseline } from '../baseline/baseline.js';
import { CONFIG_FILE_NAME, loadConfig, type ResolvedConfig } from '../config/load-config.js';
import type { FileFacts } from '../engine/types.js';
import type { TypeScript } from '../engine/extract-facts.js';
import { buildProjectIndex } from '../project/build-index.js';
import { discoverProject, type DiscoveredProject } from '../project/discover-files.js';
import { defaultCacheDirectory, FactsCache, stampOf } from '../project/facts-cache.js';
import { parseFile } from '../project/parse-file.js';
import type { ProjectIndex } from '../project/project-index.js';

/** Re-checking the disk costs a glob and a stat per file; keep it under ~2% of the time between checks. */
const MIN_REFRESH_INTERVAL_MS = 2000;
const REFRESH_COST_FACTOR = 50;

/**
 * One project as the ESLint plugin sees it: the same index the CLI builds, built once per
 * process and kept correct while an editor keeps the process alive. Files being linted are
 * updated from their buffers; other files are re-read from disk when they change.
 */
export class ProjectSession {
  readonly index: ProjectIndex;
  private discovered: DiscoveredProject;
  private readonly stamps = new Map<string, string>();
  /** Files whose facts came from an editor buffer: the disk copy may be stale. */
  private readonly fromBuffer = new Map<string, string>();
  private refreshedAt = Date.now();
  private refreshCostMs = 0;
  private readonly configStamp: string;
  /** Set when a refresh finds the config changed: the next lint opens a new session. */
  stale = false;
  /** Files linted at least once: a second lint of the same file is what an editor does. */
  private readonly linted = new Set<string>();
  private readonly cache: FactsCache;

  private constructor(
    readonly config: ResolvedConfig,
    private readonly typescript: TypeScript,
  ) {
    this.configStamp = configStampOf(config.root);
    this.discovered = discoverProject(config.root, config.ignore);
    for (const file of this.discovered.files) this.stamps.set(file, stampOf(path.join(config.root, file)));
    // The CLI's cache makes the editor's cold start warm, and the editor's first build warms the CLI.
    this.cache = new FactsCache(defaultCacheDirectory(config.root));
    this.index = buildProjectIndex(config, { discovered: this.discovered, cache: this.cache, typescript });
    this.loadBaseline();
  }

  /**
   * Whether the buffer is what the index already holds for this file (the content hash of its
   * disk copy): then nothing needs extracting, which is every file of a command-line ESLint run.
   */
  holds(file: string, hash: string): boolean {
    return !this.fromBuffer.has(file) && this.cache.hashOf(file) === hash && this.index.files.has(file);
  }

  /**
   * Called for every file linted. A command-line run lints each file once and never looks at the
   * disk again; an editor lints the same files over and over, and then the session catches up
   * with changes on disk (throttled).
   */
  noteLint(file: string): void {
    if (!this.linted.has(file)) {
      this.linted.add(file);
      return;
    }
    this.refreshIfDue();
  }

  static open(root: string, typescript: TypeScript): ProjectSession {
    return new ProjectSession(loadConfig(root), typescript);
  }

  /** Whether the audit leaves this file out (.gitignore, build folders, `ignore`, `.d.ts`). */
  isExcluded(file: string): boolean {
    return this.discovered.isExcluded(file);
  }

  private baselineCache: { stamp: string; fingerprints: Set<string> } = { stamp: 'missing', fingerprints: new Set() };

  /**
   * Fingerprints in the project's ssot-baseline.json, re-read when a refresh sees it change:
   * findings the team accepted do not shout in the editor either. A broken baseline hides nothing.
   */
  baselineFingerprints(): ReadonlySet<string> {
    return this.baselineCache.fingerprints;
  }

  private loadBaseline(): void {
    const file = path.join(this.config.root, DEFAULT_BASELINE_FILE);
    const stamp = stampOf(file);
    if (this.baselineCache.stamp === stamp) return;
    let fingerprints = new Set<string>();
    if (stamp !== 'missing') {
      try {
        fingerprints = new Set(readBaseline(file).findings.map((entry) => entry.fingerprint));
      } catch {
        fingerprints = new Set();
      }
    }
    this.baselineCache = { stamp, fingerprints };
  }

  /** Takes the facts of the buffer being linted. */
  updateFromBuffer(facts: FileFacts, text: string): void {
    this.fromBuffer.set(facts.file, text);
    this.index.updateFile(facts);
  }

  /** Picks up files added, changed or deleted on disk since the last look, and config or baseline changes (throttled). */
  refreshIfDue(now = Date.now()): void {
    if (now - this.refreshedAt < Math.max(MIN_REFRESH_INTERVAL_MS, this.refreshCostMs * REFRESH_COST_FACTOR)) return;
    const started = Date.now();
    if (configStampOf(this.config.root) !== this.configStamp) {
      this.stale = true;
      return;
    }
    this.loadBaseline();
    this.discovered = discoverProject(this.config.root, this.config.ignore);
    const present = new Set(this.discovered.files);
    for (const file of [...this.index.files.keys()]) {
      if (!present.has(file) && !this.fromBuffer.has(file)) {
        this.index.removeFile(file);
        this.stamps.delete(file);
      }
    }
    for (const file of this.discovered.files) {
      const stamp = stampOf(path.join(this.config.root, file));
      if (this.stamps.get(file) === stamp) continue;
      this.stamps.set(file, stamp);
      // Saved to disk: the file on disk is now the truth, not an older buffer.
      this.fromBuffer.delete(file);
      const outcome = parseFile(this.typescript, path.join(this.config.root, file), file);
      if ('facts' in outcome) this.index.updateFile(outcome.facts);
      else this.index.removeFile(file);
    }
    this.refreshedAt = Date.now();
    this.refreshCostMs = this.refreshedAt - started;
  }
}

function configStampOf(root: string): string {
  return [CONFIG_FILE_NAME, 'package.json'].map((name) => stampOf(path.join(root, name))).join('|');
}

const sessions = new Map<string, ProjectSession>();

/** The session for the project a file belongs to: the nearest ssot.config.json above it (up to ESLint's cwd), else the cwd. */
export function sessionFor(filename: string, cwd: string, typescript: () => TypeScript): ProjectSession {
  const root = projectRootOf(filename, cwd);
  let session = sessions.get(root);
  if (!session || session.stale) {
    session = ProjectSession.open(root, typescript());
    sessions.set(root, session);
  }
  return session;
}

const rootCache = new Map<string, string>();

export function projectRootOf(filename: string, cwd: string): string {
  const directory = path.dirname(path.resolve(cwd, filename));
  const cached = rootCache.get(`${directory}\0${cwd}`);
  if (cached) return cached;
  // ESLint's cwd bounds the search, as it bounds flat config: a config above it belongs to another project.
  const boundary = path.resolve(cwd);
  let root = boundary;
  for (let current = directory; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, CONFIG_FILE_NAME))) {
      root = current;
      break;
    }
    if (current === boundary || path.dirname(current) === current) break;
  }
  rootCache.set(`${directory}\0${cwd}`, root);
  return root;
}

/** Forgets every session (tests call this between cases). */
export function clearCache(): void {
  sessions.clear();
  rootCache.clear();
}
