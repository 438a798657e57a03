import type { RuleName } from '../model.js';
import { canonicalImport } from './canonical-import.js';
import { noAuthBypass } from './no-auth-bypass.js';
import { noDuplicateClass } from './no-duplicate-class.js';
import { noEnvBranchingAuth } from './no-env-branching-auth.js';
import { singleJwtPath } from './single-jwt-path.js';
import { singleSecretSource } from './single-secret-source.js';
import type { Check } from './types.js';

export const CHECKS: Record<RuleName, Check> = {
  'no-duplicate-class': noDuplicateClass,
  'canonical-import': canonicalImport,
  'single-jwt-path': singleJwtPath,
  'no-env-branching-auth': noEnvBranchingAuth,
  'no-auth-bypass': noAuthBypass,
  'single-secret-source': singleSecretSource,
};
