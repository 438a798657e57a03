import type { PathsResult } from '../types.js';
import { buildGraphModel, type Tone } from './graph-model.js';
import { headline, type PathsReporterContext } from './shared.js';

const CLASS_DEFS: Record<Tone, string> = {
  core: 'fill:#c8f7c5,stroke:#2e7d32,color:#1b3d1a',
  violation: 'fill:#ff9999,stroke:#b71c1c,color:#3b0000',
  warning: 'fill:#ffe0a3,stroke:#e65100,color:#3b2000',
  neutral: 'fill:#eef2f7,stroke:#607d8b,color:#1c2833',
};

const COLUMN_TITLES = ['Entry points', 'Validation paths', 'Primitives', 'Secret sources'] as const;

/**
 * A Mermaid flowchart of the inventory, in the spirit of the seeds' diagram: entry points ->
 * paths -> primitives -> secret sources, violations red, the auth core green, environment
 * gates amber and labelled on the edge. Paste it into any Markdown that renders Mermaid.
 */
export function mermaidReporter(result: PathsResult, _context: PathsReporterContext): string {
  const model = buildGraphModel(result);
  const out = [`%% ssot paths: ${headline(result)}`, 'flowchart LR'];
  for (const column of [0, 1, 2, 3] as const) {
    const nodes = model.nodes.filter((node) => node.column === column);
    if (nodes.length === 0) continue;
    out.push(`  subgraph column${column}["${COLUMN_TITLES[column]}"]`);
    for (const node of nodes) {
      const label = `${escapeLabel(node.title)}<br/><small>${escapeLabel(node.subtitle)}</small>`;
      const shape = column === 1 ? [`{{"`, `"}}`] : column === 3 ? [`[("`, `")]`] : [`["`, `"]`];
      out.push(`    ${node.id}${shape[0]}${label}${shape[1]}`);
    }
    out.push('  end');
  }
  for (const edge of model.edges) {
    const arrow = edge.style === 'secret' ? '-.->' : edge.style === 'gated' ? '==>' : '-->';
    out.push(`  ${edge.from} ${arrow}${edge.label ? `|"${escapeLabel(edge.label)}"|` : ''} ${edge.to}`);
  }
  for (const tone of ['core', 'violation', 'warning', 'neutral'] as const) {
    const members = model.nodes.filter((node) => node.tone === tone).map((node) => node.id);
    out.push(`  classDef ${tone} ${CLASS_DEFS[tone]}`);
    if (members.length > 0) out.push(`  class ${members.join(',')} ${tone}`);
  }
  const gated = model.edges
    .map((edge, position) => (edge.style === 'gated' ? position : -1))
    .filter((position) => position >= 0);
  if (gated.length > 0) out.push(`  linkStyle ${gated.join(',')} stroke:#e65100,stroke-width:2px`);
  return `${out.join('\n')}\n`;
}

/** Mermaid labels in quotes: entity codes for the characters that end or confuse them. */
export function escapeLabel(text: string): string {
  return text.replace(/[#"<>&|[\]{}()]/g, (character) => `#${character.charCodeAt(0)};`);
}
