import type { FileFacts, FunctionFact, GuardedRegion } from '../engine/types.js';
import { CallGraph } from '../paths/call-graph.js';
import type { ProjectIndex } from '../project/project-index.js';

/** What makes code auth code: a credential it issues, a JWT primitive it uses, a JWT key it reads. */
export interface Evidence {
  /** What was found, for messages: `JWT.sign`, `jsonwebtoken.verify`, `JWT_SECRET`. */
  detail: string;
  /** A credential is issued (signed token, session, credential cookie, sign-in), not merely checked or configured. */
  issues: boolean;
}

interface Site extends Evidence {
  start: number;
}

interface FileEvidence {
  /** Functions by start, outer before inner: the last one holding a position owns it. */
  functions: FunctionFact[];
  /** Sites each function owns itself (nested callbacks are part of their owner). */
  owned: Map<string, Site[]>;
  sites: Site[];
}

/** Calls followed from a region or function: a use case calling a service calling `jwt.sign` is three. */
const REGION_DEPTH = 3;
const FUNCTION_DEPTH = 2;
const VISIT_LIMIT = 400;

/**
 * Auth code by evidence, not by name: a function or a guarded region is auth code when it
 * reaches (itself, through calls within its file, or through the project's call graph) a
 * credential-issuing call, a JWT primitive or a JWT key read.
 */
export class CredentialEvidence {
  private readonly graph: CallGraph;
  private readonly files = new Map<string, FileEvidence>();
  private readonly memo = new Map<string, Evidence | null>();

  constructor(
    private readonly index: ProjectIndex,
    isCoreFile: (file: string) => boolean,
  ) {
    this.graph = new CallGraph(index, isCoreFile);
  }

  /** Evidence in the function that holds the condition, or in what it calls (the module's own code excluded). */
  aroundCondition(facts: FileFacts, conditionIndex: number): Evidence | undefined {
    const condition = facts.envConditions[conditionIndex];
    if (!condition) return undefined;
    const regional = this.inRegions(facts, conditionIndex, () => true);
    if (regional) return regional;
    const owner = this.ownerOf(facts.file, condition.span.start);
    if (!owner || owner.kind === 'module' || owner.moduleLevel) return undefined;
    return this.reachedFrom(owner.id, FUNCTION_DEPTH, false);
  }

  /** Evidence inside the condition's regions that `accept` keeps (their own sites, then what their calls reach). */
  inRegions(
    facts: FileFacts,
    conditionIndex: number,
    accept: (region: GuardedRegion) => boolean,
    issuingOnly = false,
  ): Evidence | undefined {
    const file = this.fileEvidence(facts.file);
    const regions = facts.graph.regions.filter((region) => region.envCondition === conditionIndex && accept(region));
    if (regions.length === 0) return undefined;
    const inside = (start: number) => regions.some((region) => start >= region.start && start < region.end);
    const site = file.sites.find((candidate) => inside(candidate.start) && (!issuingOnly || candidate.issues));
    if (site) return site;
    const mounted = this.inMountedModules(facts, conditionIndex, regions, issuingOnly);
    if (mounted) return mounted;
    for (const fn of facts.graph.functions) {
      const context = { file: facts.file, ...(fn.className ? { className: fn.className } : {}) };
      for (const call of fn.calls) {
        if (!inside(call.start)) continue;
        for (const target of this.graph.resolveCall(context, call.target).targets) {
          const found = this.reachedFrom(target, REGION_DEPTH - 1, issuingOnly);
          if (found) return { ...found, detail: `${call.text} → ${found.detail}` };
        }
      }
    }
    return undefined;
  }

  /**
   * A module an `if` branch wires in (`PluginManager.add({ router })` with `router` from a module
   * that signs users in) carries its evidence into the branch: the branch decides whether that
   * credential path exists at all. Only the module's own sites count, one import deep.
   */
  private inMountedModules(
    facts: FileFacts,
    conditionIndex: number,
    regions: GuardedRegion[],
    issuingOnly: boolean,
  ): Evidence | undefined {
    const mounts = facts.envConditions[conditionIndex]?.mounts ?? [];
    // `mounts` covers both branches: only when the accepted regions are all of them is it theirs.
    const all = facts.graph.regions.filter((region) => region.envCondition === conditionIndex);
    if (mounts.length === 0 || regions.length !== all.length) return undefined;
    for (const specifier of mounts) {
      const module = this.index.resolveImport(facts.file, specifier);
      if (!module || module === facts.file) continue;
      const site = this.fileEvidence(module).sites.find((candidate) => candidate.issues || !issuingOnly);
      if (site?.issues) return { detail: `${specifier} (${site.detail})`, issues: true };
    }
    return undefined;
  }

  /** Breadth first from one function, `depth` calls deep, memoised per start. */
  private reachedFrom(start: string, depth: number, issuingOnly: boolean): Evidence | undefined {
    const key = `${start}|${depth}|${issuingOnly}`;
    if (this.memo.has(key)) return this.memo.get(key) ?? undefined;
    let found: Evidence | undefined;
    const seen = new Set<string>([start]);
    let frontier = [start];
    for (let level = 0; level <= depth && frontier.length > 0 && !found; level++) {
      const next: string[] = [];
      for (const id of frontier) {
        found = this.ownedBy(id, issuingOnly);
        if (found) break;
        if (level === depth) continue;
        for (const edge of this.graph.edges(id)) {
          if (seen.has(edge.to) || seen.size >= VISIT_LIMIT) continue;
          seen.add(edge.to);
          next.push(edge.to);
        }
      }
      frontier = next;
    }
    this.memo.set(key, found ?? null);
    return found;
  }

  private ownedBy(id: string, issuingOnly: boolean): Evidence | undefined {
    const file = id.slice(0, id.indexOf('#'));
    if (!this.index.files.has(file)) return undefined;
    const sites = this.fileEvidence(file).owned.get(id) ?? [];
    return sites.find((site) => !issuingOnly || site.issues);
  }

  private ownerOf(file: string, start: number): FunctionFact | undefined {
    let owner: FunctionFact | undefined;
    for (const fn of this.fileEvidence(file).functions) {
      if (fn.start > start) break;
      if (start < fn.end) owner = fn;
    }
    return owner;
  }

  private fileEvidence(file: string): FileEvidence {
    const known = this.files.get(file);
    if (known) return known;
    const facts = this.index.files.get(file);
    const functions = [...(facts?.graph.functions ?? [])].sort((a, b) => a.start - b.start || b.end - a.end);
    const sites: Site[] = facts
      ? [
          ...(facts.credentialIssues ?? []).map((issue) => ({
            detail: issue.detail,
            issues: issue.kind !== 'jwt-library',
            start: issue.span.start,
          })),
          ...this.index.jwtUses(file).map((use) => ({ detail: use.primitive, issues: false, start: use.span.start })),
          ...facts.secretReads.map((read) => ({ detail: read.name, issues: false, start: read.span.start })),
        ]
      : [];
    const evidence: FileEvidence = { functions, owned: new Map(), sites };
    this.files.set(file, evidence);
    for (const site of sites) {
      const owner = this.ownerOf(file, site.start);
      if (!owner) continue;
      evidence.owned.set(owner.id, [...(evidence.owned.get(owner.id) ?? []), site]);
    }
    return evidence;
  }
}

/** One evidence finder per index state: checks share it, a changed file drops it. */
export function credentialEvidence(index: ProjectIndex, isCoreFile: (file: string) => boolean): CredentialEvidence {
  return index.derived('credentialEvidence', () => new CredentialEvidence(index, isCoreFile));
}
