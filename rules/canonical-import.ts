import { canonicalImport } from '../src/checks/canonical-import.js';
import { ruleCreatorFor } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import type { Finding } from '../src/model.js';
import { ruleDefinition } from '../src/rules/registry.js';

export type Options = [];
export type MessageId = keyof typeof canonicalImport.messages | 'useCanonicalModule';

const meta = ruleDefinition('canonical-import');
const createRule = ruleCreatorFor(meta.name);

export default createRule<Options, MessageId>({
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: {
      ...canonicalImport.messages,
      useCanonicalModule: "Import it from '{{specifier}}' (check the call sites: the canonical class differs).",
    },
    // An autofix only when the rewrite cannot change behaviour (same members on both sides, the
    // specifier's style kept); otherwise the same rewrite is a suggestion, as typescript-eslint's
    // getFixOrSuggest does.
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    function fixOrSuggestion({ fix, suggestion }: Finding) {
      if (fix) return { fix: () => ({ range: fix.range, text: fix.text }) };
      if (!suggestion) return {};
      return {
        suggest: [
          {
            messageId: 'useCanonicalModule' as const,
            data: { specifier: suggestion.text },
            fix: () => ({ range: suggestion.range, text: suggestion.text }),
          },
        ],
      };
    }

    return {
      Program() {
        reportFindings<MessageId>(
          (descriptor) => context.report(descriptor),
          findingsForFile(context, meta.name, {}),
          fixOrSuggestion,
        );
      },
    };
  },
});
