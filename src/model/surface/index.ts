/**
 * API surfaces per profile and the look-ups the cross-check needs:
 *
 *   surfaces[profile]            the ApiSurface record
 *   lookup(profile, name)        what `name` is in that profile (struct, field, hook, helper, ...)
 *   whereDefined(name)           the profiles in which `name` exists
 *   nameHistory(name)            rename/removal facts for names outside the profiles (7.0, typos)
 *   suggest(profile, name)       did-you-mean candidates that exist in the profile
 *   availability(name)           a one-line human text: where it exists, what it became
 *
 * Names are bare identifiers (`vma_desc_test_any`, `vm_area_desc`, `VMA_READ_BIT`,
 * `MMAP_REMAP_PFN`) or `struct.member` for members (`vm_area_desc.start`,
 * `vm_operations_struct.mapped`, `file_operations.mmap_prepare`).
 */
import { buildSurfaces } from './profiles.js';
import { HISTORY_BY_NAME } from './history.js';
import type { ApiSurface, FieldDecl, HelperDecl, NameHistory, SurfaceProfileName } from './types.js';
import { PROFILE_NAMES } from './types.js';

export * from './types.js';
export { NAME_HISTORY } from './history.js';

export type SurfaceEntry =
  | { kind: 'struct'; name: string }
  | { kind: 'member'; name: string; struct: string; field: FieldDecl }
  | { kind: 'helper'; name: string; helper: HelperDecl }
  | { kind: 'flag'; name: string }
  | { kind: 'enum'; name: string }
  | { kind: 'enum-member'; name: string; enum: string }
  | { kind: 'type'; name: string };

export const surfaces: Record<SurfaceProfileName, ApiSurface> = buildSurfaces();

/** The profile used when none is configured. */
export const DEFAULT_PROFILE: SurfaceProfileName = '7.1';

export function isProfileName(p: string): p is SurfaceProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(p);
}

interface ProfileIndex {
  entries: Map<string, SurfaceEntry>;
  /** bare member name -> structs that have it */
  members: Map<string, string[]>;
}

function indexSurface(s: ApiSurface): ProfileIndex {
  const entries = new Map<string, SurfaceEntry>();
  const members = new Map<string, string[]>();
  for (const st of Object.values(s.structs)) {
    entries.set(st.name, { kind: 'struct', name: st.name });
    for (const f of st.fields) {
      const key = `${st.name}.${f.name}`;
      if (!entries.has(key)) entries.set(key, { kind: 'member', name: f.name, struct: st.name, field: f });
      const list = members.get(f.name) ?? [];
      if (!list.includes(st.name)) list.push(st.name);
      members.set(f.name, list);
    }
  }
  for (const h of Object.values(s.helpers)) entries.set(h.name, { kind: 'helper', name: h.name, helper: h });
  for (const f of s.flags) entries.set(f, { kind: 'flag', name: f });
  for (const e of Object.values(s.enums)) {
    entries.set(e.name, { kind: 'enum', name: e.name });
    for (const m of e.members) entries.set(m, { kind: 'enum-member', name: m, enum: e.name });
  }
  for (const t of s.types) {
    const bare = t.replace(/^(struct|enum|union) /, '');
    if (!entries.has(bare)) entries.set(bare, { kind: 'type', name: bare });
  }
  return { entries, members };
}

const INDEXES = new Map<SurfaceProfileName, ProfileIndex>(
  PROFILE_NAMES.map((p) => [p, indexSurface(surfaces[p])] as const),
);

/** Every name known in any profile (bare and `struct.member`). */
export const ALL_NAMES: ReadonlySet<string> = new Set(
  [...INDEXES.values()].flatMap((ix) => [...ix.entries.keys()]),
);

/** Every bare member name of any struct in any profile. */
export const ALL_MEMBER_NAMES: ReadonlySet<string> = new Set(
  [...INDEXES.values()].flatMap((ix) => [...ix.members.keys()]),
);

export function lookup(profile: SurfaceProfileName, name: string): SurfaceEntry | undefined {
  return INDEXES.get(profile)!.entries.get(name);
}

/** Structs of `profile` that have a member called `member`. */
export function structsWithMember(profile: SurfaceProfileName, member: string): string[] {
  return INDEXES.get(profile)!.members.get(member) ?? [];
}

export function whereDefined(name: string): SurfaceProfileName[] {
  return PROFILE_NAMES.filter((p) => INDEXES.get(p)!.entries.has(name));
}

export function nameHistory(name: string): NameHistory | undefined {
  return HISTORY_BY_NAME.get(name);
}

/** Is the name known anywhere: a profile, or the history table (renamed/removed/typo)? */
export function isKnownAnywhere(name: string): boolean {
  return ALL_NAMES.has(name) || HISTORY_BY_NAME.has(name);
}

