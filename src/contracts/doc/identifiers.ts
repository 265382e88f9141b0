/**
 * Decides whether a mention of an mm API name is valid in a profile, and if not, what to say.
 *
 * Scope (0 false findings on ordinary kernel identifiers): a name is checked only if it looks like
 * mm hook API — it exists in SOME profile's surface or in the name history, or it starts with one
 * of the API's own prefixes (vma_desc_, mmap_action_, compat_vma_, ...) and is within a small edit
 * distance of a real name. Anything else is somebody else's identifier and is left alone.
 */
import {
  ALL_MEMBER_NAMES, availability, editDistance, isKnownAnywhere, lookup, nameHistory, structsWithMember, suggest,
  surfaces, whereDefined, formatProfiles,
} from '../../model/surface/index.js';
import type { SurfaceProfileName } from '../../model/surface/index.js';
import type { Mention } from './mentions.js';

/** Prefixes that only the mmap hook API uses; unknown names with these get a did-you-mean. */
export const STRICT_PREFIXES = [
  'vma_desc_', 'mmap_action_', 'compat_vma_', '__compat_vma_', 'vfs_mmap', 'vma_flags_', 'vma_test_',
  'range_in_vma_desc', 'call_vma_mapped', 'MMAP_', 'VMA_',
];

/** Struct names of the mm hook API (any profile), for `struct X` typo detection. */
export const MM_STRUCTS: readonly string[] = ['vm_area_desc', 'mmap_action', 'vm_operations_struct', 'file_operations', 'vm_area_struct'];

/** Member names that, written bare (``mmap_prepare``), clearly mean the hook/field. */
export const DISTINCTIVE_MEMBERS = new Set([
  'mmap_prepare', 'mmap_complete', 'mmap_abort', 'mmap_context', 'success_hook', 'error_hook', 'error_filter',
  'error_override', 'hide_from_rmap_until_complete', 'may_split',
]);

/** Hook names that belong to the mm hook API whatever the context (contract-signature checks a
 *  function pointer with one of these names without looking for the ops table it is in). */
export const DISTINCTIVE_HOOKS: ReadonlySet<string> = new Set(['mmap_prepare', 'mmap_complete', 'mmap_abort', 'mapped', 'may_split', 'success_hook', 'error_hook']);

export function isPlaceholder(name: string): boolean {
  return /xxx|XXX|_foo|foo_|^[A-Z]+_X+_/.test(name);
}

export interface IdentifierIssue {
  mention: Mention;
  /** The name as looked up (`struct.member` for members). */
  key: string;
  message: string;
  /** Replacement for the identifier (did-you-mean), if any. */
  replacement?: string;
}

function mentionText(m: Mention): string {
  if (m.kind === 'struct') return `struct ${m.name}`;
  if (m.kind === 'member' || m.kind === 'initializer') return m.struct ? `${m.struct}.${m.name}` : m.name;
  if (m.kind === 'call') return `${m.name}()`;
  return m.name;
}

function didYouMean(list: string[], fmt: (s: string) => string = (s) => `\`${s}\``): string {
  return list.length ? `; did you mean ${list.slice(0, 2).map(fmt).join(' or ')}?` : '';
}

