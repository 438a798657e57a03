import type { PathsResult, SourceLocation } from '../types.js';
import { pathVerdict, plural, where } from './shared.js';

/**
 * The picture both graph formats draw (mermaid and the HTML's SVG), in the spirit of the seeds'
 * diagram: entry points on the left, the validation paths they run, the primitives each path
 * reaches, and the secret sources; violations in red, the auth core in green, environment
 * gates in amber.
 */
export type Tone = 'core' | 'violation' | 'warning' | 'neutral';

export interface GraphNode {
  id: string;
  /** 0 entry points, 1 paths, 2 primitives, 3 secret sources. */
  column: 0 | 1 | 2 | 3;
  title: string;
  subtitle: string;
  tone: Tone;
  location?: SourceLocation;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** `gated`: runs only under an environment condition; `secret`: reads the key from there. */
  style: 'normal' | 'gated' | 'secret';
  label?: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Unauthenticated endpoints beyond this many are drawn as one summary node. */
const MAX_UNAUTHENTICATED_NODES = 8;
/** Entry points per path beyond this many are drawn as one summary node. */
const MAX_ENTRIES_PER_PATH = 6;

export function buildGraphModel(result: PathsResult): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const entryById = new Map(result.entryPoints.map((entry) => [entry.id, entry]));
  const drawnEntries = new Set<string>();

  for (const path of result.paths) {
    const shown = path.entries.slice(0, MAX_ENTRIES_PER_PATH);
    for (const ref of shown) {
      const entry = entryById.get(ref.entry)!;
      if (!drawnEntries.has(entry.id)) {
        drawnEntries.add(entry.id);
        nodes.push({
          id: entry.id,
          column: 0,
          title: `${entry.id} ${entry.label}`,
          subtitle: where(entry),
          tone: 'neutral',
          location: entry,
        });
      }
      const gates = ref.via.flatMap((step) => step.gates ?? []);
      edges.push({
        from: entry.id,
        to: path.id,
        style: gates.length > 0 ? 'gated' : 'normal',
        ...(gates.length > 0 ? { label: gateLabel(gates[0]!.dependsOn) } : {}),
      });
    }
    if (path.entries.length > shown.length) {
      const id = `${path.id}-more`;
      nodes.push({
        id,
        column: 0,
        title: `+${path.entries.length - shown.length} more entry points`,
        subtitle: `into ${path.id}`,
        tone: 'neutral',
      });
      edges.push({ from: id, to: path.id, style: 'normal' });
    }
  }

  const unauthenticated = result.entryPoints.filter((entry) => entry.status === 'unauthenticated');
  if (unauthenticated.length > MAX_UNAUTHENTICATED_NODES) {
    const websockets = unauthenticated.filter((entry) => entry.transport === 'websocket').length;
    nodes.push({
      id: 'unauthenticated',
      column: 0,
      title: `${unauthenticated.length} endpoints reach no validator`,
      subtitle: websockets > 0 ? `${websockets} WebSocket` : 'HTTP',
      tone: websockets > 0 ? 'violation' : 'warning',
    });
  } else {
    for (const entry of unauthenticated) {
      nodes.push({
        id: entry.id,
        column: 0,
        title: `${entry.id} ${entry.label}`,
        subtitle: `${where(entry)} · no validator`,
        tone: entry.transport === 'websocket' ? 'violation' : 'warning',
        location: entry,
      });
    }
  }

  const primitiveIds = new Map<string, string>();
  const secretDrawn = new Set<string>();
  for (const path of result.paths) {
    const verdict = pathVerdict(path);
    const tone: Tone = verdict === 'ok' ? 'core' : path.environmentGated ? 'warning' : 'violation';
    nodes.push({
      id: path.id,
      column: 1,
      title: `${path.id} ${path.label}`,
      subtitle: `${where(path.gateway)} · ${plural(path.entries.length, 'entry point')}`,
      tone,
      location: path.gateway,
    });
    for (const primitive of path.primitives) {
      const key = `${primitive.file}:${primitive.line}:${primitive.column}`;
      let id = primitiveIds.get(key);
      if (!id) {
        id = `X${primitiveIds.size + 1}`;
        primitiveIds.set(key, id);
        const primitiveTone: Tone = primitive.kind === 'decode' ? 'violation' : primitive.inCore ? 'core' : 'violation';
        nodes.push({
          id,
          column: 2,
          title: primitive.primitive,
          subtitle: `${where(primitive)} · ${primitive.function}`,
          tone: primitiveTone,
          location: primitive,
        });
      }
      const gate = primitive.gates?.[0];
      edges.push({
        from: path.id,
        to: id,
        style: gate ? 'gated' : 'normal',
        ...(gate ? { label: gateLabel(gate.dependsOn) } : {}),
      });
    }
    for (const sourceId of path.secretSources) {
      const source = result.secretSources.find((item) => item.id === sourceId)!;
      if (!secretDrawn.has(sourceId)) {
        secretDrawn.add(sourceId);
        nodes.push({
          id: sourceId,
          column: 3,
          title: `${sourceId} ${source.function}`,
          subtitle: `${where(source)} · ${source.reads.map((read) => read.name).join(', ')}`,
          tone: result.secretSources.length > 1 ? 'violation' : 'neutral',
          location: source,
        });
      }
      edges.push({ from: path.id, to: sourceId, style: 'secret' });
    }
  }
  return { nodes, edges };
}

/** Short enough to sit between two columns: the environment read, not the whole condition (that is in the tables). */
function gateLabel(dependsOn: string): string {
  const text = `env: ${dependsOn.replace(/^process\.env\./, '')}`;
  return text.length > 26 ? `${text.slice(0, 25)}…` : text;
}
