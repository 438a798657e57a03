import type ts from 'typescript';
import type { NamePool } from './strings.js';
import { extractSuppressions } from './suppressions.js';
import type { TypeScript } from './syntax.js';
import type { FileFacts } from './types.js';
import { BypassVisitor } from './visitors/bypasses.js';
import { EnvironmentVisitor } from './visitors/environment.js';
import { JwtVisitor } from './visitors/jwt.js';
import { ModuleVisitor } from './visitors/modules.js';
import { SecretVisitor } from './visitors/secrets.js';
import { walkFile, type FactVisitor, type Walk } from './walk.js';

export type { TypeScript } from './syntax.js';

/**
 * Extracts the one record of a file that the rules, `ssot paths` and `ssot init` read: one walk,
 * with a visitor per concern. Pure: same AST in, same facts out.
 */
export function extractFacts(
  typescript: TypeScript,
  sourceFile: ts.SourceFile,
  file: string,
  names: NamePool = new Map(),
): FileFacts {
  const facts = walkFile(typescript, sourceFile, file, createVisitors, names);
  facts.suppressions = extractSuppressions(typescript, sourceFile);
  return facts;
}

function createVisitors(walk: Walk): FactVisitor[] {
  const jwt = new JwtVisitor(walk);
  return [
    new ModuleVisitor(walk),
    jwt,
    new EnvironmentVisitor(walk),
    new SecretVisitor(walk, jwt),
    new BypassVisitor(walk, jwt),
  ];
}
