import path from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import type { TypeScript } from '../engine/extract-facts.js';
import type { FileFacts } from '../engine/types.js';
import type { SkippedFile } from '../model.js';
import { discoverProject, type DiscoveredProject } from './discover-files.js';
import { stampOf, type FactsCache } from './facts-cache.js';
import { loadPythonParser, pythonParser } from '../engine/python/parser.js';
import type { NamePool } from '../engine/strings.js';
import { isPythonFile, parseText, readSource, type ParseOutcome } from './parse-file.js';
import { resolutionFingerprint } from './module-resolver.js';
import { ProjectIndex } from './project-index.js';
import { withPackageSubmodules } from './python-resolver.js';
import { tsconfigProblems } from './tsconfig-problems.js';
import { bundledTypeScript } from './typescript.js';

export interface BuildIndexOptions {
  /** Called after each file, for progress reporting. */
  onProgress?: (done: number, total: number) => void;
  /** The persistent facts cache; without it every file is parsed. */
  cache?: FactsCache;
  /** Files already discovered (the plugin keeps the discovery to answer "is this file excluded?"). */
  discovered?: DiscoveredProject;
  /** The TypeScript to parse with; default: the one ts-morph bundles. */
  typescript?: TypeScript;
  /** Where the records' strings get their one copy; default: a pool for this build (an editor session keeps one for its reparses too). */
  names?: NamePool;
}

/**
 * The CLI's index: every language, Python included. The Python parser is loaded (asynchronously,
 * once per process) only when the project has Python files.
 */
export async function loadProjectIndex(config: ResolvedConfig, options: BuildIndexOptions = {}): Promise<ProjectIndex> {
  const discovered = options.discovered ?? discoverProject(config.root, config.ignore);
  if (discovered.files.some((file) => isPythonFile(file))) await loadPythonParser();
  return buildProjectIndex(config, { ...options, discovered });
}

/** Discovers and parses every source file of the project into a ProjectIndex. */
/** Synchronous because ESLint rules are: the plugin builds the same index the CLI does. */
export function buildProjectIndex(config: ResolvedConfig, options: BuildIndexOptions = {}): ProjectIndex {
  const discovered = options.discovered ?? discoverProject(config.root, config.ignore);
  const files = new Map<string, FileFacts>();
  const skipped: SkippedFile[] = [...discovered.unreadableDirectories];
  const cache = options.cache;
  const typescript = options.typescript ?? bundledTypeScript();
  let parsed = 0;
  const names: NamePool = options.names ?? new Map();
  // The Python parser loads asynchronously: the CLI loads it first; the ESLint plugin never does.
  const sources = pythonParser() ? discovered.files : discovered.files.filter((file) => !isPythonFile(file));
  sources.forEach((file, position) => {
    const outcome = loadFile(typescript, config.root, file, cache, names, () => parsed++);
    if ('skipped' in outcome) skipped.push({ file, reason: outcome.skipped });
    else files.set(file, outcome.facts);
    options.onProgress?.(position + 1, sources.length);
  });
  withPackageSubmodules(files);
  const notes: string[] = [];
  if (sources.length < discovered.files.length)
    notes.push(
      `left out ${discovered.files.length - sources.length} Python file(s): the ESLint plugin reads TypeScript and JavaScript; \`ssot audit\` audits Python`,
    );
  const cacheNotesAt = notes.length;
  notes.push(...tsconfigProblems(typescript, config.root, discovered.tsconfigs));
  if (discovered.nestedProjects.length > 0) {
    notes.push(
      `left out ${discovered.nestedProjects.length} nested project(s) with their own ssot.config.json: ${discovered.nestedProjects.join(', ')}`,
    );
  }
  if (discovered.compiledSiblings.length > 0) {
    notes.push(
      `left out ${discovered.compiledSiblings.length} compiled .js file(s) that sit beside their TypeScript source`,
    );
  }
  const fingerprint = cache
    ? resolutionFingerprint(config.root, files.keys(), discovered.tsconfigs, discovered.packageDirectories)
    : undefined;
  const index = new ProjectIndex({
    typescript,
    config,
    files,
    skipped,
    packageDirectories: discovered.packageDirectories,
    tsconfigs: discovered.tsconfigs,
    notes,
    ...(cache && fingerprint ? { knownResolutions: cache.resolutionsFor(fingerprint) } : {}),
  });
  if (cache && fingerprint) {
    // Every import resolved now, so that the cache keeps the answers for the next run.
    index.moduleGraph();
    cache.keepResolutions(fingerprint, index.resolutions());
    cache.retainOnly(new Set(discovered.files));
    const cacheNotes: string[] = [];
    if (cache.problem) cacheNotes.push(`cache: ${cache.problem}`);
    const saveProblem = cache.save();
    if (saveProblem) cacheNotes.push(`cache: ${saveProblem}`);
    cacheNotes.push(
      `cache: parsed ${parsed} of ${sources.length} files (${path.relative(config.root, cache.directory) || cache.directory})`,
    );
    notes.splice(cacheNotesAt, 0, ...cacheNotes);
  }
  return index;
}

/** Facts of one file: from the cache when its content is unchanged (always checked), else parsed. */
function loadFile(
  typescript: TypeScript,
  root: string,
  file: string,
  cache: FactsCache | undefined,
  names: NamePool,
  onParse: () => void,
): ParseOutcome {
  const absolute = path.join(root, file);
  // Stamp before reading: a write that lands in between then moves the stamp, never the facts.
  const stamp = cache ? stampOf(absolute) : undefined;
  const unchanged = stamp ? cache?.byStamp(file, stamp) : undefined;
  if (unchanged) return unchanged;
  const source = readSource(absolute);
  if ('skipped' in source) return source;
  const cached = cache?.get(file, source.hash);
  if (cached) {
    if (stamp) cache?.set(file, source.hash, cached, stamp);
    return cached;
  }
  onParse();
  const outcome = parseText(typescript, source.text, file, names);
  cache?.set(file, source.hash, outcome, stamp);
  return outcome;
}
