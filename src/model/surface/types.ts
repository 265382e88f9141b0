/**
 * The API surface of one kernel profile: what a document may name and how it is declared.
 * Facts come from ../shared/reference/vma-contracts.md (§1.1 timeline, §1.2–§1.9); each
 * profile is a plain data record (see profiles.ts), so adding a version is adding data.
 */

/** The kernel profiles kdocs knows (kept in step with src/model's profile list). */
export const PROFILE_NAMES = ['6.12', '6.17', '6.18', '6.19', '7.1', 'mm-new', 'proposal-2025-09'] as const;
export type SurfaceProfileName = (typeof PROFILE_NAMES)[number];

/**
 * How mmap_prepare treats a `struct vm_area_desc` field (mmap_prepare.rst L63-80, mm/vma.c:
 * call_mmap_prepare): immutable fields are ignored when written, mutable ones are filled in and
 * copied back, write-only ones start NULL and are applied, `action` is the mmap_action.
 */
export type FieldClass = 'immutable' | 'mutable' | 'write-only' | 'action';

export interface FieldDecl {
  name: string;
  /**
   * The C type exactly as the header declares it, without the member name, normalised to single
   * spaces and `*` glued to the name side: `const struct mm_struct *const`, `unsigned long`,
   * `int (*)(struct vm_area_desc *)` for function pointers.
   */
  type: string;
  /** Member of a union / nested struct (e.g. `remap` for `action.remap.start`). */
  within?: string;
  /** mmap_prepare class, for vm_area_desc fields. */
  class?: FieldClass;
  /** For function-pointer members: return type and parameter types (names dropped). */
  fn?: { returns: string; params: string[] };
  note?: string;
}

export interface StructDecl {
  name: string;
  /** Only the members kdocs reasons about (file_operations has many more, all unchecked). */
  fields: FieldDecl[];
  /** true if `fields` lists every member (so a listing in a doc can be compared member by member). */
  complete: boolean;
}

export interface EnumDecl {
  name: string;
  members: string[];
}

export interface HelperDecl {
  name: string;
  returns: string;
  /** Parameter types (with names where they matter for messages). */
  params: string[];
  /** Variadic macro (`vma_desc_set_flags(desc, ...)`): `params` are the fixed leading ones. */
  variadic?: boolean;
  /** Core-internal (not for drivers), still a name a doc may mention. */
  internal?: boolean;
  note?: string;
}

export interface ApiSurface {
  profile: SurfaceProfileName;
  /** Human label: the release or tree this profile models. */
  label: string;
  structs: Record<string, StructDecl>;
  enums: Record<string, EnumDecl>;
  helpers: Record<string, HelperDecl>;
  /** Flag and constant names (VM_*, VMA_*_BIT, MAP_*, MREMAP_*, flag groups). */
  flags: string[];
  /** Type names (typedefs) a doc may use in a listing. */
  types: string[];
  /** Which field of struct mmap_action filters errors, if any. */
  errorHook: 'error_hook' | 'error_filter' | 'error_override' | null;
}

/** A name's history across versions, for messages ("exists until 7.0, renamed in 7.1"). */
export interface NameHistory {
  name: string;
  /** What kind of thing it is (helper, field of struct X, hook, type, flag, enum member). */
  kind: string;
  /** Release (or tree) in which it appeared; 'never' for names that only existed in proposals/typos. */
  since?: string;
  /** Last release that has it. */
  until?: string;
  renamedTo?: string;
  renamedIn?: string;
  note: string;
}
