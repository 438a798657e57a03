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
      '{{what}}, and {{count}} other module(s) handle JWTs too ({{others}}): each is a path of its own. Keep one auth core ({{proposal}} looks like it), name it in ssot.config.json "authCore", and route every token through it.',
    inProposedCore:
      '{{what}} in the module that looks like the auth core ({{reason}}), but {{count}} other module(s) handle JWTs too ({{others}}). Name it in ssot.config.json "authCore" and route every token through it.',
  },
  run(context) {
    const { index, authCore } = context;
    const findings: RuleFinding[] = [];
    for (const facts of context.targets) {
      const file = facts.file;
      const uses = index.jwtUses(file);
      if (uses.length === 0 || authCore.isCore(file)) continue;
      const peers = authCore.declared ? [] : authCore.jwtModules.filter((other) => other !== file);
      const inferred = authCore.inferred;
      for (const use of uses) {
        findings.push({
          file,
          line: use.span.line,
          column: use.span.column,
          endLine: use.span.endLine,
          endColumn: use.span.endColumn,
          ...(authCore.declared
            ? { messageId: 'outsideCore', data: { what: what(use), core: authCore.describe(file)! } }
            : inferred?.file === file
              ? {
                  messageId: 'inProposedCore',
                  data: {
                    what: what(use),
                    reason: inferred.reason,
                    count: String(peers.length),
                    others: listed(peers),
                  },
                }
              : {
                  messageId: 'severalPaths',
                  data: {
                    what: what(use),
                    count: String(peers.length),
                    others: listed(peers),
                    proposal: inferred?.file ?? 'none',
                  },
                }),
          symbol: use.primitive,
          key: `${use.primitive}|${use.enclosing ?? ''}`,
          related: peers.slice(0, MAX_RELATED).map((peer) => {
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

/** Enough related locations to see the pattern; a hundred JWT modules are one finding's worth of them. */
const MAX_RELATED = 10;

function listed(files: string[]): string {
  return files.length <= 5 ? files.join(', ') : `${files.slice(0, 5).join(', ')} and ${files.length - 5} more`;
}

function what(use: JwtUseFact): string {
  return use.kind === 'decode'
    ? `${use.primitive} reads a JWT without verifying its signature`
    : `${use.primitive} verifies a JWT`;
}
