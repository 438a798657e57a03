/**
 * Name conventions the extractors rely on. Kept in one place so that the rules,
 * the path inventory and the docs describe the same thing.
 */

/** Splits `UnifiedWebSocketAuthenticator`, `user_context-extractor.ts` into lower-case words. */
export function words(name: string): string[] {
  let split = splitWords.get(name);
  if (!split) {
    split = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word.toLowerCase());
    // Names repeat across a project (every `token`, every `handleConnection`): split each once.
    if (splitWords.size > 50_000) splitWords.clear();
    splitWords.set(name, split);
  }
  return split;
}

const splitWords = new Map<string, string[]>();

/*
 * Words that make a function, method or class name auth code by themselves.
 * `authenticated` names a state (a UI component `Authenticated`), not the act.
 */
const AUTH_WORD =
  /^(auth|authn|authz|oauth|oauth2|authenticat(e|es|ion|ions|or|ors|ing)|authoris\w*|authoriz\w*|jwt|jwts|jws|bearer|signin|credential|credentials)$/;

/*
 * `token`, `session` and `login` are auth words only in the role of one: the object of an auth
 * verb (`validateToken`, `refreshToken`, `loginUser`) or qualifying an auth role
 * (`TokenRefresher`, `SessionStore`, `LoginController`). `TokenBucket.refill`, a lexer's
 * `nextToken`, `translateLoginPage` are not auth code; a function that really issues tokens or
 * sessions is found by what it calls, whatever its name.
 */
const CREDENTIAL_WORD = /^(token|tokens|session|sessions|login|logins|logon)$/;
const AUTH_VERB =
  /^(validate|verify|refresh|check|decode|issue|create|sign|revoke|rotate|generate|mint|exchange|introspect|extract|require|ensure|invalidate|handle)$/;
const AUTH_ROLE =
  /^(service|services|manager|refresher|validator|verifier|guard|guards|strategy|store|provider|issuer|handler|middleware|controller|resolver|extractor|interceptor)$/;

/** Whether a function, method or class name speaks of auth (`getAuthor` does not). */
export function isAuthName(name: string): boolean {
  const nameWords = words(name);
  return nameWords.some(
    (word, index) =>
      AUTH_WORD.test(word) ||
      (CREDENTIAL_WORD.test(word) &&
        (AUTH_VERB.test(nameWords[index - 1] ?? '') ||
          AUTH_ROLE.test(nameWords[index + 1] ?? '') ||
          (index === 0 && /^log(in|on)$/.test(word)))),
  );
}

// `ws` alone is left out: a whole app folder named `ws` is not all auth code. `token` alone too:
// `token-bucket.ts` and a lexer's `tokens/` are not auth; `tokens.ts`, `access-token/` are (last word).
const AUTH_PATH_WORD =
  /^(auth|authn|authz|oauth|oauth2|authenticat(e|es|ion|ions|or|ors|ing)|authoris\w*|authoriz\w*|jwt|jwts|session|sessions|login|credential|credentials|passport|guard|guards|websocket|websockets)$/;

/** The default auth-code convention for files: a path segment that speaks of auth or WebSockets. */
export function isAuthPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => {
    const segmentWords = words(segment.replace(/\.([cm]?[jt]sx?|py)$/, ''));
    return segmentWords.some((word) => AUTH_PATH_WORD.test(word)) || /^tokens?$/.test(segmentWords.at(-1) ?? '');
  });
}

/** Environment variables whose value names the deployment environment or a test mode. */
const ENV_NAME =
  /^(NODE_ENV|ENV|ENVIRONMENT|APP_ENV|APP_ENVIRONMENT|STAGE|APP_STAGE|DEPLOY_ENV|DEPLOYMENT_ENV|RUNTIME_ENV|VERCEL_ENV|RAILS_ENV|MODE|CI|TESTING|IS_TEST|IS_E2E|TEST_MODE)$|(^|_)(ENV|ENVIRONMENT|STAGE)$|(^|_)E2E(_|$)|(^|_)TEST(ING)?(_MODE|_ENV)?$/;

export function isEnvironmentVariable(name: string): boolean {
  return ENV_NAME.test(name);
}

/** Config fields that hold the environment name: `config.env`, `settings.stage`. */
const ENV_FIELD =
  /^(env|environment|stage|nodeEnv|appEnv|deployEnv|runtimeEnv|isProd|isProduction|isStaging|isDev|isDevelopment|isTest|isTesting|isE2e|isE2E|isLocal)$/;

/** `config.env`, and an environment variable mirrored as an upper-case field (`env.ENVIRONMENT`, `config.NODE_ENV`). */
export function isEnvironmentField(name: string): boolean {
  return ENV_FIELD.test(name) || (/^[A-Z][A-Z0-9_]*$/.test(name) && isEnvironmentVariable(name));
}

