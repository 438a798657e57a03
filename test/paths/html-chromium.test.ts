import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { repositoryRoot, runCli } from '../helpers/run-cli.js';

/** Debian's chromium (CI installs it in .ci/run); playwright-core only drives it, it never downloads a browser. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** `SSOT_UPDATE_SCREENSHOT=1 npx vitest run test/paths/html-chromium.test.ts` refreshes the README's picture. */
const SCREENSHOT = path.join(repositoryRoot, 'docs', 'images', 'paths-incident.png');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  console.warn(
    `[ssot] skipping the headless Chromium test: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`,
  );
}

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  let directory: string;
  let report: string;

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'ssot-html-'));
    report = path.join(directory, 'paths.html');
    const run = runCli([
      'paths',
      path.join(fixturesRoot, 'incident'),
      '--format',
      'html',
      '--output',
      report,
      '--no-cache',
    ]);
    expect(run.code).toBe(0);
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is one self-contained file: no script, style, font or image is fetched', () => {
    const html = readFileSync(report, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/cdn|mermaid\.min/i);
  });

  it('renders the graph and the tables without console errors, and loads nothing from the network', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: 1 });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });

      await expect(page.locator('.headline').textContent()).resolves.toBe('4 JWT validation paths, expected 1');
      const graph = page.locator('svg#paths-graph');
      const box = await graph.boundingBox();
      expect(box!.width).toBeGreaterThan(600);
      expect(box!.height).toBeGreaterThan(200);
      // 2 entry points, 4 paths, 7 primitives, 3 secret sources.
      await expect(page.locator('svg#paths-graph g.node').count()).resolves.toBe(16);
      await expect(page.locator('svg#paths-graph g.node.violation').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('svg#paths-graph path.edge').count()).resolves.toBe(4 + 11 + 6);
      // Every node is drawn inside the picture.
      const outside = await page.evaluate(() => {
        const svg = document.getElementById('paths-graph') as unknown as SVGSVGElement;
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('g.node')].filter((node) => {
          const rect = node.getBoundingClientRect();
          return (
            rect.width === 0 ||
            rect.left < frame.left - 1 ||
            rect.right > frame.right + 1 ||
            rect.top < frame.top - 1 ||
            rect.bottom > frame.bottom + 1
          );
        }).length;
      });
      expect(outside).toBe(0);

      await expect(page.locator('article.path').count()).resolves.toBe(4);
      await expect(page.locator('table.entries-table tbody tr').count()).resolves.toBe(5);
      await expect(page.locator('table.secrets-table tbody tr').count()).resolves.toBe(3);
      await expect(page.locator('table.members-table tbody tr').count()).resolves.toBe(11);
      await expect(page.locator('table.members-table tbody tr.drift').count()).resolves.toBe(6);
      await expect(page.locator('p.mismatch').textContent()).resolves.toContain('websocketEndpoint');
      // Links point at the source lines, relative to the report.
      const href = await page.locator('article#P2 a.src').first().getAttribute('href');
      expect(href).toMatch(/fixtures\/incident\/src\/routes\/websocket\.ts#L21$/);

      // Hovering a path highlights its edges (the only script on the page).
      await page.locator('svg#paths-graph g.node[data-id="P3"]').hover();
      await expect(page.locator('svg#paths-graph path.edge.hot').count()).resolves.toBeGreaterThan(0);

      expect(problems).toEqual([]);
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);

      if (process.env.SSOT_UPDATE_SCREENSHOT === '1') {
        mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
        await page.locator('header').evaluate((header) => header.scrollIntoView());
        await page.screenshot({
          path: SCREENSHOT,
          clip: { x: 0, y: 0, width: 1500, height: Math.ceil(box!.y + box!.height + 24) },
        });
      }
    } finally {
      await browser.close();
    }
  });
});