function structIssue(profile: SurfaceProfileName, m: Mention): IdentifierIssue | undefined {
  const name = m.name;
  const inProfile = lookup(profile, name);
  if (inProfile && (inProfile.kind === 'struct' || inProfile.kind === 'enum' || inProfile.kind === 'type')) return undefined;
  const where = whereDefined(name);
  const hist = nameHistory(name);
  let candidates: string[] = [];
  if (!where.length && !hist) {
    const close = MM_STRUCTS.filter((s) => editDistance(name, s, 2) <= 2 && s !== name);
    if (!close.length) return undefined;
    candidates = close.filter((s) => lookup(profile, s));
    const msg = `\`struct ${name}\` does not exist${didYouMean(candidates, (s) => `\`struct ${s}\``)}`;
    return { mention: m, key: name, message: msg, replacement: candidates[0] };
  }
  if (hist?.renamedTo && lookup(profile, hist.renamedTo)) candidates = [hist.renamedTo];
  else candidates = suggest(profile, name, 2).filter((s) => MM_STRUCTS.includes(s));
  const kw = /^mmap_action_type$/.test(name) ? 'enum' : 'struct';
  const msg = `\`${kw} ${name}\` is not in the ${profile} API: ${availability(name) || 'unknown'}${didYouMean(candidates, (s) => `\`struct ${s}\``)}`;
  return { mention: m, key: name, message: msg, replacement: candidates[0] };
}

function memberIssue(profile: SurfaceProfileName, m: Mention): IdentifierIssue | undefined {
  const struct = m.struct;
  if (!struct) return undefined;
  const key = `${struct}.${m.name}`;
  if (lookup(profile, key)) return undefined;
  const where = whereDefined(key);
  const hist = nameHistory(key);
  const structHere = surfaces[profile].structs[struct];
  const knownStruct = whereDefined(struct).length > 0;
  if (!knownStruct) return undefined;
  if (!where.length && !hist) {
    // unknown everywhere: only for structs we list completely, and only with a close candidate
    if (!structHere?.complete) return undefined;
    if (!ALL_MEMBER_NAMES.has(m.name) && m.name.length < 3) return undefined;
    const cands = suggest(profile, key, 2);
    if (!cands.length) return undefined;
    return {
      mention: m, key,
      message: `\`${m.name}\` is not a member of \`struct ${struct}\` in ${profile}${didYouMean(cands)}`,
      replacement: cands[0],
    };
  }
  let cands: string[] = [];
  if (hist?.renamedTo && lookup(profile, `${struct}.${hist.renamedTo}`)) cands = [hist.renamedTo];
  else if (structHere) cands = suggest(profile, key, 2);
  const what = structHere ? `is not a member of \`struct ${struct}\` in ${profile}` : `is not in the ${profile} API (no \`struct ${struct}\` there)`;
  const avail = availability(key);
  return {
    mention: m, key,
    message: `\`${m.name}\` ${what}: ${avail}${didYouMean(cands)}`,
    replacement: cands[0],
  };
}

function inScope(name: string): boolean {
  if (isKnownAnywhere(name) || DISTINCTIVE_MEMBERS.has(name)) return true;
  return STRICT_PREFIXES.some((p) => name.startsWith(p));
}

function bareIssue(profile: SurfaceProfileName, m: Mention): IdentifierIssue | undefined {
  const name = m.name;
  if (isPlaceholder(name) || !inScope(name)) return undefined;
  const entry = lookup(profile, name);
  if (entry) return undefined;
  if (DISTINCTIVE_MEMBERS.has(name)) {
    if (structsWithMember(profile, name).length) return undefined;
    // which struct has it elsewhere?
    const keys = ['file_operations', 'mmap_action', 'vm_area_desc', 'vm_operations_struct'].map((s) => `${s}.${name}`);
    const known = keys.filter((k) => whereDefined(k).length || nameHistory(k) || nameHistory(name));
    const key = known[0] ?? name;
    const avail = availability(key) || availability(name);
    const hist = nameHistory(key) ?? nameHistory(name);
    const repl = hist?.renamedTo && structsWithMember(profile, hist.renamedTo).length ? hist.renamedTo : undefined;
    return {
      mention: m, key,
      message: `\`${name}\` is not in the ${profile} API: ${avail || 'unknown'}${repl ? didYouMean([repl]) : ''}`,
      replacement: repl,
    };
  }
  const where = whereDefined(name);
  const hist = nameHistory(name);
  if (where.length || hist) {
    // a struct name written bare (``vm_area_desc``) or a type
    const cands = suggest(profile, name);
    const msg = `\`${name}\` is not in the ${profile} API: ${availability(name)}${didYouMean(cands)}`;
    return { mention: m, key: name, message: msg, replacement: cands[0] };
  }
  // unknown everywhere, API prefix: did-you-mean only
  if (!STRICT_PREFIXES.some((p) => name.startsWith(p))) return undefined;
  const cands = suggest(profile, name, 2);
  if (!cands.length) return undefined;
  return {
    mention: m, key: name,
    message: `\`${name}\` does not exist in the ${profile} API${didYouMean(cands)}`,
    replacement: cands[0],
  };
}

export function checkMention(profile: SurfaceProfileName, m: Mention): IdentifierIssue | undefined {
  switch (m.kind) {
    case 'struct':
      return structIssue(profile, m);
    case 'member':
    case 'initializer':
      if (!m.struct) return undefined;
      return memberIssue(profile, m);
    default:
      return bareIssue(profile, m);
  }
}

export { mentionText, formatProfiles };
