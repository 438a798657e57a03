import { ESLintUtils } from '@typescript-eslint/utils';
import { DOCS_BASE_URL } from '../rules/registry.js';

export interface SsotRuleDocs {
  /** Part of `recommended` (all rules are; `strict` adds options). */
  recommended?: boolean;
}

/** The one rule creator: every rule's docs URL points at its page in docs/rules. */
export const createRule = ESLintUtils.RuleCreator<SsotRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);
