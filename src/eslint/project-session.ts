import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, readBaseline } from '../baseline/baseline.js';
import { evaluateChecks } from '../checks/evaluate.js';
import { CONFIG_FILE_NAME, loadConfig, type ResolvedConfig } from '../config/load-config.js';
import type { FileFacts } from '../engine/types.js';
import type { TypeScript } from '../engine/extract-facts.js';
import type { Finding } from '../model.js';
import { buildProjectIndex } from '../project/build-index.js';
import { discoverProject, type DiscoveredProject } from '../project/discover-files.js';
import { FactsCache, stampOf } from '../project/facts-cache.js';
import type { NamePool } from '../engine/strings.js';
import { parseText, readSource } from '../project/parse-file.js';
import type { ProjectIndex } from '../project/project-index.js';
import { RULES } from '../rules/registry.js';
import { withBuildLock } from './build-lock.js';
import { debug } from './debug.js';
import { readPluginSettings, type PluginSettings } from './plugin-settings.js';

/** Re-checking the disk costs a glob and a stat per file; keep it under ~2% of the time between checks. */
const MIN_REFRESH_INTERVAL_MS = 2000;
const REFRESH_COST_FACTOR = 50;

const CROSS_FILE_RULES = RULES.filter((rule) => rule.crossFile).map((rule) => rule.name);

interface DiskCopy {
  /** `mtimeMs:size`, or `missing`. */
  stamp: string;
  /** Content hash, once known. */
  hash?: string;
}

/**
 * One project as the ESLint plugin sees it: the same index the CLI builds, built once per
 * process (and once per machine with `--concurrency`: see withBuildLock) and kept correct while
 * an editor keeps the process alive. Files being linted are updated from their buffers; a buffer
 * counts for other files only while it is being linted (see `bufferLifetimeMs`); other files
 * are re-read from disk when they change, and any file a finding names is checked first.
 */
export class ProjectSession {
  readonly index: ProjectIndex;
  readonly configStamp: string;
  private discovered: DiscoveredProject;
  /** What the index holds from disk, per file. */
  private readonly disk = new Map<string, DiskCopy>();
  /** Files whose facts came from an editor buffer that differs from the disk, and when it was last linted. */
  private readonly buffers = new Map<string, number>();
  /** The names the session's parses keep, one copy each (see `strings.ts`). */
  private readonly names: NamePool = new Map();
  private refreshedAt = Date.now();
  private refreshCostMs = 0;
  /** Bumped on every change of the index or baseline: what `crossFileFingerprint` is memoised on. */
  private version = 0;
  private fingerprint: { version: number; value: string } | undefined;

  private constructor(
    readonly config: ResolvedConfig,
    private readonly typescript: TypeScript,
    private readonly settings: PluginSettings,
  ) {
    this.configStamp = configStampOf(config.root);
    this.discovered = discoverProject(config.root, config.ignore);
    for (const file of this.discovered.files) this.disk.set(file, { stamp: stampOf(this.absolute(file)) });
    // The CLI's cache makes the editor's cold start warm, and the editor's first build warms the CLI.
    let cache: FactsCache | undefined;
    this.index = withBuildLock(settings.cache, () => {
      cache = settings.cache === false ? undefined : new FactsCache(settings.cache);
      return buildProjectIndex(config, {
        discovered: this.discovered,
        ...(cache ? { cache } : {}),
        typescript,
        names: this.names,
      });
    });
    for (const [file, copy] of this.disk) {
      const hash = cache?.hashOf(file);
      if (hash) copy.hash = hash;
    }
    const parsed = this.index.notes.find((note) => note.startsWith('cache: parsed')) ?? 'cache: off';
    debug(`project index for ${config.root}: ${this.discovered.files.length} files; ${parsed}`);
    this.loadBaseline();
  }

  static open(root: string, typescript: TypeScript, settings: PluginSettings): ProjectSession {
    return new ProjectSession(loadConfig(root), typescript, settings);
  }

  /** Whether the audit leaves this file out (.gitignore, build folders, `ignore`, `.d.ts`). */
  isExcluded(file: string): boolean {
    return this.discovered.isExcluded(file);
  }

