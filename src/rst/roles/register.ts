/**
 * registerRoles: docutils' canonical roles (under canonical and English alias names) and the
 * Sphinx/kernel placeholders.
 */
import type { Registry } from '../registry.js';
import { DOCUTILS_ROLES } from './docutils.js';
import { sphinxRole, sphinxRoleNames } from './sphinx.js';

/** English aliases of docutils' canonical roles (languages/en.py). Kept in sync with lookup.ts. */
const EN_ALIASES: Readonly<Record<string, string>> = {
  ab: 'abbreviation', ac: 'acronym', i: 'index', sub: 'subscript', sup: 'superscript', title: 'title-reference',
  t: 'title-reference', pep: 'pep-reference', rfc: 'rfc-reference', uri: 'uri-reference', url: 'uri-reference',
};

export interface RegisterRolesOptions {
  /** Register Sphinx's and the kernel's roles (default true). */
  sphinx?: boolean;
}

export function registerRoles(registry: Registry, options: RegisterRolesOptions = {}): Registry {
  for (const [name, spec] of Object.entries(DOCUTILS_ROLES)) registry.role(name, spec);
  for (const [alias, canonical] of Object.entries(EN_ALIASES)) registry.role(alias, DOCUTILS_ROLES[canonical]!);
  if (options.sphinx !== false) {
    for (const name of sphinxRoleNames()) registry.role(name, sphinxRole(name));
  }
  return registry;
}
