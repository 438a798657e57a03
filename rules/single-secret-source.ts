import { singleSecretSource } from '../src/checks/single-secret-source.js';
import { ruleCreatorFor } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import { ruleDefinition } from '../src/rules/registry.js';

export type Options = [];
export type MessageId = keyof typeof singleSecretSource.messages;

const meta = ruleDefinition('single-secret-source');
const createRule = ruleCreatorFor(meta.name);

export default createRule<Options, MessageId>({
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: singleSecretSource.messages,
    schema: [],
  },
  create(context) {
    return {
      Program() {
        reportFindings<MessageId>((descriptor) => context.report(descriptor), findingsForFile(context, meta.name, {}));
      },
    };
  },
});
