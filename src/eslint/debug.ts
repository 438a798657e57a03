/**
 * `DEBUG=ssot-lint` (the `debug` package's convention, as ESLint's own `DEBUG=eslint:*`) prints
 * what the plugin does with the project index on stderr: builds, cache use, refreshes.
 */
const enabled = (process.env.DEBUG ?? '').split(/[\s,]+/).some((name) => name === 'ssot-lint' || name === '*');

export function debug(message: string): void {
  if (enabled) process.stderr.write(`ssot-lint: ${message}\n`);
}
