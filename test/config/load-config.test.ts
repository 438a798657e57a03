import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { tempProject } from '../helpers/temp-project.js';

function configError(files: Record<string, string>, explicit?: string): string {
  const root = tempProject(files);
  try {
    loadConfig(root, explicit && `${root}/${explicit}`);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses defaults when no config exists', () => {
    const config = loadConfig(tempProject({ 'a.ts': '' }));
    expect(config.source).toBeNull();
    expect(config.authCore).toEqual([]);
    expect(config.authGlobs).toBeNull();
    expect(config.rules['no-duplicate-class']).toEqual({ severity: 'error', options: {} });
  });

  it('reads ssot.config.json and normalises severities and options', () => {
    const config = loadConfig(
      tempProject({
        'ssot.config.json': JSON.stringify({
          authCore: 'src/auth-core/**',
          canonical: { UserExecutionContext: 'src/services/user-execution-context.ts' },
          rules: {
            'ssot/no-env-branching-auth': 'warn',
            'ssot/no-auth-bypass': 0,
            'ssot/no-duplicate-class': ['error', { checkAcrossPackages: true }],
          },
        }),
      }),
    );
    expect(config.source).toBe('ssot.config.json');
    expect(config.authCore).toEqual(['src/auth-core/**']);
    expect(config.canonical).toEqual({ UserExecutionContext: 'src/services/user-execution-context.ts' });
    expect(config.rules['no-env-branching-auth'].severity).toBe('warning');
    expect(config.rules['no-auth-bypass'].severity).toBe('off');
    expect(config.rules['no-duplicate-class']).toEqual({ severity: 'error', options: { checkAcrossPackages: true } });
  });

  it('falls back to the "ssot" key of package.json', () => {
    const config = loadConfig(
      tempProject({ 'package.json': JSON.stringify({ name: 'x', ssot: { ignore: ['gen/**'] } }) }),
    );
    expect(config.source).toBe('package.json#ssot');
    expect(config.ignore).toEqual(['gen/**']);
  });

  it('names the file, the key and the expectation for a wrong type', () => {
    expect(configError({ 'ssot.config.json': '{"authGlobs": "src/**"}' })).toBe(
      'ssot.config.json: authGlobs must be an array of glob strings (got "src/**")',
    );
  });

  it('names an unknown top-level key and lists the known ones', () => {
    expect(configError({ 'ssot.config.json': '{"authcore": []}' })).toBe(
      'ssot.config.json: unknown key "authcore" (expected one of: authCore, canonical, authGlobs, ignore, rules)',
    );
  });

  it('rejects an unknown rule id', () => {
    expect(configError({ 'ssot.config.json': '{"rules": {"ssot/nope": "error"}}' })).toMatch(
      /^ssot\.config\.json: rules: unknown rule "ssot\/nope"/,
    );
  });

  it('rejects a bad severity', () => {
    expect(configError({ 'ssot.config.json': '{"rules": {"ssot/single-jwt-path": "loud"}}' })).toMatch(
      /^ssot\.config\.json: rules\["ssot\/single-jwt-path"\] /,
    );
  });

  it('validates rule options against the rule schema', () => {
    expect(
      configError({
        'ssot.config.json': '{"rules": {"ssot/no-duplicate-class": ["error", {"acrossPackages": "off"}]}}',
      }),
    ).toBe(
      'ssot.config.json: rules["ssot/no-duplicate-class"][1]: unknown option "acrossPackages" (known: checkAcrossPackages)',
    );
    expect(
      configError({
        'ssot.config.json': '{"rules": {"ssot/no-duplicate-class": ["error", {"checkAcrossPackages": "yes"}]}}',
      }),
    ).toBe('ssot.config.json: rules["ssot/no-duplicate-class"][1]: option checkAcrossPackages must be boolean');
    expect(configError({ 'ssot.config.json': '{"rules": {"ssot/single-jwt-path": ["error", {}]}}' })).toBe(
      'ssot.config.json: rules["ssot/single-jwt-path"] takes no options',
    );
  });

  it('reports invalid JSON as one line', () => {
    const message = configError({ 'ssot.config.json': '{ "ignore": [ }' });
    expect(message).toMatch(/^ssot\.config\.json: invalid JSON/);
    expect(message).not.toContain('\n');
  });

  it('rejects a non-object config', () => {
    expect(configError({ 'ssot.config.json': '[1, 2]' })).toBe(
      'ssot.config.json: expected a JSON object (got an array)',
    );
  });

  it('validates the package.json "ssot" key the same way', () => {
    expect(configError({ 'package.json': JSON.stringify({ ssot: { canonical: { Foo: 3 } } }) })).toBe(
      'package.json#ssot: canonical["Foo"] must be an object mapping a symbol name to a file path string (got number 3)',
    );
  });

  it('reports a missing explicit config file', () => {
    expect(configError({}, 'missing.json')).toMatch(/missing\.json: config file not found$/);
  });
});
