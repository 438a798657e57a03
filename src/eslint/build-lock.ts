import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { debug } from './debug.js';

const LOCK_FILE = 'facts.lock';
const POLL_MS = 50;
/** A lock older than this is abandoned (a process killed mid-build on another machine sharing the folder). */
const ABANDONED_AFTER_MS = 10 * 60_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `build` holding the facts cache's lock: with `eslint --concurrency`, every worker opens
 * the same project, and the first one to take the lock parses it and writes the cache; the
 * others wait, then find every file in the cache instead of parsing the project again. Rules
 * are synchronous, so the wait is too. Without a usable directory, it just builds.
 */
export function withBuildLock<T>(directory: string | false, build: () => T): T {
  const lock = directory === false ? undefined : acquire(path.join(directory, LOCK_FILE));
  try {
    return build();
  } finally {
    if (lock) rmSync(lock, { force: true });
  }
}

function acquire(file: string): string | undefined {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    return undefined;
  }
  let waited = false;
  for (;;) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, thread: threadId, at: Date.now() }), { flag: 'wx' });
      if (waited) debug(`took the index build lock ${file} after waiting`);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
    if (isAbandoned(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!waited) debug(`waiting for another process or worker building the index (${file})`);
    waited = true;
    Atomics.wait(sleeper, 0, 0, POLL_MS);
  }
}

/** Whether the lock's owner is gone: its process no longer runs, or it is too old to be a build. */
function isAbandoned(file: string): boolean {
  try {
    const { pid } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
    if (Date.now() - statSync(file).mtimeMs > ABANDONED_AFTER_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: the owner died; EPERM: it runs as another user (alive). A half-written or vanished lock is retried.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
