/**
 * Facts extracted from one source file. Plain data: cheap to keep for a whole
 * repository, serialisable for the cache, and the only thing analysis reads.
 */

/** A source range, 1-based lines and columns; `end` is exclusive like ESLint's. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based character offset of the start. */
  start: number;
  /** 0-based character offset of the end. */
  end: number;
}

export interface ClassFact {
  name: string;
  /** The class name identifier (or the variable name for `const X = class {}`). */
  span: Span;
  /** Field, accessor and method names, constructor parameter properties included. */
  members: string[];
  exported: boolean;
  /** Declared with a `/** @canonical *\/` JSDoc tag. */
  canonicalTag: boolean;
}

export type ImportKind = 'import' | 'require' | 'dynamic-import' | 're-export';

/** One binding taken from another module. */
export interface ImportFact {
  kind: ImportKind;
  /** The module specifier as written. */
  specifier: string;
  /** Span of the specifier string literal (quotes included). */
  specifierSpan: Span;
  /** Exported name taken from the module; `default` or `*` for the whole module. */
  imported: string;
  /** Local binding name (the exported name for re-exports); absent for side-effect imports. */
  local?: string;
  /** Where the binding is named (the position a canonical-import finding points at). */
  span: Span;
  typeOnly: boolean;
  /** Identifier of the import statement within the file, to group bindings that share one specifier. */
  statement: number;
}

/** A use of `namespace.Member` on a namespace-like binding of a local module (import * as, require, await import). */
export interface MemberUseFact {
  /** The namespace's local name. */
  object: string;
  member: string;
  span: Span;
}

/** What this module exports and where each export comes from, for following barrels. */
export interface ExportFact {
  /** Exported name (`default` for the default export). */
  exported: string;
  /** Local name when the export refers to a local binding or import; absent for `export * from`. */
  local?: string;
  /** For `export { x } from 'm'` and `export * from 'm'`. */
  from?: string;
  /** The name taken from `from` (`*` for `export * as ns from 'm'`). */
  imported?: string;
}

export type JwtPrimitiveKind = 'verify' | 'decode';

export interface JwtUseFact {
  /** `library.primitive`, e.g. `jsonwebtoken.verify`, `@nestjs/jwt.JwtService#verify`. */
  primitive: string;
  kind: JwtPrimitiveKind;
  span: Span;
  /** Name of the enclosing function/method/class, for path inventories. */
  enclosing?: string;
}

/**
 * A use of a binding imported from a project module under a name that a JWT library exports
 * (`verify`, `jwtVerify`, `decode`…). Whether it is a JWT primitive is known only once the
 * project index follows the module's re-exports (`export { verify } from 'jsonwebtoken'`).
 */
export interface JwtCandidateFact {
  /** The module specifier the binding was imported from. */
  specifier: string;
  /** The exported name taken (`default`/`*` for whole-module bindings, then `member` is set). */
  imported: string;
  /** For `lib.verify(...)` on a namespace or default import: the member used. */
  member?: string;
  span: Span;
  enclosing?: string;
}

export interface EnvConditionFact {
  /** Source text of the condition, shortened. */
  text: string;
  /** The environment read it depends on, e.g. `process.env.NODE_ENV`, `isProduction()`. */
  dependsOn: string;
  span: Span;
  /** Name of the nearest enclosing function or class whose name speaks of auth, if any. */
  authScope?: string;
}

export interface SecretReadFact {
  /** Variable or config key read, e.g. `JWT_SECRET`. */
  name: string;
  /** Source text of the read. */
  text: string;
  span: Span;
}

export type BypassKind =
  | 'bypass-header'
  | 'token-content-check'
  | 'ignore-expiration'
  | 'algorithm-none'
  | 'hardcoded-secret'
  | 'fallback-secret'
  | 'decode-without-verify';

export interface BypassFact {
  kind: BypassKind;
  /** The header name, the literal, or the primitive involved. */
  detail: string;
  span: Span;
}

/** An `eslint-disable` directive that names ssot rules (or all rules). */
export interface SuppressionFact {
  kind: 'next-line' | 'line' | 'block-start' | 'block-end';
  /** Line the directive applies to (next-line: the line after the comment; blocks: the comment's first line). */
  line: number;
  /** 1-based column where the comment starts: a block directive takes effect from there. */
  column: number;
  /** Rule ids named, or null for every rule. */
  rules: string[] | null;
}

/** Another declaration carrying `/** @canonical *\/` (functions, interfaces, types, consts). */
export interface CanonicalDeclarationFact {
  name: string;
  span: Span;
}

export interface FileFacts {
  /** Path relative to the project root, forward slashes. */
  file: string;
  lines: number;
  classes: ClassFact[];
  canonicalDeclarations: CanonicalDeclarationFact[];
  imports: ImportFact[];
  memberUses: MemberUseFact[];
  exports: ExportFact[];
  /** Name of the class or function exported as default, when it has one. */
  defaultExportName?: string;
  jwtUses: JwtUseFact[];
  jwtCandidates: JwtCandidateFact[];
  envConditions: EnvConditionFact[];
  secretReads: SecretReadFact[];
  bypasses: BypassFact[];
  suppressions: SuppressionFact[];
}
