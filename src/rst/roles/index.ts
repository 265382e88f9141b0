/**
 * Roles: docutils' standard roles, Sphinx 5.3's and the kernel's.
 *
 * `registerRoles(registry)` puts into the registry
 *   - docutils' canonical roles under their canonical and English alias names (marked canonical:
 *     the lookup reaches them the way docutils does, through the language module), and
 *   - unless `{sphinx: false}`, every Sphinx/kernel role as a placeholder (see sphinx.ts).
 * Look-ups go through `resolveRole` (lookup.ts), which reproduces docutils' messages.
 *
 * For directives:
 *   - `.. role:: new(base)` → `defineCustomRole(document, registry, 'new', 'base', options)`;
 *     emit `info` (if any) as an INFO at the directive's line, and if `!ok` docutils' ERROR
 *     'Unknown interpreted text role "base".' (or the class_option error when `classError`).
 *   - `.. default-role:: name` (plain docutils) → `setDefaultRole(document, registry, name | null)`.
 * Role functions receive an `InlineRoleContext` (types.ts): escaped text, text/sub-text ranges,
 * `problematic()` linked to a message as docutils does.
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

