import type { TSESLint } from '@typescript-eslint/utils';
import canonicalImport from '../rules/canonical-import.js';
import noAuthBypass from '../rules/no-auth-bypass.js';
import noDuplicateClass from '../rules/no-duplicate-class.js';
import noEnvBranchingAuth from '../rules/no-env-branching-auth.js';
import singleJwtPath from '../rules/single-jwt-path.js';
import singleSecretSource from '../rules/single-secret-source.js';
import { pluginConfig } from './eslint/plugin-configs.js';
import { TOOL } from './package-info.js';

/** The rules, keyed by name (ESLint prefixes them with the plugin's `ssot/` namespace). */
export const rules = {
  'no-duplicate-class': noDuplicateClass,
  'canonical-import': canonicalImport,
  'single-jwt-path': singleJwtPath,
  'no-env-branching-auth': noEnvBranchingAuth,
  'no-auth-bypass': noAuthBypass,
  'single-secret-source': singleSecretSource,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

type FlatConfig = TSESLint.FlatConfig.Config;

interface SsotPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  /** Read when eslint.config.js reads them: severities and options come from ssot.config.json. */
  readonly configs: { readonly recommended: FlatConfig; readonly strict: FlatConfig };
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
  recommended: { enumerable: true, get: () => pluginConfig('recommended', asPlugin) },
  strict: { enumerable: true, get: () => pluginConfig('strict', asPlugin) },
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
export { RULES, type RuleMeta } from './rules/registry.js';
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
