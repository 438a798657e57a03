/**
 * Write errors on stdout and stderr, which Node otherwise throws as an unhandled 'error' event
 * (a stack trace and exit 1, read by CI as "findings").
 *
 * - EPIPE: the reader is gone (`ssot audit | head`). That is its choice, not a failure: nothing
 *   more is written, and the run ends with the exit code its findings call for.
 * - Anything else on stdout (a full disk, ENOSPC): the report was lost, so one line on stderr and exit 2.
 * - Anything else on stderr: nowhere left to say it; the exit code still tells.
 */
export function handleStandardStreamErrors(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || stdoutBroken) {
      stdoutBroken = true;
      return;
    }
    stdoutBroken = true;
    try {
      process.stderr.write(`ssot: cannot write the output to stdout: ${describeWriteError(error)}\n`);
    } finally {
      process.exit(2);
    }
  });
  process.stderr.on('error', () => {
    // Ignored on purpose: see above.
  });
}

let stdoutBroken = false;

function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EIO':
      return 'input/output error';
    case 'EROFS':
      return 'read-only file system';
    default:
      return (error.code ?? error.message).split('\n')[0]!;
  }
}
