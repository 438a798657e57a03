import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from './load-config.js';

const ESLINT_CONFIG_FILES = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((extension) => `eslint.config.${extension}`);

/** An `ssot/<rule>` key in a `rules` object: `'ssot/no-duplicate-class': 'error'`. */
const RULE_KEY = /["'`](ssot\/[a-z-]+)["'`]\s*:/g;

/**
 * Notes for `ssot audit`: ssot/* rules an eslint.config.* at the root sets itself. ssot.config.json
 * decides every ssot/* severity (ssot.configs.* read it); an entry in eslint.config.js can only
 * make ESLint disagree with the audit. Loading the ESLint config to compare exactly costs seconds
 * (it imports the parser and every plugin), so this reads its text: a key is enough to warn.
 */
export function eslintSeverityOverrides(root: string): string[] {
  const notes: string[] = [];
  for (const name of ESLINT_CONFIG_FILES) {
    const file = path.join(root, name);
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const rules = [...new Set([...text.matchAll(RULE_KEY)].map((match) => match[1]!))];
    if (rules.length === 0) continue;
    notes.push(
      `${name} sets ${rules.join(', ')} itself; ${CONFIG_FILE_NAME} decides every ssot/* severity for ESLint and this audit alike (ssot.configs.* read it), so remove ${rules.length === 1 ? 'it' : 'them'} from ${name}`,
    );
  }
  return notes;
}
