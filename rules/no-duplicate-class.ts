import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { suggestedSpecifier } from '../src/checks/canonical-import.js';
import { noDuplicateClass, type NoDuplicateClassOptions } from '../src/checks/no-duplicate-class.js';
import { ruleCreatorFor } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import type { Finding } from '../src/model.js';
import { ruleDefinition } from '../src/rules/registry.js';

export type Options = [NoDuplicateClassOptions?];
export type MessageId = keyof typeof noDuplicateClass.messages | 'useCanonical';

const meta = ruleDefinition('no-duplicate-class');
const createRule = ruleCreatorFor(meta.name);

export default createRule<Options, MessageId>({
  // eslint-disable-next-line eslint-plugin/require-meta-default-options -- defaults come from ssot.config.json, see `schema` below
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: {
      ...noDuplicateClass.messages,
      useCanonical: "Replace this copy with the canonical class from '{{specifier}}'.",
    },
    hasSuggestions: true,
    schema: meta.optionsSchema,
    // No meta.defaultOptions: ESLint would merge them into every call, hiding whether the user set
    // an option, and ssot.config.json (which serves the CLI too) must fill in what ESLint does not.
    // The default, off, lives in the check.
  },
  create(context, [options = {}]) {
    const sourceCode = context.sourceCode;

    /** Deleting a class changes what the module runs, so replacing it with the canonical one is a suggestion. */
    function suggestionFor(finding: Finding): Partial<TSESLint.ReportDescriptor<MessageId>> {
      const canonicalFile = finding.messageId === 'copyOfCanonical' ? finding.related?.[0]?.file : undefined;
      if (!canonicalFile) return {};
      const index = sourceCode.getIndexFromLoc({ line: finding.line, column: finding.column - 1 });
      let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(index);
      while (node && node.type !== 'ClassDeclaration') node = node.parent ?? null;
      if (!node || (node.parent.type !== 'Program' && node.parent.type !== 'ExportNamedDeclaration')) return {};
      const declaration = node.parent.type === 'ExportNamedDeclaration' ? node.parent : node;
      const usesJsExtensions = sourceCode.ast.body.some(
        (statement) => statement.type === 'ImportDeclaration' && /^\..*\.js$/.test(statement.source.value),
      );
      const relativeFile = finding.file;
      const specifier = suggestedSpecifier(relativeFile, usesJsExtensions ? 'x.js' : 'x', canonicalFile);
      const name = finding.symbol!;
      const replacement =
        declaration.type === 'ExportNamedDeclaration'
          ? `export { ${name} } from '${specifier}';`
          : `import { ${name} } from '${specifier}';`;
      return {
        suggest: [
          {
            messageId: 'useCanonical',
            data: { specifier },
            fix: (fixer) => fixer.replaceText(declaration, replacement),
          },
        ],
      };
    }

    return {
      Program() {
        reportFindings<MessageId>(
          (descriptor) => context.report(descriptor),
          findingsForFile(context, meta.name, { ...options }),
          suggestionFor,
        );
      },
    };
  },
});
