import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { loadConfig, type ResolvedConfig, type RuleSetting } from '../config/load-config.js';
import { RULES } from '../rules/registry.js';
import { bundledTypeScript } from '../project/typescript.js';
import { parserTypeScript } from './findings-for-file.js';
import { withOneLineErrors } from './plugin-settings.js';
import { configStampOf, noteSeverityRoot, sessionFor } from './project-session.js';

type FlatConfig = TSESLint.FlatConfig.Config;
type Preset = 'recommended' | 'strict';

const built = new Map<string, FlatConfig>();

/**
 * `ssot.configs.recommended` / `strict`, built when eslint.config.js reads them: the severities
 * and options come from the project's ssot.config.json, the one file `ssot audit` reads too, so
 * ESLint, the config inspector and the CLI agree on what is an error, a warning or off.
 */
export function pluginConfig(preset: Preset, plugin: TSESLint.FlatConfig.Plugin): FlatConfig {
  const root = path.resolve(process.cwd());
  const key = `${preset}\0${root}\0${configStampOf(root)}`;
  let config = built.get(key);
  if (!config) {
    const ssotConfig = withOneLineErrors(() => loadConfig(root));
    noteSeverityRoot(root);
    config = {
      name: `ssot/${preset}`,
      plugins: { ssot: plugin },
      rules: ruleEntries(ssotConfig, preset),
      settings: { ssot: projectFactsSettings() },
    };
    built.set(key, config);
  }
  return config;
}

function ruleEntries(config: ResolvedConfig, preset: Preset): NonNullable<FlatConfig['rules']> {
  return Object.fromEntries(
    RULES.map((rule) => {
      const setting = config.rules[rule.name];
      const options =
        preset === 'strict' && rule.strictOptions ? { ...setting.options, ...rule.strictOptions } : setting.options;
      return [rule.id, entryOf(setting.severity, options)];
    }),
  );
}

function entryOf(severity: RuleSetting['severity'], options: Record<string, unknown>): TSESLint.FlatConfig.RuleEntry {
  const level = severity === 'warning' ? 'warn' : severity;
  return Object.keys(options).length > 0 ? [level, options] : level;
}

/**
 * `settings.ssot` of the configs. ESLint's `--cache` keys every file by its content and its
 * config, serialised; `toJSON` adds the project's cross-file fingerprint to that serialisation,
 * so a file's cached result is reused only while the other files it was judged against say the
 * same. It is computed only when the config is serialised (the cache, the config inspector,
 * `--print-config`), not for every lint, and sees the user's own `settings.ssot` merged in.
 */
function projectFactsSettings(): Record<string, unknown> {
  return {
    toJSON(this: Record<string, unknown>) {
      const { toJSON: _toJSON, ...settings } = this;
      const cwd = process.cwd();
      const session = sessionFor(
        path.join(cwd, 'eslint.config.js'),
        cwd,
        () => parserTypeScript(cwd) ?? bundledTypeScript(),
        { ssot: settings },
      );
      return { ...settings, projectFacts: session.crossFileFingerprint() };
    },
  };
}
