import path from 'node:path';
import { ConfigError, UserError } from '../errors.js';
import { defaultCacheDirectory } from '../project/facts-cache.js';

/** `settings.ssot` in eslint.config.js: how the plugin keeps its project index. */
export interface PluginSettings {
  /** The facts cache: a directory, or false to parse every file in every process. */
  cache: string | false;
  /** How long an unsaved buffer's facts count for other files after its last lint. */
  bufferLifetimeMs: number;
}

/**
 * Thirty seconds: an editor re-lints the buffer being edited on every change, so a buffer not
 * linted for that long was closed or discarded, and the disk (what CI sees) is the truth again.
 */
const DEFAULT_BUFFER_LIFETIME_MS = 30_000;

/** Reads `settings.ssot` (relative cache locations are relative to the project root). */
export function readPluginSettings(settings: Readonly<Record<string, unknown>>, root: string): PluginSettings {
  const raw = settings.ssot ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw settingsError('', 'must be an object', raw);
  const { cache = true, cacheLocation, bufferLifetimeMs = DEFAULT_BUFFER_LIFETIME_MS } = raw as Record<string, unknown>;
  if (typeof cache !== 'boolean') throw settingsError('.cache', 'must be true or false', cache);
  if (cacheLocation !== undefined && (typeof cacheLocation !== 'string' || cacheLocation === ''))
    throw settingsError('.cacheLocation', 'must be a directory path', cacheLocation);
  if (typeof bufferLifetimeMs !== 'number' || !(bufferLifetimeMs >= 0))
    throw settingsError('.bufferLifetimeMs', 'must be a number of milliseconds', bufferLifetimeMs);
  const location = cacheLocation === undefined ? defaultCacheDirectory(root) : path.resolve(root, cacheLocation);
  return { cache: cache && location, bufferLifetimeMs };
}

function settingsError(key: string, expectation: string, got: unknown): ConfigError {
  return new ConfigError(`eslint.config.js: settings.ssot${key} ${expectation} (got ${JSON.stringify(got)})`);
}

/**
 * Runs `work`, turning a UserError (a bad ssot.config.json or settings.ssot) into one line:
 * ESLint prints a thrown error's stack, and a configuration mistake is not a crash to debug.
 */
export function withOneLineErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof UserError) error.stack = `ssot: ${error.message}`;
    throw error;
  }
}
