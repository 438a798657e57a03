import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const coreDir = join(root, 'packages/auth-core/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const coreFiles = sources(coreDir).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
/** Module specifiers a file loads: import/export-from, require() and import(), read from the AST so comments do not count. */
function moduleRefs(path: string): { specifier: string; typeOnly: boolean }[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const refs: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const [argument] = node.arguments;
      const loads =
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require');
      if (loads && argument && ts.isStringLiteralLike(argument))
        refs.push({ specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return refs;
}
const JWT_LIBRARIES =
  /^(jose|jsonwebtoken|jwt-decode|jws|fast-jwt|passport-jwt|express-jwt|koa-jwt|@nestjs\/jwt|@fastify\/jwt|hono\/jwt)(\/|$)/;

describe('auth-core invariants', () => {
  it('is the only code of the repository that imports a JWT library', () => {
    const offenders = ['src', 'rules', 'bin']
      .flatMap((dir) => {
        try {
          return sources(join(root, dir));
        } catch {
          return [];
        }
      })
      .filter((path) => !path.startsWith(coreDir))
      .filter((path) => moduleRefs(path).some((ref) => JWT_LIBRARIES.test(ref.specifier)))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
    // Positive control: the scan does see the core's own jose imports.
    expect(
      coreFiles.filter((file) => moduleRefs(join(root, file.path)).some((ref) => ref.specifier === 'jose')).length,
    ).toBeGreaterThan(0);
  });

  it('never branches on the environment name', () => {
    const pattern = /NODE_ENV|APP_ENV|\bENVIRONMENT\b|\bSTAGE\b|import\.meta\.env|isProduction|isStaging|isDevelopment/;
    expect(coreFiles.filter((file) => pattern.test(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('reads process.env only in env.ts', () => {
    expect(coreFiles.filter((file) => file.text.includes('process.env')).map((file) => file.path)).toEqual([
      'packages/auth-core/src/env.ts',
    ]);
  });

  it('has no verification switches or decode-without-verify', () => {
    const pattern =
      /ignoreExpiration|ignoreNotBefore|decodeJwt|decodeProtectedHeader|UnsecuredJWT|x-e2e|x-test-mode|bypass\s*[:=]/i;
    expect(coreFiles.filter((file) => pattern.test(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('does not load ws at runtime', () => {
    const runtimeWs = coreFiles.filter((file) =>
      moduleRefs(join(root, file.path)).some((ref) => ref.specifier === 'ws' && !ref.typeOnly),
    );
    expect(runtimeWs.map((file) => file.path)).toEqual([]);
  });

  it('declares UserExecutionContext once, as a @canonical class', () => {
    const declarations = [...sources(join(root, 'src')), ...sources(coreDir)].filter((path) =>
      /\bclass\s+UserExecutionContext\b/.test(readFileSync(path, 'utf8')),
    );
    expect(declarations.map((path) => relative(root, path))).toEqual(['packages/auth-core/src/context.ts']);
    expect(readFileSync(join(coreDir, 'context.ts'), 'utf8')).toMatch(
      /@canonical\s*\n\s*\*\/\s*\nexport class UserExecutionContext\b/,
    );
  });
});
