import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
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
 * The temp file is removed on any failure.
 *
 * The parent directory must exist: a missing one is a typo in `--output` more often than a wish,
 * so it is reported as an `OutputError` instead of being created.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const target = await resolveTarget(path);
  const directory = dirname(target);
  const mode = await existingMode(path, target);
  // `wx` fails instead of reusing a file that happens to have the name; the random part keeps
  // concurrent writers (two CI steps, a watch mode) from colliding.
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

  let handle: FileHandle | undefined;
  let created = false;
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
  }
  await syncDirectory(directory);
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

/** The existing file's permissions, so replacing a report does not change who may read it. */
async function existingMode(path: string, target: string): Promise<number | undefined> {
  try {
    const stats = await stat(target);
    if (stats.isDirectory()) throw new OutputError(path, `Cannot write ${path}: it is a directory`);
    return stats.mode & 0o777;
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
              : code === 'EROFS'
                ? 'read-only file system'
                : error instanceof Error
                  ? error.message
                  : String(error);
  // One line, whatever the underlying error looked like: the CLI prints it as is.
  return new OutputError(path, `Cannot write ${path}: ${reason.replace(/\s*\n\s*/g, ' ')}`, { cause: error });
}