/** Helpers that read one environment variable by name: `env('NODE_ENV')`, `getEnv('APP_ENV')`, `readEnv(…)`. */
export function isEnvironmentReader(name: string): boolean {
  return /^(env|get_?env|read_?env|env_?var|get_?env_?var)$/i.test(name);
}

/**
 * Objects whose fields and helpers speak of the deployment environment: `config.env`,
 * `this.settings.stage`, `appConfig.isProduction()`. `this.environment` alone is often a
 * domain entity (a tenant's environment), so it does not count.
 */
export function isConfigLikeOwner(ownerText: string): boolean {
  const last = ownerText.split('.').at(-1) ?? '';
  return /^(config|configuration|settings|options|opts|cfg|conf|env|environment|app)$|(Config|Configuration|Settings|Options|Env|Environment)(Service)?$|^(config|env|environment)Service$/.test(
    last,
  );
}

/** Names deployments are called by: a value compared with one of these is an environment name. */
const ENV_NAME_LITERAL =
  /^(prod|production|staging|stage|dev|develop|development|test|testing|local|qa|uat|preview|e2e|sandbox)$/i;

export function isEnvironmentNameLiteral(text: string): boolean {
  return ENV_NAME_LITERAL.test(text);
}

/** Helpers such as `isProduction()`, `getEnvironment()`, `get_env()`. */
const ENV_HELPER =
  /^(is_?(prod|production|staging|stage|dev|development|test|testing|e2e|local|ci)(_?(env|environment|mode))?|get_?(env|environment|stage|node_?env)|current_?(env|environment|stage))$/i;

export function isEnvironmentHelper(name: string): boolean {
  return ENV_HELPER.test(name);
}

/** Keys passed to `config.get(...)` that name the environment. */
export function isEnvironmentConfigKey(key: string): boolean {
  return isEnvironmentVariable(key.toUpperCase()) || isEnvironmentField(key);
}

/**
 * JWT secrets and keys: `JWT_SECRET`, `JWT_SECRET_STAGING`, `SUPABASE_JWT_SECRET`, `AUTH_PUBLIC_KEY`,
 * `ACCESS_TOKEN_SECRET`. Config keys are normalised first (`jwt.secret`, `auth.jwtSecret`).
 */
const SECRET_NAME =
  /(^|_)JWT(_[A-Z0-9]+)*_(SECRET|KEY|PUBLIC_KEY|PRIVATE_KEY|SIGNING_KEY)(_|$)|(^|_)(SECRET|KEY)_JWT(_|$)|^(AUTH|ACCESS_TOKEN|REFRESH_TOKEN|ID_TOKEN|TOKEN)(_[A-Z0-9]+)?_(SECRET|PUBLIC_KEY|PRIVATE_KEY|SIGNING_KEY|VERIFY_KEY)(_[A-Z0-9]+)?$|^NEXTAUTH_SECRET$/;

export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * Words that make a `…_KEY` the name of a slot rather than key material: `JWT_STORAGE_KEY`
 * (where the browser keeps the token), `JWT_COOKIE_KEY`, `JWT_HEADER_KEY`.
 */
const SLOT_WORD = /(^|_)(STORAGE|COOKIE|COOKIES|HEADER|HEADERS|NAME|PARAM|QUERY|CACHE|PREFIX|FIELD|ATTRIBUTE)(_|$)/;

export function isSecretName(key: string): boolean {
  const name = normaliseKey(key);
  return SECRET_NAME.test(name) && !SLOT_WORD.test(name);
}

/**
 * The key a read names, without the namespace it sits under: `INFRA.JWT_SECRET`, `jwt.secret`,
 * `auth.jwtSecret` and `JWT_SECRET` are all `JWT_SECRET`, so reads through different sources
 * of the same key meet. A name that is not a secret name by itself (`env.SECRET_KEY` handed to
 * `jwt.sign`) keeps its whole path: `access.secret` and `refresh.secret` are two keys.
 */
export function secretKeyIdentity(key: string): string {
  const segments = key.split(/[.:/]/).filter(Boolean);
  for (let start = segments.length - 1; start >= 0; start--) {
    const suffix = segments.slice(start).join('.');
    if (isSecretName(suffix)) return normaliseKey(suffix);
  }
  return normaliseKey(key);
}

/** Header names that switch auth off for tests: `x-e2e-test`, `x-test-mode`, `x-bypass-auth`. */
const BYPASS_HEADER =
  /^x-(e2e|test|testing|bypass|skip-auth|no-auth|mock-user|fake-user)(-[a-z0-9]+)*$|^x-[a-z0-9-]*-(e2e|bypass)(-[a-z0-9]+)*$/i;

