import { credentialEvidence } from './credential-evidence.js';
import { identityText, type Check, type RuleFinding } from './types.js';

/**
 * A condition on the runtime environment in auth code: staging and production then run
 * different auth code, and development masks what staging exposes (seeds, report 3). Auth code
 * is the configured or conventional auth files, functions named for auth, and, whatever their
 * names, functions and guarded branches that reach a credential: a token signed, a session or
 * credential cookie issued, a JWT primitive, a JWT key read.
 */
export const noEnvBranchingAuth = {
  name: 'no-env-branching-auth',
  skipsTests: true,
  messages: {
    envBranch:
      'Auth logic {{where}} branches on the runtime environment ({{dependsOn}}): `{{condition}}`. Staging and production then run different code. Make the difference configuration (issuer, audience, keys) read by the auth core, not a code path.',
  },
  run(context) {
    const { index } = context;
    const evidence = credentialEvidence(index, (file) => context.authCore.isCore(file));
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      const file = facts.file;
      if (facts.envConditions.length === 0) continue;
      const authFile = index.isAuthFile(file) || context.authCore.isCore(file);
      for (const [conditionIndex, condition] of facts.envConditions.entries()) {
        const reached = authFile || condition.authScope ? undefined : evidence.aroundCondition(facts, conditionIndex);
        if (!authFile && !condition.authScope && !reached) continue;
        const where = condition.authScope
          ? `in ${condition.authScope}`
          : reached
            ? `in code that reaches ${reached.detail}`
            : 'in auth code';
        findings.push({
          file,
          line: condition.span.line,
          column: condition.span.column,
          endLine: condition.span.endLine,
          endColumn: condition.span.endColumn,
          messageId: 'envBranch',
          data: { where, dependsOn: condition.dependsOn, condition: condition.text },
          symbol: condition.dependsOn,
          key: `${condition.dependsOn}|${identityText(condition.text)}`,
        });
      }
    }
    return findings;
  },
} satisfies Check;
