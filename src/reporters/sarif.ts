import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditResult, Finding } from '../model.js';
import type { RuleMeta } from '../rules/registry.js';
import { repositoryPath, sortedFindings, sortedSkipped } from './shared.js';
import type { ReporterContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project home; the same repository `DOCS_BASE_URL` in the rule registry points into. */
export const INFORMATION_URI = 'https://github.com/ssot-lint/ssot-lint';
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
            rules: context.rules.map(toReportingDescriptor),
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

function toReportingDescriptor(rule: RuleMeta): ReportingDescriptor {
  const description = sentence(rule.description);
  return {
    id: rule.id,
    name: pascalCase(rule.name),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri: rule.docsUrl,
    help: {
      text: `${description} See ${rule.docsUrl}`,
      markdown: `${description} See [the rule documentation](${rule.docsUrl}).`,
    },
    defaultConfiguration: { level: rule.defaultSeverity },
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
    message: { text: finding.message },
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
