import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { isPathsFormat, PATHS_FORMATS, PATHS_REPORTERS, type PathsFormat } from '../paths/format/index.js';
import { runPaths } from '../paths/run-paths.js';
import { shouldUseColor } from './color.js';
import { createProgress } from './progress.js';

export interface PathsCommandOptions {
  format: string;
  output?: string;
  config?: string;
  /** false with `--no-cache`. */
  cache: boolean;
  cacheLocation?: string;
  linkBase?: string;
  color: boolean;
}

/**
 * `ssot paths [dir]`: the inventory of JWT validation paths and duplicate classes. It is an
 * inventory, not a gate: it exits 0 whenever it ran (2 on usage or configuration errors).
 */
export async function pathsCommand(directory: string, options: PathsCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const progress = createProgress(process.stderr, 'ssot: parsing');
  const result = await runPaths({
    directory,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.cache === false ? { cache: false } : options.cacheLocation ? { cache: options.cacheLocation } : {}),
    onProgress: (done, total) => progress.update(done, total),
  }).finally(() => progress.done());
  const toFile = options.output !== undefined;
  const linkBase = options.linkBase ?? defaultLinkBase(format, result.root, options.output);
  const text = PATHS_REPORTERS[format](result, {
    color: !toFile && format === 'text' && shouldUseColor(process.stdout, options.color),
    ...(linkBase !== undefined ? { sourceLinkBase: linkBase } : {}),
  });
  if (options.output !== undefined) {
    await writeFileAtomic(options.output, text);
    process.stderr.write(
      `ssot: wrote the ${format} report to ${options.output} (${result.summary.paths} JWT validation path(s), expected 1)\n`,
    );
  } else {
    process.stdout.write(text);
  }
  return 0;
}

/**
 * Links to the source lines: relative to the report file when there is one (the report and the
 * sources can move together), a file:// URL for HTML on stdout, none for Markdown on stdout.
 */
function defaultLinkBase(format: PathsFormat, root: string, output: string | undefined): string | undefined {
  if (format !== 'html' && format !== 'markdown') return undefined;
  if (output !== undefined) {
    const relative = path
      .relative(path.dirname(path.resolve(output)), root)
      .split(path.sep)
      .join('/');
    return relative === '' ? '' : `${relative}/`;
  }
  return format === 'html' ? `${pathToFileURL(root).href}/` : undefined;
}

function parseFormat(value: string): PathsFormat {
  if (!isPathsFormat(value))
    throw new UsageError(`unknown format "${value}"`, `use one of: ${PATHS_FORMATS.join(', ')}`);
  return value;
}
