import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../errors.js';
import { OutputError } from '../io/atomic-write.js';
import { HOMEPAGE_URL, TOOL } from '../package-info.js';
import { REPORTER_NAMES } from '../reporters/index.js';
import { shouldUseColor } from './color.js';
import { explainCommand, rulesCommand } from './info-commands.js';
import { handleStandardStreamErrors } from './standard-streams.js';

const MANUAL = `
Exit codes:
  0  no error-level findings
  1  findings (errors, or more warnings than --max-warnings)
  2  usage or configuration error

Configuration:
  ssot.config.json at the audited root, or an "ssot" key in package.json. Keys:
  authCore, canonical, authGlobs, ignore, rules. All optional: without config the
  auth core is found by the auth-core naming convention, or taken to be the only
  module of a package that verifies JWTs. A declaration can mark itself canonical
  with a /** @canonical */ JSDoc tag.

Examples:
  $ ssot audit                             audit the current directory
  $ ssot audit services/api --format sarif --output ssot.sarif
  $ ssot audit --rule ssot/single-jwt-path --rule ssot/no-auth-bypass
  $ ssot baseline && ssot audit --baseline ssot-baseline.json
                                           adopt on a big repository: fail on new findings only
  $ ssot audit --changed-since origin/main report only files changed on this branch
  $ ssot init --dry-run                    propose a config without writing it
  $ ssot explain no-duplicate-class

Documentation: ${HOMEPAGE_URL}
`;

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('ssot')
    .description(
      'Single-source-of-truth audit for TypeScript and JavaScript: one class, one import path, one JWT path, no environment branches or bypasses in auth code.',
    )
    .version(TOOL.version, '-v, --version')
    .showHelpAfterError('(run `ssot --help` for usage)')
    .addHelpText('after', MANUAL)
    .exitOverride();

  program
    .command('audit')
    .description('audit a project for single-source-of-truth violations')
    .argument('[dir]', 'project root to audit', '.')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORTER_NAMES).default('pretty'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of <dir>/ssot.config.json')
    .option('-r, --rule <id>', 'run only this rule (repeatable)', collectRepeated)
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'report errors only')
    .option('-b, --baseline <file>', 'fail only on findings not in this baseline (see `ssot baseline`)')
    .option('--prune', 'with --baseline: drop stale entries from the baseline file')
    .option(
      '--changed-since <ref>',
      'report only findings in files changed since the merge-base with <ref> (the whole project is still analysed)',
    )
    .option('--no-cache', 'parse every file instead of reusing the facts of unchanged files')
    .option(
      '--cache-location <dir>',
      'where to keep the cache (default: node_modules/.cache/ssot-lint, or .ssot-cache)',
    )
    .option('--no-color', 'disable colours (also: NO_COLOR=1)')
    .addHelpText('after', '\nExit codes: 0 clean, 1 findings, 2 usage or configuration error.')
    .action(async (dir: string, options) => {
      // Loaded on demand: the parser (ts-morph's TypeScript) costs ~0.4 s, which `rules` and `--help` need not pay.
      const { auditCommand } = await import('./audit-command.js');
      setExitCode(await auditCommand(dir, options));
    });

  program
    .command('baseline')
    .description("write ssot-baseline.json: today's findings, so that CI fails on new ones only")
    .argument('[dir]', 'project root', '.')
    .option('-o, --output <file>', 'where to write the baseline (default: <dir>/ssot-baseline.json)')
    .option('-c, --config <file>', 'use this config file instead of <dir>/ssot.config.json')
    .option('--no-cache', 'parse every file instead of reusing the facts of unchanged files')
    .action(async (dir: string, options) => {
      const { baselineCommand } = await import('./baseline-command.js');
      setExitCode(await baselineCommand(dir, options));
    });

  program
    .command('paths')
    .description('inventory of JWT validation paths (entry points -> validators), secret sources and duplicate classes')
    .argument('[dir]', 'project root to analyse', '.')
    .addOption(
      new Option('-f, --format <format>', 'report format')
        .choices(['text', 'json', 'markdown', 'mermaid', 'html'])
        .default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of <dir>/ssot.config.json')
    .option(
      '--link-base <url>',
      'prefix for links to source lines in markdown/html (default: relative to the report file)',
    )
    .option('--no-cache', 'parse every file instead of reusing the facts of unchanged files')
    .option(
      '--cache-location <dir>',
      'where to keep the cache (default: node_modules/.cache/ssot-lint, or .ssot-cache)',
    )
    .option('--no-color', 'disable colours (also: NO_COLOR=1)')
    .addHelpText(
      'after',
      '\nExit codes: 0 the inventory ran (whatever it found), 2 usage or configuration error. See docs/paths.md.',
    )
    .action(async (dir: string, options) => {
      const { pathsCommand } = await import('./paths-command.js');
      setExitCode(await pathsCommand(dir, options));
    });

  program
    .command('init')
    .description('write ssot.config.json for this repository from what it finds (auth core, canonical classes)')
    .argument('[dir]', 'project root', '.')
    .option('--force', 'overwrite an existing ssot.config.json')
    .option('--dry-run', 'print the proposed config instead of writing it')
    .action(async (dir: string, options) => {
      const { initCommand } = await import('./init-command.js');
      setExitCode(await initCommand(dir, options));
    });

  program
    .command('rules')
    .description('list the rules')
    .option('--no-color', 'disable colours')
    .action((options: { color: boolean }) => {
      process.stdout.write(rulesCommand(shouldUseColor(process.stdout, options.color)));
      setExitCode(0);
    });

  program
    .command('explain')
    .description("show a rule's documentation")
    .argument('<rule>', 'rule id, e.g. ssot/no-duplicate-class or no-duplicate-class')
    .option('--no-color', 'disable colours')
    .action((rule: string, options: { color: boolean }) => {
      process.stdout.write(explainCommand(rule, shouldUseColor(process.stdout, options.color)));
      setExitCode(0);
    });

  return program;
}

/**
 * Accumulates a repeatable single-value option. A variadic `<id...>` would also swallow the
 * `[dir]` argument that follows it (`--rule ssot/no-duplicate-class .`).
 */
function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Entry point of `bin/ssot.js`. Known errors print as one line (exit 2); unknown ones keep their stack. */
export async function main(argv: string[] = process.argv): Promise<void> {
  handleStandardStreamErrors();
  const program = buildProgram((code) => {
    process.exitCode = code;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits with code 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof UserError || error instanceof OutputError) {
      process.stderr.write(`ssot: ${error.message}\n`);
      if (error instanceof UserError && error.hint) process.stderr.write(`      ${error.hint}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
