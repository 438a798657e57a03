import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts as tsMorphTypeScript } from 'ts-morph';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../../src/index.js';
import { RULES, type RuleMeta } from '../../src/rules/registry.js';
import { repositoryRoot } from '../helpers/run-cli.js';

const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
const TABLE_START = '<!-- rules-table:start -->\n';
const TABLE_END = '<!-- rules-table:end -->';

/** The README rules table as the registry says it must read. */
function expectedRulesTable(): string {
  const row = (rule: RuleMeta) =>
    `| [\`${rule.id}\`](docs/rules/${rule.name}.md) | ${rule.description} | ${rule.fix ?? ''}`.trimEnd() + ' |';
  return ['| rule | description | fix |', '| --- | --- | --- |', ...RULES.map(row), ''].join('\n');
}

describe('every rule is documented, registered and configured', () => {
  it.each(RULES.map((rule) => [rule.name, rule]))('%s', (name, meta) => {
    const docsFile = path.join(repositoryRoot, 'docs', 'rules', `${name}.md`);
    expect(existsSync(docsFile), `docs/rules/${name}.md is missing`).toBe(true);
    const docs = readFileSync(docsFile, 'utf8');
    expect(docs.startsWith(`# ${meta.id}\n`), 'the page starts with the rule id').toBe(true);
    expect(docs).toContain(meta.description);
    expect(existsSync(path.join(repositoryRoot, 'rules', `${name}.ts`)), `rules/${name}.ts is missing`).toBe(true);

    const rule = rules[name];
    expect(rule.name).toBe(name);
    expect(rule.meta.docs!.description).toBe(meta.description);
    expect(rule.meta.docs!.url).toBe(meta.docsUrl);
    expect(rule.meta.schema).toEqual(meta.optionsSchema);
    expect(rule.meta.fixable === 'code', 'meta.fixable matches the registry fix kind').toBe(
      meta.fix === 'autofix' || meta.fix === 'autofix or suggestion',
    );
    expect(rule.meta.hasSuggestions === true, 'meta.hasSuggestions matches the registry fix kind').toBe(
      meta.fix === 'suggestion' || meta.fix === 'autofix or suggestion',
    );
    expect(meta.docsUrl.endsWith(`docs/rules/${name}.md`)).toBe(true);
    expect(plugin.configs.recommended.rules?.[meta.id]).toBe('error');
    expect(plugin.configs.strict.rules?.[meta.id]).toEqual(
      meta.strictOptions ? ['error', meta.strictOptions] : 'error',
    );
  });

  it('the plugin has exactly the registry rules, in registry order', () => {
    expect(Object.keys(plugin.rules)).toEqual(RULES.map((rule) => rule.name));
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual(RULES.map((rule) => rule.id));
    expect(Object.keys(plugin.configs.strict.rules ?? {})).toEqual(RULES.map((rule) => rule.id));
  });

  it('the README rules table is the one the registry generates', () => {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start, 'README.md has the rules-table markers').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start + TABLE_START.length, end)).toBe(expectedRulesTable());
  });

  it('the config schema accepts exactly the registry rule ids', () => {
    const schema = JSON.parse(readFileSync(path.join(repositoryRoot, 'schema', 'ssot.config.schema.json'), 'utf8')) as {
      properties: { rules: { propertyNames: { enum: string[] } } };
    };
    expect(schema.properties.rules.propertyNames.enum).toEqual(RULES.map((rule) => rule.id));
  });

  it('descriptions read "Disallow …", "Require …" or "Enforce …" without a trailing period', () => {
    for (const rule of RULES) expect(rule.description).toMatch(/^(Disallow|Require|Enforce) .*[^.]$/);
  });

  it('every schema property of every rule is described', () => {
    for (const rule of RULES) {
      for (const schema of rule.optionsSchema) {
        for (const [name, property] of Object.entries(schema.properties))
          expect(property.description, `${rule.id} ${name}`).toMatch(/\S/);
      }
    }
  });

  it('message ids are camelCase', () => {
    for (const rule of Object.values(rules)) {
      for (const id of Object.keys(rule.meta.messages)) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    }
  });
});

describe('the TypeScript the CLI parses with', () => {
  it('is the version the project pins, so SyntaxKind numbers agree with typescript-eslint', () => {
    expect(tsMorphTypeScript.version).toBe(typescript.version);
  });
});
