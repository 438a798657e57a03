import { Rejection } from './errors.js';
import { DuplicateKeyError, parseJsonObjectStrict } from './json.js';

/** What the core learns from a token before any cryptography: enough to refuse it cheaply or pick its issuer. */
export interface InspectedToken {
  readonly alg: string;
  /** Unverified claims; used only to route to the issuer's keys, never trusted. */
  readonly unverifiedClaims: Readonly<Record<string, unknown>>;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;
// Short, and free of path, quote, space and control characters, so a kid can
// never reach a file system, a query or a log line as anything but an id.
const SAFE_KID = /^[A-Za-z0-9_\-.:+=~]{1,128}$/;
// Headers that would let the token choose its own verification key.
const KEY_CARRYING_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function inspectToken(token: unknown, maxTokenBytes: number): InspectedToken {
  if (typeof token !== 'string' || token === '') throw invalid('token must be a non-empty string');
  // Length in UTF-16 units is a lower bound on bytes; a non-ASCII token fails the charset check below.
  if (token.length > maxTokenBytes) throw invalid(`token exceeds ${maxTokenBytes} bytes`);
  const segments = token.split('.');
  const [header, payload, signature] = segments;
  if (segments.length !== 3 || header === undefined || payload === undefined || signature === undefined) {
    throw invalid('token must be a compact JWS with three segments');
  }
  if (!segments.every((segment) => SEGMENT.test(segment)) || header === '' || payload === '') {
    throw invalid('token is malformed');
  }
  if (signature === '') throw invalid('token is not signed');
  const protectedHeader = decodeSegment(header, 'header');
  checkHeader(protectedHeader);
  return { alg: protectedHeader.alg as string, unverifiedClaims: decodeSegment(payload, 'claims') };
}

function checkHeader(header: Record<string, unknown>): void {
  const { alg, kid, crit } = header;
  if (typeof alg !== 'string' || alg === '') throw invalid('header has no "alg"');
  if (alg.toLowerCase() === 'none') throw invalid('unsigned tokens ("alg": "none") are not accepted');
  for (const name of KEY_CARRYING_HEADERS) {
    if (Object.hasOwn(header, name)) throw invalid(`header "${name}" is not accepted; keys come from configuration`);
  }
  if (kid !== undefined && (typeof kid !== 'string' || !SAFE_KID.test(kid) || kid.includes('..'))) {
    throw invalid('header "kid" is not a safe key id');
  }
  // RFC 7516 section 9: "enc" is what makes a header a JWE header; a token that claims to be both is refused.
  if (Object.hasOwn(header, 'enc'))
    throw invalid('header "enc" marks an encrypted token; only signed tokens are accepted');
  // RFC 7515 section 4.1.11: a recipient must reject extensions it does not understand, and the core understands none.
  if (crit !== undefined) throw invalid('header "crit" names extensions this verifier does not support');
}

function decodeSegment(segment: string, what: 'header' | 'claims'): Record<string, unknown> {
  try {
    return parseJsonObjectStrict(utf8.decode(Buffer.from(segment, 'base64url')));
  } catch (error) {
    // The name stays in the cause for logs: echoed to the client it would be attacker text, kilobytes of it.
    if (error instanceof DuplicateKeyError) throw invalid(`${what} has a duplicate member name`, error);
    throw invalid(`${what} is not a JSON object`, error);
  }
}

function invalid(description: string, cause?: unknown): Rejection {
  return new Rejection('invalid_token', description, cause);
}
