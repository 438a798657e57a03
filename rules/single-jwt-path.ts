import { singleJwtPath } from '../src/checks/single-jwt-path.js';
import { createRule } from '../src/eslint/create-rule.js';
import { findingsForFile } from '../src/eslint/findings-for-file.js';
import { reportFindings } from '../src/eslint/report-findings.js';
import { ruleMeta } from '../src/rules/registry.js';

export type Options = [];
export type MessageId = keyof typeof singleJwtPath.messages;

const meta = ruleMeta('single-jwt-path')!;

export default createRule<Options, MessageId>({
  name: meta.name,
  meta: {
    type: 'problem',
    docs: { description: meta.description, recommended: true },
    messages: singleJwtPath.messages,
    schema: [],
  },
  create(context) {
    return {
      Program() {
        reportFindings<MessageId>(
          (descriptor) => context.report(descriptor),
          findingsForFile(context, 'single-jwt-path', {}),
        );
      },
    };
  },
});
