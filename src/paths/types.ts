/**
 * The result of `ssot paths`: the JSON contract (`--format json`, documented in docs/paths.md)
 * and what every paths reporter reads. Files are relative to the audited directory with
 * forward slashes; lines and columns are 1-based.
 */
import type { BypassKind } from '../engine/types.js';
import type { SkippedFile } from '../model.js';
import type { EntryKind } from '../engine/types.js';

export type { EntryKind } from '../engine/types.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** An environment condition (the ones `ssot/no-env-branching-auth` knows) that decides whether some code runs. */
export interface EnvGate extends SourceLocation {
  /** The condition's source text, shortened. */
  condition: string;
  /** The environment read it depends on, e.g. `process.env.ENVIRONMENT`. */
  dependsOn: string;
  /** `then`: runs when the condition holds; `else`: when it fails; `after`: after an early exit on it. */
  branch: 'then' | 'else' | 'after';
}

/** One function on a call chain. */
export interface ChainStep extends SourceLocation {
  /** `UserContextExtractor.validateAndDecodeJwt`, or the entry's label for the first step of `via`. */
  name: string;
  /** Where the previous step calls this one (absent for the first step). */
  callSite?: SourceLocation;
  /** Environment conditions that call sits under. */
  gates?: EnvGate[];
}

export interface PathPrimitive extends SourceLocation {
  /** `jsonwebtoken.verify`, `@nestjs/jwt.JwtService#verifyAsync`, `@ssot-lint/auth-core.authenticate`. */
  primitive: string;
  /** `core`: a call into `@ssot-lint/auth-core` (or a primitive inside the configured auth core). */
  kind: 'verify' | 'decode' | 'core';
  /** In the auth core: configured, found by convention, or the de-facto core (the only JWT module of a package). */
  inCore: boolean;
  /** The function holding the use. */
  function: string;
  /** From the path's gateway to the function holding the use. */
  chain: ChainStep[];
  /** Environment conditions the use sits under. */
  gates?: EnvGate[];
}

/** One way the gateway reaches a primitive: a fallback (the seeds' "fallback sub-methods"), a step or a branch. */
export interface PathAlternative extends SourceLocation {
  /** The function called, or the primitive used inline. */
  name: string;
  gates?: EnvGate[];
}

export interface PathEntryRef {
  /** Entry point id (`E3`). */
  entry: string;
  /** From the entry point to the gateway: the entry's label first, the gateway last. */
  via: ChainStep[];
}

export interface EnvBranchMark extends SourceLocation {
  condition: string;
  dependsOn: string;
  /** The function the branch sits in. */
  function: string;
}

export interface BypassMark extends SourceLocation {
  kind: BypassKind;
  /** The header name, literal or primitive involved. */
  detail: string;
  function: string;
}

/**
 * A distinct way tokens get validated: the primitives one validation attempt may run. Calls
 * into the auth core all count as one primitive, so every entry point that goes through the
 * core shares one path.
 */
export interface ValidationPath {
  /** `P1`, `P2`…, in order of their first entry point. */
  id: string;
  /** The gateway's name, `inline in <function>`, or `auth core`. */
  label: string;
  /** `core`: only the auth core; `inline`: the primitive sits in the function the entry's flow reaches; `delegated`: anything else. */
  kind: 'core' | 'inline' | 'delegated';
  /** Where the path starts: the first function that validates on its own or in more than one way. */
  gateway: ChainStep;
  entries: PathEntryRef[];
  primitives: PathPrimitive[];
  /** The gateway's branches, when it has more than one. */
  alternatives: PathAlternative[];
  /** Ids of the secret sources the path reaches (`S1`…). */
  secretSources: string[];
  /** Environment branches on the path (auth code, or deciding whether a validator runs). */
  envBranches: EnvBranchMark[];
  bypasses: BypassMark[];
  /** The path runs only under an environment condition (its first call or use is gated). */
  environmentGated: boolean;
}

export type EntryStatus = 'validates' | 'protected' | 'unauthenticated' | 'layer';

