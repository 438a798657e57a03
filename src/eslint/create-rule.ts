import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleName } from '../model.js';
import { ruleDefinition } from '../rules/registry.js';

export interface SsotRuleDocs {
  /** Part of `recommended` (all rules are; `strict` adds options). */
  recommended?: boolean;
}

const createNamedRule = ESLintUtils.RuleCreator<SsotRuleDocs>((name) => ruleDefinition(name as RuleName).docsUrl);

/**
 * The rule creator for one registry entry. The module it makes carries the entry's name with its
 * literal type, so the plugin keys its `rules` by the modules' names and a rule without a module
 * fails to compile (see `byRuleName`); the docs URL is the entry's.
 */
export function ruleCreatorFor<const Name extends RuleName>(name: Name) {
  return <Options extends readonly unknown[], MessageIds extends string>(
    rule: Readonly<Omit<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, SsotRuleDocs>, 'name'>>,
  ) => ({ ...createNamedRule<Options, MessageIds>({ ...rule, name }), name });
}
