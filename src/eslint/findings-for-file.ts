import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { evaluateChecks } from '../checks/evaluate.js';
import { CONFIG_FILE_NAME } from '../config/load-config.js';
import { extractFacts, type TypeScript } from '../engine/extract-facts.js';
import type { FileFacts } from '../engine/types.js';
import type { Finding, RuleName } from '../model.js';
import { bundledTypeScript } from '../project/typescript.js';
import { contentHash, parseText } from '../project/parse-file.js';
import { withOneLineErrors } from './plugin-settings.js';
import { decidesEslintSeverities, sessionFor, type ProjectSession } from './project-session.js';

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

interface LintOfFile {
  session: ProjectSession;
  relative: string;
  facts: FileFacts | undefined;
}

/** What the six rules share about one lint of one file (they see the same SourceCode object). */
const lints = new WeakMap<object, LintOfFile | null>();

function lintOf(context: AnyRuleContext): LintOfFile | null {
  const known = lints.get(context.sourceCode);
  if (known !== undefined) return known;
  const session = withOneLineErrors(() =>
    sessionFor(
      context.filename,
      context.cwd,
      () => parserTypeScript(context.cwd) ?? bundledTypeScript(),
      context.settings,
    ),
  );
  const relative = path
    .relative(session.config.root, path.resolve(context.cwd, context.filename))
    .split(path.sep)
    .join('/');
  let lint: LintOfFile | null = null;
  if (!relative.startsWith('..') && !path.isAbsolute(relative) && !session.isExcluded(relative)) {
    session.beforeLint(relative);
    const facts = session.factsOfBuffer(relative, contentHash(context.sourceCode.text), () =>
      extractFromContext(context, relative),
    );
    lint = { session, relative, facts };
  }
  lints.set(context.sourceCode, lint);
  return lint;
}

/**
 * The findings of one rule for the file being linted, from the same checks `ssot audit` runs.
 * Suppression comments are left to ESLint.
 */
export function findingsForFile(context: AnyRuleContext, rule: RuleName, options: Record<string, unknown>): Finding[] {
  const lint = lintOf(context);
  if (!lint?.facts) return [];
  const { session, relative } = lint;
  // ssot.config.json decides: a rule it turns off stays off even when eslint.config.js turns it on.
  const configured = session.config.rules[rule];
  if (configured.severity === 'off') {
    if (decidesEslintSeverities(session.config.root)) warnOverride(session.config.root, rule);
    return [];
  }
  const evaluate = () =>
    evaluateChecks(session.index, {
      only: [rule],
      rules: { [rule]: { severity: 'error', options: { ...configured.options, ...options } } },
      onlyFiles: new Set([relative]),
      applySuppressions: false,
    });
  let findings = evaluate();
  const named = findings.flatMap((finding) => finding.related?.map((location) => location.file) ?? []);
  if (session.verifyOnDisk(named, relative)) findings = evaluate();
  const baselined = session.baselineFingerprints();
  return findings.filter((finding) => !baselined.has(finding.fingerprint));
}

const warned = new Set<string>();

/**
 * One line per rule and project: ssot.configs.* took the rule's "off" from this ssot.config.json,
 * so ESLint running it means eslint.config.js turned it on again (a nested project's own
 * ssot.config.json turning a rule off is not an override).
 */
function warnOverride(root: string, rule: RuleName): void {
  const key = `${root}\0${rule}`;
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(
    `ssot/${rule} is "off" in ${path.join(root, CONFIG_FILE_NAME)}, which decides every ssot/* severity; the rule reports nothing. Remove its entry from eslint.config.js.`,
    { code: 'SSOT_SEVERITY_OVERRIDE' },
  );
}

/**
 * Reuses the TypeScript AST typescript-eslint already built when its TypeScript is one we can
 * read (SyntaxKind numbers differ between versions); otherwise parses the buffer ourselves,
 * which is also the path for plain JavaScript parsed by espree.
 */
function extractFromContext(context: AnyRuleContext, relative: string): FileFacts | undefined {
  const sourceCode = context.sourceCode;
  const map = sourceCode.parserServices?.esTreeNodeToTSNodeMap;
  const tsRoot = map?.get(sourceCode.ast as TSESTree.Program) as ts.Node | undefined;
  if (tsRoot) {
    const typescript = parserTypeScript(context.cwd);
    if (typescript && isReadableBy(typescript, tsRoot, sourceCode.ast as TSESTree.Program)) {
      return extractFacts(typescript, tsRoot as ts.SourceFile, relative);
    }
  }
  const outcome = parseText(parserTypeScript(context.cwd) ?? bundledTypeScript(), sourceCode.text, relative);
  return 'facts' in outcome ? outcome.facts : undefined;
}

const parserTypeScripts = new Map<string, TypeScript | null>();

/**
 * The `typescript` module typescript-eslint's parser loads from the linted project: already in
 * memory, so using it costs nothing, while loading another TypeScript costs ~0.4 s. Undefined
 * for projects without typescript-eslint (plain JavaScript with espree).
 */
export function parserTypeScript(cwd: string): TypeScript | undefined {
  if (!parserTypeScripts.has(cwd)) {
    let found: TypeScript | null = null;
    // The project's own parser first; then the one installed beside this package (ESLint run from elsewhere).
    for (const base of [path.join(cwd, 'package.json'), import.meta.url]) {
      try {
        const estree = createRequire(base).resolve('@typescript-eslint/typescript-estree');
        found = createRequire(estree)('typescript') as TypeScript;
        break;
      } catch {
        found = null;
      }
    }
    parserTypeScripts.set(cwd, found);
  }
  return parserTypeScripts.get(cwd) ?? undefined;
}

const ESTREE_TO_TS: Record<string, string[]> = {
  ImportDeclaration: ['ImportDeclaration', 'ImportEqualsDeclaration'],
  ClassDeclaration: ['ClassDeclaration'],
  FunctionDeclaration: ['FunctionDeclaration'],
  VariableDeclaration: ['VariableStatement'],
  ExpressionStatement: ['ExpressionStatement'],
  IfStatement: ['IfStatement'],
  ReturnStatement: ['ReturnStatement'],
  TSInterfaceDeclaration: ['InterfaceDeclaration'],
  TSTypeAliasDeclaration: ['TypeAliasDeclaration'],
};

/** Checks that the AST's kinds mean what this `typescript` says they mean, and that parents are set. */
function isReadableBy(typescript: TypeScript, root: ts.Node, program: TSESTree.Program): boolean {
  if (root.kind !== typescript.SyntaxKind.SourceFile) return false;
  const statements = (root as ts.SourceFile).statements;
  if (statements.length > 0 && statements[0]!.parent !== root) return false;
  for (const [position, node] of program.body.slice(0, 8).entries()) {
    const expected = ESTREE_TO_TS[node.type];
    const statement = statements[position];
    if (!expected || !statement) continue;
    if (!expected.some((name) => (typescript.SyntaxKind as unknown as Record<string, number>)[name] === statement.kind))
      return false;
  }
  return true;
}
