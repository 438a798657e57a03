import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleId } from '../model.js';
import { packageRoot } from '../package-info.js';
import type { RuleMeta } from './registry.js';

/** Where a rule's documentation page ships: `docs/rules/<name>.md` in the installed package. */
function ruleDocsFile(rule: RuleMeta): string {
  return path.join(packageRoot, 'docs', 'rules', `${rule.name}.md`);
}

/**
 * The Markdown page of every rule that has one. A missing page is left out rather than failing:
 * reporters fall back to the rule's one-line description.
 */
export function loadRuleDocs(rules: readonly RuleMeta[]): Partial<Record<RuleId, string>> {
  const docs: Partial<Record<RuleId, string>> = {};
  for (const rule of rules) {
    try {
      docs[rule.id] = readFileSync(ruleDocsFile(rule), 'utf8');
    } catch {
      // Not shipped (a trimmed install): the description will do.
    }
  }
  return docs;
}
