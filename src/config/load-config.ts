import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { ConfigError } from '../errors.js';
import { BoundedReadError, MIB, readRegularFile } from '../io/read-bounded.js';
import type { RuleName, SeveritySetting } from '../model.js';
import { packageRoot } from '../package-info.js';
import { RULE_NAMES, ruleDefinition } from '../rules/registry.js';

const schema = JSON.parse(readFileSync(path.join(packageRoot, 'schema', 'ssot.config.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

export const CONFIG_FILE_NAME = 'ssot.config.json';

/** The config as written by the user (after schema validation). */
export interface RawConfig {
  authCore?: string | string[];
  canonical?: Record<string, string>;
  authGlobs?: string[];
  ignore?: string[];
  rules?: Partial<Record<`ssot/${RuleName}`, unknown>>;
}

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/** The configuration every analysis step reads. Paths are relative to `root`, forward slashes. */
export interface ResolvedConfig {
  /** Absolute project root. */
  root: string;
  /** Where the config came from (relative path such as `ssot.config.json` or `package.json#ssot`), or null for defaults. */
  source: string | null;
  /** Globs of the auth core as configured; empty when the core is left to convention. */
  authCore: string[];
  /** Symbol name -> canonical file, from the config (JSDoc `@canonical` tags are added by the project index). */
  canonical: Record<string, string>;
  /** Globs of auth code, or null to use the naming convention. */
  authGlobs: string[] | null;
  ignore: string[];
  rules: Record<RuleName, RuleSetting>;
  /** Stable hash input: everything that changes findings. */
  fingerprint: string;
}

// The schema is the package's own (schema/ssot.config.schema.json, checked by its tests): checking it
// against Ajv's meta-schema on every start compiled that meta-schema too, most of loading a config.
const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: false });
const validateSchema = ajv.compile(schema);

/**
 * Loads `ssot.config.json` (or `package.json#ssot`) for `root`, or the file given explicitly.
 * Throws ConfigError with one line naming the file, the key and the expectation.
 */
export function loadConfig(root: string, explicitFile?: string): ResolvedConfig {
  const absoluteRoot = path.resolve(root);
  if (explicitFile) {
    const file = path.resolve(explicitFile);
    if (!existsSync(file)) throw new ConfigError(`${explicitFile}: config file not found`);
    return resolveConfig(absoluteRoot, displayPath(absoluteRoot, file), readJson(file, explicitFile));
  }
  const configFile = path.join(absoluteRoot, CONFIG_FILE_NAME);
  if (existsSync(configFile)) {
    return resolveConfig(absoluteRoot, CONFIG_FILE_NAME, readJson(configFile, CONFIG_FILE_NAME));
  }
  const packageFile = path.join(absoluteRoot, 'package.json');
  if (existsSync(packageFile)) {
    const manifest = readJson(packageFile, 'package.json');
    if (manifest && typeof manifest === 'object' && 'ssot' in manifest) {
      return resolveConfig(absoluteRoot, 'package.json#ssot', (manifest as Record<string, unknown>).ssot);
    }
  }
  return resolveConfig(absoluteRoot, null, {});
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

/** Far above any real config or package.json; a bigger one is a mistake or an attack on memory. */
const MAX_CONFIG_BYTES = 4 * MIB;

function readJson(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof BoundedReadError) throw new ConfigError(`${shownAs}: ${error.reason}`);
    throw error;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${shownAs}: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
}

/** Validates a raw config object and normalises it. Exported for the ESLint plugin, which reads the same file. */
export function resolveConfig(root: string, source: string | null, raw: unknown): ResolvedConfig {
  const shownAs = source ?? 'configuration';
  if (!validateSchema(raw)) {
    throw new ConfigError(`${shownAs}: ${describeSchemaError(validateSchema.errors?.[0], raw)}`);
  }
  const config = raw as RawConfig;
  checkGlobs(shownAs, config);
  const rules = Object.fromEntries(
    RULE_NAMES.map((name) => [name, readRuleSetting(shownAs, name, config.rules?.[`ssot/${name}`])]),
  ) as Record<RuleName, RuleSetting>;
  const resolved: Omit<ResolvedConfig, 'fingerprint'> = {
    root,
    source,
    authCore: config.authCore === undefined ? [] : [config.authCore].flat(),
    canonical: config.canonical ?? {},
    authGlobs: config.authGlobs ?? null,
    ignore: config.ignore ?? [],
    rules,
  };
  return { ...resolved, fingerprint: JSON.stringify({ ...resolved, root: undefined }) };
}

/**
 * Every glob must compile: picomatch refuses one over 64 KiB with a SyntaxError deep in the
 * audit (a stack trace); here it is a config error naming the key.
 */
function checkGlobs(shownAs: string, config: RawConfig): void {
  const globs = {
    authCore: [config.authCore ?? []].flat(),
    authGlobs: config.authGlobs ?? [],
    ignore: config.ignore ?? [],
  };
  for (const [key, list] of Object.entries(globs)) {
    list.forEach((glob, index) => {
      try {
        picomatch.makeRe(glob, { dot: true });
      } catch (error) {
        const where = Array.isArray(config[key as keyof typeof globs]) ? `${key}[${index}]` : key;
        const reason =
          glob.length > MAX_GLOB_LENGTH
            ? `glob longer than 64 KiB (${glob.length} characters)`
            : `invalid glob (${(error as Error).message.split('\n')[0]})`;
        throw new ConfigError(`${shownAs}: ${where}: ${reason}`);
      }
    });
  }
}

/** picomatch's own limit on the length of a glob. */
const MAX_GLOB_LENGTH = 65_536;

function readRuleSetting(shownAs: string, name: RuleName, value: unknown): RuleSetting {
  if (value === undefined) return { severity: ruleDefinition(name).defaultSeverity, options: {} };
  const [level, options] = Array.isArray(value) ? value : [value, {}];
  const severity = normaliseSeverity(level);
  if (!severity)
    throw new ConfigError(
      `${shownAs}: rules["ssot/${name}"] must be "error", "warn" or "off" (got ${JSON.stringify(level)})`,
    );
  const schema = ruleDefinition(name).optionsSchema[0];
  if (Array.isArray(value) && value.length > 1) {
    if (!schema) throw new ConfigError(`${shownAs}: rules["ssot/${name}"] takes no options`);
    const validate = ajv.compile(schema);
    if (!validate(options)) {
      const error = validate.errors![0]!;
      const detail =
        error.keyword === 'additionalProperties'
          ? `unknown option "${(error.params as { additionalProperty: string }).additionalProperty}" (known: ${Object.keys(schema.properties).join(', ')})`
          : `option ${error.instancePath.slice(1) || 'object'} ${error.message ?? 'is invalid'}`;
      throw new ConfigError(`${shownAs}: rules["ssot/${name}"][1]: ${detail}`);
    }
  }
  return { severity, options: (options ?? {}) as Record<string, unknown> };
}

export function normaliseSeverity(level: unknown): SeveritySetting | undefined {
  switch (level) {
    case 'error':
    case 2:
      return 'error';
    case 'warn':
    case 'warning':
    case 1:
      return 'warning';
    case 'off':
    case 0:
      return 'off';
    default:
      return undefined;
  }
}

function describeSchemaError(error: ErrorObject | undefined, raw: unknown): string {
  if (!error) return 'invalid configuration';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return `expected a JSON object (got ${typeOf(raw)})`;
  const key = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part, index) => (index === 0 ? part : /^\d+$/.test(part) ? `[${part}]` : `["${part}"]`))
    .join('');
  const got = typeOf(valueAt(raw, error.instancePath));
  const badName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (badName !== undefined) {
    return key === 'rules'
      ? `rules: unknown rule ${JSON.stringify(badName)} (run \`ssot rules\` for the list)`
      : `${key}: ${JSON.stringify(badName)} is not a valid symbol name`;
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((schema.properties as Record<string, unknown>) ?? {}).filter(
        (name) => name !== '$schema',
      );
      return key ? `${key}: unknown key "${extra}"` : `unknown key "${extra}" (expected one of: ${allowed.join(', ')})`;
    }
    default:
      return `${key || 'value'} ${expectation(key, error)} (got ${got})`;
  }
}

function expectation(key: string, error: ErrorObject): string {
  const top = key.split(/[[.]/)[0];
  switch (top) {
    case 'authCore':
      return 'must be a glob string or an array of glob strings';
    case 'canonical':
      return 'must be an object mapping a symbol name to a file path string';
    case 'authGlobs':
    case 'ignore':
      return 'must be an array of glob strings';
    case 'rules':
      return 'must be "error", "warn", "off" or [severity, options]';
    default:
      return error.message ?? 'is invalid';
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let value: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
