/**
 * The merge/split expectations of the kernel's own userspace VMA tests (tools/testing/vma, reference
 * §5.2: tests/merge.c, tests/vma.c, tests/mmap.c at torvalds/linux@334fbe734e68; vma.c in 6.12)
 * restated against the model. Addresses are in pages as in the kernel tests' ASCII diagrams
 * (`0123456789` columns); each test names the kernel test it restates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMm, run, VM, PAGE_SIZE } from '../../src/model/index.js';
import type { MmStruct, Vma, VmOpsSpec } from '../../src/model/index.js';
import { splitVma, vmaMergeExistingRange, vmaMergeNewRange } from '../../src/model/vma.js';
import type { Proposal } from '../../src/model/vma.js';
import { vmaModify } from '../../src/model/mprotect.js';
import { doVmiMunmap } from '../../src/model/munmap.js';

const P = PAGE_SIZE;
const FL = VM.READ | VM.WRITE | VM.MAYREAD | VM.MAYWRITE | VM.MAYEXEC;
const CLOSE: VmOpsSpec = { name: 'vm_ops', close: true };


/** alloc_and_link_vma(mm, start, end, pgoff, flags) in pages. */
function mk(mm: MmStruct, s: number, e: number, pgoff: number, extra: Partial<Vma> = {}): Vma {
  const v: Vma = {
    id: mm.nextVmaId++, start: s * P, end: e * P, pgoff, flags: FL, file: null, anonVma: null, vmOps: null,
    privateData: null, uffd: null, policy: null, anonName: null, ...extra,
  };
  mm.insert(v);
  return v;
}

function prop(s: number, e: number, pgoff: number, extra: Partial<Proposal> = {}): Proposal {
  return { start: s * P, end: e * P, pgoff, flags: FL, file: null, anonVma: null, policy: null, uffd: null, anonName: null, ...extra };
}

/** merge_new(): prev = VMA before the range, next = VMA after it. */
function mergeNew(mm: MmStruct, p: Proposal, justExpand = false): Vma | null {
  return vmaMergeNewRange(mm, p, mm.prevOf(p.start), mm.nextFrom(p.end), justExpand).vma;
}

/** try_merge_new_vma(): merge, else allocate and link a new VMA. */
function tryMergeNew(mm: MmStruct, s: number, e: number, pgoff: number): { vma: Vma; merged: boolean } {
  const m = mergeNew(mm, prop(s, e, pgoff));
  if (m) return { vma: m, merged: true };
  return { vma: mk(mm, s, e, pgoff), merged: false };
}

function span(v: Vma): [number, number, number] {
  return [v.start / P, v.end / P, v.pgoff];
}

function layout(mm: MmStruct): [number, number, number][] {
  return mm.vmas.map(span);
}

/** The 15 shared tests agree between 6.12's harness and MAIN's (reference §5.3): run them under both. */
for (const profile of ['6.12', '7.1']) defineTests(profile);

