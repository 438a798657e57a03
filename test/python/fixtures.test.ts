import { describe, expect, it } from 'vitest';
import { fixturesWithExpectations, keyOf } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const pythonFixtures = fixturesWithExpectations().filter((fixture) => fixture.name.startsWith('rules-py/'));

interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; message: string }[];
  skipped: { file: string; reason: string }[];
}

function audit(root: string): Report {
  const run = runCli(['audit', root, '--format', 'json', '--no-cache']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

describe('the Python per-rule fixtures, through the real binary', () => {
  it('has one fixture per rule', () => {
    expect(pythonFixtures.map((fixture) => fixture.name)).toEqual([
      'rules-py/canonical-import',
      'rules-py/no-auth-bypass',
      'rules-py/no-duplicate-class',
      'rules-py/no-env-branching-auth',
      'rules-py/single-jwt-path',
      'rules-py/single-secret-source',
    ]);
  });

  it.each(pythonFixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s reports its expected.json',
    (_name, fixture) => {
      const report = audit(fixture.root);
      expect(report.skipped).toEqual([]);
      expect(report.findings.map(keyOf).sort()).toEqual(fixture.expected.map(keyOf).sort());
    },
  );

  it('names the Python primitive and the library it comes from', () => {
    const fixture = pythonFixtures.find((item) => item.name === 'rules-py/single-jwt-path')!;
    const messages = audit(fixture.root).findings.map((finding) => finding.message.split(' ')[0]);
    expect(messages).toEqual(
      expect.arrayContaining([
        'jwt.decode',
        'jwt.get_unverified_header',
        'jose.jwt.decode',
        'jose.jws.verify',
        'authlib.jose.jwt.decode',
        'flask_jwt_extended.jwt_required',
        'fastapi_jwt_auth.AuthJWT#jwt_required',
        'rest_framework_simplejwt.tokens.AccessToken',
      ]),
    );
  });

  it('reports nothing in the look-alike modules', () => {
    const lookalikes = [
      'app/utils/lookalikes.py',
      'app/utils/codec.py',
      'app/api/lookalikes.py',
      'app/services/logging_setup.py',
      'app/ports/repository.py',
      'app/adapters/repository.py',
      'client/models.py',
      'server/models.py',
      'app/api/right.py',
      'app/billing/stripe.py',
    ];
    for (const fixture of pythonFixtures) {
      const reported = audit(fixture.root).findings.filter((finding) => lookalikes.includes(finding.file));
      expect(reported, fixture.name).toEqual([]);
    }
  });
});
