import path from 'node:path';
import { ts } from 'ts-morph';
import type { ResolvedConfig } from '../config/load-config.js';
import type { TypeScript } from '../facts/extract-facts.js';
import type { FileFacts } from '../facts/types.js';
import type { SkippedFile } from '../model.js';
import { discoverProject } from './discover-files.js';
import { parseFile } from './parse-file.js';
import { ProjectIndex } from './project-index.js';

/** ts-morph bundles the TypeScript the CLI parses with; the pinned `typescript` package must be the same version. */
export const cliTypeScript: TypeScript = ts as unknown as TypeScript;

export interface BuildIndexOptions {
  /** Called after each file, for progress reporting. */
  onProgress?: (done: number, total: number) => void;
}

/** Discovers and parses every source file of the project into a ProjectIndex. */
/** Synchronous because ESLint rules are: the plugin builds the same index the CLI does. */
export function buildProjectIndex(config: ResolvedConfig, options: BuildIndexOptions = {}): ProjectIndex {
  const discovered = discoverProject(config.root, config.ignore);
  const files = new Map<string, FileFacts>();
  const skipped: SkippedFile[] = [];
  discovered.files.forEach((file, position) => {
    const outcome = parseFile(cliTypeScript, path.join(config.root, file), file);
    if ('skipped' in outcome) skipped.push({ file, reason: outcome.skipped });
    else files.set(file, outcome.facts);
    options.onProgress?.(position + 1, discovered.files.length);
  });
  const notes: string[] = [];
  if (discovered.nestedProjects.length > 0) {
    notes.push(`left out ${discovered.nestedProjects.length} nested project(s) with their own ssot.config.json: ${discovered.nestedProjects.join(', ')}`);
  }
  if (discovered.compiledSiblings.length > 0) {
    notes.push(`left out ${discovered.compiledSiblings.length} compiled .js file(s) that sit beside their TypeScript source`);
  }
  return new ProjectIndex({
    typescript: cliTypeScript,
    config,
    files,
    skipped,
    packageDirectories: discovered.packageDirectories,
    tsconfigs: discovered.tsconfigs,
    notes,
  });
}