function defineTests(P_: string): void {
  const PROFILE = P_;
  const newMm = (profile: string = P_): MmStruct => createMm(profile, { trace: true });
  test(`[${PROFILE}] ` + 'simple_merge: [0,1) + [2,3) + new [1,2) -> one VMA [0,3) pgoff 0', () => {
    const mm = newMm();
    mk(mm, 0, 1, 0);
    mk(mm, 2, 3, 2);
    const v = mergeNew(mm, prop(1, 2, 1));
    assert.ok(v);
    assert.deepEqual(layout(mm), [[0, 3, 0]]);
    assert.equal(v.flags & FL, FL);
    assert.equal(mm.mapCount, 1);
  });

  test(`[${PROFILE}] ` + 'simple_modify: new flags on the middle page of [0,3) split it in three with correct pgoffs', () => {
    const mm = newMm();
    const v = mk(mm, 0, 3, 0);
    const r = vmaModify(mm, undefined, v, P, 2 * P, { flags: VM.READ | VM.MAYREAD });
    assert.notEqual(typeof r, 'number');
    assert.deepEqual(layout(mm), [[0, 1, 0], [1, 2, 1], [2, 3, 2]]);
    assert.equal(mm.mapCount, 3);
  });

  test(`[${PROFILE}] ` + 'simple_expand: vma_expand grows [0,1) to [0,3)', () => {
    const mm = newMm();
    const v = mk(mm, 0, 1, 0);
    const r = vmaMergeNewRange(mm, prop(1, 3, 1), v, undefined, true).vma;
    assert.equal(r, v);
    assert.deepEqual(layout(mm), [[0, 3, 0]]);
  });

  test(`[${PROFILE}] ` + 'simple_shrink: [0,3) shrunk to [0,1)', () => {
    const mm = newMm();
    mk(mm, 0, 3, 0);
    assert.equal(doVmiMunmap(mm, P, 2 * P), 0);
    assert.deepEqual(layout(mm), [[0, 1, 0]]);
  });

  test(`[${PROFILE}] ` + 'merge_new: AA B       CC filled in step by step down to one VMA (map_count 2,2,3,3,2,2,1)', () => {
    const mm = newMm();
    const av = 1; // dummy_anon_vma
    const a = mk(mm, 0, 2, 0, { anonVma: av });
    mk(mm, 3, 4, 3, { anonVma: av });
    const c = mk(mm, 0xb, 0xc, 0xb);
    // AA*B       CC : merge both sides, B deleted
    let r = tryMergeNew(mm, 2, 3, 2);
    assert.ok(r.merged);
    assert.equal(r.vma, a);
    assert.deepEqual(span(a), [0, 4, 0]);
    assert.equal(a.anonVma, av);
    assert.ok(mm.vmaWrite.has(a.id), 'target write-locked');
    assert.equal(mm.mapCount, 2); // A, C
    // AAAA*      CC : merge prev
    r = tryMergeNew(mm, 4, 5, 4);
    assert.equal(r.vma, a);
    assert.deepEqual(span(a), [0, 5, 0]);
    // AAAAA *DD  CC : merge next
    const d = mk(mm, 7, 9, 7);
    assert.equal(mm.mapCount, 3);
    r = tryMergeNew(mm, 6, 7, 6);
    assert.equal(r.vma, d);
    assert.deepEqual(span(d), [6, 9, 6]);
    assert.equal(mm.mapCount, 3);
    // AAAAA*DDD  CC : merge both (D has vm_ops: no impact, it has no close)
    d.anonVma = av;
    d.vmOps = { name: 'vm_ops' };
    r = tryMergeNew(mm, 5, 6, 5);
    assert.equal(r.vma, a);
    assert.deepEqual(span(a), [0, 9, 0]);
    assert.equal(mm.mapCount, 2);
    // AAAAAAAAA *CC : merge next
    c.anonVma = av;
    r = tryMergeNew(mm, 0xa, 0xb, 0xa);
    assert.equal(r.vma, c);
    assert.deepEqual(span(c), [0xa, 0xc, 0xa]);
    assert.equal(mm.mapCount, 2);
    // AAAAAAAAA*CCC : merge both
    r = tryMergeNew(mm, 9, 0xa, 9);
    assert.equal(r.vma, a);
    assert.deepEqual(layout(mm), [[0, 0xc, 0]]);
    assert.equal(mm.mapCount, 1);
  });

  test(`[${PROFILE}] ` + 'merge_new: sticky flags (SOFTDIRTY, MAYBE_GUARD in 7.1) do not prevent merging and are ORed in', () => {
    for (const sticky of [VM.SOFTDIRTY, VM.MAYBE_GUARD, VM.SOFTDIRTY | VM.MAYBE_GUARD]) {
      const mm = newMm('7.1');
      const a = mk(mm, 0, 2, 0, { flags: FL | sticky });
      mk(mm, 3, 4, 3);
      const v = mergeNew(mm, prop(2, 3, 2));
      assert.equal(v, a);
      assert.deepEqual(layout(mm), [[0, 4, 0]]);
      assert.equal(a.flags & sticky, sticky);
    }
    // 6.12 ignores only SOFTDIRTY
    const mm = newMm('6.12');
    mk(mm, 0, 2, 0, { flags: FL | VM.MAYBE_GUARD });
    assert.equal(mergeNew(mm, prop(2, 3, 2)), null);
  });

  test(`[${PROFILE}] ` + 'vma_merge_special_flags: IO, DONTEXPAND, PFNMAP, MIXEDMAP each block new-range and existing-range merges', () => {
    for (const f of [VM.IO, VM.DONTEXPAND, VM.PFNMAP, VM.MIXEDMAP]) {
      const mm = newMm();
      const prev = mk(mm, 0, 3, 0, { flags: FL | f });
      assert.equal(mergeNew(mm, prop(3, 4, 3, { flags: FL | f })), null, 'new range');
      const mid = mk(mm, 3, 5, 3, { flags: FL });
      assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3, { flags: FL | f }), prev, mid).vma, null, 'existing range');
    }
  });

  test(`[${PROFILE}] ` + 'vma_merge_with_close: PPP**NNNN with next->close -> PPPPPNNNN (prev extended only)', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    mk(mm, 5, 9, 5, { vmOps: CLOSE });
    assert.equal(mergeNew(mm, prop(3, 5, 3)), prev);
    assert.deepEqual(layout(mm), [[0, 5, 0], [5, 9, 5]]);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'vma_merge_with_close: PPPVV, vma has close -> no merge (vma cannot be deleted)', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 5, 3, { vmOps: CLOSE });
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3), prev, vma).vma, null);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'vma_merge_with_close: VVNNNN, vma has close -> no merge', () => {
    const mm = newMm();
    const vma = mk(mm, 3, 5, 3, { vmOps: CLOSE });
    mk(mm, 5, 9, 5);
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3), undefined, vma).vma, null);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'vma_merge_with_close: PPPVVNNNN, vma has close -> no merge', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 5, 3, { vmOps: CLOSE });
    mk(mm, 5, 9, 5);
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3), prev, vma).vma, null);
    assert.equal(mm.mapCount, 3);
  });

  test(`[${PROFILE}] ` + 'vma_merge_with_close: PPPVVNNNN, next has close -> PPPPPNNNN', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 5, 3);
    mk(mm, 5, 9, 5, { vmOps: CLOSE });
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3), prev, vma).vma, prev);
    assert.deepEqual(layout(mm), [[0, 5, 0], [5, 9, 5]]);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'vma_merge_new_with_close: prev and next both have close -> prev expanded only, next stays', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 2, 0, { vmOps: CLOSE });
    mk(mm, 5, 7, 5, { vmOps: CLOSE });
    assert.equal(mergeNew(mm, prop(2, 5, 2)), prev);
    assert.deepEqual(layout(mm), [[0, 5, 0], [5, 7, 5]]);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'merge_existing: merge right, partial span: VVVVNNN modify [3,6) -> V[2,3) N[3,9) pgoff 3', () => {
    const mm = newMm();
    const vma = mk(mm, 2, 6, 2, { anonVma: 1 });
    const next = mk(mm, 6, 9, 6);
    const r = vmaMergeExistingRange(mm, prop(3, 6, 3, { anonVma: 1 }), vma, vma).vma;
    assert.equal(r, next);
    assert.deepEqual(layout(mm), [[2, 3, 2], [3, 9, 3]]);
    assert.equal(next.anonVma, 1, 'anon_vma duplicated onto next');
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'merge_existing: merge right, full span: VVVVNNN modify all of V -> N[2,9) pgoff 2', () => {
    const mm = newMm();
    const vma = mk(mm, 2, 6, 2);
    const next = mk(mm, 6, 9, 6);
    assert.equal(vmaMergeExistingRange(mm, prop(2, 6, 2), undefined, vma).vma, next);
    assert.deepEqual(layout(mm), [[2, 9, 2]]);
    assert.equal(mm.mapCount, 1);
  });

  test(`[${PROFILE}] ` + 'merge_existing: merge left, partial span: PPPVVVV modify [3,6) -> P[0,6) V[6,7) pgoff 6', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 7, 3);
    assert.equal(vmaMergeExistingRange(mm, prop(3, 6, 3), prev, vma).vma, prev);
    assert.deepEqual(layout(mm), [[0, 6, 0], [6, 7, 6]]);
    assert.equal(mm.mapCount, 2);
  });

  test(`[${PROFILE}] ` + 'merge_existing: merge left, full span: PPPVVVV -> P[0,7)', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 7, 3);
    assert.equal(vmaMergeExistingRange(mm, prop(3, 7, 3), prev, vma).vma, prev);
    assert.deepEqual(layout(mm), [[0, 7, 0]]);
    assert.equal(mm.mapCount, 1);
  });

  test(`[${PROFILE}] ` + 'merge_existing: merge both: PPPVVVVNNN -> P[0,9)', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 7, 3);
    mk(mm, 7, 9, 7);
    assert.equal(vmaMergeExistingRange(mm, prop(3, 7, 3), prev, vma).vma, prev);
    assert.deepEqual(layout(mm), [[0, 9, 0]]);
    assert.equal(mm.mapCount, 1);
  });

  test(`[${PROFILE}] ` + 'merge_existing: non-merge cases (range inside V; incompatible flags; pgoff gap)', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 8, 3);
    mk(mm, 8, 9, 8);
    // range strictly inside the VMA: neither side touches a neighbour
    assert.equal(vmaMergeExistingRange(mm, prop(4, 6, 4), vma, vma).vma, null);
    // different flags than prev
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3, { flags: VM.READ | VM.MAYREAD }), prev, vma).vma, null);
    // pgoff not contiguous with prev
    const mm2 = newMm();
    const p2 = mk(mm2, 0, 3, 0);
    const v2 = mk(mm2, 3, 8, 10);
    assert.equal(vmaMergeExistingRange(mm2, prop(3, 5, 10), p2, v2).vma, null);
    assert.equal(mm.mapCount, 3);
  });

  test(`[${PROFILE}] ` + 'anon_vma_non_mergeable: prev and next with different anon_vmas -> merges with prev only', () => {
    // existing range
    let mm = newMm();
    const prev = mk(mm, 0, 3, 0, { anonVma: 1 });
    const vma = mk(mm, 3, 7, 3);
    mk(mm, 7, 9, 7, { anonVma: 2 });
    assert.equal(vmaMergeExistingRange(mm, prop(3, 7, 3), prev, vma).vma, prev);
    assert.deepEqual(layout(mm), [[0, 7, 0], [7, 9, 7]]);
    // new range
    mm = newMm();
    const prev2 = mk(mm, 0, 3, 0, { anonVma: 1 });
    mk(mm, 5, 9, 5, { anonVma: 2 });
    assert.equal(mergeNew(mm, prop(3, 5, 3)), prev2);
    assert.deepEqual(layout(mm), [[0, 5, 0], [5, 9, 5]]);
  });

  test(`[${PROFILE}] ` + 'dup_anon_vma: a merge that deletes a VMA with an anon_vma duplicates it onto the target', () => {
    // new range, next deleted
    let mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    mk(mm, 5, 8, 5, { anonVma: 7 });
    assert.equal(mergeNew(mm, prop(3, 5, 3)), prev);
    assert.equal(prev.anonVma, 7);
    // existing range, vma deleted
    mm = newMm();
    const p2 = mk(mm, 0, 3, 0);
    const v2 = mk(mm, 3, 5, 3, { anonVma: 8 });
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3, { anonVma: 8 }), p2, v2).vma, p2);
    assert.equal(p2.anonVma, 8);
    // existing range, vma and next deleted: next's anon_vma wins
    mm = newMm();
    const p3 = mk(mm, 0, 3, 0);
    const v3 = mk(mm, 3, 5, 3);
    mk(mm, 5, 8, 5, { anonVma: 9 });
    assert.equal(vmaMergeExistingRange(mm, prop(3, 5, 3), p3, v3).vma, p3);
    assert.equal(p3.anonVma, 9);
    assert.deepEqual(layout(mm), [[0, 8, 0]]);
  });

  test(`[${PROFILE}] ` + 'vmi_prealloc_fail: an injected maple-tree preallocation failure gives -ENOMEM and rolls back the anon_vma dup', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    const vma = mk(mm, 3, 5, 3, { anonVma: 4 });
    // inject through the op context the model uses
    mm.faults = new (mm.faults.constructor as new (p: unknown, r: boolean) => typeof mm.faults)({ fail: [{ point: 'vma_iter_prealloc' }] }, false);
    const r = vmaMergeExistingRange(mm, prop(3, 5, 3, { anonVma: 4 }), prev, vma);
    assert.equal(r.vma, null);
    assert.equal(r.errno, 12);
    assert.equal(prev.anonVma, null, 'anon_vma duplication rolled back');
    assert.deepEqual(layout(mm), [[0, 3, 0], [3, 5, 3]]);
  });

  test(`[${PROFILE}] ` + 'merge_extend: mremap growing in place extends into the gap and merges with next', () => {
    const mm = createMm('6.18');
    const B = 0x100000000000;
    run(mm, { op: 'mmap', addr: B, len: P, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
    run(mm, { op: 'mmap', addr: B + 3 * P, len: P, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
    const r = run(mm, { op: 'mremap', addr: B, oldLen: P, newLen: 3 * P, flags: [] });
    assert.equal(r.errno, 0);
    assert.deepEqual(r.layout.map((v) => [v.start - B, v.end - B]), [[0, 4 * P]]);
  });

  test(`[${PROFILE}] ` + 'expand_only_mode: just_expand expands prev without considering next', () => {
    const mm = newMm();
    const prev = mk(mm, 0, 3, 0);
    mk(mm, 5, 7, 5);
    const r = vmaMergeNewRange(mm, prop(3, 5, 3), prev, mm.nextFrom(5 * P), true).vma;
    assert.equal(r, prev);
    assert.deepEqual(layout(mm), [[0, 5, 0], [5, 7, 5]]);
  });

  test(`[${PROFILE}] ` + 'copy_vma: a move to an empty area creates a new VMA; next to a compatible VMA it merges', () => {
    const B = 0x100000000000;
    const mm = createMm('6.18');
    const anon = (addr: number, len: number) => run(mm, { op: 'mmap', addr, len, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
    anon(B, 2 * P);
    anon(B + 10 * P, 2 * P);
    // to an empty area: a new VMA
    let r = run(mm, { op: 'mremap', addr: B + 10 * P, oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: B + 20 * P });
    assert.equal(r.errno, 0);
    assert.equal(r.layout.length, 2);
    // next to a compatible (unfaulted) VMA: merged (pgoff reset to new_addr >> PAGE_SHIFT)
    r = run(mm, { op: 'mremap', addr: B + 20 * P, oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: B + 2 * P });
    assert.equal(r.errno, 0);
    assert.deepEqual(r.layout.map((v) => [v.start - B, v.end - B]), [[0, 4 * P]]);
    // faulted on both sides: different anon_vmas, no merge (§3.5 empirical)
    const mm2 = createMm('6.18');
    const anon2 = (addr: number) => run(mm2, { op: 'mmap', addr, len: 2 * P, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
    anon2(B);
    anon2(B + 10 * P);
    run(mm2, { op: 'touch', addr: B });
    run(mm2, { op: 'touch', addr: B + 10 * P });
    r = run(mm2, { op: 'mremap', addr: B + 10 * P, oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: B + 2 * P });
    assert.equal(r.errno, 0);
    assert.equal(r.layout.length, 2);
  });

  test(`[${PROFILE}] ` + 'mmap_region_basic: four anonymous mmaps merge into two VMAs (map_count 2)', () => {
    const mm = createMm('7.1');
    const m = (addr: number) => run(mm, { op: 'mmap', addr, len: 0x3000, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
    assert.equal(m(0x300000).ret, 0x300000);
    assert.equal(m(0x250000).ret, 0x250000);
    assert.equal(m(0x303000).ret, 0x303000);
    assert.equal(m(0x24d000).ret, 0x24d000);
    assert.equal(mm.mapCount, 2);
    assert.deepEqual(mm.vmas.map((v) => [v.start, v.end, v.pgoff]), [[0x24d000, 0x253000, 0x24d], [0x300000, 0x306000, 0x300]]);
  });

  test(`[${PROFILE}] ` + 'split: split_vma refuses at max_map_count; __split_vma (munmap) does not need headroom for one split', () => {
    const mm = createMm('6.18', { maxMapCount: 1 });
    const v = mk(mm, 0, 4, 0);
    assert.equal(splitVma(mm, v, 2 * P, false), 12);
    // munmap of the tail needs one split and no net increase: allowed
    assert.equal(doVmiMunmap(mm, 3 * P, P), 0);
    assert.deepEqual(layout(mm), [[0, 3, 0]]);
    // munmap of the middle needs two splits (net +1): refused at the limit
    assert.equal(doVmiMunmap(mm, P, P), 12);
    assert.deepEqual(layout(mm), [[0, 3, 0]]);
  });
}
