/**
 * registerRoles: docutils' canonical roles (under canonical and English alias names) and the
 * Sphinx/kernel placeholders.
 */
import type { Registry } from '../registry.js';
import { DOCUTILS_ROLES } from './docutils.js';
import { sphinxRole, sphinxRoleNames } from './sphinx.js';
import { EN_ROLES } from './en.js';

export interface RegisterRolesOptions {
  /** Register Sphinx's and the kernel's roles (default true). */
  sphinx?: boolean;
}

export function registerRoles(registry: Registry, options: RegisterRolesOptions = {}): Registry {
  for (const [name, spec] of Object.entries(DOCUTILS_ROLES)) registry.role(name, spec);
  for (const [alias, canonical] of Object.entries(EN_ROLES)) registry.role(alias, DOCUTILS_ROLES[canonical]!);
  if (options.sphinx !== false) {
    for (const name of sphinxRoleNames()) registry.role(name, sphinxRole(name));
  }
  return registry;
}