export function isBypassHeader(name: string): boolean {
  return BYPASS_HEADER.test(name);
}

/** Token contents that only a test would look for. */
const SUSPICIOUS_TOKEN_CONTENT = /e2e|test|staging|dev|mock|fake|bypass|debug|demo|dummy|local|skip/i;

export function isSuspiciousTokenContent(text: string): boolean {
  return SUSPICIOUS_TOKEN_CONTENT.test(text);
}

/** A variable or property that holds a token: its last word is token, jwt or bearer. */
export function isTokenName(name: string): boolean {
  const last = words(name).at(-1);
  return last === 'token' || last === 'jwt' || last === 'bearer';
}

/** Option names that carry a signing or verification key. */
export const KEY_OPTION_NAMES = new Set([
  'secret',
  'secretOrKey',
  'secretOrPublicKey',
  'secretOrPrivateKey',
  'privateKey',
  'publicKey',
  'jwtSecret',
  'signingKey',
  'key',
]);

/*
 * Calls that issue a credential, by what the callee says it makes: a verb of making
 * (`create`, `issue`, `sign`, `mint`, `generate`, `signin`…) with a credential noun as the thing
 * made, last in its name or before the role of what makes it (`createSession`,
 * `getSignedToken`, `getEmailSigninToken`, `this.createSessionUsecase.execute`,
 * `CreateSessionCommand.create`). `getToken`, `parseToken`, `verifyToken`, `createTokenBucket`
 * make none.
 */
const MAKING_WORD = /^(create|creates|issue|issues|sign|signs|signed|signin|mint|mints|generate|generates)$/;
const CREDENTIAL_NOUN = /^(token|tokens|session|sessions|jwt|jwts)$/;
const MAKER_ROLE = /^(usecase|use|case|command|handler|service|action|job|request)$/;

export function isCredentialIssuingName(calleeText: string): boolean {
  return calleeText.split('.').some((segment) => {
    const segmentWords = words(segment);
    const making = segmentWords.findIndex((word) => MAKING_WORD.test(word));
    if (making < 0) return false;
    const made = segmentWords.findIndex((word, index) => index > making && CREDENTIAL_NOUN.test(word));
    return made > 0 && segmentWords.slice(made + 1).every((word) => MAKER_ROLE.test(word));
  });
}

/** Signing in a request (`req.login`, `ctx.logIn`, `signIn(ctx, …)`): passport's and most frameworks' session start. */
export function isSignInName(name: string): boolean {
  return /^(login|logIn|signIn|signin)$/.test(name);
}

/** Cookies that carry a credential: `session`, `sid`, `accessToken`, `jwt`, `auth`. */
export function isCredentialCookieName(name: string): boolean {
  return /session|token|jwt|auth|^sid$|[._-]sid$|^connect\.sid$/i.test(name);
}

/** Deployment names on either side of the production line; `staging`, `qa`, `preview` are on neither. */
const NON_PRODUCTION_NAME = /^(dev|develop|development|test|testing|local|e2e|sandbox)$/i;
const PRODUCTION_NAME = /^(prod|production)$/i;
const NON_PRODUCTION_FLAG = /^(is_?)?(dev|development|test|testing|e2e|local)(_?(env|environment|mode))?$/i;
const PRODUCTION_FLAG = /^(is_?)?(prod|production)(_?(env|environment|mode))?$/i;

/** Which branch of a condition runs outside production: `then`, `else`, or neither known. */
export type NonProductionBranch = 'then' | 'else' | undefined;

export function isNonProductionName(name: string): boolean {
  return NON_PRODUCTION_NAME.test(name);
}

export function isProductionName(name: string): boolean {
  return PRODUCTION_NAME.test(name);
}

/** `env == 'test'`: `then` runs outside production; `env == 'production'`: `else` does. */
export function deploymentNameBranch(name: string): NonProductionBranch {
  return isNonProductionName(name) ? 'then' : isProductionName(name) ? 'else' : undefined;
}

/** `isDevelopment`, `isTest()`, `is_testing`: `then` runs outside production; `isProduction`: `else` does. */
export function flagBranch(name: string | undefined): NonProductionBranch {
  if (!name) return undefined;
  if (NON_PRODUCTION_FLAG.test(name)) return 'then';
  return PRODUCTION_FLAG.test(name) ? 'else' : undefined;
}

/** The branch of the negated condition (`!==`, `not in`, `!isProd`). */
export function flipBranch(branch: NonProductionBranch): NonProductionBranch {
  return branch === 'then' ? 'else' : branch === 'else' ? 'then' : undefined;
}
