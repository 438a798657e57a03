/**
 * Property-based tests: generated input, from noise to near-valid tokens.
 * The parser throws nothing but the core's own errors, and the core returns a
 * context only for a token a configured key signed, with claims of the right types.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectToken } from '../../packages/auth-core/src/compact.js';
import { Rejection } from '../../packages/auth-core/src/errors.js';
import { DuplicateKeyError, parseJsonObjectStrict } from '../../packages/auth-core/src/json.js';
import {
  AuthError,
  createAuthCore,
  UserExecutionContext,
  type AuthCore,
  type IssuerConfig,
} from '../../packages/auth-core/src/index.js';
import { b64url, forge } from './helpers.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const T = NOW.getTime() / 1000;
const AUD = 'api://orders';
const HMAC_SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const RUNS = { numRuns: 300 };

const es = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISSUERS = {
  es: 'https://es.example',
  rs: 'https://rs.example',
  hs: 'https://hs.example',
} as const;
const issuers: IssuerConfig[] = [
  {
    issuer: ISSUERS.es,
    audience: AUD,
    algorithms: ['ES256'],
    jwks: { keys: [{ ...es.publicKey.export({ format: 'jwk' }), kid: 'es-1' }] },
  },
  {
    issuer: ISSUERS.rs,
    audience: AUD,
    algorithms: ['RS256'],
    jwks: { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rs-1' }] },
  },
  { issuer: ISSUERS.hs, audience: AUD, algorithms: ['HS256'], secret: HMAC_SECRET },
];

// The attacker's material: own keys, the RSA public key as an HMAC secret (key confusion), guessed secrets.
const attackerEs = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const attackerRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPublicPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const attackerJwk = { ...attackerEs.publicKey.export({ format: 'jwk' }), kid: 'es-1' };

type Signer = (signingInput: string) => string;
const configuredSigners: Record<keyof typeof ISSUERS, Signer> = {
  es: (input) =>
    sign('sha256', Buffer.from(input), { key: es.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  rs: (input) => sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url'),
  hs: (input) => createHmac('sha256', HMAC_SECRET).update(input).digest('base64url'),
};
const ALG_OF = { es: 'ES256', rs: 'RS256', hs: 'HS256' } as const;
const KID_OF = { es: 'es-1', rs: 'rs-1', hs: undefined } as const;

const untrustedSigner: fc.Arbitrary<Signer> = fc.oneof(
  fc.constant<Signer>((input) =>
    sign('sha256', Buffer.from(input), { key: attackerEs.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  ),
  fc.constant<Signer>((input) => sign('sha256', Buffer.from(input), attackerRsa.privateKey).toString('base64url')),
  fc.constant<Signer>((input) => createHmac('sha256', rsaPublicPem).update(input).digest('base64url')),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .map<Signer>((guess) => (input) => createHmac('sha256', guess).update(input).digest('base64url')),
  fc
    .uint8Array({ minLength: 1, maxLength: 300 })
    .map<Signer>((bytes) => () => Buffer.from(bytes).toString('base64url')),
  fc.constant<Signer>(() => ''),
);

/** Any JSON value a claim or header member could hold, including the awkward ones. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, '', ' ', '9999999999', true, null, [], {}),
);
const claimValue = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof(valid, anyValue);

const hostileHeader: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      alg: fc.oneof(
        fc.constantFrom('none', 'None', 'NONE', 'nOnE', 'HS256', 'RS256', 'ES256', 'PS256', 'EdDSA', 'ES256 ', ''),
        fc.string(),
      ),
      kid: fc.oneof(fc.constantFrom('es-1', 'rs-1', '../es-1', 'es-1\u0000'), fc.string(), anyValue),
      typ: fc.constantFrom('JWT', 'at+jwt', 'JWE'),
      jku: fc.constantFrom('http://127.0.0.1:1/jwks.json'),
      x5u: fc.constantFrom('http://127.0.0.1:1/cert.pem'),
      jwk: fc.constant(attackerJwk),
      x5c: fc.constant(['MIIBszCCAVmgAwIBAgIUJ']),
      crit: fc.oneof(fc.constant([]), fc.array(fc.string(), { maxLength: 2 })),
      enc: fc.constantFrom('A256GCM', 'A128CBC-HS256'),
      zip: fc.constant('DEF'),
      b64: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .chain((header) =>
    fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }).map((extra) => ({ ...extra, ...header })),
  );

const claimsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    iss: claimValue(fc.constantFrom(...Object.values(ISSUERS), 'https://evil.example')),
    aud: claimValue(fc.constantFrom(AUD, [AUD], 'other')),
    sub: claimValue(fc.string({ minLength: 1, maxLength: 20 })),
    iat: claimValue(fc.integer({ min: T - 4000, max: T + 4000 })),
    exp: claimValue(fc.integer({ min: T - 4000, max: T + 8000 })),
    nbf: claimValue(fc.integer({ min: T - 4000, max: T + 4000 })),
    sid: anyValue,
  },
  { requiredKeys: [] },
);

/** What an issuer signs: valid registered claims plus arbitrary private ones. */
const validClaims: fc.Arbitrary<{ issuer: keyof typeof ISSUERS; claims: Record<string, unknown> }> = fc
  .record({
    issuer: fc.constantFrom<keyof typeof ISSUERS>('es', 'rs', 'hs'),
    claims: fc.record({
      sub: fc.string({ minLength: 1, maxLength: 30 }).filter((sub) => sub.trim() !== ''),
      iat: fc.integer({ min: T - 600, max: T }),
      lifetime: fc.integer({ min: 60, max: 3000 }),
      extra: fc.dictionary(
        fc
          .string({ maxLength: 10 })
          .filter((name) => !['iss', 'aud', 'sub', 'iat', 'exp', 'nbf', '__proto__'].includes(name)),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 4 },
      ),
    }),
  })
  .map(({ issuer, claims: { sub, iat, lifetime, extra } }) => ({
    issuer,
    claims: { ...extra, iss: ISSUERS[issuer], aud: AUD, sub, iat, exp: T + lifetime },
  }));

