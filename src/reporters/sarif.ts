import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult, Finding, RuleName } from '../model.js';
import { REPOSITORY_URL } from '../package-info.js';
import type { RuleMeta } from '../rules/registry.js';
import { docsPageParts, withoutLinks } from './docs-page.js';
import { AUTH_RULE_IDS, repositoryPath, sortedFindings, sortedSkipped } from './shared.js';
import type { ReporterContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project home: the repository the rules' docs URLs (`helpUri`) point into. */
export const INFORMATION_URI = REPOSITORY_URL;
/** Key of `partialFingerprints`; bump the version suffix if the fingerprint algorithm changes. */
export const FINGERPRINT_KEY = 'ssotFingerprint/v1';
const SRCROOT = '%SRCROOT%';
const SKIPPED_FILE_NOTIFICATION = 'file-skipped';

/**
 * SARIF 2.1.0 for code-scanning uploads. One run; every rule of `context.rules` is described in
 * `tool.driver.rules` (so viewers can show docs for rules without results too); locations are
 * relative to `%SRCROOT%`: the repository root when the context has a `repositoryPrefix` (code
 * scanning resolves URIs against the checkout), else the audited directory. `originalUriBaseIds`
 * only describes it: an absolute `file://` base would tie the log to one machine's checkout.
 */
export function sarifReporter(result: AuditResult, context: ReporterContext): string {
  return `${JSON.stringify(toSarifLog(result, context), null, 2)}\n`;
}

export function toSarifLog(result: AuditResult, context: ReporterContext): Log {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id as string, index]));
  const skipped = sortedSkipped(result);

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            informationUri: INFORMATION_URI,
            rules: context.rules.map((rule) => toReportingDescriptor(rule, context)),
            notifications: [
              {
                id: SKIPPED_FILE_NOTIFICATION,
                name: 'FileSkipped',
                shortDescription: { text: 'A file could not be analysed; the audit went on without it.' },
              },
            ],
          },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: sourceRootDescription(context) } } },
        invocations: [
          {
            executionSuccessful: true,
            ...(skipped.length > 0
              ? {
                  toolExecutionNotifications: skipped.map((entry): Notification => ({
                    level: 'warning',
                    message: { text: `Skipped ${repositoryPath(entry.file, context)}: ${entry.reason}` },
                    locations: [{ physicalLocation: { artifactLocation: artifactLocation(entry.file, context) } }],
                    descriptor: { id: SKIPPED_FILE_NOTIFICATION, index: 0 },
                  })),
                }
              : {}),
            ...(result.notes.length > 0
              ? {
                  toolConfigurationNotifications: result.notes.map((note): Notification => ({
                    level: 'note',
                    message: { text: note },
                  })),
                }
              : {}),
          },
        ],
        // ESLint and the TypeScript AST count columns in UTF-16 code units; say so instead of letting
        // viewers assume Unicode code points.
        columnKind: 'utf16CodeUnits',
        properties: { authCore: { ...result.authCore } },
        results: sortedFindings(result).map((finding) => toResult(finding, ruleIndex.get(finding.ruleId), context)),
      },
    ],
  };
}

/** SARIF tooling (multitool rule SARIF2025) asks for a PascalCase friendly name beside the opaque id. */
function pascalCase(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * What GitHub code scanning reads from a rule's `properties`: `tags` (filters; `security` makes the
 * alert a security alert), `precision` (how often a result is a true positive: CodeQL's scale) and,
 * for security rules only, `security-severity` (a CVSS-like score: 9.0+ critical, 7.0 high, 4.0
 * medium). The scores rank what the rule's finding lets an attacker do: mint tokens (a bypass or a
 * fallback secret), slip past the one verification path, or reach code that only staging runs.
 */
