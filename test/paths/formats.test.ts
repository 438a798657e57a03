import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATHS_REPORTERS, type PathsFormat } from '../../src/paths/format/index.js';
import { buildGraphModel } from '../../src/paths/format/graph-model.js';
import { layoutGraph } from '../../src/paths/format/layout.js';
import { runPaths } from '../../src/paths/run-paths.js';
import type { PathsResult } from '../../src/paths/types.js';
import { fixturesRoot } from '../helpers/fixtures.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

/** As test/reporters/golden.ts: `UPDATE_GOLDEN=1` rewrites; a missing golden fails. */
function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/paths`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('paths reporters are pure functions of the result', () => {
  let result: PathsResult;
  beforeAll(async () => {
    const raw = await runPaths({ directory: join(fixturesRoot, 'incident'), cache: false });
    // The only field that changes from run to run.
    result = { ...raw, root: '/project', summary: { ...raw.summary, durationMs: 0 } };
  });

  const golden: [PathsFormat, string][] = [
    ['text', 'incident.txt'],
    ['markdown', 'incident.md'],
    ['mermaid', 'incident.mmd'],
    ['json', 'incident.json'],
  ];
  for (const [format, file] of golden) {
    it(`${format}: golden output for fixtures/incident`, () => {
      expectGolden(
        file,
        PATHS_REPORTERS[format](result, {
          color: false,
          ...(format === 'markdown' ? { sourceLinkBase: 'https://example.test/blob/main/' } : {}),
        }),
      );
    });
  }

  it('gives the same text for the same result, and colours only when asked', () => {
    const plain = PATHS_REPORTERS.text(result, { color: false });
    expect(PATHS_REPORTERS.text(result, { color: false })).toBe(plain);
    const coloured = PATHS_REPORTERS.text(result, { color: true });
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('lays the graph out in four columns, every edge left to right, no two nodes overlapping', () => {
    const layout = layoutGraph(buildGraphModel(result));
    expect(layout.columns.map((column) => column.title)).toEqual([
      'Entry points',
      'Validation paths',
      'Primitives',
      'Secret sources',
    ]);
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    for (const edge of layout.edges)
      expect(byId.get(edge.from)!.x + byId.get(edge.from)!.width).toBeLessThan(byId.get(edge.to)!.x);
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b || a.column !== b.column) continue;
        expect(a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
    }
    expect(
      layout.nodes.every((node) => node.x + node.width <= layout.width && node.y + node.height <= layout.height),
    ).toBe(true);
  });

  it('html escapes what the code contains and links only where a link base is given', () => {
    const hostile: PathsResult = {
      ...result,
      entryPoints: result.entryPoints.map((entry, position) =>
        position === 0 ? { ...entry, label: '<script>alert(1)</script>' } : entry,
      ),
    };
    const html = PATHS_REPORTERS.html(hostile, { color: false });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<a class="src"');
    expect(PATHS_REPORTERS.html(result, { color: false, sourceLinkBase: '../' })).toContain(
      '<a class="src" href="../src/routes/websocket.ts#L34">',
    );
  });
});
