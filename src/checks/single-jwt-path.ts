import type { JwtUseFact } from '../engine/types.js';
import type { Check, RuleFinding } from './types.js';

/** JWT verification or decoding outside the auth core: a second path for tokens. */
export const singleJwtPath = {
  name: 'single-jwt-path',
  skipsTests: true,
  messages: {
    outsideCore:
      '{{what}} outside the auth core ({{core}}). Every token must take one path: call the auth core here instead.',
    severalPaths:
      '{{what}}, and {{count}} other module(s) of this package handle JWTs too ({{others}}). Keep one auth core, name it in ssot.config.json "authCore", and route every token through it.',
  },
  run(context) {
    const { index, authCore } = context;
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      const file = facts.file;
      const uses = index.jwtUses(file);
      if (uses.length === 0 || authCore.isCore(file)) continue;
      const peers = authCore.declared
        ? []
        : (authCore.jwtModulesByPackage.get(index.packageOf(file)) ?? []).filter((other) => other !== file);
      for (const use of uses) {
        findings.push({
          file,
          line: use.span.line,
          column: use.span.column,
          endLine: use.span.endLine,
          endColumn: use.span.endColumn,
          ...(authCore.declared
            ? { messageId: 'outsideCore', data: { what: what(use), core: authCore.describe(file)! } }
            : {
                messageId: 'severalPaths',
                data: { what: what(use), count: String(peers.length), others: peers.join(', ') },
              }),
          symbol: use.primitive,
          key: `${use.primitive}|${use.enclosing ?? ''}`,
          related: peers.map((peer) => {
            const first = index.jwtUses(peer)[0]!;
            return {
              file: peer,
              line: first.span.line,
              column: first.span.column,
              message: `also uses ${first.primitive}`,
            };
          }),
        });
      }
    }
    return findings;
  },
} satisfies Check;

function what(use: JwtUseFact): string {
  return use.kind === 'decode'
    ? `${use.primitive} reads a JWT without verifying its signature`
    : `${use.primitive} verifies a JWT`;
}