/** The header a configured issuer would write, so generated tokens reach the signature check too. */
const plausibleHeader: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom<keyof typeof ISSUERS>('es', 'rs', 'hs')
  .map((issuer) => ({
    alg: ALG_OF[issuer],
    typ: 'JWT',
    ...(KID_OF[issuer] === undefined ? {} : { kid: KID_OF[issuer] }),
  }));
const headerArb = fc.oneof({ arbitrary: plausibleHeader, weight: 3 }, { arbitrary: hostileHeader, weight: 2 });
const anyClaims = fc.oneof(
  { arbitrary: validClaims.map(({ claims }) => claims), weight: 3 },
  { arbitrary: claimsArb, weight: 2 },
);

/** A token as an attacker writes it: any header, any claims, any signature the configured keys did not make. */
const untrustedToken: fc.Arbitrary<string> = fc
  .tuple(headerArb, anyClaims, untrustedSigner)
  .map(([header, claims, signer]) => {
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${signingInput}.${signer(signingInput)}`;
  });

function signWithConfiguredKey(issuer: keyof typeof ISSUERS, claims: Record<string, unknown>): string {
  const kid = KID_OF[issuer];
  const header = { alg: ALG_OF[issuer], typ: 'JWT', ...(kid === undefined ? {} : { kid }) };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${configuredSigners[issuer](signingInput)}`;
}

let core: AuthCore;

beforeAll(async () => {
  core = await createAuthCore({ issuers, now: () => NOW });
});

/** Resolves to the AuthError; fails the property if the core returned a context or threw anything else. */
async function refusal(token: string): Promise<AuthError> {
  let outcome: unknown;
  try {
    outcome = await core.verifyToken(token, { transport: 'http' });
  } catch (error) {
    outcome = error;
  }
  if (outcome instanceof UserExecutionContext) throw new Error(`accepted a token it should refuse: ${token}`);
  if (!(outcome instanceof AuthError)) throw new Error(`threw ${String(outcome)} instead of an AuthError`);
  // Descriptions are fixed text: nothing generated is echoed, so none grows with the input.
  expect(outcome.message.length).toBeLessThanOrEqual(100);
  return outcome;
}

describe('the JSON parser on generated text', () => {
  it('throws nothing but SyntaxError and DuplicateKeyError, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.string({ unit: 'binary-ascii' })), (text) => {
        try {
          const value = parseJsonObjectStrict(text);
          expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
        } catch (error) {
          expect(error instanceof SyntaxError || error instanceof DuplicateKeyError).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on every object without repeated names', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (object) => {
        // JSON.stringify writes each own name once, at every depth, so the text has no duplicates.
        const text = JSON.stringify(object);
        expect(parseJsonObjectStrict(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds a repeated name at any depth, however it is escaped', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.jsonValue({ maxDepth: 1 }),
        fc.jsonValue({ maxDepth: 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (name, first, second, depth, escape) => {
          const spelt = escape
            ? `"${[...name].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
            : JSON.stringify(name);
          let text = `{${JSON.stringify(name)}:${JSON.stringify(first)},${spelt}:${JSON.stringify(second)}}`;
          for (let level = 0; level < depth; level += 1) text = `{"level${level}":[${text}]}`;
          expect(() => parseJsonObjectStrict(text)).toThrow(DuplicateKeyError);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the compact token parser on generated input', () => {
  const segment = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
    fc.json({ maxDepth: 2 }).map((text) => b64url(text)),
    headerArb.map((header) => b64url(JSON.stringify(header))),
  );
  const tokenLike = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => segments.join('.')),
    untrustedToken,
  );

  it('returns a header and claims or throws a Rejection, never anything else', () => {
    fc.assert(
      fc.property(tokenLike, (token) => {
        try {
          const inspected = inspectToken(token, 8192);
          expect(typeof inspected.alg).toBe('string');
          expect(inspected.alg.toLowerCase()).not.toBe('none');
          expect(typeof inspected.unverifiedClaims).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(Rejection);
          expect((error as Rejection).code).toBe('invalid_token');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses non-string input with a Rejection', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        fc.pre(typeof value !== 'string');
        expect(() => inspectToken(value, 8192)).toThrow(Rejection);
      }),
    );
  });
});

describe('the auth core on generated tokens', () => {
  it('accepts what a configured key signed with valid claims (the generators can succeed)', async () => {
    await fc.assert(
      fc.asyncProperty(validClaims, async ({ issuer, claims }) => {
        const context = await core.verifyToken(signWithConfiguredKey(issuer, claims), { transport: 'http' });
        expect(context).toBeInstanceOf(UserExecutionContext);
        expect(context.userId).toBe(claims.sub);
        expect(context.issuer).toBe(ISSUERS[issuer]);
      }),
      RUNS,
    );
  });

  it('never returns a context for a token no configured key signed (alg none, confusion, embedded keys, forged)', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(untrustedToken, async (token) => {
        seen.add((await refusal(token)).message);
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: many generated tokens got as far as the cryptography, and failed there.
    expect(seen).toContain('signature verification failed');
    expect(seen).toContain('unsigned tokens ("alg": "none") are not accepted');
    expect(seen).toContain('algorithm is not allowed for this issuer');
  });

  it('never returns a context for a tampered token', async () => {
    const tamper = fc.oneof(
      // One character of the header or the claims changed, inserted or removed.
      fc.record({
        part: fc.constantFrom(0, 1),
        at: fc.nat(),
        char: fc.constantFrom(...'AQgw_-09azAZ'),
        how: fc.constantFrom('replace', 'insert', 'delete'),
      }),
      // One bit of the decoded signature flipped.
      fc.record({ part: fc.constant(2), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    );
    await fc.assert(
      fc.asyncProperty(validClaims, tamper, async ({ issuer, claims }, change) => {
        const original = signWithConfiguredKey(issuer, claims);
        const parts = original.split('.');
        const target = parts[change.part] ?? '';
        if ('bit' in change) {
          const bytes = Buffer.from(target, 'base64url');
          const index = change.at % bytes.length;
          bytes[index] = (bytes[index] ?? 0) ^ (1 << change.bit);
          parts[2] = bytes.toString('base64url');
        } else {
          const index = change.at % (target.length + 1);
          const cut = change.how === 'insert' ? index : index + 1;
          const insert = change.how === 'delete' ? '' : change.char;
          parts[change.part] = `${target.slice(0, index)}${insert}${target.slice(cut)}`;
        }
        const tampered = parts.join('.');
        fc.pre(tampered !== original);
        await refusal(tampered);
      }),
      RUNS,
    );
  });

  it('refuses a signed token whose registered claims have the wrong type', async () => {
    const wrongType = fc.oneof(
      fc.record({ claim: fc.constantFrom('exp', 'iat', 'nbf'), value: anyValue.filter((v) => typeof v !== 'number') }),
      fc.record({
        claim: fc.constant('sub'),
        value: anyValue.filter((v) => typeof v !== 'string' || v.trim() === ''),
      }),
      fc.record({
        claim: fc.constant('aud'),
        value: fc.oneof(
          anyValue.filter((v) => typeof v !== 'string' && !Array.isArray(v)),
          fc.array(anyValue, { maxLength: 3 }).map((list) => [AUD, ...list.filter((v) => typeof v !== 'string'), 7]),
        ),
      }),
      fc.record({ claim: fc.constantFrom('exp', 'iat'), value: fc.constant(undefined) }),
    );
    await fc.assert(
      fc.asyncProperty(validClaims, wrongType, async ({ issuer, claims }, { claim, value }) => {
        const token = signWithConfiguredKey(issuer, { ...claims, [claim]: value });
        const error = await refusal(token);
        expect(['invalid_token', 'token_expired']).toContain(error.code);
      }),
      RUNS,
    );
  });

  it('refuses a compact JWE, and a signed token whose header marks it as one ("enc")', async () => {
    const jweSegment = fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => Buffer.from(bytes).toString('base64url'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('RSA-OAEP-256', 'ECDH-ES', 'dir', 'HS256', 'ES256'),
        fc.array(jweSegment, { minLength: 4, maxLength: 4 }),
        validClaims,
        async (alg, rest, { claims }) => {
          await refusal([b64url(JSON.stringify({ alg, enc: 'A256GCM' })), ...rest].join('.'));
          // RFC 7516 section 9: a JWE header has "enc" and a JWS header never does, whoever signed it.
          await refusal(
            forge(
              { alg: 'HS256', enc: 'A256GCM' },
              { ...claims, iss: ISSUERS.hs },
              { alg: 'HS256', secret: HMAC_SECRET },
            ),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
