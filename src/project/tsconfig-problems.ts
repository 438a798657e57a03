import path from 'node:path';
import type ts from 'typescript';
import type { TypeScript } from '../engine/extract-facts.js';

/**
 * Notes for tsconfig.json files that cannot be parsed. Imports are resolved without them then
 * (no path aliases, no baseUrl), which changes what the checks see: that must be said, not
 * left to silence.
 */
export function tsconfigProblems(typescript: TypeScript, root: string, tsconfigs: readonly string[]): string[] {
  return tsconfigs.flatMap((tsconfig) => {
    const { error } = typescript.readConfigFile(path.join(root, tsconfig), typescript.sys.readFile);
    if (!error) return [];
    const reason = typescript.flattenDiagnosticMessageText(error.messageText, ' ');
    return [
      `${tsconfig}: cannot be parsed${positionOf(error)} (${reason}); imports are resolved without its paths and options`,
    ];
  });
}

function positionOf(error: ts.Diagnostic): string {
  if (!error.file || error.start === undefined) return '';
  const { line, character } = error.file.getLineAndCharacterOfPosition(error.start);
  return ` at ${line + 1}:${character + 1}`;
}