export interface EntryPoint extends SourceLocation {
  /** `E1`, `E2`…, in file and position order. */
  id: string;
  kind: EntryKind;
  transport: 'http' | 'websocket';
  /** `express`, `koa`, `fastify`, `hono`, `nestjs`, `nextjs`, `node:http`, `ws`, `socket.io`. */
  framework: string;
  /** `GET /api/me`, `app.use(authMiddleware())`, `server.on('upgrade')`, `AuthGuard('jwt')`. */
  label: string;
  method?: string;
  route?: string;
  /** `endpoint`: serves requests or messages; `layer`: middleware, guard, verifyClient in front of endpoints. */
  role: 'endpoint' | 'layer';
  /**
   * `validates`: its own flow reaches a validation path; `protected`: a layer in front of it does;
   * `unauthenticated`: an endpoint that reaches no validator; `layer`: a layer that validates nothing.
   */
  status: EntryStatus;
  /** Paths its own flow reaches. */
  paths: string[];
  /** Layers (entry ids) in front of it that validate. */
  protectedBy: string[];
  /** Secret sources its own flow reaches (also when it signs rather than verifies). */
  secretSources: string[];
}

export interface SecretRead extends SourceLocation {
  /** Variable or config key, e.g. `JWT_SECRET_STAGING`. */
  name: string;
  text: string;
}

/** A function that reads JWT secrets or keys: one secret resolution. */
export interface SecretSource extends SourceLocation {
  /** `S1`, `S2`… */
  id: string;
  function: string;
  reads: SecretRead[];
  paths: string[];
}

export interface ClassImporter extends SourceLocation {
  kind: 'import' | 'require' | 'dynamic-import' | 're-export';
  typeOnly: boolean;
}

export interface ClassCopy extends SourceLocation {
  /** Workspace package directory ('' for the root). */
  package: string;
  canonical: boolean;
  members: string[];
  importers: ClassImporter[];
  /** `x instanceof Name` where Name resolves to this copy. */
  instanceofChecks: SourceLocation[];
  /** `new Name(...)` where Name resolves to this copy. */
  constructions: SourceLocation[];
}

/** A value built from one copy that reaches an `instanceof` check against another. */
export interface InstanceofMismatch {
  check: SourceLocation & { copy: string; function: string };
  construction: SourceLocation & { copy: string; function: string };
  /** The nearest function that reaches both (it hands the value from one to the other). */
  meetsAt: ChainStep;
}

export interface DuplicateGroup {
  name: string;
  /** `package`: copies inside one workspace package; `across-packages`: only in different packages. */
  scope: 'package' | 'across-packages';
  copies: ClassCopy[];
  /** Every member of any copy, and which copies have it (same order as `copies`). */
  members: { member: string; presentIn: boolean[] }[];
  mismatches: InstanceofMismatch[];
}

export interface ClassRef extends SourceLocation {
  name: string;
  members: number;
}

/** Differently named classes whose members overlap by 80% or more (a warning: likely a copy under a new name). */
export interface SimilarClasses {
  a: ClassRef;
  b: ClassRef;
  /** Shared members over the larger class's member count, 0..1. */
  overlap: number;
  shared: string[];
  onlyInA: string[];
  onlyInB: string[];
}

export interface PathsSummary {
  files: number;
  entryPoints: number;
  endpoints: number;
  paths: number;
  /** Always 1: one auth core, one path. */
  expectedPaths: 1;
  unauthenticated: number;
  secretSources: number;
  environmentGatedPaths: number;
  bypasses: number;
  duplicateGroups: number;
  similarClasses: number;
  /** Production modules with JWT uses on no path (no recognised entry point reaches them). */
  unreachedModules: number;
  durationMs: number;
}

/** A JWT primitive used in production code that no recognised entry point reaches: a path all the same. */
export interface UnreachedUse extends SourceLocation {
  primitive: string;
}

export interface PathsResult {
  version: 1;
  tool: { name: string; version: string };
  /** Absolute path of the audited directory (for links); reporters print files relative to it. */
  root: string;
  summary: PathsSummary;
  authCore: { declared: boolean; description: string | null };
  entryPoints: EntryPoint[];
  paths: ValidationPath[];
  secretSources: SecretSource[];
  duplicates: DuplicateGroup[];
  similarClasses: SimilarClasses[];
  /** JWT uses on no path: called from code no recognised entry point reaches (a framework, a script). */
  unreached: UnreachedUse[];
  skipped: SkippedFile[];
  notes: string[];
}
