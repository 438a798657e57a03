import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { evaluateChecks } from '../checks/evaluate.js';
import { extractFacts, type TypeScript } from '../engine/extract-facts.js';
import type { FileFacts } from '../engine/types.js';
import type { Finding, RuleName } from '../model.js';
import { bundledTypeScript } from '../project/typescript.js';
import { contentHash, parseText } from '../project/parse-file.js';
import { sessionFor, type ProjectSession } from './project-session.js';

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The six rules lint the same buffer one after another: extract its facts once. */
let lastExtraction: { key: string; facts: FileFacts | undefined } | undefined;

interface LintOfFile {
  session: ProjectSession;
  relative: string;
  hash: string;
  key: string;
}

/** What the six rules share about one lint of one file (they see the same SourceCode object). */
const lints = new WeakMap<object, LintOfFile | null>();

function lintOf(context: AnyRuleContext): LintOfFile | null {
  const known = lints.get(context.sourceCode);
  if (known !== undefined) return known;
  const session = sessionFor(context.filename, context.cwd, () => parserTypeScript(context.cwd) ?? bundledTypeScript());
  const relative = path
    .relative(session.config.root, path.resolve(context.cwd, context.filename))
    .split(path.sep)
    .join('/');
  let lint: LintOfFile | null = null;
  if (!relative.startsWith('..') && !path.isAbsolute(relative) && !session.isExcluded(relative)) {
    const hash = contentHash(context.sourceCode.text);
    lint = { session, relative, hash, key: `${session.config.root}\0${relative}\0${hash}` };
    session.noteLint(relative);
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
  if (!lint) return [];
  const { session, relative } = lint;
  if (lastExtraction?.key !== lint.key) {
    if (session.holds(relative, lint.hash)) {
      lastExtraction = { key: lint.key, facts: session.index.files.get(relative) };
    } else {
      const facts = extractFromContext(context, relative);
      if (facts) session.updateFromBuffer(facts, context.sourceCode.text);
      lastExtraction = { key: lint.key, facts };
    }
  }
  if (!lastExtraction.facts) return [];
  // One file serves the editor and CI: a rule switched off in ssot.config.json stays off here,
  // and its options there apply unless the ESLint config sets options of its own (`options`).
  const configured = session.config.rules[rule];
  if (configured.severity === 'off') return [];
  const baselined = session.baselineFingerprints();
  return evaluateChecks(session.index, {
    only: [rule],
    rules: { [rule]: { severity: 'error', options: { ...configured.options, ...options } } },
    onlyFiles: new Set([relative]),
    applySuppressions: false,
  }).filter((finding) => !baselined.has(finding.fingerprint));
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
function parserTypeScript(cwd: string): TypeScript | undefined {
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
