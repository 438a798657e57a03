import type { RuleName } from '../model.js';
import { canonicalImport } from './canonical-import.js';
import { noAuthBypass } from './no-auth-bypass.js';
import { noDuplicateClass } from './no-duplicate-class.js';
import { noEnvBranchingAuth } from './no-env-branching-auth.js';
import { singleJwtPath } from './single-jwt-path.js';
import { singleSecretSource } from './single-secret-source.js';
import type { Check } from './types.js';
import { byRuleName } from '../rules/registry.js';

export const CHECKS: Record<RuleName, Check> = byRuleName([
  noDuplicateClass,
  canonicalImport,
  singleJwtPath,
  noEnvBranchingAuth,
  noAuthBypass,
  singleSecretSource,
]);
