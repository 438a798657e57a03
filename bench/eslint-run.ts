/**
 * One ESLint run over a project through the Node API, with typescript-eslint `recommended`
 * (not type-aware) and optionally ssot-lint's `recommended` config.
 *
 *   node dist/bench/eslint-run.js <dir> <base|plugin> <summary.json>
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import ssot from 'ssot-lint';
import tseslint from 'typescript-eslint';

const [directory, mode, summaryFile] = process.argv.slice(2);
if (!directory || (mode !== 'base' && mode !== 'plugin') || !summaryFile)
  throw new Error('usage: eslint-run <dir> <base|plugin> <summary.json>');

const config = [
  ...tseslint.configs.recommended,
  ...(mode === 'plugin' ? [ssot.configs.recommended] : []),
] as unknown as Linter.Config[];
const eslint = new ESLint({ cwd: path.resolve(directory), overrideConfigFile: true, overrideConfig: config });
const results = await eslint.lintFiles(['.']);

const byRule: Record<string, number> = {};
const fatal: string[] = [];
for (const result of results) {
  for (const message of result.messages) {
    if (message.fatal) fatal.push(`${result.filePath}:${message.line}: ${message.message}`);
    const rule = message.ruleId ?? '(no rule)';
    byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
}
writeFileSync(
  summaryFile,
  JSON.stringify({
    eslint: ESLint.version,
    files: results.length,
    errors: results.reduce((sum, result) => sum + result.errorCount, 0),
    warnings: results.reduce((sum, result) => sum + result.warningCount, 0),
    byRule,
    fatal,
  }),
);
if (fatal.length > 0) {
  console.error(`ESLint could not parse ${fatal.length} file(s):\n${fatal.slice(0, 10).join('\n')}`);
  process.exitCode = 3;
}