  /**
   * Called once per lint of a file, before its facts are taken: forgets buffers no longer being
   * linted, picks up a change of this file on disk, and looks at the rest of the disk when due.
   */
  beforeLint(file: string, now = Date.now()): void {
    for (const [other, lintedAt] of this.buffers) {
      if (other !== file && now - lintedAt > this.settings.bufferLifetimeMs) {
        this.buffers.delete(other);
        debug(`buffer of ${other} not linted for ${now - lintedAt} ms: using the disk again`);
        this.reloadFromDisk(other);
      }
    }
    const recorded = this.disk.get(file);
    if (recorded && recorded.stamp !== stampOf(this.absolute(file))) this.reloadFromDisk(file);
    this.refreshIfDue(now);
  }

  /**
   * The facts of the buffer being linted: the index's own when the buffer is the disk copy it
   * holds (every file of a command-line run), else extracted from the buffer, which then counts
   * for other files until it is saved, reverted, or no longer linted.
   */
  factsOfBuffer(
    file: string,
    hash: string,
    extract: () => FileFacts | undefined,
    now = Date.now(),
  ): FileFacts | undefined {
    const onDisk = this.diskHashOf(file);
    if (onDisk === hash && !this.buffers.has(file) && this.index.files.has(file)) return this.index.files.get(file);
    const facts = extract();
    if (onDisk === hash) this.buffers.delete(file);
    else this.buffers.set(file, now);
    if (facts) {
      this.index.updateFile(facts);
      this.version++;
    }
    return facts;
  }

  /**
   * Checks the files findings name (the other copies, the canonical module) against the disk
   * before they are shown: a finding must not point at a copy deleted or changed since the last
   * look. Returns whether anything changed, so the findings are worth computing again.
   */
  verifyOnDisk(files: Iterable<string>, linted: string): boolean {
    let changed = false;
    for (const file of new Set(files)) {
      if (file === linted || this.buffers.has(file)) continue;
      if (this.disk.get(file)?.stamp === stampOf(this.absolute(file))) continue;
      this.reloadFromDisk(file);
      changed = true;
    }
    return changed;
  }

  private baselineCache: { stamp: string; fingerprints: Set<string> } = { stamp: 'missing', fingerprints: new Set() };

  /**
   * Fingerprints in the project's ssot-baseline.json, re-read when a refresh sees it change:
   * findings the team accepted do not shout in the editor either. A broken baseline hides nothing.
   */
  baselineFingerprints(): ReadonlySet<string> {
    return this.baselineCache.fingerprints;
  }

  /**
   * A hash of every cross-file judgement the plugin would make on the project as it is now:
   * the findings of the cross-file rules (minus their own position, which only the file itself
   * moves), after the baseline, under the config. It goes into every file's ESLint cache key
   * (settings.ssot, see plugin-configs.ts), so `eslint --cache` re-lints a file whenever what it
   * was judged against changed, and never replays a finding about a copy since deleted.
   */
  crossFileFingerprint(): string {
    if (this.fingerprint?.version === this.version) return this.fingerprint.value;
    const hash = createHash('sha256').update(this.config.fingerprint);
    const baselined = this.baselineFingerprints();
    const duplicates = this.config.rules['no-duplicate-class'];
    const variants = [
      evaluateChecks(this.index, { only: CROSS_FILE_RULES, applySuppressions: false }),
      // The `strict` config's option: its findings too, so either config's cache key covers them.
      duplicates.severity === 'off'
        ? []
        : evaluateChecks(this.index, {
            only: ['no-duplicate-class'],
            rules: {
              'no-duplicate-class': { ...duplicates, options: { ...duplicates.options, checkAcrossPackages: true } },
            },
            applySuppressions: false,
          }),
    ];
    for (const findings of variants) {
      for (const finding of findings.filter((item) => !baselined.has(item.fingerprint)))
        hash.update(JSON.stringify(judgementOf(finding)));
      hash.update('\0');
    }
    this.fingerprint = { version: this.version, value: hash.digest('base64url') };
    return this.fingerprint.value;
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
    this.version++;
  }

