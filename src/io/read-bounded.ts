import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** A file the tool reads (config, baseline, cache) could not be read; `reason` is one line for the user. */
export class BoundedReadError extends Error {
  override readonly name = 'BoundedReadError';

  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export const MIB = 1024 * 1024;

/**
 * Reads a regular file of at most `maxBytes`. A device (`/dev/zero`), a FIFO or a directory is
 * refused, so a symlink planted in a pull request cannot grow memory until the machine runs out
 * or block the run; the size is checked before and while reading (the file may grow).
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO does not wait for a writer before it can be refused.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BoundedReadError(file, `cannot read the file (${code ?? 'error'})`, code);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new BoundedReadError(file, `not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw tooLarge(file, maxBytes);
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge(file, maxBytes);
    if (length === buffer.length) return readRest(fd, file, buffer, maxBytes);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof BoundedReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BoundedReadError(file, `cannot read the file (${code ?? 'error'})`, code);
  } finally {
    closeSync(fd);
  }
}

/** The file grew past its size at open time but not past the cap: read on in chunks. */
function readRest(fd: number, file: string, start: Buffer, maxBytes: number): Buffer {
  const chunks = [start];
  let total = start.length;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks, total);
    total += read;
    if (total > maxBytes) throw tooLarge(file, maxBytes);
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
}

function tooLarge(file: string, maxBytes: number): BoundedReadError {
  return new BoundedReadError(file, `larger than ${formatSize(maxBytes)}`);
}

function formatSize(bytes: number): string {
  return bytes >= MIB ? `${bytes / MIB} MiB` : `${bytes / 1024} KiB`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
