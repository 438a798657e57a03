import path from 'node:path';
import { DEFAULT_BASELINE_FILE, formatBaseline, toBaseline } from '../baseline/baseline.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { runAudit } from '../run-audit.js';

export interface BaselineCommandOptions {
  output?: string;
  config?: string;
  cache: boolean;
}

/** `ssot baseline [dir]`: today's findings, by identity, so that CI fails on new ones only. */
export async function baselineCommand(directory: string, options: BaselineCommandOptions): Promise<number> {
  const result = await runAudit({
    directory,
    ...(options.config ? { configFile: options.config } : {}),
    ...(options.cache === false ? { cache: false } : {}),
  });
  const target = options.output ?? path.join(directory, DEFAULT_BASELINE_FILE);
  await writeFileAtomic(target, formatBaseline(toBaseline(result.findings)));
  process.stdout.write(
    `wrote ${result.findings.length} finding(s) to ${target}; commit it and run \`ssot audit --baseline ${target}\` in CI\n`,
  );
  return 0;
}
