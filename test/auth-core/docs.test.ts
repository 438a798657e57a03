import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as authCore from '../../packages/auth-core/src/index.js';
import * as testing from '../../packages/auth-core/src/testing.js';

const docs = readFileSync(new URL('../../packages/auth-core/README.md', import.meta.url), 'utf8');

describe('packages/auth-core/README.md', () => {
  it('has a row per error code with the status and close code the code uses', () => {
    for (const [code, entry] of Object.entries(authCore.AUTH_ERRORS)) {
      expect(docs).toContain(`| \`${code}\` | ${entry.httpStatus} | ${entry.wsCloseCode} |`);
    }
  });

  it('documents exactly the environment variables configFromEnv reads', () => {
    const documented = new Set([...docs.matchAll(/^\| `(AUTH_[A-Z0-9_]+)` \|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(authCore.AUTH_ENV_VARIABLES)));
  });

  it('mentions every runtime export', () => {
    for (const name of [...Object.keys(authCore), ...Object.keys(testing)]) {
      expect(docs, name).toContain(`\`${name}`);
    }
  });

  it('proves each threat-model row with tests that exist, and covers the attack classes issue 11 lists', () => {
    const section = docs.slice(docs.indexOf('## Threat model'), docs.indexOf('## Known limits'));
    const rows = [...section.matchAll(/^\| ([^|]+?) \| [^|]+ \| (.+) \|$/gm)].filter(
      ([, attack]) => attack !== 'attack' && !attack?.startsWith('---'),
    );
    const attacks = rows.map(([, attack]) => attack);
    for (const attack of [
      'Algorithm confusion',
      '`alg: none`',
      'Embedded keys (`jwk`, `x5c`)',
      '`jku` / `x5u`',
      '`kid` injection',
      '`crit`',
      'JWE for JWS',
      'Oversize tokens',
      'Claim type confusion',
      'Duplicate members',
      'JWKS outage',
      'JWKS growth',
      'Key rotation',
      'Upgrade smuggling',
    ]) {
      expect(attacks).toContain(attack);
    }
    for (const [, attack, proofs = ''] of rows) {
      const cited = [...proofs.matchAll(/`([\w.-]+\.test\.ts)`: “([^”]+)”/g)];
      expect(cited.length, `${attack} cites no test`).toBeGreaterThan(0);
      for (const [, file = '', name = ''] of cited) {
        const source = readFileSync(new URL(file, import.meta.url), 'utf8');
        expect(source, `${attack}: ${file} has no test "${name}"`).toContain(`'${name}'`);
      }
    }
  });

  it('covers the sections the issue asks for', () => {
    for (const heading of [
      '## API',
      '## Configuration',
      '## Environment variables',
      '## Token sources',
      '## Migrating from a hand-written `jwt.verify`',
      '### Express',
      '### Fastify',
      '### socket.io (`io.use`)',
      '### NestJS (guard)',
      '## Testing without a bypass',
      '## Threat model',
    ]) {
      expect(docs).toContain(heading);
    }
  });
});
