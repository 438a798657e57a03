import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log, ReportingDescriptor } from 'sarif';
import { describe, expect, it } from 'vitest';
import { AUTH_RULE_IDS } from '../../src/reporters/shared.js';
import { sarifReporter } from '../../src/reporters/sarif.js';
import { RULES } from '../../src/rules/registry.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { sampleContext, sampleResult } from './sample-result.js';
import { expectValidSarif } from './sarif-schema.js';

/** The real CLI on the incident backend, as a code-scanning workflow would run it. */
function incidentSarif(): Log {
  const run = runCli(['audit', path.join(fixturesRoot, 'incident'), '--format', 'sarif']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  return expectValidSarif(run.stdout);
}

function docsPage(rule: ReportingDescriptor): string {
  return readFileSync(path.join(repositoryRoot, 'docs', 'rules', `${rule.id.slice('ssot/'.length)}.md`), 'utf8');
}

describe('SARIF for GitHub code scanning (fixtures/incident)', () => {
  const log = incidentSarif();
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules ?? [];

  it('describes every rule, with tags and precision', () => {
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of rules) {
      expect(rule.properties?.tags).toContain('ssot');
      expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties?.precision);
    }
  });

  it('tags exactly the four auth rules as security, each with a security-severity score', () => {
    const security = rules.filter((rule) => rule.properties?.tags?.includes('security')).map((rule) => rule.id);
    expect(security.sort()).toEqual([...AUTH_RULE_IDS].sort());
    for (const rule of rules) {
      const score = rule.properties?.['security-severity'] as unknown;
      if (!AUTH_RULE_IDS.has(rule.id as never)) {
        expect(score).toBeUndefined();
        continue;
      }
      // GitHub reads a decimal string between 0.0 and 10.0.
      expect(score).toMatch(/^\d{1,2}\.\d$/);
      expect(Number(score)).toBeGreaterThan(0);
      expect(Number(score)).toBeLessThanOrEqual(10);
    }
  });

  it("takes fullDescription and help.markdown from the rule's docs page, with absolute links", () => {
    for (const rule of rules) {
      const page = docsPage(rule);
      const why = page.split('## Why\n\n')[1]!.split('\n\n')[0]!.replace(/\n/g, ' ');
      // The rationale: the first paragraph of "Why", as text (link text only) and as Markdown.
      expect(rule.fullDescription?.text).toBe(why.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
      expect(rule.fullDescription?.markdown?.replace(/\]\(https:[^)]*\)/g, '](…)')).toBe(
        why.replace(/\]\([^)]*\)/g, '](…)'),
      );
      const help = rule.help?.markdown ?? '';
      for (const section of ['## Why', '## What it reports', '## Examples', '## Related'])
        expect(help).toContain(section);
      expect(help).not.toMatch(/^# ssot\//m);
      expect(help).not.toMatch(/\]\((?:\.\.?\/|#)/);
      // The Related section's ./other-rule.md links, resolved against the published page.
      expect(help).toMatch(
        /\]\(https:\/\/github\.com\/ssot-lint\/ssot-lint\/blob\/v\d+\.\d+\.\d+\/docs\/rules\/[a-z-]+\.md\)/,
      );
    }
  });

  it('links every related location from the message', () => {
    const withRelated = (run.results ?? []).filter((result) => (result.relatedLocations ?? []).length > 0);
    expect(withRelated.length).toBeGreaterThan(0);
    for (const result of withRelated) {
      for (const location of result.relatedLocations ?? []) {
        expect(result.message.text).toMatch(new RegExp(`\\]\\(${location.id}\\)`));
      }
    }
    const duplicate = withRelated.find((result) => result.ruleId === 'ssot/no-duplicate-class');
    expect(duplicate?.message.text).toContain(
      '\n↳ [fixtures/incident/src/services/user-execution-context.ts:19:14](1) canonical declaration',
    );
  });

  it('escapes brackets of the message itself, so only the related locations are links', () => {
    const escapedQuote = (run.results ?? []).find((result) => result.message.text?.includes("\\['staging'"));
    expect(escapedQuote?.message.text).toContain("\\['staging', 'production'\\].includes");
  });
});

describe('sarifReporter without docs pages', () => {
  it("falls back to the rule's description and docs link", () => {
    const log = expectValidSarif(sarifReporter(sampleResult(), sampleContext()));
    const rule = log.runs[0]?.tool.driver.rules?.[0];
    expect(rule?.fullDescription).toEqual({
      text: 'Disallow declaring the same class in more than one module.',
    });
    expect(rule?.help?.markdown).toBe(
      `Disallow declaring the same class in more than one module. See [the rule documentation](${RULES[0]?.docsUrl}).`,
    );
  });

  it('turns a message that looks like an embedded link into literal text', () => {
    const result = sampleResult();
    result.findings = [{ ...result.findings[0]!, message: 'see [here](1) and a[0]', related: [] }];
    const log = expectValidSarif(sarifReporter(result, sampleContext()));
    expect(log.runs[0]?.results?.[0]?.message.text).toBe('see \\[here\\](1) and a\\[0\\]');
  });
});