/** Rows of `editDistance`, reused: the contract pre-filter asks it for each of ≈ 2,500 names after
 *  `struct` in a whole tree, against every mm struct (no arrays per call). */
let distanceRows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal string alignment distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  if (distanceRows[0]!.length <= n) distanceRows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  // (the row two back is read from the second row on, by then the first row)
  let [prev2, prev, cur] = distanceRows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/**
 * Did-you-mean: names of the same shape (bare vs `struct.member`) that exist in `profile`,
 * closest first. A rename recorded in the history wins over edit distance.
 */
export function suggest(profile: SurfaceProfileName, name: string, maxDistance?: number): string[] {
  const h = HISTORY_BY_NAME.get(name);
  const out: string[] = [];
  if (h?.renamedTo) {
    const target = name.includes('.') ? `${name.split('.')[0]}.${h.renamedTo}` : h.renamedTo;
    if (lookup(profile, target)) return [h.renamedTo];
  }
  const qualified = name.includes('.');
  const prefix = qualified ? name.slice(0, name.indexOf('.') + 1) : '';
  const bare = qualified ? name.slice(prefix.length) : name;
  const limit = maxDistance ?? (bare.length <= 5 ? 1 : bare.length <= 10 ? 2 : 3);
  const scored: { n: string; d: number }[] = [];
  for (const key of INDEXES.get(profile)!.entries.keys()) {
    if (qualified ? !key.startsWith(prefix) : key.includes('.')) continue;
    const cand = qualified ? key.slice(prefix.length) : key;
    if (cand === bare || cand.includes('.')) continue;
    const d = editDistance(bare, cand, limit);
    if (d <= limit) scored.push({ n: cand, d });
  }
  // same kind of thing only (a type is not a helper), when the name's kind is known somewhere
  const kind = kindOf(name);
  if (kind) {
    for (let i = scored.length - 1; i >= 0; i--) {
      const k = kindOf(qualified ? prefix + scored[i]!.n : scored[i]!.n);
      if (k && k !== kind) scored.splice(i, 1);
    }
  }
  scored.sort((a, b) => a.d - b.d || a.n.localeCompare(b.n));
  for (const s of scored) if (!out.includes(s.n)) out.push(s.n);
  return out;
}

/** The kind of entry a name is in the first profile that has it (undefined if in none). */
export function kindOf(name: string): SurfaceEntry['kind'] | undefined {
  for (const p of PROFILE_NAMES) {
    const e = INDEXES.get(p)!.entries.get(name);
    if (e) return e.kind;
  }
  const h = HISTORY_BY_NAME.get(name);
  if (h) return h.kind === 'helper' ? 'helper' : h.kind === 'struct' ? 'struct' : h.kind === 'type' ? 'type' : h.kind === 'flag' ? 'flag' : undefined;
  return undefined;
}

/** Compact profile list: consecutive runs in PROFILE_NAMES order become "6.17–6.19". */
export function formatProfiles(list: readonly SurfaceProfileName[]): string {
  const order = PROFILE_NAMES.filter((p) => p !== 'proposal-2025-09');
  const parts: string[] = [];
  let run: SurfaceProfileName[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    parts.push(run.length === 1 ? run[0]! : `${run[0]}–${run[run.length - 1]}`);
    run = [];
  };
  for (const p of order) {
    if (list.includes(p)) run.push(p);
    else flush();
  }
  flush();
  if (list.includes('proposal-2025-09')) parts.push('proposal-2025-09');
  return parts.join(', ');
}

/** One line saying where a name exists and what became of it (for messages and hovers). */
export function availability(name: string): string {
  const h = HISTORY_BY_NAME.get(name) ?? (name.includes('.') ? HISTORY_BY_NAME.get(name.slice(name.indexOf('.') + 1)) : undefined);
  const where = whereDefined(name);
  const bits: string[] = [];
  if (h) {
    if (h.since === 'never') bits.push(h.note);
    else {
      const span = h.since === h.until ? `only in ${h.since}` : h.until ? `from ${h.since} until ${h.until}` : `since ${h.since}`;
      let t = `exists ${span}`;
      if (h.renamedTo) t += `, renamed \`${h.renamedTo}\`${h.renamedIn ? ` in ${h.renamedIn}` : ''}`;
      bits.push(t);
      if (h.note) bits.push(h.note);
    }
  }
  if (where.length === 1 && where[0] === 'proposal-2025-09') bits.push('only in the proposal-2025-09 profile');
  else if (where.length) bits.push(`defined in profile${where.length > 1 ? 's' : ''} ${formatProfiles(where)}`);
  return bits.join('; ');
}
