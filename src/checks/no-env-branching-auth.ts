import { identityText, type Check, type RuleFinding } from './types.js';

/**
 * A condition on the runtime environment in auth code: staging and production then run
 * different auth code, and development masks what staging exposes (seeds, report 3).
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
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      const file = facts.file;
      if (facts.envConditions.length === 0) continue;
      const authFile = index.isAuthFile(file) || context.authCore.isCore(file);
      for (const condition of facts.envConditions) {
        if (!authFile && !condition.authScope) continue;
        const where = condition.authScope ? `in ${condition.authScope}` : 'in auth code';
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
