import path from 'node:path';
import { authCoreViewOf } from '../checks/auth-core-view.js';
import { loadConfig } from '../config/load-config.js';
import { TOOL } from '../package-info.js';
import { loadProjectIndex } from '../project/build-index.js';
import { defaultCacheDirectory, FactsCache } from '../project/facts-cache.js';
import type { ProjectIndex } from '../project/project-index.js';
import { CallGraph } from './call-graph.js';
import { buildDriftReport } from './drift.js';
import { buildInventory } from './inventory.js';
import type { PathsResult } from './types.js';

export interface PathsOptions {
  /** Directory to analyse. */
  directory: string;
  /** Explicit config file (`--config`). */
  configFile?: string;
  /** The persistent facts cache (shared with `ssot audit`): a directory, or false to parse everything. */
  cache?: string | false;
  onProgress?: (done: number, total: number) => void;
}

/** `ssot paths`: config, index, call graph, inventory and drift report. Returns data; printing is the caller's. */
export async function runPaths(options: PathsOptions): Promise<PathsResult> {
  const started = performance.now();
  const root = path.resolve(options.directory);
  const config = loadConfig(root, options.configFile);
  const cache = options.cache === false ? undefined : new FactsCache(options.cache ?? defaultCacheDirectory(root));
  const index = await loadProjectIndex(config, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(cache ? { cache } : {}),
  });
  return analyseIndex(index, started);
}

/** The analysis over an index already built (tests and the programmatic API reuse an index). */
export function analyseIndex(index: ProjectIndex, started = performance.now()): PathsResult {
  const authCore = authCoreViewOf(index);
  const graph = new CallGraph(index, (file) => authCore.isCore(file));
  const inventory = buildInventory(index, graph);
  const drift = buildDriftReport(index, graph);
  const skipped = [...index.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const endpoints = inventory.entryPoints.filter((entry) => entry.role === 'endpoint');
  const bypassKeys = new Set(
    inventory.paths.flatMap((item) =>
      item.bypasses.map((mark) => `${mark.file}:${mark.line}:${mark.column}:${mark.kind}`),
    ),
  );
  const onPaths = new Set(
    inventory.paths.flatMap((item) =>
      item.primitives.map((primitive) => `${primitive.file}:${primitive.line}:${primitive.column}`),
    ),
  );
  const unreached = authCore.jwtModules
    .filter((file) => !authCore.isCore(file))
    .flatMap((file) =>
      index
        .jwtUses(file)
        .map((use) => ({ file, line: use.span.line, column: use.span.column, primitive: use.primitive })),
    )
    .filter((use) => !onPaths.has(`${use.file}:${use.line}:${use.column}`));
  const description = authCore.declared
    ? (authCore.describe('') ?? null)
    : authCore.inferred
      ? `${authCore.inferred.file} (${authCore.inferred.sole ? 'de-facto' : 'proposed'}: ${authCore.inferred.reason})`
      : null;
  const durationMs = Math.round(performance.now() - started);
  return {
    version: 1,
    tool: { ...TOOL },
    root: index.root,
    summary: {
      files: index.files.size,
      entryPoints: inventory.entryPoints.length,
      endpoints: endpoints.length,
      paths: inventory.paths.length,
      expectedPaths: 1,
      unauthenticated: endpoints.filter((entry) => entry.status === 'unauthenticated').length,
      secretSources: inventory.secretSources.length,
      environmentGatedPaths: inventory.paths.filter((item) => item.environmentGated).length,
      bypasses: bypassKeys.size,
      duplicateGroups: drift.duplicates.length,
      similarClasses: drift.similarClasses.length,
      unreachedModules: new Set(unreached.map((use) => use.file)).size,
      durationMs,
    },
    authCore: { declared: authCore.declared, description },
    entryPoints: inventory.entryPoints,
    paths: inventory.paths,
    secretSources: inventory.secretSources,
    duplicates: drift.duplicates,
    similarClasses: drift.similarClasses,
    unreached,
    skipped,
    notes: [...index.notes],
  };
}
