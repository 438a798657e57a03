import { identityText, type Check, type RuleFinding } from './types.js';

/**
 * A JWT secret read outside the auth core: a second way of finding the secret, which drifts
 * from the first (seeds, report 4: three resolutions, two secrets in staging). It needs a
 * declared core (config or the auth-core convention) to know which source is the one: on an
 * unconfigured repository different names may be different secrets (access, refresh, reset
 * tokens), so guessing would report design choices as drift. `ssot init` proposes a core.
 */
export const singleSecretSource = {
  name: 'single-secret-source',
  skipsTests: true,
  messages: {
    outsideCore:
      'JWT secret {{name}} is read here, outside the auth core ({{core}}): a second way of finding the secret drifts from the first. Let the auth core read it from configuration and ask the core to verify.',
  },
  run(context) {
    const { authCore } = context;
    if (!authCore.declared) return [];
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      if (facts.secretReads.length === 0 || authCore.isCore(facts.file)) continue;
      for (const read of facts.secretReads) {
        findings.push({
          file: facts.file,
          line: read.span.line,
          column: read.span.column,
          endLine: read.span.endLine,
          endColumn: read.span.endColumn,
          messageId: 'outsideCore',
          data: { name: read.name, core: authCore.describe(facts.file) ?? 'auth-core' },
          symbol: read.name,
          key: `${read.name}|${identityText(read.text)}`,
        });
      }
    }
    return findings;
  },
} satisfies Check;
