import type { RawConfig } from '../config/load-config.js';
import { authCoreViewOf } from '../checks/auth-core-view.js';
import type { ClassDeclaration, ProjectIndex } from '../project/project-index.js';

export interface ConfigProposal {
  config: RawConfig;
  /** Why each entry was proposed, one line each, for the person running `ssot init`. */
  reasons: string[];
}

/**
 * What `ssot init` writes: the auth core (by convention, or the module the audit proposes: it
 * verifies, with no environment branch or bypass, and is imported most) and a canonical module for every class declared more than once in one package
 * (the copy with the most members, ties broken by the most importers).
 */
export function proposeConfig(index: ProjectIndex): ConfigProposal {
  const reasons: string[] = [];
  const config: RawConfig = {};

  const core = authCoreViewOf(index);
  const declaredCore = [...index.files.keys()].find((file) => core.declared && core.isCore(file));
  const coreFile = declaredCore ?? core.inferred?.file;
  if (coreFile) {
    config.authCore = [coreFile];
    reasons.push(
      declaredCore
        ? `authCore: ${coreFile} follows the auth-core naming convention`
        : `authCore: ${coreFile}: ${core.inferred!.reason}; the other modules that verify tokens should call it`,
    );
  }

  const canonical: Record<string, string> = {};
  for (const [name, declarations] of index.classesByName()) {
    const byPackage = new Map<string, ClassDeclaration[]>();
    for (const declaration of declarations) {
      const owner = index.packageOf(declaration.file);
      byPackage.set(owner, [...(byPackage.get(owner) ?? []), declaration]);
    }
    const group = [...byPackage.values()].find((copies) => new Set(copies.map((copy) => copy.file)).size > 1);
    if (!group || index.canonical().has(name)) continue;
    const importers = importerCounts(index, name);
    const chosen = [...group].sort(
      (a, b) =>
        b.members.length - a.members.length ||
        (importers.get(b.file) ?? 0) - (importers.get(a.file) ?? 0) ||
        a.file.localeCompare(b.file),
    )[0]!;
    canonical[name] = chosen.file;
    reasons.push(
      `canonical ${name}: ${chosen.file} (${chosen.members.length} members, ${importers.get(chosen.file) ?? 0} importers; ${group.length - 1} other cop${group.length === 2 ? 'y' : 'ies'})`,
    );
  }
  if (Object.keys(canonical).length > 0) config.canonical = canonical;
  return { config, reasons };
}

function importerCounts(index: ProjectIndex, name: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const facts of index.files.values()) {
    for (const fact of facts.imports) {
      if (fact.imported !== name) continue;
      const target = index.resolveImport(facts.file, fact.specifier);
      const origin = target && index.originOf(target, name);
      if (origin) counts.set(origin, (counts.get(origin) ?? 0) + 1);
    }
  }
  return counts;
}
