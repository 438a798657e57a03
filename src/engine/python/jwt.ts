import type { Node } from 'web-tree-sitter';
import { isCredentialCookieName, isCredentialIssuingName } from '../naming.js';
import type { BypassKind, CredentialIssueKind } from '../types.js';
import {
  KEY_ARGUMENT_CALLS,
  KEY_KEYWORDS,
  PYTHON_JWT_MODULES,
  PYTHON_JWT_PRIMITIVES,
  PYTHON_SIGN_IN_CALLS,
  PYTHON_SIGNING_CALLS,
  VERIFY_WHEN_GIVEN_A_TOKEN,
} from './libraries.js';
import { callArguments, dictionaryEntries, sequenceElements, shortened, stringValue, unwrap } from './syntax.js';
import type { PythonVisitor, PythonWalk } from './walk.js';

/**
 * JWT primitives (`jwt.decode`, `jose.jwt.decode`, `flask_jwt_extended.decode_token`…), what their
 * options switch off, the arguments that carry their keys, and the calls that issue credentials.
 * Judged by what a call resolves to through the imports, never by the callee's name alone: a
 * `decode` of a base64 helper is no JWT primitive.
 */
export class PythonJwtVisitor implements PythonVisitor {
  /** Expressions passed where a JWT call takes its key: read by the secrets visitor. */
  readonly keyArguments: Node[] = [];

  constructor(private readonly walk: PythonWalk) {}

  enter(node: Node): void {
    if (node.type !== 'call') return;
    const callee = node.childForFieldName('function');
    const qualified = this.walk.qualified(callee);
    this.noteAlgorithmNone(node);
    if (!qualified || !callee) {
      if (callee) this.noteProjectIssuingCall(node, callee);
      return;
    }
    const primitive = this.primitiveOf(node, qualified);
    if (primitive) {
      const enclosing = this.walk.enclosing();
      this.walk.record.jwtUses.push({
        primitive: primitive.name,
        kind: primitive.kind,
        span: this.walk.span(callee),
        ...(enclosing ? { enclosing } : {}),
      });
    }
    if (KEY_ARGUMENT_CALLS.has(qualified)) {
      const args = callArguments(node);
      const key = args.positional[1] ?? [...KEY_KEYWORDS].map((name) => args.keywords.get(name)).find(Boolean);
      if (key) this.keyArguments.push(key);
    }
    if (/(^|\.)TokenBackend$/.test(qualified)) {
      const args = callArguments(node);
      for (const name of ['signing_key', 'verifying_key']) {
        const key = args.keywords.get(name) ?? (name === 'signing_key' ? args.positional[1] : undefined);
        if (key) this.keyArguments.push(key);
      }
    }
    this.noteCredentialIssue(node, callee, qualified);
  }

  private primitiveOf(call: Node, qualified: string): { name: string; kind: 'verify' | 'decode' } | undefined {
    const kind = PYTHON_JWT_PRIMITIVES.get(qualified);
    if (!kind) return undefined;
    const args = callArguments(call);
    if (VERIFY_WHEN_GIVEN_A_TOKEN.has(qualified) && args.positional.length === 0 && !args.keywords.has('token'))
      return undefined;
    const name = qualified.replace(/#$/, '');
    const options = dictionaryEntries(args.keywords.get('options'));
    const signatureOff = isFalse(options.get('verify_signature'));
    // Switched off by option, a check is a bypass wherever it sits; without the signature it is a decode.
    const signature = options.get('verify_signature');
    if (signatureOff) this.addBypass('verification-off', 'verify_signature: False', signature!.parent!);
    const expiry = options.get('verify_exp');
    if (isFalse(expiry)) this.addBypass('ignore-expiration', 'verify_exp: False', expiry!.parent!);
    return { name, kind: signatureOff ? 'decode' : kind };
  }

  /** `algorithms=["none"]`, `algorithm="none"`: an unsigned token is accepted (or minted). */
  private noteAlgorithmNone(call: Node): void {
    const args = callArguments(call);
    for (const keyword of ['algorithms', 'algorithm']) {
      const value = args.keywords.get(keyword);
      if (!value) continue;
      const candidates = sequenceElements(value) ?? [unwrap(value)];
      const none = candidates.find((candidate) => stringValue(candidate)?.toLowerCase() === 'none');
      if (none) this.addBypass('algorithm-none', 'none', none);
    }
  }

  private addBypass(kind: BypassKind, detail: string, at: Node): void {
    this.walk.record.bypasses.push({ kind, detail, span: this.walk.span(at) });
  }

  private noteCredentialIssue(call: Node, callee: Node, qualified: string): void {
    const kind = this.credentialIssueKind(call, qualified);
    if (!kind) return;
    this.walk.record.credentialIssues.push({ kind, detail: shortened(callee.text, 60), span: this.walk.span(call) });
  }

  private credentialIssueKind(call: Node, qualified: string): CredentialIssueKind | undefined {
    if (PYTHON_SIGNING_CALLS.has(qualified) || /#create_(access|refresh)_token$/.test(qualified)) return 'sign';
    if (PYTHON_SIGN_IN_CALLS.has(qualified)) return 'sign-in';
    if (PYTHON_JWT_MODULES.has(qualified.split('.')[0]!)) return 'jwt-library';
    return undefined;
  }

  /** `response.set_cookie("access_token", …)`, `create_access_token(user)` of the project itself. */
  private noteProjectIssuingCall(call: Node, callee: Node): void {
    const name = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
    if (!name) return;
    let kind: CredentialIssueKind | undefined;
    if (name === 'set_cookie') {
      const args = callArguments(call);
      const cookie = stringValue(args.positional[0] ?? args.keywords.get('key'));
      if (cookie && isCredentialCookieName(cookie)) kind = 'cookie';
    } else if (name === 'login_user' || (name === 'login' && callee.type === 'attribute')) kind = 'sign-in';
    else if (/token|session|jwt/i.test(callee.text) && isCredentialIssuingName(callee.text)) kind = 'issuing-call';
    if (kind)
      this.walk.record.credentialIssues.push({ kind, detail: shortened(callee.text, 60), span: this.walk.span(call) });
  }
}

function isFalse(node: Node | undefined): boolean {
  return node !== undefined && unwrap(node).type === 'false';
}
