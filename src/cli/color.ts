/** Colour only on a TTY, never with NO_COLOR (https://no-color.org) or `--no-color`; FORCE_COLOR wins for CI logs. */
export function shouldUseColor(
  stream: NodeJS.WriteStream,
  requested: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!requested) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}
