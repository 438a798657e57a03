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
  /** Hash of the declaration's text with comments and whitespace dropped: equal for byte-identical copies. */
  textHash: string;
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
  /** `import type`, `import { type X }`, `export type { X } from`: erased at compile time. */
  typeOnly: boolean;
  /**
   * The binding is read by runtime code. A static import used only in type positions is erased
   * by TypeScript too, so it loads nothing; `require`, `import()` and re-exports always load.
   */
  usedAsValue: boolean;
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
  /** `export type * from 'm'`, `export type { x }`: loads nothing at run time. */
  typeOnly?: boolean;
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
  /**
   * Which branch runs only in a test or development environment: `then` for
   * `NODE_ENV === 'test'` or `env.isDevelopment`, `else` (and the code after an exiting `then`)
   * for `NODE_ENV !== 'test'` or `isProduction`. Absent when neither branch is pinned to one.
   */
  nonProductionBranch?: 'then' | 'else';
  /**
   * Modules whose imported bindings an `if` on this condition references in its branches
   * (`if (enabled) PluginManager.add({ router })`): what the branch mounts or wires in.
   */
  mounts?: string[];
}

export type CredentialIssueKind = 'sign' | 'cookie' | 'sign-in' | 'issuing-call' | 'jwt-library';

/**
 * A call that issues a credential (`jwt.sign`, `new SignJWT`, `res.cookie('session', …)`,
 * `req.login`, `createSession(…)`), or any other call into a JWT library (`JwtModule.register`):
 * the evidence that makes the code around it auth code, whatever it is named.
 */
export interface CredentialIssueFact {
  kind: CredentialIssueKind;
  /** The callee as written, shortened. */
  detail: string;
  span: Span;
}

export interface SecretReadFact {
  /** Variable or config key read, e.g. `JWT_SECRET`, `INFRA.JWT_SECRET`, `SECRET_KEY`. */
  name: string;
  /** Source text of the read. */
  text: string;
  span: Span;
  /** Which key it is, namespaces dropped (`INFRA.JWT_SECRET` and `jwt.secret` are both `JWT_SECRET`). */
  key: string;
  /** Where the value comes from: `process.env`, `import.meta.env`, a config getter (`configService.get`), a config object (`env`). */
  source: string;
  /** For a config object imported from another module (`import env from '@server/env'`): that specifier. */
  from?: string;
  /**
   * `key`: the value reaches the key of a JWT call or option (`jwt.verify(token, env.SECRET_KEY)`,
   * `{ secretOrKey }`); `name`: recognised by a JWT secret's name only.
   */
  role: 'key' | 'name';
}

export type BypassKind =
  | 'bypass-header'
  | 'token-content-check'
  | 'ignore-expiration'
  | 'algorithm-none'
  | 'hardcoded-secret'
  | 'fallback-secret'
  | 'decode-without-verify'
  /** A verification step switched off by option (PyJWT's `options={"verify_signature": False}`). */
  | 'verification-off'
  /** A credential issued only where the environment is test or development (found by the check, not the walk). */
  | 'env-gated-credential';

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
  /** Credential-issuing calls and JWT library calls (absent in records of older walks). */
  credentialIssues: CredentialIssueFact[];
  suppressions: SuppressionFact[];
  /** Functions, calls, entry points and guarded regions: what `ssot paths` builds its call graph from. */
  graph: FileGraph;
}

// ------------------------------------------------------------------ call graph

/** 1-based line and column, plus the 0-based offset that ties a position to its function. */
export interface Position {
  line: number;
  column: number;
  start: number;
}

/** What an expression denotes, symbolically; resolved across files by the call graph. */
export type ValueRef =
  | { kind: 'name'; name: string }
  | { kind: 'this' }
  | { kind: 'super' }
  | { kind: 'field'; field: string }
  | { kind: 'type'; name: string }
  | { kind: 'result'; call: CallTarget }
  /** A dependency injected by token (`@Inject('USER_AUTH_GUARD')`): whatever a module provides under it. */
  | { kind: 'token'; token: string }
  | { kind: 'member'; object: ValueRef; member: string };

export type CallTarget =
  | { kind: 'call'; callee: ValueRef }
  | { kind: 'new'; callee: ValueRef }
  /** `AuthGuard('jwt')`, `AuthGuard(['jwt', 'api-key'])` (@nestjs/passport) or `passport.authenticate('jwt')`: runs the strategies registered under the names; null = any. */
  | { kind: 'strategy'; names: string[] | null }
  /** A guard class named in `@UseGuards(...)`, `APP_GUARD` or `useGlobalGuards`: its `canActivate` runs. */
  | { kind: 'guard'; callee: ValueRef }
  /** A function of this file, by node id (entry nodes call their handler method this way). */
  | { kind: 'node'; id: string };

export interface CallFact extends Position {
  target: CallTarget;
  /** Source text of the callee, shortened, for reports. */
  text: string;
  /** A function passed by reference (`arr.map(validate)`), not called here: followed all the same. */
  reference?: boolean;
}

