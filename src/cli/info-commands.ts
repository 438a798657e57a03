import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { UsageError } from '../errors.js';
import { packageRoot } from '../package-info.js';
import { RULES, ruleMeta } from '../rules/registry.js';

/** `ssot rules`: the rule table. */
export function rulesCommand(color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  const rows = RULES.map(
    (rule) =>
      `  ${chalk.bold(rule.id.padEnd(width))}  ${rule.defaultSeverity.padEnd(7)}  ${rule.description}\n  ${' '.repeat(width)}  ${chalk.dim(rule.docsUrl)}`,
  );
  return `${rows.join('\n')}\n\nRun \`ssot explain <rule>\` for a rule's documentation.\n`;
}

/** `ssot explain RULE`: the rule's docs page, made readable in a terminal. */
export function explainCommand(rule: string, color: boolean): string {
  const meta = ruleMeta(rule);
  if (!meta) throw new UsageError(`unknown rule "${rule}"`, 'run `ssot rules` for the list');
  const file = path.join(packageRoot, 'docs', 'rules', `${meta.name}.md`);
  if (!existsSync(file)) throw new UsageError(`no documentation found for ${meta.id} at ${file}`);
  const chalk = new Chalk({ level: color ? 1 : 0 });
  let inCode = false;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      // Fences are Markdown syntax, not content: in a terminal the indented, coloured block says enough.
      if (line.startsWith('```')) {
        inCode = !inCode;
        return [];
      }
      if (inCode) return chalk.cyan(`  ${line}`);
      if (/^#{1,6} /.test(line)) return chalk.bold.underline(line.replace(/^#+ /, ''));
      return line
        .replace(/`([^`]+)`/g, (_match, code: string) => chalk.cyan(code))
        .replace(/\*\*([^*]+)\*\*/g, (_match, text: string) => chalk.bold(text));
    });
  return `${lines.join('\n').trimEnd()}\n\n${chalk.dim(meta.docsUrl)}\n`;
}
