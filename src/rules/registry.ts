import type { RuleId, RuleName, Severity } from '../model.js';

export const DOCS_BASE_URL = 'https://github.com/ssot-lint/ssot-lint/blob/main/docs/rules/';

/** A JSON schema for one rule option object, as ESLint's `meta.schema` takes it. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<
    string,
    { type: 'boolean' | 'string' | 'number'; description: string; default?: boolean | string | number }
  >;
  additionalProperties: false;
}

export interface RuleMeta {
  name: RuleName;
  id: RuleId;
  /** "Disallow …" / "Require …" / "Enforce …", no trailing period. */
  description: string;
  defaultSeverity: Severity;
  /** Whether the rule needs the whole project (not only the file being linted). */
  crossFile: boolean;
  docsUrl: string;
  /** Schema of the rule's options (ESLint `meta.schema` and ssot.config.json validate with it); empty when it has none. */
  optionsSchema: OptionsSchema[];
}

function meta(name: RuleName, description: string, crossFile: boolean, optionsSchema: OptionsSchema[] = []): RuleMeta {
  return {
    name,
    id: `ssot/${name}`,
    description,
    defaultSeverity: 'error' as Severity,
    crossFile,
    docsUrl: `${DOCS_BASE_URL}${name}.md`,
    optionsSchema,
  };
}

export const RULES: readonly RuleMeta[] = [
  meta('no-duplicate-class', 'Disallow declaring the same class in more than one module', true, [
    {
      type: 'object',
      properties: {
        checkAcrossPackages: {
          type: 'boolean',
          description:
            'Also report a class name shared by different workspace packages (copies at the same path inside their packages, such as one src/app.module.ts per app, stay exempt).',
          default: false,
        },
      },
      additionalProperties: false,
    },
  ]),
  meta('canonical-import', 'Enforce importing a symbol from its canonical module', true),
  meta('single-jwt-path', 'Disallow JWT verification or decoding outside the auth core', true),
  meta('no-env-branching-auth', 'Disallow branching on the runtime environment in auth code', false),
  meta('no-auth-bypass', 'Disallow test and E2E bypasses of authentication in non-test code', false),
  meta('single-secret-source', 'Disallow reading JWT secrets or keys outside the auth core', true),
];

export function ruleMeta(idOrName: string): RuleMeta | undefined {
  const name = idOrName.startsWith('ssot/') ? idOrName.slice(5) : idOrName;
  return RULES.find((rule) => rule.name === name);
}