export type FunctionKind = 'module' | 'function' | 'method' | 'constructor' | 'class-init' | 'object-method' | 'entry';

export interface FunctionFact extends Position {
  /** `${file}#${name}`; unique in the file. */
  id: string;
  /** `websocketEndpoint`, `UserContextExtractor.validateAndDecodeJwt`, `logger.info`, `<module>`. */
  name: string;
  kind: FunctionKind;
  className?: string;
  /** End offset (exclusive). */
  end: number;
  calls: CallFact[];
  /** Declared return type (Promise<> unwrapped), when it names a type. */
  returnType?: string;
  /** Calls `createAuthCore` of `ssot-lint/auth-core`: calling it yields the auth core. */
  createsCore?: boolean;
  /** `UseGuards(...)` called inside this function: a decorator factory (`applyDecorators(UseGuards(X))`) applies them where it decorates. */
  guards?: GuardRef[];
  /** A module-level variable's initialiser (`const key = encode(process.env.JWT_SECRET)`): runs when the module loads. */
  moduleLevel?: boolean;
}

/** A guard named in `@UseGuards(...)`, `APP_GUARD` or `useGlobalGuards(...)`, where it is named. */
export interface GuardRef extends Position {
  text: string;
  target: CallTarget;
}

export interface ClassGraphFact extends Position {
  name: string;
  end: number;
  /** The class-init function (field initialisers, heritage): what `new X()` runs besides the constructor. */
  init: string;
  /** `extends X`: the base class, when it is a plain name. */
  extendsName?: string;
  /** `extends AuthGuard('jwt')`, `extends Mixin(...)`: methods it does not declare come from that call's class. */
  extendsCall?: boolean;
  /** `extends PassportStrategy(Strategy, 'jwt')`: the strategy name it registers. */
  passportStrategy?: string;
  /** What each field holds: constructor parameter properties, typed or `new`-initialised fields, `this.x = …` in the constructor. */
  fields: NamedValue[];
  /** Method name -> function id (constructor under `constructor`). */
  methods: { name: string; id: string }[];
}

export type EntryKind =
  | 'http-route'
  | 'http-middleware'
  | 'http-server'
  | 'next-route'
  | 'next-middleware'
  | 'nest-route'
  | 'ws-upgrade'
  | 'ws-connection'
  | 'ws-verify-client'
  | 'ws-middleware'
  | 'ws-message'
  | 'nest-guard';

export interface RawEntry extends Position {
  kind: EntryKind;
  framework: string;
  label: string;
  method?: string;
  route?: string;
  /** The function whose reach is the entry's flow (a synthetic node over the handler arguments, or the handler method). */
  node: string;
  /** Root name of the receiver (`app`, `router`, `wss`, `io`): a middleware protects routes registered on the same receiver after it. */
  receiver?: string;
  /** The function (or module) the registration sits in: protection does not cross it. */
  scope: string;
  /** NestJS guards (`@UseGuards`) applying to this route or gateway handler. */
  guards?: GuardRef[];
  /** Other decorators of the handler and its class (`@UserAuthentication()`): their functions may apply guards. */
  decorators?: ValueRef[];
  /** Nest controller/gateway class, for grouping. */
  className?: string;
}

/** A region of code that runs only when a condition on the environment holds (or fails). */
export interface GuardedRegion {
  /** Index of the condition in the file's `envConditions`: both come from the same walk. */
  envCondition: number;
  start: number;
  end: number;
  branch: 'then' | 'else' | 'after';
}

export interface InstanceofFact extends Position {
  className: string;
}

export interface NewFact extends Position {
  className: string;
}

/** `passport.use([name,] new Strategy(...))`: the strategy the name runs. */
export interface StrategyRegistration extends Position {
  name: string;
  /** The function holding the registration (where the `new Strategy` primitive sits). */
  node: string;
}

/** A name and what it holds (arrays, not maps or records: `constructor` is a field name too). */
export interface NamedValue {
  name: string;
  value: ValueRef;
}

/** Call-graph facts of one file, for `ssot paths`. */
export interface FileGraph {
  functions: FunctionFact[];
  classes: ClassGraphFact[];
  /** Module-level variables: what their initialiser or type denotes. */
  variables: NamedValue[];
  /** Module-level object literals whose properties are functions (`export const logger = { info() {} }`). */
  objects: string[];
  entries: RawEntry[];
  regions: GuardedRegion[];
  instanceofs: InstanceofFact[];
  news: NewFact[];
  strategies: StrategyRegistration[];
  /** `{ provide: APP_GUARD, useClass: X }`, `app.useGlobalGuards(new X())`. */
  globalGuards: GuardRef[];
  /** `{ provide: 'TOKEN', useClass: X }` (or `useExisting`): what `@Inject('TOKEN')` receives. */
  providers: { token: string; target: ValueRef }[];
}
