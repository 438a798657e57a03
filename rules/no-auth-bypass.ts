import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { noAuthBypass } from '../src/checks/no-auth-bypass.js';
import { ruleCreatorFor } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import type { Finding } from '../src/model.js';
import { ruleDefinition } from '../src/rules/registry.js';

export type Options = [];
export type MessageId = keyof typeof noAuthBypass.messages | 'removeOption' | 'removeAlgorithm';

const meta = ruleDefinition('no-auth-bypass');
const createRule = ruleCreatorFor(meta.name);

export default createRule<Options, MessageId>({
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: {
      ...noAuthBypass.messages,
      removeOption: 'Remove `ignoreExpiration: true`.',
      removeAlgorithm: "Remove 'none' from the allowed algorithms.",
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;

    /** Removing a switched-off check changes behaviour on purpose, so it is a suggestion, never an autofix. */
    function suggestionFor(finding: Finding): Partial<TSESLint.ReportDescriptor<MessageId>> {
      if (finding.messageId !== 'ignoreExpiration' && finding.messageId !== 'algorithmNone') return {};
      const index = sourceCode.getIndexFromLoc({ line: finding.line, column: finding.column - 1 });
      let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(index);
      const wanted = finding.messageId === 'ignoreExpiration' ? 'Property' : 'Literal';
      while (node && node.type !== wanted) node = node.parent ?? null;
      // Only an item of a list can go: `algorithm: NONE` or `const NONE = 'none'` would be left without a value.
      if (!node || (wanted === 'Literal' && node.parent?.type !== 'ArrayExpression')) return {};
      const target = node;
      return {
        suggest: [
          {
            messageId: finding.messageId === 'ignoreExpiration' ? 'removeOption' : 'removeAlgorithm',
            fix: (fixer) => removeListItem(fixer, sourceCode, target),
          },
        ],
      };
    }

    return {
      Program() {
        reportFindings<MessageId>(
          (descriptor) => context.report(descriptor),
          findingsForFile(context, meta.name, {}),
          suggestionFor,
        );
      },
    };
  },
});

/** Removes an object property or array element together with one neighbouring comma. */
function removeListItem(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): TSESLint.RuleFix {
  const after = sourceCode.getTokenAfter(node);
  if (after?.value === ',')
    return fixer.removeRange([
      node.range[0],
      sourceCode.getTokenAfter(after, { includeComments: true })?.range[0] ?? after.range[1],
    ]);
  const before = sourceCode.getTokenBefore(node);
  if (before?.value === ',') return fixer.removeRange([before.range[0], node.range[1]]);
  return fixer.remove(node);
}
