import type { GraphEdge, GraphModel, GraphNode } from './graph-model.js';

/**
 * A layered layout for the paths graph, done here so the HTML report needs no library and no
 * network: four fixed columns (entries, paths, primitives, secrets), nodes ordered to follow
 * the paths they hang off (a barycenter pass), edges as horizontal cubic curves. Text widths are
 * estimated from character counts, which is deterministic and close enough for a system font.
 */
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Title and subtitle as drawn (shortened). */
  titleText: string;
  subtitleText: string;
}

export interface PlacedEdge extends GraphEdge {
  d: string;
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  columns: { title: string; x: number; width: number }[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const TITLE_CHARS = 42;
const SUBTITLE_CHARS = 46;
const TITLE_CHAR_WIDTH = 7.4;
const SUBTITLE_CHAR_WIDTH = 6.1;
const NODE_HEIGHT = 44;
const ROW_GAP = 14;
const COLUMN_GAP = 170;
const MARGIN = 24;
const HEADER = 40;
const MIN_WIDTH = 150;
const COLUMN_TITLES = ['Entry points', 'Validation paths', 'Primitives', 'Secret sources'];

export function layoutGraph(model: GraphModel): Layout {
  const columns: PlacedNode[][] = [[], [], [], []];
  for (const node of model.nodes) {
    const titleText = shorten(node.title, TITLE_CHARS);
    const subtitleText = shortenSubtitle(node.subtitle, SUBTITLE_CHARS);
    const width = Math.max(
      MIN_WIDTH,
      Math.ceil(Math.max(titleText.length * TITLE_CHAR_WIDTH, subtitleText.length * SUBTITLE_CHAR_WIDTH) + 24),
    );
    columns[node.column]!.push({ ...node, x: 0, y: 0, width, height: NODE_HEIGHT, titleText, subtitleText });
  }

  // Order: paths as given; every other column by the mean row of the paths it connects to.
  const pathRow = new Map(columns[1]!.map((node, position) => [node.id, position]));
  const meanPathRow = (node: PlacedNode): number => {
    const rows = model.edges
      .filter((edge) => edge.from === node.id || edge.to === node.id)
      .map((edge) => pathRow.get(edge.from === node.id ? edge.to : edge.from))
      .filter((row): row is number => row !== undefined);
    return rows.length === 0 ? Number.MAX_SAFE_INTEGER : rows.reduce((sum, row) => sum + row, 0) / rows.length;
  };
  for (const column of [0, 2, 3]) {
    const order = columns[column]!.map((node, position) => ({ node, key: meanPathRow(node), position }));
    order.sort((a, b) => a.key - b.key || a.position - b.position);
    columns[column] = order.map((item) => item.node);
  }

  const heights = columns.map((column) => column.length * NODE_HEIGHT + Math.max(0, column.length - 1) * ROW_GAP);
  const contentHeight = Math.max(NODE_HEIGHT, ...heights);
  const placedColumns: Layout['columns'] = [];
  let x = MARGIN;
  columns.forEach((column, index) => {
    const width = column.length > 0 ? Math.max(...column.map((node) => node.width)) : MIN_WIDTH;
    const top = MARGIN + HEADER + (contentHeight - heights[index]!) / 2;
    column.forEach((node, row) => {
      node.x = x;
      node.y = top + row * (NODE_HEIGHT + ROW_GAP);
      node.width = width;
    });
    placedColumns.push({ title: COLUMN_TITLES[index]!, x, width });
    x += width + COLUMN_GAP;
  });

  const byId = new Map(columns.flat().map((node) => [node.id, node]));
  const edges: PlacedEdge[] = [];
  for (const edge of model.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = Math.max(40, (x2 - x1) / 2);
    edges.push({
      ...edge,
      d: `M${r(x1)},${r(y1)} C${r(x1 + bend)},${r(y1)} ${r(x2 - bend)},${r(y2)} ${r(x2)},${r(y2)}`,
      labelX: r((x1 + x2) / 2),
      labelY: r((y1 + y2) / 2),
    });
  }
  return {
    width: Math.ceil(x - COLUMN_GAP + MARGIN),
    height: Math.ceil(contentHeight + HEADER + 2 * MARGIN),
    columns: placedColumns,
    nodes: columns.flat(),
    edges,
  };
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `file:line · detail`: the location matters most, so the detail goes first, then the folders on the left. */
function shortenSubtitle(text: string, max: number): string {
  if (text.length <= max) return text;
  const [location, ...rest] = text.split(' · ');
  const detail = rest.join(' · ');
  if (location!.length + 4 < max && detail) return `${location} · ${shorten(detail, max - location!.length - 3)}`;
  return location!.length <= max ? location! : `…${location!.slice(location!.length - max + 1)}`;
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}
