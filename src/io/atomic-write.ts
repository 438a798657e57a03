import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { open, readdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A report could not be written. The message is one line meant for the user (the CLI prints it
 * and exits 2); the underlying error is kept as `cause`.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  /** The path the user asked for. */
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/**
 * Writes `content` to `path` so that readers see either the old file or the complete new one,
 * never a partial report: the content goes to a uniquely named temp file in the same directory
 * (a rename is only atomic within one file system), is fsynced, then renamed over the target.
 * The temp file is removed on any failure, on SIGINT, SIGTERM and SIGHUP, and (after a SIGKILL)
 * by the next write to the same target.
 *
 * Only a regular file (or a missing path) is replaced that way. Anything else is written in
 * place: a rename would put a regular file over `/dev/null`, `/dev/stdout` or a FIFO, which root
 * (as CI runs) is allowed to do.
 *
 * The parent directory must exist: a missing one is a typo in `--output` more often than a wish,
 * so it is reported as an `OutputError` instead of being created.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  // `newdir/` names a directory; writing it as a file named `newdir` would surprise.
  if (/[\\/]$/.test(path)) throw new OutputError(path, `Cannot write ${path}: a file name is needed, not a directory`);
  const target = await resolveTarget(path);
  const directory = dirname(target);
  const existing = await existingFile(path, target);
  const standardStream = existing && standardStreamAt(existing);
  if (standardStream) return writeToStream(path, standardStream, content);
  if (existing && !existing.isFile()) return writeInPlace(path, target, content);
  const mode = existing ? existing.mode & 0o777 : undefined;
  await removeStaleTempFiles(directory, basename(target));
  // `wx` fails instead of reusing a file that happens to have the name; the random part keeps
  // concurrent writers (two CI steps, a watch mode) from colliding.
  const temp = join(directory, `${tempPrefix(basename(target))}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  let handle: FileHandle | undefined;
  let created = false;
  const releaseSignals = removeOnSignal(temp);
  try {
    handle = await open(temp, 'wx', mode);
    created = true;
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    created = false;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await unlink(temp).catch(() => undefined);
    throw toOutputError(path, directory, error);
  } finally {
    releaseSignals();
  }
  await syncDirectory(directory);
}

/**
 * Content written in pieces, never joined into one string. `header`, when given, starts the file:
 * its placeholder is written first and replaced in place once every chunk is written, for a
 * header that depends on them (a signature over the body); both must have the same length.
 */
export interface Chunks {
  chunks: Iterable<string | Uint8Array>;
  header?: { placeholder: string; final: () => string };
}

/**
 * The synchronous form, for the facts cache (the ESLint plugin builds its index synchronously):
 * temp file and rename, no special files, no fsync (a lost cache only costs a cold run). No
 * signal handler is needed: a signal waits for synchronous code to finish.
 */
export function writeFileAtomicSync(path: string, content: string | Chunks): void {
  const target = resolve(path);
  const directory = dirname(target);
  removeStaleTempFilesSync(directory, basename(target));
  const temp = join(directory, `${tempPrefix(basename(target))}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    if (typeof content === 'string') writeFileSync(temp, content, { flag: 'wx' });
    else writeChunks(temp, content);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Chunks are written a mebibyte at a time as they come: the whole content is never in memory. */
function writeChunks(file: string, { chunks, header }: Chunks): void {
  const fd = openSync(file, 'wx');
  try {
    let pending: Uint8Array[] = [];
    let size = 0;
    const writeAll = (bytes: Uint8Array, position: number | null) => {
      // A write may take fewer bytes than given (a full disk says so on the next one).
      for (let written = 0; written < bytes.length;)
        written += writeSync(fd, bytes, written, bytes.length - written, position === null ? null : position + written);
    };
    const flush = () => {
      writeAll(Buffer.concat(pending, size), null);
      pending = [];
      size = 0;
    };
    const placeholder = header && Buffer.from(header.placeholder);
    if (placeholder) writeAll(placeholder, null);
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      pending.push(bytes);
      size += bytes.length;
      if (size >= WRITE_BATCH) flush();
    }
    flush();
    if (header && placeholder) {
      const final = Buffer.from(header.final());
      if (final.length !== placeholder.length) throw new Error("a header must keep its placeholder's length");
      writeAll(final, 0);
    }
  } finally {
    closeSync(fd);
  }
}

const WRITE_BATCH = 1024 * 1024;

function removeStaleTempFilesSync(directory: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return;
  }
  for (const entry of staleTempFiles(entries, name)) rmSync(join(directory, entry), { force: true });
}

function staleTempFiles(entries: readonly string[], name: string): string[] {
  const prefix = tempPrefix(name);
  return entries.filter((entry) => {
    if (!entry.startsWith(prefix)) return false;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length));
    return match !== null && !isRunning(Number(match[1]));
  });
}

/**
 * `/dev/stdout` is a link to whatever fd 1 is: a pipe, a socket (which cannot be opened by
 * path), or a regular file the shell opened (which must not be replaced). Such a target is
 * written through the stream itself.
 */
function standardStreamAt(target: Stats): NodeJS.WriteStream | undefined {
  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ] as const) {
    try {
      const open = fstatSync(fd);
      if (open.dev === target.dev && open.ino === target.ino) return stream;
    } catch {
      // That descriptor is closed: it is not the target.
    }
  }
  return undefined;
}

function writeToStream(path: string, stream: NodeJS.WriteStream, content: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(content, (error) => {
      // A reader that went away (EPIPE) is its choice, as on stdout itself.
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(toOutputError(path, '', error));
      else resolve();
    });
  });
}

/** Devices, FIFOs and sockets are opened and written, not replaced (a FIFO waits for its reader here). */
async function writeInPlace(path: string, target: string, content: string | Uint8Array): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(target, 'w');
    await handle.writeFile(content);
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw toOutputError(path, dirname(target), error);
  }
}

function tempPrefix(name: string): string {
  return `.${name}.`;
}

/**
 * Temp files of earlier writes to the same target whose process is gone (killed with SIGKILL,
 * or a power loss): they would otherwise stay beside the report forever, and get committed.
 */
async function removeStaleTempFiles(directory: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch {
    return;
  }
  for (const entry of staleTempFiles(entries, name)) await unlink(join(directory, entry)).catch(() => undefined);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is only someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const CLEANUP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While the temp file exists, a signal removes it before the process dies of that signal, as it
 * would have without the handler. Returns the function that uninstalls the handlers.
 */
function removeOnSignal(temp: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    try {
      unlinkSync(temp);
    } catch {
      // Not created yet, or already renamed: nothing to remove.
    }
    release();
    process.kill(process.pid, signal);
  };
  const release = () => {
    for (const signal of CLEANUP_SIGNALS) process.removeListener(signal, handler);
  };
  for (const signal of CLEANUP_SIGNALS) process.once(signal, handler);
  return release;
}

/** Follows a symlinked target, so the link keeps pointing at the report instead of being replaced. */
async function resolveTarget(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    return absolute;
  }
}

/** What is at the target now: its kind decides how to write, its permissions are kept. */
async function existingFile(path: string, target: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(target);
    if (stats.isDirectory()) throw new OutputError(path, `Cannot write ${path}: it is a directory`);
    return stats;
  } catch (error) {
    if (error instanceof OutputError) throw error;
    return undefined;
  }
}

/**
 * Makes the rename itself durable. Best effort: some platforms (Windows) and file systems cannot
 * open or fsync a directory, and the report is already in place when this runs.
 */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // The write succeeded; only durability across a power loss is weaker here.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function toOutputError(path: string, directory: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? `directory ${directory} does not exist`
      : code === 'ENOTDIR'
        ? `${directory} is not a directory`
        : code === 'EACCES' || code === 'EPERM'
          ? `permission denied in ${directory}`
          : code === 'EISDIR'
            ? 'it is a directory'
            : code === 'ENOSPC'
              ? 'no space left on device'
              : code === 'ENXIO'
                ? 'no such device or address (a socket?)'
                : code === 'EROFS'
                  ? 'read-only file system'
                  : error instanceof Error
                    ? error.message
                    : String(error);
  // One line, whatever the underlying error looked like: the CLI prints it as is.
  return new OutputError(path, `Cannot write ${path}: ${reason.replace(/\s*\n\s*/g, ' ')}`, { cause: error });
}
