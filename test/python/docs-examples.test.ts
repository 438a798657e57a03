import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import type { AuditReport } from './python-fixtures.js';

/** One line of a page's Python output block: `7:12  error  <message>  ssot/<rule>`. */
interface DocumentedFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  /** The whole message, or its start when the page abbreviates it with `…`. */
  message: string;
  abbreviated: boolean;
}

const CANONICAL_FILE = 'app/services/user_execution_context.py';

/** What a page's Python example stands on that the page does not show: the core, or the canonical class and its copy. */
function scaffolding(rule: string): { files: Record<string, string>; config: object } {
  const context = (field: string) =>
    `from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass UserExecutionContext:\n    user_id: str\n    ${field}: str | None = None\n`;
  if (rule === 'no-duplicate-class' || rule === 'canonical-import')
    return {
      files: {
        [CANONICAL_FILE]: context('websocket_client_id'),
        'app/models/user_execution_context.py': context('websocket_connection_id'),
      },
      config: { canonical: { UserExecutionContext: CANONICAL_FILE } },
    };
  return {
    files: {
      'app/auth_core/core.py':
        'import jwt\n\n\ndef verify(token: str, key: str) -> dict:\n    return jwt.decode(token, key, algorithms=["HS256"])\n',
    },
    config: {},
  };
}

function pythonSection(rule: string): string {
  const page = readFileSync(path.join(repositoryRoot, 'docs', 'rules', `${rule}.md`), 'utf8');
  const start = page.indexOf('### Python');
  if (start < 0) throw new Error(`docs/rules/${rule}.md has no Python example`);
  return page.slice(start, page.indexOf('\n## Options', start));
}

/** The fenced blocks of a section, in order, with their language (`''` for the output blocks). */
function blocks(section: string): { language: string; text: string }[] {
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    text: match[2]!,
  }));
}

/** The files of the first ```python block, split at their `# app/….py` header comments. */
function exampleFiles(section: string): Record<string, string> {
  const block = blocks(section).find((entry) => entry.language === 'python')?.text ?? '';
  const files: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of block.split('\n')) {
    const header = /^# ((?:app|src)\/[\w/]+\.py)\b/.exec(line);
    if (header) files[header[1]!] = current = [];
    else current?.push(line);
  }
  return Object.fromEntries(Object.entries(files).map(([file, lines]) => [file, `${lines.join('\n').trimEnd()}\n`]));
}

/** The output block that follows the first Python block: what the page says the CLI prints. */
function documentedFindings(section: string): DocumentedFinding[] {
  const all = blocks(section);
  const block =
    all.slice(all.findIndex((entry) => entry.language === 'python')).find((entry) => entry.language === '')?.text ?? '';
  const found: DocumentedFinding[] = [];
  let file = '';
  for (const line of block.split('\n')) {
    if (/^\S/.test(line)) file = line.trim();
    const match = /^\s+(\d+):(\d+)\s+error\s+(.*?)(?:\s{2}ssot\/([\w-]+))?$/.exec(line);
    if (!match) continue;
    const abbreviated = match[4] === undefined;
    found.push({
      file,
      line: Number(match[1]),
      column: Number(match[2]),
      ruleId: `ssot/${match[4] ?? found.at(-1)!.ruleId.slice('ssot/'.length)}`,
      message: abbreviated ? match[3]!.replace(/…$/, '') : match[3]!,
      abbreviated,
    });
  }
  return found;
}

/** Every folder a package, as in an application: `from app.services import …` resolves as Python resolves it. */
function withPackages(files: Record<string, string>): Record<string, string> {
  const packages: Record<string, string> = {};
  for (const file of Object.keys(files)) {
    const parts = file.split('/').slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth++) packages[`${parts.slice(0, depth).join('/')}/__init__.py`] = '';
  }
  return { ...packages, ...files };
}

describe('the Python example of every rule page reports what the page shows', () => {
  it.each(RULES.map((rule) => [rule.name]))('%s', (rule) => {
    const section = pythonSection(rule);
    const documented = documentedFindings(section);
    expect(documented.length, 'the page shows output').toBeGreaterThan(0);
    const { files, config } = scaffolding(rule);
    const root = tempProject(
      withPackages({ ...files, ...exampleFiles(section), 'ssot.config.json': JSON.stringify(config) }),
    );
    const report = JSON.parse(runCli(['audit', root, '--format', 'json', '--no-cache']).stdout) as AuditReport;
    for (const expected of documented) {
      const where = `${expected.ruleId} ${expected.file}:${expected.line}:${expected.column}`;
      const actual = report.findings.find(
        (finding) =>
          finding.ruleId === expected.ruleId &&
          finding.file === expected.file &&
          finding.line === expected.line &&
          finding.column === expected.column,
      );
      expect(actual, `${where} is reported`).toBeDefined();
      const firstLine = actual!.message.split('\n')[0]!;
      if (expected.abbreviated) expect(firstLine.startsWith(expected.message), where).toBe(true);
      else expect(firstLine, where).toBe(expected.message);
    }
  });
});

describe('the rule pages', () => {
  it('each carry a Python example with its output', () => {
    const pages = readdirSync(path.join(repositoryRoot, 'docs', 'rules')).map((page) => page.replace(/\.md$/, ''));
    for (const rule of RULES.map((entry) => entry.name)) {
      expect(pages).toContain(rule);
      expect(Object.keys(exampleFiles(pythonSection(rule))).length, rule).toBeGreaterThan(0);
      expect(documentedFindings(pythonSection(rule)).length, rule).toBeGreaterThan(0);
    }
  });
});
