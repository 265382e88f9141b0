/**
 * Fault injection. Every allocation and hook call in the model passes through a named injection
 * point (`vm_area_alloc`, `vma_iter_prealloc`, `split:vm_area_dup`, `f_op->mmap_prepare`,
 * `vm_ops->mapped`, ...). A point is identified by name + occurrence (1-based, counted per op), so
 * "fail the 2nd split allocation of this munmap" is `{ point: 'split:vm_area_dup', occurrence: 2 }`.
 *
 * enumerateFaultPoints() (index.ts) runs an op once with recording on and returns every point the
 * op passed through; an explorer then re-runs the op once per point with that point failing.
 */
import type { ErrnoName, FaultPlan, FaultPoint } from './types.js';
import { errnoValue } from './types.js';

/** Default errno per injection point family (allocations fail -ENOMEM, hooks -EINVAL unless told). */
export function defaultErrnoFor(point: string): ErrnoName {
  if (/alloc|prealloc|dup|clone|enough_memory|may_expand|copy_vma|move_page_tables|shmem_zero|insert|remap_pfn|anon_vma/.test(point)) return 'ENOMEM';
  if (point === 'mmap_write_lock_killable') return 'EINTR';
  if (point === 'security_mmap_file') return 'EACCES';
  return 'EINVAL';
}

export class FaultState {
  private counts = new Map<string, number>();
  readonly reached: FaultPoint[] = [];
  constructor(private readonly plan: FaultPlan | undefined, readonly record: boolean) {}

  /**
   * Pass through injection point `point`. Returns 0, or the positive errno to fail with.
   * `natural` is the errno the point fails with anyway (a hook spec that fails by itself).
   */
  hit(point: string): { occurrence: number; errno: number } {
    const occurrence = (this.counts.get(point) ?? 0) + 1;
    this.counts.set(point, occurrence);
    if (this.record) this.reached.push({ point, occurrence, errno: defaultErrnoFor(point) });
    if (this.plan) {
      for (const f of this.plan.fail) {
        if (f.point === point && (f.occurrence ?? 1) === occurrence) {
          return { occurrence, errno: errnoValue(f.errno ?? defaultErrnoFor(point)) };
        }
      }
    }
    return { occurrence, errno: 0 };
  }
}
