/**
 * A progress line on stderr for audits that take longer than a second, on a TTY only: CI logs
 * and pipes stay clean, and quick runs do not flicker.
 */
export function createProgress(
  stream: NodeJS.WriteStream,
  label: string,
  delayMs = 1000,
): { update(done: number, total: number): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < delayMs || (now - lastDraw < 80 && done < total)) return;
      lastDraw = now;
      drawn = true;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
