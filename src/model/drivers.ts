/**
 * FileSpec presets for the kernel's well-known mmap providers, per profile, so contracts and tests
 * can say "a /dev/mem mapping" instead of spelling out hook behaviour. Each follows reference §2.8,
 * §1.1 and the 6.18 host behaviour the differential test checks (test/model/harness.ts FILES).
 *
 *   createMm('7.1', { files: [driverFile('dev-mem', 'mem', '7.1')] })
 */
import type { ProfileName } from './profiles.js';
import { getProfile } from './profiles.js';
import type { FileSpec } from './types.js';

export type DriverKind = 'regular' | 'regular-ro' | 'dev-mem' | 'dev-zero' | 'secretmem' | 'memfd' | 'memfd-sealed';
export const DRIVER_KINDS: DriverKind[] = ['regular', 'regular-ro', 'dev-mem', 'dev-zero', 'secretmem', 'memfd', 'memfd-sealed'];

export function driverFile(kind: DriverKind, id: string, profile: ProfileName | string, sizePages = 64): FileSpec {
  const p = getProfile(profile);
  const f = p?.features;
  const actions = !!f?.actions;
  switch (kind) {
    case 'regular':
      return { id, sizePages, fops: { getUnmappedArea: 'thp' } };
    case 'regular-ro':
      return { id, sizePages, write: false, fops: { getUnmappedArea: 'thp' } };
    case 'memfd':
      return { id, sizePages, shmem: true, fops: { getUnmappedArea: 'shmem' } };
    case 'memfd-sealed':
      return { id, sizePages, shmem: true, writeSealed: true, fops: { getUnmappedArea: 'shmem' } };
    case 'secretmem':
      // secretmem_mmap_prepare (6.16+); secretmem_mmap before
      return f?.mmapPrepare
        ? { id, sizePages, noexec: true, fops: { mmap_prepare: { rejectPrivate: true, setFlags: ['LOCKED', 'DONTDUMP'], vmOps: { name: 'secretmem_vm_ops' } } } }
        : { id, sizePages, noexec: true, fops: { mmap: { setFlags: ['LOCKED', 'DONTDUMP'], vmOps: { name: 'secretmem_vm_ops' } } } };
    case 'dev-zero':
      // legacy mmap_zero up to 6.18; mmap_zero_prepare from 6.19 (shmem_zero_setup_desc / anonymous)
      return actions
        ? { id, sizePages: 2 ** 40, fops: { mmap_prepare: { devZero: true }, getUnmappedArea: 'custom' } }
        : { id, sizePages: 2 ** 40, fops: { mmap: { devZero: true }, getUnmappedArea: 'custom' } };
    case 'dev-mem':
      // mmap_mem: any remap failure is reported as -EAGAIN (6.12 ->mmap; 6.19..7.1 error_hook; mm-new error_override)
      if (!actions) return { id, sizePages: 2 ** 40, fops: { mmap: { vmOps: { name: 'mmap_mem_ops' }, remapPfn: { errorAs: 'EAGAIN' } } } };
      return {
        id, sizePages: 2 ** 40, fops: {
          mmap_prepare: {
            vmOps: { name: 'mmap_mem_ops' },
            action: f?.errorHook === 'error_hook'
              ? { type: 'MMAP_REMAP_PFN', errorHook: { returns: 'EAGAIN' } }
              : { type: 'MMAP_REMAP_PFN', errorOverride: 'EAGAIN' },
          },
        },
      };
  }
}
