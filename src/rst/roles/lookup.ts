/**
 * Role lookup as docutils' `roles.role()` does it, plus document-local roles.
 *
 * docutils keeps two tables: `_roles` (roles registered by name: Sphinx's, the kernel's, `.. role::`
 * customisations, and every canonical role once it was looked up) and `_role_registry` (docutils'
 * canonical roles, reached through the language module's aliases). An unknown name produces an INFO
 * ("No role entry for ... Trying ... as canonical role name.") before the caller's ERROR.
 *
 * Here the Registry's roles are the `_roles` of every document; canonical docutils roles are kept
 * apart (see `isCanonical`), and what a document adds (`.. role::`, `.. default-role::`, cached
 * canonical look-ups) lives in a per-document table.
 */
import type { DocumentState } from '../document.js';
import { Registry, type RoleSpec } from '../registry.js';
import { DOCUTILS_ROLES, customRole, genericCustomRole } from './docutils.js';
import { registerRoles } from './register.js';
import { EN_ROLES } from './en.js';

export { EN_ROLES } from './en.js';
import { makeId, splitWhitespace } from '../document.js';

export const LANGUAGE_MODULE = 'docutils.parsers.rst.languages.en';

const canonicalSpecs = new WeakSet<RoleSpec>();
for (const spec of Object.values(DOCUTILS_ROLES)) canonicalSpecs.add(spec);

/** Is this one of docutils' canonical role functions (not a role registered by name)? */
export function isCanonical(spec: RoleSpec): boolean {
  return canonicalSpecs.has(spec);
}

const localRoles = new WeakMap<object, Map<string, RoleSpec>>();

function locals(document: DocumentState): Map<string, RoleSpec> {
  let m = localRoles.get(document);
  if (!m) localRoles.set(document, (m = new Map()));
  return m;
}

/** docutils `register_local_role` for one document (`.. role::`; name '' = `.. default-role::`). */
export function registerLocalRole(document: DocumentState, name: string, spec: RoleSpec): void {
  locals(document).set(name.toLowerCase(), spec);
}

/** Remove a document-local role (`.. default-role::` without argument restores the default). */
export function unregisterLocalRole(document: DocumentState, name: string): void {
  locals(document).delete(name.toLowerCase());
}

export interface RoleLookup {
  spec?: RoleSpec;
  /** Text of docutils' INFO message, when it emits one. */
  info?: string;
  /** The canonical docutils name, when the role is one of docutils' own. */
  canonical?: string;
}

/** docutils `roles.role(role_name, ...)`: find the role function, and the INFO text if any. */
export function resolveRole(name: string, registry: Registry, document: DocumentState): RoleLookup {
  const norm = name.toLowerCase();
  const local = locals(document).get(norm);
  if (local) return { spec: local };
  const registered = registry.roles.get(norm);
  if (registered && !isCanonical(registered)) return { spec: registered };
  let canonical: string;
  let info: string | undefined;
  if (name) {
    const c = EN_ROLES[norm];
    if (c) canonical = c;
    else {
      info = `No role entry for "${name}" in module "${LANGUAGE_MODULE}".\nTrying "${name}" as canonical role name.`;
      canonical = norm;
    }
  } else {
    canonical = 'title-reference';
  }
  const spec = DOCUTILS_ROLES[canonical];
  if (spec) {
    locals(document).set(norm, spec);
    return info === undefined ? { spec, canonical } : { spec, info, canonical };
  }
  return info === undefined ? {} : { info };
}

/**
 * Would every role lookup of this document answer the same wherever in the document it is made?
 * True when its local role table holds only what docutils' canonical look-up of an English role
 * name caches (no `.. role::`, no `.. default-role::`, no name that was looked up with an INFO
 * message, which only the first use gets). The incremental re-parse relies on it: it parses one
 * paragraph again after the whole document has filled the table.
 */
export function rolesOrderFree(document: DocumentState): boolean {
  const m = localRoles.get(document);
  if (!m) return true;
  for (const [name, spec] of m) {
    if (name === '') {
      if (spec !== DOCUTILS_ROLES['title-reference']) return false;
      continue;
    }
    const canonical = EN_ROLES[name];
    if (canonical === undefined || spec !== DOCUTILS_ROLES[canonical]) return false;
  }
  return true;
}

let defaultRegistry: Registry | undefined;

/** docutils' + Sphinx's + the kernel's roles, for callers that pass no registry. */
export function defaultRoleRegistry(): Registry {
  if (!defaultRegistry) {
    defaultRegistry = new Registry();
    registerRoles(defaultRegistry);
  }
  return defaultRegistry;
}

export interface CustomRoleResult {
  /** false: the base role is unknown (docutils: ERROR 'Unknown interpreted text role "<base>".'). */
  ok: boolean;
  /** INFO text from looking up the base role (docutils returns it before anything else). */
  info?: string;
  /** Set when `class` could not be derived from the new role's name (docutils' "Invalid argument" error). */
  classError?: string;
}

/**
 * What docutils' `role` directive does once it has parsed `new(base)` and the options:
 * look the base role up (with docutils' INFO), default `class` to the new name (class_option), and
 * register the customised role for the document. `options` use docutils' names (`class`, `format`,
 * `language`); `class` may be a string (converted as class_option does) or a list.
 */
export function defineCustomRole(
  document: DocumentState,
  registry: Registry,
  newName: string,
  baseName: string | undefined,
  options: Record<string, unknown> = {},
): CustomRoleResult {
  let base: RoleSpec = genericCustomRole;
  let info: string | undefined;
  if (baseName) {
    const r = resolveRole(baseName, registry, document);
    info = r.info;
    if (!r.spec) return info === undefined ? { ok: false } : { ok: false, info };
    base = r.spec;
  }
  const opts: Record<string, unknown> = { ...options };
  if (typeof opts.class === 'string') opts.class = classOption(opts.class);
  if (!('class' in opts)) {
    const classes = classOption(newName);
    if (!classes) {
      const res: CustomRoleResult = { ok: false, classError: `cannot make "${newName}" into a class name` };
      if (info !== undefined) res.info = info;
      return res;
    }
    opts.class = classes;
  }
  registerLocalRole(document, newName, customRole(base, opts));
  return info === undefined ? { ok: true } : { ok: true, info };
}

/** docutils `directives.class_option`: make_id of each word; null if one becomes empty. */
function classOption(arg: string): string[] | null {
  const out: string[] = [];
  for (const word of splitWhitespace(arg)) {
    const id = makeId(word);
    if (!id) return null;
    out.push(id);
  }
  return out;
}

/**
 * docutils' `default-role` directive: `name` null removes the document's default role (back to
 * title-reference); otherwise looks `name` up. Returns the INFO text, and ok=false if unknown.
 */
export function setDefaultRole(
  document: DocumentState,
  registry: Registry,
  name: string | null,
): { ok: boolean; info?: string } {
  if (name === null) {
    unregisterLocalRole(document, '');
    return { ok: true };
  }
  const r = resolveRole(name, registry, document);
  if (!r.spec) return r.info === undefined ? { ok: false } : { ok: false, info: r.info };
  registerLocalRole(document, '', r.spec);
  return r.info === undefined ? { ok: true } : { ok: true, info: r.info };
}
