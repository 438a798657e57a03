import type { TSESLint } from '@typescript-eslint/utils';
import type { Finding } from '../model.js';

type Report<MessageId extends string> = (descriptor: TSESLint.ReportDescriptor<MessageId>) => void;

/** ESLint columns are 0-based, findings' 1-based. */
export function locationOf(finding: Finding) {
  return {
    start: { line: finding.line, column: finding.column - 1 },
    end: { line: finding.endLine, column: finding.endColumn - 1 },
  };
}

/** Reports findings through ESLint; `extra` adds fixes or suggestions a rule knows how to make. */
export function reportFindings<MessageId extends string>(
  report: Report<MessageId>,
  findings: readonly Finding[],
  extra: (finding: Finding) => Partial<TSESLint.ReportDescriptor<MessageId>> = () => ({}),
): void {
  for (const finding of findings) {
    report({
      loc: locationOf(finding),
      messageId: finding.messageId as MessageId,
      data: finding.data ?? {},
      ...extra(finding),
    } as TSESLint.ReportDescriptor<MessageId>);
  }
}