interface CodeScanningProperties {
  tags: string[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
  'security-severity'?: string;
}

/** Per rule; `security` (for the auth rules) and `ssot` are added to the tags below. */
const CODE_SCANNING: Readonly<Record<RuleName, CodeScanningProperties>> = {
  'no-duplicate-class': { tags: ['correctness', 'maintainability'], precision: 'high' },
  'canonical-import': { tags: ['maintainability'], precision: 'very-high' },
  'single-jwt-path': { tags: ['external/cwe/cwe-287'], precision: 'high', 'security-severity': '8.1' },
  'no-env-branching-auth': { tags: [], precision: 'medium', 'security-severity': '5.9' },
  'no-auth-bypass': {
    tags: ['external/cwe/cwe-288', 'external/cwe/cwe-798'],
    precision: 'high',
    'security-severity': '9.1',
  },
  'single-secret-source': { tags: [], precision: 'high', 'security-severity': '7.5' },
};

function codeScanningProperties(rule: RuleMeta): CodeScanningProperties {
  const known = CODE_SCANNING[rule.name];
  const security = AUTH_RULE_IDS.has(rule.id);
  return {
    tags: [...(security ? ['security'] : []), ...known.tags, 'ssot'],
    precision: known.precision,
    ...(security && known['security-severity'] ? { 'security-severity': known['security-severity'] } : {}),
  };
}

function toReportingDescriptor(rule: RuleMeta, context: ReporterContext): ReportingDescriptor {
  const description = sentence(rule.description);
  const page = context.ruleDocs?.[rule.id];
  const docs = page === undefined ? undefined : docsPageParts(page, rule.docsUrl);
  const rationale = docs?.rationale;
  return {
    id: rule.id,
    name: pascalCase(rule.name),
    shortDescription: { text: description },
    fullDescription: rationale ? { text: withoutLinks(rationale), markdown: rationale } : { text: description },
    helpUri: rule.docsUrl,
    help: {
      text: `${description} See ${rule.docsUrl}`,
      markdown: docs ? docs.body : `${description} See [the rule documentation](${rule.docsUrl}).`,
    },
    defaultConfiguration: { level: rule.defaultSeverity },
    properties: codeScanningProperties(rule),
  };
}

function toResult(finding: Finding, ruleIndex: number | undefined, context: ReporterContext): Result {
  const location: Location = {
    physicalLocation: {
      artifactLocation: artifactLocation(finding.file, context),
      region: {
        startLine: finding.line,
        startColumn: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      },
    },
  };
  const related = finding.related ?? [];
  return {
    ruleId: finding.ruleId,
    // An id the driver does not describe gets no index: a wrong index is worse than none.
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: finding.severity,
    message: { text: messageWithLinks(finding, context) },
    locations: [location],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((entry, index): Location => ({
            id: index + 1,
            physicalLocation: {
              artifactLocation: artifactLocation(entry.file, context),
              region: { startLine: entry.line, startColumn: entry.column },
            },
            message: { text: entry.message ?? 'related location' },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.baselined !== undefined
      ? { baselineState: finding.baselined ? ('unchanged' as const) : ('new' as const) }
      : {}),
    ...(finding.symbol !== undefined ? { properties: { symbol: finding.symbol } } : {}),
  };
}

/**
 * The message, then one line per related location written as a SARIF embedded link
 * (`[text](id)`, the id of the related location), which GitHub turns into a link to that line.
 * Literal brackets elsewhere are escaped (`\[`), as SARIF asks of plain-text messages (§3.11.6), so
 * a message quoting `['staging'](x)` cannot turn into a link.
 */
function messageWithLinks(finding: Finding, context: ReporterContext): string {
  const related = finding.related ?? [];
  const links = related.map((entry, index) => {
    const where = `${repositoryPath(entry.file, context)}:${entry.line}:${entry.column}`;
    return `↳ [${escapeBrackets(where)}](${index + 1})${entry.message ? ` ${escapeBrackets(entry.message)}` : ''}`;
  });
  return [escapeBrackets(finding.message), ...links].join('\n');
}

function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

function artifactLocation(file: string, context: ReporterContext): ArtifactLocation {
  return { uri: relativeUri(repositoryPath(file, context)), uriBaseId: SRCROOT };
}

function sourceRootDescription(context: ReporterContext): string {
  return context.repositoryPrefix === undefined ? 'The audited directory.' : 'The root of the git repository.';
}

/**
 * A root-relative path as a relative URI reference: each segment percent-encoded so that `#`, `?`,
 * `%`, spaces and a `:` in the first segment (which would read as a scheme) survive. `@` is
 * legal in a path segment and kept for readable scoped-package paths.
 */
export function relativeUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%40/g, '@'))
    .join('/');
}
