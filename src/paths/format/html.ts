import type { DuplicateGroup, PathsResult, SourceLocation, ValidationPath } from '../types.js';
import { buildGraphModel, type Tone } from './graph-model.js';
import { layoutGraph, type Layout } from './layout.js';
import {
  ENTRY_KIND_LABELS,
  STATUS_LABELS,
  gateText,
  headline,
  pathVerdict,
  plural,
  sourceHref,
  type PathsReporterContext,
} from './shared.js';

const TONE_FILL: Record<Tone, { fill: string; stroke: string }> = {
  core: { fill: '#c8f7c5', stroke: '#2e7d32' },
  violation: { fill: '#ffb3b3', stroke: '#b71c1c' },
  warning: { fill: '#ffe0a3', stroke: '#e65100' },
  neutral: { fill: '#eef2f7', stroke: '#607d8b' },
};

/**
 * One self-contained HTML file to attach to an audit: inline CSS, an inline SVG graph laid out
 * here (no script or font is fetched), the tables, and links to the source lines. The small
 * inline script only highlights a path's edges on hover; the report reads the same without it.
 */
export function htmlReporter(result: PathsResult, context: PathsReporterContext): string {
  const link = (location: SourceLocation, text = `${location.file}:${location.line}`) => {
    const href = sourceHref(context, location);
    return href ? `<a class="src" href="${attr(href)}">${esc(text)}</a>` : `<code>${esc(text)}</code>`;
  };
  const bad = result.summary.paths !== 1;
  const { summary } = result;
  const body: string[] = [];
  body.push(`<header><h1>ssot paths</h1><p class="headline ${bad ? 'bad' : 'good'}">${esc(headline(result))}</p>`);
  body.push('<ul class="stats">');
  for (const [label, value] of [
    ['entry points', `${summary.entryPoints} (${plural(summary.endpoints, 'endpoint')})`],
    ['reach no validator', String(summary.unauthenticated)],
    ['secret sources', String(summary.secretSources)],
    ['environment-gated paths', String(summary.environmentGatedPaths)],
    ['bypasses on paths', String(summary.bypasses)],
    ['duplicate class groups', String(summary.duplicateGroups)],
    ['files', String(summary.files)],
  ] as const) {
    body.push(`<li><span class="value">${esc(value)}</span> ${esc(label)}</li>`);
  }
  body.push('</ul>');
  body.push(
    `<p class="core">Auth core: ${result.authCore.description ? `<code>${esc(result.authCore.description)}</code>` : 'none declared'}</p></header>`,
  );

  body.push(
    '<section id="graph"><h2>Graph</h2>',
    legend(),
    renderSvg(layoutGraph(buildGraphModel(result))),
    '</section>',
  );

  body.push(`<section id="paths"><h2>Validation paths (${result.paths.length})</h2>`);
  for (const path of result.paths) body.push(pathArticle(result, path, link));
  body.push('</section>');

  const unauthenticated = result.entryPoints.filter((entry) => entry.status === 'unauthenticated');
  body.push(`<section id="unauthenticated"><h2>Endpoints that reach no validator (${unauthenticated.length})</h2>`);
  body.push(
    unauthenticated.length === 0
      ? '<p>None.</p>'
      : table(
          ['Entry', 'Kind', 'Transport', 'Location'],
          unauthenticated.map((entry) => [
            `${esc(entry.id)} ${esc(entry.label)}`,
            esc(ENTRY_KIND_LABELS[entry.kind] ?? entry.kind),
            entry.transport === 'websocket' ? '<span class="tag bad">WebSocket</span>' : 'HTTP',
            link(entry),
          ]),
          'unauthenticated-table',
        ),
  );
  body.push('</section>');

  body.push(`<section id="entries"><h2>Entry points (${result.entryPoints.length})</h2>`);
  body.push(
    table(
      ['Entry', 'Kind', 'Status', 'Paths', 'Behind', 'Location'],
      result.entryPoints.map((entry) => [
        `<span id="${attr(entry.id)}">${esc(entry.id)}</span> ${esc(entry.label)}`,
        esc(ENTRY_KIND_LABELS[entry.kind] ?? entry.kind),
        `<span class="status ${attr(entry.status)}">${esc(STATUS_LABELS[entry.status] ?? entry.status)}</span>`,
        entry.paths.map((id) => `<a href="#${attr(id)}">${esc(id)}</a>`).join(', ') || '–',
        entry.protectedBy.map((id) => `<a href="#${attr(id)}">${esc(id)}</a>`).join(', ') || '–',
        link(entry),
      ]),
      'entries-table',
    ),
  );
  body.push('</section>');

  body.push(`<section id="secrets"><h2>Secret sources (${result.secretSources.length})</h2>`);
  body.push(
    result.secretSources.length === 0
      ? '<p>None.</p>'
      : table(
          ['Source', 'Reads', 'Paths', 'Location'],
          result.secretSources.map((source) => [
            `<span id="${attr(source.id)}">${esc(source.id)}</span> ${esc(source.function)}`,
            source.reads.map((read) => `${link(read, read.name)}`).join(', '),
            source.paths.map((id) => `<a href="#${attr(id)}">${esc(id)}</a>`).join(', ') || '–',
            link(source),
          ]),
          'secrets-table',
        ),
  );
  body.push('</section>');

  body.push(`<section id="duplicates"><h2>Duplicate classes (${result.duplicates.length})</h2>`);
  if (result.duplicates.length === 0) body.push('<p>None.</p>');
  for (const group of result.duplicates) body.push(duplicateArticle(group, link));
  body.push('</section>');

  if (result.similarClasses.length > 0) {
    body.push(
      `<section id="similar"><h2>Warning: differently named classes with the same members (${result.similarClasses.length})</h2>`,
    );
    body.push(
      table(
        ['Class', 'Class', 'Shared', 'Only in first', 'Only in second'],
        result.similarClasses.map((pair) => [
          `<code>${esc(pair.a.name)}</code> ${link(pair.a)}`,
          `<code>${esc(pair.b.name)}</code> ${link(pair.b)}`,
          `${Math.round(pair.overlap * 100)}%`,
          esc(pair.onlyInA.join(', ') || '–'),
          esc(pair.onlyInB.join(', ') || '–'),
        ]),
        'similar-table',
      ),
    );
    body.push('</section>');
  }
  if (result.skipped.length > 0) {
    body.push(
      `<section id="skipped"><h2>Skipped files (${result.skipped.length})</h2><ul>${result.skipped.map((entry) => `<li><code>${esc(entry.file)}</code>: ${esc(entry.reason)}</li>`).join('')}</ul></section>`,
    );
  }
  if (result.notes.length > 0)
    body.push(
      `<section id="notes"><h2>Notes</h2><ul>${result.notes.map((note) => `<li>${esc(note)}</li>`).join('')}</ul></section>`,
    );
  body.push(`<footer>${esc(result.tool.name)} ${esc(result.tool.version)}</footer>`);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>ssot paths: ${esc(headline(result))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function pathArticle(
  result: PathsResult,
  path: ValidationPath,
  link: (location: SourceLocation, text?: string) => string,
): string {
  const entryById = new Map(result.entryPoints.map((entry) => [entry.id, entry]));
  const out: string[] = [`<article class="path ${pathVerdict(path) === 'ok' ? 'good' : 'bad'}" id="${attr(path.id)}">`];
  out.push(
    `<h3>${esc(path.id)} · ${esc(path.label)} <span class="tag">${esc(path.kind)}</span>${path.environmentGated ? ' <span class="tag warn">environment-gated</span>' : ''}</h3>`,
  );
  out.push(`<p>Starts at <code>${esc(path.gateway.name)}</code> ${link(path.gateway)}.</p>`);
  out.push('<h4>Entry points</h4><ul class="chains">');
  for (const ref of path.entries) {
    const entry = entryById.get(ref.entry)!;
    const steps = ref.via.slice(1).map((step) => `<code>${esc(step.name)}</code> ${link(step)}`);
    const gates = ref.via.flatMap((step) =>
      (step.gates ?? []).map(
        (gate) => `<div class="gate">⚠ <code>${esc(step.name)}</code> runs ${esc(gateText(gate))}</div>`,
      ),
    );
    out.push(
      `<li><a href="#${attr(entry.id)}">${esc(entry.id)}</a> ${esc(entry.label)} ${link(entry)}${steps.length > 0 ? ` → ${steps.join(' → ')}` : ''}${gates.join('')}</li>`,
    );
  }
  out.push('</ul>');
  out.push(
    table(
      ['Primitive', 'Where', 'Chain from the gateway', 'Gated by'],
      path.primitives.map((primitive) => [
        `<code>${esc(primitive.primitive)}</code>${primitive.kind === 'decode' ? ' <span class="tag bad">decode, no signature check</span>' : primitive.inCore ? ' <span class="tag good">auth core</span>' : ''}`,
        link(primitive),
        primitive.chain.map((step) => `<code>${esc(step.name)}</code>`).join(' → '),
        (primitive.gates ?? []).map((gate) => `<span class="gate">${esc(gateText(gate))}</span>`).join('<br>') || '–',
      ]),
      'primitives-table',
    ),
  );
  if (path.alternatives.length > 1) {
    out.push(
      `<h4>The gateway reaches primitives ${path.alternatives.length} ways (fallbacks, steps or branches)</h4><ol class="alternatives">`,
    );
    for (const alternative of path.alternatives) {
      const gates = (alternative.gates ?? [])
        .map((gate) => ` <span class="gate">⚠ ${esc(gateText(gate))}</span>`)
        .join('');
      out.push(`<li><code>${esc(alternative.name)}</code> ${link(alternative)}${gates}</li>`);
    }
    out.push('</ol>');
  }
  const marks: string[] = [];
  for (const id of path.secretSources) {
    const source = result.secretSources.find((item) => item.id === id)!;
    marks.push(
      `<li><span class="tag">secret</span> <a href="#${attr(id)}">${esc(id)}</a> <code>${esc(source.function)}</code> reads ${esc(source.reads.map((read) => read.name).join(', '))} ${link(source)}</li>`,
    );
  }
  for (const branch of path.envBranches)
    marks.push(
      `<li><span class="tag warn">env</span> <code>${esc(branch.condition)}</code> in <code>${esc(branch.function)}</code> ${link(branch)}</li>`,
    );
  for (const bypass of path.bypasses)
    marks.push(
      `<li><span class="tag bad">bypass</span> ${esc(bypass.kind)} <code>${esc(bypass.detail)}</code> in <code>${esc(bypass.function)}</code> ${link(bypass)}</li>`,
    );
  if (marks.length > 0) out.push(`<h4>On this path</h4><ul class="marks">${marks.join('')}</ul>`);
  out.push('</article>');
  return out.join('\n');
}

function duplicateArticle(group: DuplicateGroup, link: (location: SourceLocation, text?: string) => string): string {
  const out = [
    `<article class="duplicate"><h3><code>${esc(group.name)}</code> · ${esc(plural(group.copies.length, 'copy', 'copies'))}${group.scope === 'across-packages' ? ' in different packages' : ''}</h3>`,
  ];
  const headers = [
    'Member',
    ...group.copies.map((copy, position) => `[${position + 1}] ${copy.file}${copy.canonical ? ' (canonical)' : ''}`),
  ];
  out.push(
    table(
      headers,
      group.members.map((row) => [
        `<code>${esc(row.member)}</code>`,
        ...row.presentIn.map((present) => (present ? '<span class="yes">✔</span>' : '<span class="no">–</span>')),
      ]),
      'members-table',
      group.members.map((row) => (row.presentIn.every(Boolean) ? '' : 'drift')),
    ),
  );
  out.push('<ul>');
  group.copies.forEach((copy, position) => {
    const importers =
      copy.importers.map((importer) => `${link(importer)}${importer.typeOnly ? ' (type)' : ''}`).join(', ') || 'none';
    out.push(
      `<li>[${position + 1}] ${link(copy)} imported by ${importers}${copy.instanceofChecks.length > 0 ? `; instanceof at ${copy.instanceofChecks.map((check) => link(check)).join(', ')}` : ''}</li>`,
    );
  });
  out.push('</ul>');
  for (const mismatch of group.mismatches) {
    out.push(
      `<p class="mismatch">✖ <code>instanceof ${esc(group.name)}</code> at ${link(mismatch.check)} (copy <code>${esc(mismatch.check.copy)}</code>) receives values built at ${link(mismatch.construction)} (copy <code>${esc(mismatch.construction.copy)}</code>); they meet in <code>${esc(mismatch.meetsAt.name)}</code> ${link(mismatch.meetsAt)}.</p>`,
    );
  }
  out.push('</article>');
  return out.join('\n');
}

function legend(): string {
  const items: [Tone, string][] = [
    ['core', 'auth core'],
    ['violation', 'violation (another path, decode, another secret source)'],
    ['warning', 'environment-gated / unauthenticated HTTP'],
    ['neutral', 'entry point'],
  ];
  return `<p class="legend">${items.map(([tone, label]) => `<span><i style="background:${TONE_FILL[tone].fill};border-color:${TONE_FILL[tone].stroke}"></i>${esc(label)}</span>`).join('')}<span><i class="dash"></i>reads a secret</span><span><i class="gated"></i>only under an environment condition</span></p>`;
}

function renderSvg(layout: Layout): string {
  // Scaled to the page width (never up): the whole picture stays in view, as in an attached report.
  const out = [
    `<svg id="paths-graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Validation paths graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" style="max-width:100%;height:auto">`,
  ];
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#546e7a"/></marker></defs>',
  );
  for (const column of layout.columns)
    out.push(`<text class="column" x="${column.x}" y="36">${esc(column.title)}</text>`);
  for (const edge of layout.edges) {
    out.push(
      `<path class="edge ${edge.style}" data-from="${attr(edge.from)}" data-to="${attr(edge.to)}" d="${edge.d}" marker-end="url(#arrow)"/>`,
    );
  }
  for (const edge of layout.edges) {
    if (!edge.label) continue;
    const width = Math.ceil(edge.label.length * 5.8 + 10);
    out.push(
      `<g class="edge-label"><rect x="${edge.labelX - width / 2}" y="${edge.labelY - 9}" width="${width}" height="16" rx="3"/><text x="${edge.labelX}" y="${edge.labelY + 3}">${esc(edge.label)}</text></g>`,
    );
  }
  for (const node of layout.nodes) {
    const tone = TONE_FILL[node.tone];
    const target = node.column === 1 || node.column === 3 || /^E\d+$/.test(node.id) ? `#${node.id}` : undefined;
    const shape = `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="${node.column === 1 ? 12 : 5}" fill="${tone.fill}" stroke="${tone.stroke}"/>`;
    const text = `<text class="title" x="${node.x + 10}" y="${node.y + 18}">${esc(node.titleText)}</text><text class="subtitle" x="${node.x + 10}" y="${node.y + 34}">${esc(node.subtitleText)}</text>`;
    const title = `<title>${esc(`${node.title}\n${node.subtitle}`)}</title>`;
    const group = `<g class="node ${node.tone}" data-id="${attr(node.id)}">${title}${shape}${text}</g>`;
    out.push(target ? `<a href="${attr(target)}">${group}</a>` : group);
  }
  out.push('</svg>');
  return `<div class="graph">${out.join('\n')}</div>`;
}

function table(headers: string[], rows: string[][], className: string, rowClasses: string[] = []): string {
  const head = `<thead><tr>${headers.map((header) => `<th>${esc(header)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (cells, position) =>
        `<tr${rowClasses[position] ? ` class="${attr(rowClasses[position])}"` : ''}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="${attr(className)}">${head}<tbody>${body}</tbody></table>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function attr(text: string): string {
  return esc(text);
}

const STYLE = `
:root{color-scheme:light;--ink:#1c2833;--muted:#5d6d7e;--line:#d5dde5;--bad:#b71c1c;--good:#2e7d32;--warn:#e65100}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
h1{margin:0;font-size:22px}h2{margin:32px 0 12px;font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{margin:20px 0 8px;font-size:16px}h4{margin:14px 0 6px;font-size:14px;color:var(--muted)}
.headline{font-size:20px;font-weight:700;margin:6px 0}.headline.bad{color:var(--bad)}.headline.good{color:var(--good)}
.stats{display:flex;flex-wrap:wrap;gap:8px 20px;list-style:none;padding:0;margin:8px 0}.stats .value{font-weight:700}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f5f8;padding:1px 4px;border-radius:3px}
a.src{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#1565c0}
table{border-collapse:collapse;margin:8px 0 12px;width:auto;max-width:100%}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}
tr.drift td:first-child{background:#fff3e0}.yes{color:var(--good)}.no{color:var(--bad)}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:8px;background:#eceff1;color:var(--muted);vertical-align:middle}.tag.bad{background:#ffebee;color:var(--bad)}.tag.good{background:#e8f5e9;color:var(--good)}.tag.warn{background:#fff3e0;color:var(--warn)}
.gate{color:var(--warn)}.mismatch{color:var(--bad)}
.status.unauthenticated{color:var(--bad);font-weight:600}.status.validates{color:var(--good)}
article.path{border-left:4px solid var(--line);padding-left:12px;margin:12px 0}article.path.bad{border-color:var(--bad)}article.path.good{border-color:var(--good)}
.graph{overflow-x:auto;border:1px solid var(--line);border-radius:6px;background:#fbfcfd}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg .column{font-size:13px;font-weight:700;fill:var(--muted)}
svg .title{font-size:12px;font-weight:600;fill:#1c2833}svg .subtitle{font-size:10.5px;fill:#37474f}
svg .edge{fill:none;stroke:#90a4ae;stroke-width:1.6}svg .edge.gated{stroke:var(--warn);stroke-width:2.2}svg .edge.secret{stroke-dasharray:5 4}
svg .edge.hot{stroke:#1565c0;stroke-width:2.6}
svg .edge-label rect{fill:#fff3e0;stroke:var(--warn);stroke-width:.8}svg .edge-label text{font-size:10px;fill:#7a3300;text-anchor:middle}
svg a .node{cursor:pointer}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;color:var(--muted)}.legend i{display:inline-block;width:14px;height:10px;border:1px solid;margin-right:5px;vertical-align:middle}.legend i.dash{border:0;border-top:2px dashed #90a4ae;height:0}.legend i.gated{border:0;border-top:3px solid var(--warn);height:0}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`;

/** Highlights the edges of the node under the pointer. */
const SCRIPT = `
(function () {
  var svg = document.getElementById('paths-graph');
  if (!svg) return;
  var edges = svg.querySelectorAll('path.edge');
  svg.addEventListener('mouseover', function (event) {
    var node = event.target.closest ? event.target.closest('g.node') : null;
    var id = node ? node.getAttribute('data-id') : null;
    for (var i = 0; i < edges.length; i++) {
      var edge = edges[i];
      var hot = id !== null && (edge.getAttribute('data-from') === id || edge.getAttribute('data-to') === id);
      edge.classList.toggle('hot', hot);
    }
  });
})();
`;
