/**
 * Kernel profiles: one record per kernel version (or tree) the model can emulate. A profile is
 * data: behaviour switches read by mm/*.ts, plus the API surface (M2's src/model/surface/).
 * Facts: reference/vma-contracts.md §1.1 (timeline), §2.7 (6.12), §3.6, §1.7 (MM-NEW), §1.9 (P25).
 */
import type { ActionType, DescField, DescFieldClass } from './types.js';
import { surfaces } from './surface/index.js';
import type { ApiSurface } from './surface/index.js';

export const PROFILE_NAMES = ['6.12', '6.17', '6.18', '6.19', '7.1', 'mm-new', 'proposal-2025-09'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface ProfileFeatures {
  /** f_op->mmap_prepare exists (6.16+). */
  mmapPrepare: boolean;
  /** struct mmap_action in vm_area_desc (6.19+), with these action types. */
  actions: boolean;
  actionTypes: ActionType[];
  /** vm_ops->mapped (7.1+). */
  mappedHook: boolean;
  /** mmap_action.success_hook (6.19 .. 7.1; removed in mm-new). */
  successHook: boolean;
  /** how errors from action completion are rewritten. */
  errorHook: 'error_hook' | 'error_filter' | 'error_override' | null;
  /** The name of the compat entry point (compat_vma_mmap_prepare in 6.16-6.18, compat_vma_mmap from 6.19). */
  compatName: 'compat_vma_mmap_prepare' | 'compat_vma_mmap' | null;
  /** HOTFIX: in the compat path an action/mapped error is returned without do_munmap. */
  compatNoUnmap: boolean;
  /** mremap: FIXED|MAYMOVE same-size moves may span several VMAs (6.17+). */
  multiVmaMremap: boolean;
  /** 6.12: after a legacy ->mmap changed vm_flags, retry the merge with prev. */
  legacyMergeRetry: boolean;
  /** 6.12: no mmap_prepare and the ->mmap error path unaccounts; later ones leak the charge on prepare errors. */
  prepareErrorLeaksCharge: boolean;
  /** flags ignored when deciding merges (VMA_IGNORE_MERGE_FLAGS). */
  ignoreMergeFlags: ('SOFTDIRTY' | 'MAYBE_GUARD')[];
  /** vm_area_desc flag field name. */
  descFlagsField: 'vm_flags' | 'vma_flags' | null;
  /** proposal-2025-09: f_op->mmap_complete / mmap_abort and desc->mmap_context. */
  mmapCompleteAbort: boolean;
  /** 7.1 map-count fixes: up-front headroom check in mremap. */
  mremapEarlyMapCount: boolean;
  /** can_mmap_file(): both hooks set -> WARN + -ENODEV. */
  bothHooksEnodev: boolean;
}

export interface Profile {
  name: ProfileName;
  /** Human label (release or tree). */
  label: string;
  /** The kernel this profile runs like (host = 6.18). */
  host: boolean;
  features: ProfileFeatures;
  /** Field classes of struct vm_area_desc in this profile ('absent' if no such field). */
  descFields: Partial<Record<DescField, DescFieldClass>>;
  /** The API surface (struct fields, hooks, helpers, flags) maintained in src/model/surface/. */
  surface: ApiSurface | undefined;
}

const DESC_616: Profile['descFields'] = {
  mm: 'immutable', file: 'immutable', start: 'immutable', end: 'immutable',
  pgoff: 'mutable', vm_file: 'mutable', vm_flags: 'mutable', page_prot: 'mutable',
  vm_ops: 'write-only', private_data: 'write-only',
};
const DESC_619: Profile['descFields'] = { ...DESC_616, action: 'action' };
const DESC_70: Profile['descFields'] = (() => {
  const d: Profile['descFields'] = { ...DESC_619 };
  delete d.vm_flags;
  d.vma_flags = 'mutable';
  return d;
})();
const DESC_P25: Profile['descFields'] = { ...DESC_616, mmap_context: 'write-only' };

const BASE: ProfileFeatures = {
  mmapPrepare: true, actions: false, actionTypes: ['MMAP_NOTHING'], mappedHook: false, successHook: false,
  errorHook: null, compatName: 'compat_vma_mmap_prepare', compatNoUnmap: false, multiVmaMremap: true,
  legacyMergeRetry: false, prepareErrorLeaksCharge: true, ignoreMergeFlags: ['SOFTDIRTY'],
  descFlagsField: 'vm_flags', mmapCompleteAbort: false, mremapEarlyMapCount: false, bothHooksEnodev: true,
};

function mk(name: ProfileName, label: string, features: Partial<ProfileFeatures>, descFields: Profile['descFields'], host = false): Profile {
  return {
    name, label, host, features: { ...BASE, ...features }, descFields,
    surface: (surfaces as Record<string, ApiSurface | undefined>)[name],
  };
}

const ACTIONS_619: ActionType[] = ['MMAP_NOTHING', 'MMAP_REMAP_PFN', 'MMAP_IO_REMAP_PFN'];
const ACTIONS_71: ActionType[] = [...ACTIONS_619, 'MMAP_SIMPLE_IO_REMAP', 'MMAP_MAP_KERNEL_PAGES'];

export const profiles: Record<ProfileName, Profile> = {
  '6.12': mk('6.12', 'Linux 6.12.117', {
    mmapPrepare: false, compatName: null, multiVmaMremap: false, legacyMergeRetry: true,
    prepareErrorLeaksCharge: false, descFlagsField: null, bothHooksEnodev: false,
  }, {}),
  '6.17': mk('6.17', 'Linux 6.17', {}, DESC_616),
  '6.18': mk('6.18', 'Linux 6.18 (this host: 6.18.44)', {}, DESC_616, true),
  '6.19': mk('6.19', 'Linux 6.19', {
    actions: true, actionTypes: ACTIONS_619, successHook: true, errorHook: 'error_hook', compatName: 'compat_vma_mmap',
  }, DESC_619),
  '7.1': mk('7.1', 'mainline torvalds/linux@334fbe734e68 (v7.1 merge window)', {
    actions: true, actionTypes: ACTIONS_71, mappedHook: true, successHook: true, errorHook: 'error_hook',
    compatName: 'compat_vma_mmap', descFlagsField: 'vma_flags', ignoreMergeFlags: ['SOFTDIRTY', 'MAYBE_GUARD'],
    mremapEarlyMapCount: true,
  }, DESC_70),
  'mm-new': mk('mm-new', 'linux-mm mm-new (error_override, no success_hook, HOTFIX applied)', {
    actions: true, actionTypes: ACTIONS_71, mappedHook: true, successHook: false, errorHook: 'error_override',
    compatName: 'compat_vma_mmap', compatNoUnmap: true, descFlagsField: 'vma_flags',
    ignoreMergeFlags: ['SOFTDIRTY', 'MAYBE_GUARD'], mremapEarlyMapCount: true,
  }, DESC_70),
  'proposal-2025-09': mk('proposal-2025-09', 'unmerged 2025-09 proposal: f_op->mmap_complete / mmap_abort (on 6.17)', {
    mmapCompleteAbort: true,
  }, DESC_P25),
};

/** The profile of the running host kernel (uname -r = 6.18.44). */
export const HOST_PROFILE: ProfileName = '6.18';

export function isProfileName(s: string): s is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(s);
}

/** Look up a profile by name; unknown names return undefined (never throws). */
export function getProfile(name: string): Profile | undefined {
  return isProfileName(name) ? profiles[name] : undefined;
}
