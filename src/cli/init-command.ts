import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, CONFIG_FILE_NAME } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { proposeConfig } from '../init/propose-config.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadProjectIndex } from '../project/build-index.js';

export interface InitOptions {
  force?: boolean;
  dryRun?: boolean;
}

/** `ssot init [dir]`: writes ssot.config.json from what the project holds. */
export async function initCommand(directory: string, options: InitOptions): Promise<number> {
  const root = path.resolve(directory);
  const target = path.join(root, CONFIG_FILE_NAME);
  if (existsSync(target) && !options.force && !options.dryRun) {
    throw new UsageError(
      `${CONFIG_FILE_NAME} already exists in ${root}`,
      'pass --force to overwrite it, or --dry-run to print the proposal',
    );
  }
  // Propose from a clean slate: an existing config would hide what the code itself says.
  const defaults = { ...loadConfig(root, undefined), authCore: [], canonical: {} };
  const index = await loadProjectIndex(defaults);
  const { config, reasons } = proposeConfig(index);
  const text = `${JSON.stringify({ $schema: './node_modules/ssot-lint/schema/ssot.config.schema.json', ...config }, null, 2)}\n`;
  if (options.dryRun) {
    process.stdout.write(text);
  } else {
    await writeFileAtomic(target, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target) || CONFIG_FILE_NAME}\n`);
  }
  for (const reason of reasons) process.stderr.write(`  ${reason}\n`);
  if (reasons.length === 0)
    process.stderr.write('  nothing to propose: no JWT module and no duplicate class found; the defaults apply\n');
  return 0;
}
