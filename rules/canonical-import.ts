import { canonicalImport } from '../src/checks/canonical-import.js';
import { ruleCreatorFor } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import { ruleDefinition } from '../src/rules/registry.js';

export type Options = [];
export type MessageId = keyof typeof canonicalImport.messages;

const meta = ruleDefinition('canonical-import');
const createRule = ruleCreatorFor(meta.name);

export default createRule<Options, MessageId>({
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: canonicalImport.messages,
    // Only the specifier changes, and only when every binding of the statement exists in the canonical module.
    fixable: 'code',
    schema: [],
  },
  create(context) {
    return {
      Program() {
        reportFindings<MessageId>(
          (descriptor) => context.report(descriptor),
          findingsForFile(context, meta.name, {}),
          (finding) =>
            finding.fix ? { fix: (fixer) => fixer.replaceTextRange(finding.fix!.range, finding.fix!.text) } : {},
        );
      },
    };
  },
});
