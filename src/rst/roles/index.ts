/**
 * Roles: docutils' standard roles, Sphinx 5.3's and the kernel's.
 *
 * `registerRoles(registry)` puts into the registry
 *   - docutils' canonical roles under their canonical and English alias names (marked canonical:
 *     the lookup reaches them the way docutils does, through the language module), and
 *   - unless `{sphinx: false}`, every Sphinx/kernel role as a placeholder (see sphinx.ts).
 * Look-ups go through `resolveRole` (lookup.ts), which reproduces docutils' messages.
 */
export { registerRoles, type RegisterRolesOptions } from './register.js';
export {
  resolveRole, registerLocalRole, unregisterLocalRole, defineCustomRole, setDefaultRole, defaultRoleRegistry,
  isCanonical, EN_ROLES, LANGUAGE_MODULE, type RoleLookup, type CustomRoleResult,
} from './lookup.js';

export { DOCUTILS_ROLES, customRole, genericCustomRole, genericRole, normalizedRoleOptions } from './docutils.js';
export {
  SPHINX_ROLES, DOMAIN_ROLES, KERNEL_ROLES, UNQUALIFIED_DOMAINS, sphinxRoleNames, sphinxRole,
  matchExplicitTitle, parseExplicitTitle,
} from './sphinx.js';
export type { InlineRoleContext } from './types.js';

