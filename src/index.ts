import type { TSESLint } from '@typescript-eslint/utils';
import canonicalImport from '../rules/canonical-import.js';
import noAuthBypass from '../rules/no-auth-bypass.js';
import noDuplicateClass from '../rules/no-duplicate-class.js';
import noEnvBranchingAuth from '../rules/no-env-branching-auth.js';
import singleJwtPath from '../rules/single-jwt-path.js';
import singleSecretSource from '../rules/single-secret-source.js';
import type { RuleId } from './model.js';
import { pluginConfig } from './eslint/plugin-configs.js';
import { TOOL } from './package-info.js';
import { byRuleName } from './rules/registry.js';

/** The rules, keyed by name in registry order (ESLint prefixes them with the plugin's `ssot/` namespace). */
export const rules = byRuleName([
  noDuplicateClass,
  canonicalImport,
  singleJwtPath,
  noEnvBranchingAuth,
  noAuthBypass,
  singleSecretSource,
]) satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

/** A rule's setting in a shared config: a severity, or a severity and its options. */
export type SsotRuleEntry = 'error' | 'warn' | 'off' | ['error' | 'warn' | 'off', ...unknown[]];

/**
 * The type of `configs.recommended` and `configs.strict`. Deliberately structural and small, as
 * typescript-eslint types its own shared configs (its `compatibility-types.ts`): ESLint's
 * `defineConfig` (9 and 10) and typescript-eslint's `config()` each have their own `Config` type,
 * and the two disagree (`plugins`, `processors`, rule modules), so neither can be exported. What is
 * declared here fits both; the objects also carry `plugins: { ssot }` at run time.
 */
export interface SsotConfig {
  name: string;
  rules: Record<RuleId, SsotRuleEntry>;
}

/**
 * A node visitor, declared through a method so that it is compared bivariantly: ESLint's
 * `RuleVisitor` takes `(...args: any[])`, typescript-eslint's listeners take specific nodes.
 */
type SsotNodeVisitor = { visit(node: unknown): void }['visit'];

/**
 * A rule as the plugin object declares it, loose enough for ESLint's `Plugin` type and
 * typescript-eslint's (their `RuleContext` and listener types differ). The precisely typed rule
 * modules are the named export `rules`.
 */
export interface SsotRuleModule {
  meta?: object;
  create(context: unknown): Record<string, SsotNodeVisitor | undefined>;
}

/** The plugin object, the default export: `plugins: { ssot }` in a flat config. */
export interface SsotPlugin {
  meta: { name: string; version: string };
  rules: Record<keyof typeof rules, SsotRuleModule>;
  configs: { recommended: SsotConfig; strict: SsotConfig };
}

const plugin: SsotPlugin = {
  meta: { name: TOOL.name, version: TOOL.version },
  rules,
  configs: {} as SsotPlugin['configs'],
};

// The configs reference the plugin object itself, as flat config expects; getters, because
// ssot.config.json (not this module) decides each rule's severity.
const asPlugin = plugin as unknown as TSESLint.FlatConfig.Plugin;
Object.defineProperties(plugin.configs, {
  recommended: { enumerable: true, get: () => pluginConfig('recommended', asPlugin) as unknown as SsotConfig },
  strict: { enumerable: true, get: () => pluginConfig('strict', asPlugin) as unknown as SsotConfig },
});

export default plugin;

export { runAudit, type AuditOptions } from './run-audit.js';
export { runPaths, type PathsOptions } from './paths/run-paths.js';
export { PATHS_FORMATS, PATHS_REPORTERS, type PathsFormat } from './paths/format/index.js';
export { loadConfig, type ResolvedConfig } from './config/load-config.js';
export {
  REPORTERS,
  REPORTER_NAMES,
  type Reporter,
  type ReporterContext,
  type ReporterName,
} from './reporters/index.js';
export { RULES, type FixKind, type RuleMeta } from './rules/registry.js';
export { loadRuleDocs } from './rules/rule-docs.js';
export { clearCache } from './eslint/project-session.js';
export { ConfigError, UsageError, UserError } from './errors.js';
export type {
  AuditResult,
  AuditSummary,
  Finding,
  RelatedLocation,
  RuleId,
  RuleName,
  Severity,
  SkippedFile,
} from './model.js';
