import { normaliseKey } from '../facts/naming.js';
import type { SecretReadFact } from '../facts/types.js';
import type { Check, RuleFinding } from './types.js';

/**
 * A JWT secret read outside the auth core: a second way of finding the secret, which drifts
 * from the first (seeds, report 4: three resolutions, two secrets in staging). Without a
 * declared core, reads that all name the same secret are one source; different names are not.
 */
export const singleSecretSource = {
  name: 'single-secret-source',
  skipsTests: true,
  messages: {
    outsideCore:
      'JWT secret {{name}} is read here, outside the auth core ({{core}}): a second way of finding the secret drifts from the first. Let the auth core read it from configuration and ask the core to verify.',
    inconsistentReads: 'JWT secret read as {{name}} here, but as {{others}} elsewhere in this package: {{count}} ways of finding the secret. Read it in one place, the auth core{{core}}.',
  },
  run(context) {
    const { index, authCore } = context;
    const findings: RuleFinding[] = [];
    const readsByPackage = index.derived('secretReadsByPackage', () => {
      const view = new Map<string, { file: string; read: SecretReadFact }[]>();
      for (const [file, facts] of index.files) {
        if (facts.secretReads.length === 0 || index.isTestFile(file) || index.isIgnoredFile(file)) continue;
        const owner = index.packageOf(file);
        view.set(owner, [...(view.get(owner) ?? []), ...facts.secretReads.map((read) => ({ file, read }))]);
      }
      return view;
    });
    for (const reads of readsByPackage.values()) {
      const names = new Set(reads.map(({ read }) => normaliseKey(read.name)));
      if (!authCore.declared && names.size < 2) continue;
      for (const { file, read } of reads) {
        if (authCore.isCore(file)) continue;
        if (context.onlyFiles && !context.onlyFiles.has(file)) continue;
        const core = authCore.describe(file);
        const others = reads.filter((other) => other.file !== file || other.read !== read).filter((other) => normaliseKey(other.read.name) !== normaliseKey(read.name));
        const message: { messageId: string; data: Record<string, string> } = authCore.declared
          ? { messageId: 'outsideCore', data: { name: read.name, core: core ?? 'auth-core' } }
          : {
              messageId: 'inconsistentReads',
              data: { name: read.name, others: [...new Set(others.map((other) => other.read.name))].join(', '), count: String(names.size), core: core ? ` (${core})` : '' },
            };
        findings.push({
          file,
          line: read.span.line,
          column: read.span.column,
          endLine: read.span.endLine,
          endColumn: read.span.endColumn,
          ...message,
          symbol: read.name,
          key: `${read.name}|${read.text}`,
          related: others.slice(0, 5).map((other) => ({ file: other.file, line: other.read.span.line, column: other.read.span.column, message: `reads ${other.read.name}` })),
        });
      }
    }
    return findings;
  },
} satisfies Check;
