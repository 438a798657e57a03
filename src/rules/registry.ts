import type { RuleId, RuleName, Severity } from '../model.js';
import { repositoryFileUrl } from '../package-info.js';

/** A JSON schema for one rule option object, as ESLint's `meta.schema` takes it. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<
    string,
    { type: 'boolean' | 'string' | 'number'; description: string; default?: boolean | string | number }
  >;
  additionalProperties: false;
}

/** How a finding can be fixed from the editor: `autofix` (`--fix`, safe) or a `suggestion` (changes behaviour). */
/** `autofix or suggestion`: an autofix when behaviour provably stays the same, else the same edit as a suggestion. */
export type FixKind = 'autofix' | 'suggestion' | 'autofix or suggestion';

/** What is written once per rule; everything else (ids, docs URLs, plugin, configs, README) derives from it. */
interface RuleDefinition {
  name: string;
  /** "Disallow …" / "Require …" / "Enforce …", no trailing period. */
  description: string;
  /** Whether the rule needs the whole project (not only the file being linted). */
  crossFile: boolean;
  /** Whether the rule guards authentication (its findings point at `ssot paths`). */
  security: boolean;
  fix: FixKind | null;
  /** Schema of the rule's options (ESLint `meta.schema` and ssot.config.json validate with it); empty when it has none. */
  optionsSchema: readonly OptionsSchema[];
  /** The options `configs.strict` turns on, when stricter than the defaults. */
  strictOptions?: Record<string, unknown>;
}

/** The rules, in the order every list shows them. */
export const RULE_DEFINITIONS = [
  {
    name: 'no-duplicate-class',
    description: 'Disallow declaring the same class in more than one module',
    crossFile: true,
    security: false,
    fix: 'suggestion',
    optionsSchema: [
      {
        type: 'object',
        properties: {
          checkAcrossPackages: {
            type: 'boolean',
            description:
              'Also report copies that no program loads together, such as a class copy-pasted into two separately deployed apps (copies at the same path inside their packages, such as one src/app.module.ts per app, stay exempt).',
            default: false,
          },
        },
        additionalProperties: false,
      },
    ],
    strictOptions: { checkAcrossPackages: true },
  },
  {
    name: 'canonical-import',
    description: 'Enforce importing a symbol from its canonical module',
    crossFile: true,
    security: false,
    fix: 'autofix or suggestion',
    optionsSchema: [],
  },
  {
    name: 'single-jwt-path',
    description: 'Disallow JWT verification or decoding outside the auth core',
    crossFile: true,
    security: true,
    fix: null,
    optionsSchema: [],
  },
  {
    name: 'no-env-branching-auth',
    description: 'Disallow branching on the runtime environment in auth code',
    crossFile: false,
    security: true,
    fix: null,
    optionsSchema: [],
  },
  {
    name: 'no-auth-bypass',
    description: 'Disallow test and E2E bypasses of authentication in non-test code',
    crossFile: false,
    security: true,
    fix: 'suggestion',
    optionsSchema: [],
  },
  {
    name: 'single-secret-source',
    description: 'Disallow resolving a JWT key in several modules or outside the auth core',
    crossFile: true,
    security: true,
    fix: null,
    optionsSchema: [],
  },
] as const satisfies readonly RuleDefinition[];

export interface RuleMeta extends Omit<RuleDefinition, 'name'> {
  name: RuleName;
  id: RuleId;
  defaultSeverity: Severity;
  docsUrl: string;
}

export const RULES: readonly RuleMeta[] = RULE_DEFINITIONS.map(
  (definition: RuleDefinition & { name: RuleName }): RuleMeta => ({
    ...definition,
    id: `ssot/${definition.name}`,
    defaultSeverity: 'error',
    docsUrl: repositoryFileUrl(`docs/rules/${definition.name}.md`),
  }),
);

export const RULE_NAMES: readonly RuleName[] = RULES.map((rule) => rule.name);

/** The rule with this id (`ssot/name`) or name, if there is one. */
export function ruleMeta(idOrName: string): RuleMeta | undefined {
  const name = idOrName.startsWith('ssot/') ? idOrName.slice(5) : idOrName;
  return RULES.find((rule) => rule.name === name);
}

/** The entry of a rule named in code: its name keeps its literal type. */
export function ruleDefinition<const Name extends RuleName>(name: Name): RuleMeta & { name: Name } {
  return ruleMeta(name) as RuleMeta & { name: Name };
}

type Missing<Covered extends RuleName> = Exclude<RuleName, Covered>;

/**
 * Keys one implementation per rule (ESLint rule modules, checks) by name, in registry order.
 * Leaving a rule out is a compile error that names it.
 */
export function byRuleName<const Entry extends { name: RuleName }>(
  entries: readonly Entry[] &
    ([Missing<Entry['name']>] extends [never] ? unknown : { missingRules: Missing<Entry['name']> }),
): Record<RuleName, Entry> {
  return Object.fromEntries(
    RULE_NAMES.map((name) => {
      const entry = entries.find((candidate) => candidate.name === name);
      if (!entry) throw new Error(`rule ${name} has no implementation`);
      return [name, entry];
    }),
  ) as Record<RuleName, Entry>;
}
