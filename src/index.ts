import type { TSESLint } from '@typescript-eslint/utils';
import canonicalImport from '../rules/canonical-import.js';
import noAuthBypass from '../rules/no-auth-bypass.js';
import noDuplicateClass from '../rules/no-duplicate-class.js';
import noEnvBranchingAuth from '../rules/no-env-branching-auth.js';
import singleJwtPath from '../rules/single-jwt-path.js';
import singleSecretSource from '../rules/single-secret-source.js';
import { TOOL } from './package-info.js';
import { byRuleName, RULES } from './rules/registry.js';

/** The rules, keyed by name in registry order (ESLint prefixes them with the plugin's `ssot/` namespace). */
export const rules = byRuleName([
  noDuplicateClass,
  canonicalImport,
  singleJwtPath,
  noEnvBranchingAuth,
  noAuthBypass,
  singleSecretSource,
]) satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

type FlatConfig = TSESLint.FlatConfig.Config;

interface SsotPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: FlatConfig; strict: FlatConfig };
}

/** Every rule at its default severity; `strict` also turns on each rule's `strictOptions`. */
function configuredRules(strict: boolean): FlatConfig['rules'] {
  return Object.fromEntries(
    RULES.map((rule) => {
      const severity = rule.defaultSeverity === 'warning' ? 'warn' : 'error';
      return [rule.id, strict && rule.strictOptions ? [severity, rule.strictOptions] : severity];
    }),
  );
}

const plugin: SsotPlugin = {
  meta: { name: TOOL.name, version: TOOL.version },
  rules,
  configs: {} as SsotPlugin['configs'],
};

// The configs reference the plugin object itself, as flat config expects.
plugin.configs.recommended = {
  name: 'ssot/recommended',
  plugins: { ssot: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: configuredRules(false),
};
plugin.configs.strict = {
  name: 'ssot/strict',
  plugins: { ssot: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: configuredRules(true),
};

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
