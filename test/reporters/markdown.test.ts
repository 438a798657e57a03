import { describe, expect, it } from 'vitest';
import { code, escapeInline, fenced, markdownReporter } from '../../src/reporters/markdown.js';
import { expectGolden } from './golden.js';
import { cleanResult, PATHS_HINT, sampleContext, sampleResult } from './sample-result.js';

describe('markdownReporter', () => {
  it('matches the golden output', () => {
    expectGolden('markdown.md', markdownReporter(sampleResult(), sampleContext({ pathsReportHint: PATHS_HINT })));
  });

  it('matches the golden output for a clean audit', () => {
    expectGolden('markdown-clean.md', markdownReporter(cleanResult(), sampleContext({ pathsReportHint: PATHS_HINT })));
  });

  it('summarises by rule with docs links, in registry order, with a total', () => {
    const output = markdownReporter(sampleResult(), sampleContext());
    const table = output.split('\n').filter((line) => line.startsWith('| [') || line.startsWith('| **Total'));
    expect(table).toEqual([
      '| [`ssot/no-duplicate-class`](https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/rules/no-duplicate-class.md) | 1 | 0 |',
      '| [`ssot/canonical-import`](https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/rules/canonical-import.md) | 1 | 0 |',
      '| [`ssot/single-jwt-path`](https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/rules/single-jwt-path.md) | 2 | 0 |',
      '| [`ssot/no-env-branching-auth`](https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/rules/no-env-branching-auth.md) | 0 | 1 |',
      '| [`ssot/no-auth-bypass`](https://github.com/ssot-lint/ssot-lint/blob/v0.1.0/docs/rules/no-auth-bypass.md) | 1 | 0 |',
      '| **Total** | **5** | **1** |',
    ]);
  });

  it('shows the paths hint only when provided and an auth rule fired', () => {
    const hint = `> ${PATHS_HINT}`;
    expect(markdownReporter(sampleResult(), sampleContext({ pathsReportHint: PATHS_HINT }))).toContain(hint);
    expect(markdownReporter(sampleResult(), sampleContext())).not.toContain('ssot paths');
    const onlyDuplicates = sampleResult();
    onlyDuplicates.findings = onlyDuplicates.findings.filter((finding) => finding.ruleId === 'ssot/no-duplicate-class');
    expect(markdownReporter(onlyDuplicates, sampleContext({ pathsReportHint: PATHS_HINT }))).not.toContain(hint);
  });

  it('puts the first message line in the table and the drift table in a fenced block', () => {
    const output = markdownReporter(sampleResult(), sampleContext());
    expect(output).toContain(
      '| `src/models/user-execution-context.ts:12:14` | Class "UserExecutionContext" is also declared in src/services/user-execution-context.ts, its canonical module. Import it from there and delete this copy. _(details below)_ | error |',
    );
    expect(output).toContain(
      [
        '- `src/models/user-execution-context.ts:12:14` — `UserExecutionContext`',
        '',
        '  ```text',
        '  Class "UserExecutionContext" is also declared in src/services/user-execution-context.ts, its canonical module. Import it from there and delete this copy.',
        '  Member drift:',
        '    member                    here  canonical',
        '    websocket_client_id       yes   -',
        '    websocket_connection_id   -     yes',
        '  ```',
        '',
        '  Related locations:',
        '',
        '  - `src/services/user-execution-context.ts:9:14` — canonical declaration',
      ].join('\n'),
    );
  });

  it('escapes pipes inside code spans in table cells', () => {
    const output = markdownReporter(sampleResult(), sampleContext());
    expect(output).toContain("`process.env.JWT_SECRET \\|\\| 'dev-secret'`");
    // Every table row still has exactly four unescaped cell separators.
    for (const line of output.split('\n').filter((l) => l.startsWith('| `src/'))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(5);
    }
  });

  it('links locations when a source link base is given', () => {
    const output = markdownReporter(
      sampleResult(),
      sampleContext({ sourceLinkBase: 'https://github.com/acme/backend/blob/abc123/' }),
    );
    expect(output).toContain(
      '| [`src/websocket/handler.ts:3:1`](https://github.com/acme/backend/blob/abc123/src/websocket/handler.ts#L3) |',
    );
  });

  it('lists skipped files and notes', () => {
    const output = markdownReporter(sampleResult(), sampleContext());
    expect(output).toContain(
      "### Skipped files (1)\n\n- `src/legacy/broken.ts` — could not parse: ';' expected (14:3)\n",
    );
    expect(output).toContain('### Notes\n\n- auth core found by convention: src/auth-core/\\*\\*\n');
    expect(output.endsWith('\n')).toBe(true);
    expect(output.endsWith('\n\n')).toBe(false);
  });
});

describe('markdown escaping helpers', () => {
  it('escapes Markdown outside code spans and keeps balanced code spans', () => {
    expect(escapeInline('use *this* and <script> [x](y) ~z~ $x$ a_b')).toBe(
      'use \\*this\\* and \\<script\\> \\[x\\](y) \\~z\\~ \\$x\\$ a\\_b',
    );
    expect(escapeInline('keep `a_b*c` here')).toBe('keep `a_b*c` here');
    expect(escapeInline('a stray ` backtick')).toBe('a stray \\` backtick');
    expect(escapeInline('double ``a ` b`` span')).toBe('double ``a ` b`` span');
    expect(escapeInline('pipe | outside')).toBe('pipe \\| outside');
    expect(escapeInline('`a | b`')).toBe('`a | b`');
    expect(escapeInline('`a | b`', true)).toBe('`a \\| b`');
  });

  it('builds code spans that survive backticks and pipes', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`edge')).toBe('`` `edge ``');
    expect(code('a|b', true)).toBe('`a\\|b`');
    expect(code('a|b')).toBe('`a|b`');
  });

  it('picks a fence longer than any backtick run in the content', () => {
    expect(fenced('x\n```\ny')).toEqual(['````text', 'x', '```', 'y', '````']);
    expect(fenced('x')).toEqual(['```text', 'x', '```']);
  });
});
