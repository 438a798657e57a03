import type { SecretReadFact } from '../engine/types.js';
import type { ProjectIndex } from '../project/project-index.js';
import type { AuthCoreView } from './auth-core-view.js';
import { identityText, type Check, type CheckContext, type RuleFinding } from './types.js';

/** One read of a key, where it sits. */
interface Resolution {
  file: string;
  read: SecretReadFact;
}

/** Which module a key's resolutions should live in, and why; undefined when none can claim it. */
interface Owner {
  file: string;
  why: string;
}

const SHOWN_MODULES = 3;

/**
 * A JWT key resolved in more than one place: each place that reads the key from the environment
 * or configuration can drift from the others (seeds, report 4: three resolutions, two secrets in
 * staging). With a declared core (config or the auth-core convention) the core is the one place
 * and every read elsewhere is reported. Without one, a key resolved in a single module is fine;
 * a key resolved in several modules, or read from several sources, is reported in every module
 * but its owner: the module that defines the configuration the others read it from, or the
 * de-facto core. When none can claim it, every resolution is reported: none is the one.
 * Different names stay different keys (access and refresh tokens may have their own).
 */
export const singleSecretSource = {
  name: 'single-secret-source',
  skipsTests: true,
  messages: {
    outsideCore:
      'JWT secret {{name}} is read here, outside the auth core ({{core}}): a second way of finding the secret drifts from the first. Let the auth core read it from configuration and ask the core to verify.',
    resolvedElsewhere:
      'JWT key {{name}} is resolved here ({{read}}) and in {{otherCount}} other module(s): {{others}}. {{ownership}} Resolve the key in one module and let the others ask it to sign and verify, so a rotation or a fallback cannot reach only some of them.',
    mixedSources:
      'JWT key {{name}} is read from {{source}} here but from {{otherSources}} in {{others}}: two sources of one key drift apart (one is rotated, the other is not). {{ownership}} Read the key from one source in one module.',
  },
  run(context) {
    return context.authCore.declared ? readsOutsideCore(context) : repeatedResolutions(context);
  },
} satisfies Check;

function readsOutsideCore(context: CheckContext): RuleFinding[] {
  const { authCore } = context;
  const findings: RuleFinding[] = [];
  for (const facts of context.targets) {
    if (facts.secretReads.length === 0 || authCore.isCore(facts.file)) continue;
    for (const read of facts.secretReads)
      findings.push(
        findingAt(facts.file, read, 'outsideCore', {
          name: read.name,
          core: authCore.describe(facts.file) ?? 'auth-core',
        }),
      );
  }
  return findings;
}

function repeatedResolutions(context: CheckContext): RuleFinding[] {
  const { index } = context;
  const targets = new Set(context.targets.map((facts) => facts.file));
  const findings: RuleFinding[] = [];
  for (const group of resolutionsByKey(index).values()) {
    const modules = [...new Set(group.map((resolution) => resolution.file))];
    const sources = new Set(group.map((resolution) => sourceOf(resolution.read)));
    if (modules.length < 2 && sources.size < 2) continue;
    const owner = ownerOf(group, modules, index, context.authCore);
    for (const { file, read } of group) {
      if (!targets.has(file) || file === owner?.file) continue;
      const others = modules.filter((module) => module !== file);
      const otherSources = [...sources].filter((source) => source !== sourceOf(read));
      const ownership = owner
        ? `${owner.file} owns it: ${owner.why}.`
        : `No module owns it: each reads ${[...sources].join(' or ')} itself.`;
      const data = { name: read.name, source: sourceOf(read), read: read.text, ownership };
      if (otherSources.length > 0) {
        const elsewhere = group.filter((other) => sourceOf(other.read) !== sourceOf(read)).map((other) => other.file);
        findings.push(
          findingAt(file, read, 'mixedSources', {
            ...data,
            otherSources: otherSources.join(', '),
            others: listed([...new Set(elsewhere)].map((module) => (module === file ? 'this module' : module))),
          }),
        );
      } else
        findings.push(
          findingAt(file, read, 'resolvedElsewhere', {
            ...data,
            otherCount: String(others.length),
            others: listed(others),
          }),
        );
    }
  }
  return findings;
}

/**
 * Production reads that resolve a key, by key: reads whose value reaches a JWT call's key. A name
 * alone is not a resolution: a config module mapping `JWT_SECRET` into its configuration
 * (`registerAs('jwt', () => ({ secret: process.env.JWT_SECRET }))`) is where the others read it
 * from, and a start-up check of its presence resolves nothing.
 */
function resolutionsByKey(index: ProjectIndex): Map<string, Resolution[]> {
  const groups = new Map<string, Resolution[]>();
  for (const [file, facts] of index.files) {
    if (index.isTestFile(file) || index.isIgnoredFile(file)) continue;
    for (const read of facts.secretReads) {
      if (read.role !== 'key') continue;
      const group = groups.get(read.key) ?? [];
      group.push({ file, read });
      groups.set(read.key, group);
    }
  }
  return groups;
}

/**
 * The module the key belongs to: the project module whose configuration object every read takes it
 * from (`env.SECRET_KEY` with `env` imported from one module), else the de-facto core when it is
 * one of the readers. Without either, no reader has a better claim than the others.
 */
function ownerOf(
  group: Resolution[],
  modules: string[],
  index: ProjectIndex,
  authCore: AuthCoreView,
): Owner | undefined {
  const definitions = new Set(
    group.map(({ file, read }) => (read.from ? index.resolveImport(file, read.from) : undefined)),
  );
  const [definition] = definitions;
  if (definitions.size === 1 && definition)
    return {
      file: definition,
      why: `it defines ${group[0]!.read.source}, the configuration the others take ${group[0]!.read.name} from`,
    };
  // Only a core that is one already owns the key: a proposed one (several JWT modules) is not yet.
  const core = modules.filter((module) => authCore.isCore(module));
  if (core.length === 1) return { file: core[0]!, why: 'it is the only module that verifies tokens' };
  return undefined;
}

/** `process.env.JWT_SECRET`, `configService.get('JWT_SECRET')`, `env.SECRET_KEY`: where the key is read from. */
function sourceOf(read: SecretReadFact): string {
  return /\.(get|getOrThrow|getString|require)$/.test(read.source)
    ? `${read.source}('${read.name}')`
    : `${read.source}.${read.name}`;
}

function listed(modules: string[]): string {
  const shown = modules.slice(0, SHOWN_MODULES).join(', ');
  return modules.length > SHOWN_MODULES ? `${shown} and ${modules.length - SHOWN_MODULES} more` : shown;
}

function findingAt(file: string, read: SecretReadFact, messageId: string, data: Record<string, string>): RuleFinding {
  return {
    file,
    line: read.span.line,
    column: read.span.column,
    endLine: read.span.endLine,
    endColumn: read.span.endColumn,
    messageId,
    data,
    symbol: read.name,
    key: `${read.name}|${identityText(read.text)}`,
  };
}
