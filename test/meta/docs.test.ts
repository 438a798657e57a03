import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts as tsMorphTypeScript } from 'ts-morph';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../../src/index.js';
import { RULE_NAMES } from '../../src/model.js';
import { RULES } from '../../src/rules/registry.js';
import { repositoryRoot } from '../helpers/run-cli.js';

const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');

describe('every rule is documented, registered and configured', () => {
  it.each(RULE_NAMES.map((name) => [name]))('%s', (name) => {
    const meta = RULES.find((rule) => rule.name === name)!;
    const docsFile = path.join(repositoryRoot, 'docs', 'rules', `${name}.md`);
    expect(existsSync(docsFile), `docs/rules/${name}.md is missing`).toBe(true);
    const docs = readFileSync(docsFile, 'utf8');
    expect(docs.startsWith(`# ssot/${name}\n`), 'the page starts with the rule id').toBe(true);
    expect(docs).toContain(meta.description);
    expect(existsSync(path.join(repositoryRoot, 'rules', `${name}.ts`)), `rules/${name}.ts is missing`).toBe(true);

    const rule = rules[name];
    expect(rule.meta.docs!.description).toBe(meta.description);
    expect(rule.meta.docs!.url).toBe(meta.docsUrl);
    expect(meta.docsUrl.endsWith(`docs/rules/${name}.md`)).toBe(true);
    expect(plugin.configs.recommended.rules?.[`ssot/${name}`]).toBe('error');
    expect(plugin.configs.strict.rules?.[`ssot/${name}`]).toBeDefined();
    expect(readme, 'README rules table row').toContain(
      `| [\`ssot/${name}\`](docs/rules/${name}.md) | ${meta.description} |`,
    );
  });

  it('descriptions read "Disallow …", "Require …" or "Enforce …" without a trailing period', () => {
    for (const rule of RULES) expect(rule.description).toMatch(/^(Disallow|Require|Enforce) .*[^.]$/);
  });

  it('the README rules table lists exactly the rules, in registry order', () => {
    const table = readme.slice(
      readme.indexOf('<!-- rules-table:start -->'),
      readme.indexOf('<!-- rules-table:end -->'),
    );
    const listed = [...table.matchAll(/\| \[`ssot\/([a-z-]+)`\]/g)].map((match) => match[1]);
    expect(listed).toEqual([...RULE_NAMES]);
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
