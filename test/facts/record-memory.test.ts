import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src');
const module = (file: string) => JSON.stringify(pathToFileURL(path.join(dist, file)).href);

/**
 * Parses 40 files of 1 MiB each, keeps only their records and reports the heap that stays: with
 * names sliced from the source text, every record would keep its file's megabyte alive.
 */
const SCRIPT = `
const { parseText } = await import(${module('project/parse-file.js')});
const { bundledTypeScript } = await import(${module('project/typescript.js')});
const typescript = bundledTypeScript();
const sourceOf = (n) => {
  const padding = '// ' + 'x'.repeat(1022) + '\\n';
  const code = [
    "import { verifyAccessTokenFromHeader } from './authentication-helpers';",
    '// eslint-disable-next-line ssot/no-duplicate-class -- kept on purpose',
    'export class SessionRepositoryNumber' + n + ' { #refreshTokenSignature = 1; findSessionByIdentifier(identifier: string) { return verifyAccessTokenFromHeader(identifier); } }',
    'export function resolveUserExecutionContext' + n + '() { return new SessionRepositoryNumber' + n + '(); }',
  ].join('\\n');
  return code + '\\n' + padding.repeat(1024);
};
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed; };
const before = heap();
const records = [];
for (let n = 0; n < 40; n++) records.push(parseText(typescript, sourceOf(n), 'src/file' + n + '.ts'));
const kept = heap() - before;
const names = records.map((outcome) => [...outcome.facts.graph.functions.map((fn) => fn.name), ...outcome.facts.classes[0].members].join(','));
const rules = records[3].facts.suppressions.flatMap((suppression) => suppression.rules ?? []);
console.log(JSON.stringify({ kept, names: names[3], rules }));
`;

describe('records and source text', () => {
  it('a record keeps no part of its file source text alive', () => {
    const result = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    const { kept, names, rules } = JSON.parse(result.stdout) as { kept: number; names: string; rules: string[] };
    // The records were really made, with the long names the slices would have come from.
    expect(names).toContain('SessionRepositoryNumber3.findSessionByIdentifier');
    expect(names).toContain('#refreshTokenSignature');
    expect(rules).toEqual(['ssot/no-duplicate-class']);
    // 40 MiB of source went through the parser; the records themselves are a few kilobytes each.
    expect(kept).toBeLessThan(8 * 1024 * 1024);
  });
});
