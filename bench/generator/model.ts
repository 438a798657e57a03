import type { SnippetField, SnippetTarget } from './snippets.js';
import type { RuleName } from '../../src/model.js';

export type AppName = 'api' | 'admin' | 'worker' | 'web';

/** One business domain (a NestJS-style module in the API, a feature elsewhere). */
export interface Domain {
  app: AppName;
  /** PascalCase, e.g. `BillingEntry`. */
  name: string;
  /** kebab-case, e.g. `billing-entry`. */
  kebab: string;
  camel: string;
  /** Words, e.g. `billing entry`. */
  label: string;
  /** snake_case plural, the table name. */
  table: string;
  fields: SnippetField[];
  /** Folder of the domain, relative to the repository root. */
  dir: string;
  /** An earlier domain of the same app whose service this one calls. */
  neighbor?: Domain;
  /** A shared utility module this domain imports by its deep path alias. */
  utility: Utility;
}

export interface Utility {
  /** kebab-case module name, e.g. `money-format`. */
  module: string;
  /** PascalCase stem used in its function names. */
  stem: string;
  /** An exported function other modules call. */
  entry: string;
}

/**
 * A generated file: `head` and `tail` are fixed, filler (methods or functions) goes between
 * them until the file reaches its share of the line budget.
 */
export interface GeneratedFile {
  path: string;
  head: string[];
  tail: string[];
  filler: { kind: 'method' | 'function'; target: SnippetTarget; weight: number } | null;
  /** Imports only the filler needs, put on top once there is filler (an unused import would be a lint error). */
  fillerImports?: string[];
  body: string[];
}

export function fixedFile(path: string, lines: string[]): GeneratedFile {
  return { path, head: lines, tail: [], filler: null, body: [] };
}

function parts(file: GeneratedFile): string[] {
  // Not every snippet names the record type: import it only when the filler does.
  const usesTarget = file.filler !== null && file.body.some((line) => line.includes(file.filler!.target.type));
  const imports = usesTarget ? (file.fillerImports ?? []) : [];
  return [...imports, ...file.head, ...file.body, ...file.tail];
}

export function lineCount(file: GeneratedFile): number {
  return parts(file).length;
}

export function render(file: GeneratedFile): string {
  return `${parts(file).join('\n')}\n`;
}

/** A planted violation: which rule should report it, how many findings, and why. */
export interface Plant {
  file: string;
  rule: RuleName;
  count: number;
  what: string;
}

export { RULE_NAMES } from '../../src/rules/registry.js';
export type { RuleName };

/** Splits a template into lines, dropping the first line break and the common indentation. */
export function lines(text: string): string[] {
  const all = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(
    ...all.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length),
  );
  return all.map((line) => line.slice(indent));
}