  /** Picks up files added, changed or deleted on disk since the last look, and baseline changes (throttled). */
  private refreshIfDue(now: number): void {
    if (now - this.refreshedAt < Math.max(MIN_REFRESH_INTERVAL_MS, this.refreshCostMs * REFRESH_COST_FACTOR)) return;
    const started = Date.now();
    this.loadBaseline();
    this.discovered = discoverProject(this.config.root, this.config.ignore);
    const present = new Set(this.discovered.files);
    for (const file of [...this.index.files.keys()]) {
      if (!present.has(file) && !this.buffers.has(file)) this.forget(file);
    }
    for (const file of this.discovered.files) {
      if (this.disk.get(file)?.stamp === stampOf(this.absolute(file))) continue;
      // Saved to disk: the file on disk is now the truth, not an older buffer.
      this.buffers.delete(file);
      this.reloadFromDisk(file);
    }
    this.refreshedAt = Date.now();
    this.refreshCostMs = this.refreshedAt - started;
  }

  /** Makes the index hold the file as it is on disk (or not at all, when it is gone or left out). */
  private reloadFromDisk(file: string): void {
    const absolute = this.absolute(file);
    const stamp = stampOf(absolute);
    if (stamp === 'missing' || this.isExcluded(file)) {
      this.forget(file);
      return;
    }
    const source = readSource(absolute);
    const outcome = 'skipped' in source ? source : parseText(this.typescript, source.text, file, this.names);
    this.disk.set(file, { stamp, ...('hash' in source ? { hash: source.hash } : {}) });
    if ('facts' in outcome) this.index.updateFile(outcome.facts);
    else this.index.removeFile(file);
    this.version++;
  }

  private forget(file: string): void {
    this.index.removeFile(file);
    this.disk.delete(file);
    this.version++;
  }

  /** The content hash of the disk copy the index knows, read when not known yet (no cache). */
  private diskHashOf(file: string): string | undefined {
    const copy = this.disk.get(file);
    if (!copy || copy.hash !== undefined) return copy?.hash;
    const source = readSource(this.absolute(file));
    if ('hash' in source) copy.hash = source.hash;
    return copy.hash;
  }

  private absolute(file: string): string {
    return path.join(this.config.root, file);
  }
}

/** What a finding says about other files: everything but its own position. */
function judgementOf(finding: Finding) {
  return [finding.ruleId, finding.file, finding.fingerprint, finding.message, finding.related];
}

export function configStampOf(root: string): string {
  return [CONFIG_FILE_NAME, 'package.json'].map((name) => stampOf(path.join(root, name))).join('|');
}

const sessions = new Map<string, ProjectSession>();

/**
 * The session for the project a file belongs to: the nearest ssot.config.json above it (up to
 * ESLint's cwd), else the cwd. A change of ssot.config.json (or package.json) opens a new session
 * at once: the first lint after the change already uses the new config.
 */
export function sessionFor(
  filename: string,
  cwd: string,
  typescript: () => TypeScript,
  settings: Readonly<Record<string, unknown>>,
): ProjectSession {
  const root = projectRootOf(filename, cwd);
  const pluginSettings = readPluginSettings(settings, root);
  const key = `${root}\0${JSON.stringify(pluginSettings)}`;
  let session = sessions.get(key);
  if (session && session.configStamp !== configStampOf(root)) {
    debug(`${CONFIG_FILE_NAME} or package.json of ${root} changed: reopening the project`);
    session = undefined;
  }
  if (!session) {
    session = ProjectSession.open(root, typescript(), pluginSettings);
    sessions.set(key, session);
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

/** The root whose ssot.config.json gave eslint.config.js its ssot/* severities (plugin-configs.ts). */
let severityRoot: string | undefined;

export function noteSeverityRoot(root: string): void {
  severityRoot = root;
}

/** Whether ssot.config.json at `root` is the one eslint.config.js took its ssot/* severities from. */
export function decidesEslintSeverities(root: string): boolean {
  return severityRoot === root;
}

/** Forgets every session (tests call this between cases). */
export function clearCache(): void {
  sessions.clear();
  rootCache.clear();
  severityRoot = undefined;
}
