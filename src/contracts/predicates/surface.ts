/**
 * Predicates over a profile's API surface (contracts whose `check` is `surface`): they return a
 * failure reason, or null when the claim holds for the profile.
 */
import { lookup, surfaces } from '../../model/surface/index.js';
import type { SurfaceProfileName } from '../../model/surface/index.js';
import { normType } from '../doc/cdecl.js';

export type SurfacePredicate = (profile: SurfaceProfileName) => string | null;

const member = (p: SurfaceProfileName, key: string) => {
  const e = lookup(p, key);
  return e?.kind === 'member' ? e.field : undefined;
};
const sig = (p: SurfaceProfileName, key: string): string | undefined => {
  const f = member(p, key);
  return f?.fn ? [f.fn.returns, ...f.fn.params].map(normType).join(' | ') : undefined;
};

export const SURFACE_PREDICATES: Record<string, SurfacePredicate> = {
  C01: (p) => (member(p, 'file_operations.mmap') && member(p, 'file_operations.mmap_prepare') ? null
    : `struct file_operations in ${p} has ${member(p, 'file_operations.mmap_prepare') ? '' : 'no mmap_prepare'}${member(p, 'file_operations.mmap') ? '' : ' no mmap'}`),
  C04: (p) => {
    const s = sig(p, 'file_operations.mmap_prepare');
    if (!s) return `no f_op->mmap_prepare in ${p}`;
    return s === 'int | struct vm_area_desc *' ? null : `mmap_prepare is ${s}`;
  },
  C10: (p) => {
    const has = ['mmap_complete', 'mmap_abort'].filter((n) => member(p, `file_operations.${n}`));
    return has.length ? `${p} has f_op->${has.join(' and f_op->')}` : null;
  },
  C12: (p) => {
    const mm = member(p, 'vm_area_desc.mm');
    const file = member(p, 'vm_area_desc.file');
    if (!mm || !file) return `no struct vm_area_desc in ${p}`;
    const consts = [mm, file].filter((f) => /\bconst\b/.test(f.type));
    return consts.length ? `${p} declares ${consts.map((f) => `\`${f.type} ${f.name}\``).join(', ')}` : null;
  },
  C23: (p) => {
    const h = lookup(p, 'mmap_action_map_kernel_pages');
    if (!h || h.kind !== 'helper') return `no mmap_action_map_kernel_pages in ${p}`;
    return h.helper.params[1] === 'unsigned long start' ? null : `its second parameter is ${h.helper.params[1]}`;
  },
  C25: (p) => {
    const s = sig(p, 'vm_operations_struct.mapped');
    if (!s) return `no vm_ops->mapped in ${p}`;
    const want = 'int | unsigned long | unsigned long | pgoff_t | const struct file * | void * *';
    return s === want ? null : `mapped is ${s}`;
  },
  C39: (p) => {
    const missing = ['vma_desc_test_any', 'vma_desc_set_flags', 'vma_desc_clear_flags'].filter((n) => !lookup(p, n));
    if (missing.length) return `${p} has no ${missing.join(', ')}`;
    const h = lookup(p, 'vma_desc_test_any');
    return h?.kind === 'helper' && h.helper.variadic ? null : 'vma_desc_test_any is not variadic';
  },
};

export { surfaces };
