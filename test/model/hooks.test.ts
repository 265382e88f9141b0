/**
 * The hook pipeline of mmap (reference §1.2-§1.9, §2.3-§2.5) and the version switches of the
 * profiles, checked on small scenarios. Claim ids (Cnn) refer to reference §6.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMm, run, formatTrace, enumerateFaultPoints, profiles, PROFILE_NAMES, getProfile } from '../../src/model/index.js';
import type { FileOpsSpec, MmStruct, Op, OpResult, TraceEvent } from '../../src/model/index.js';

const P = 4096;
const B = 0x100000000000;

function mmWith(profile: string, fops: FileOpsSpec, extra: { id: string; fops: FileOpsSpec }[] = []): MmStruct {
  return createMm(profile, { files: [{ id: 'd', fops }, ...extra] });
}
const anon = (addr: number, len: number, prot: Op extends never ? never : ('READ' | 'WRITE')[] = ['READ', 'WRITE']): Op =>
  ({ op: 'mmap', addr, len, prot, flags: ['PRIVATE', 'ANONYMOUS', 'FIXED'] });
type MmapOp = Extract<Op, { op: 'mmap' }>;
const fileMap = (addr: number, len: number, flags: ('PRIVATE' | 'SHARED')[] = ['SHARED'], offset = 0, prot: ('READ' | 'WRITE')[] = ['READ', 'WRITE']): MmapOp =>
  ({ op: 'mmap', addr, len, prot, flags: [...flags, 'FIXED'], file: 'd', offset });

function hooks(r: OpResult): Extract<TraceEvent, { ev: 'hook' }>[] {
  return r.trace.events.filter((e): e is Extract<TraceEvent, { ev: 'hook' }> => e.ev === 'hook');
}
function hookNames(r: OpResult): string[] {
  return hooks(r).map((h) => h.hook);
}
function spans(r: OpResult): [number, number][] {
  return r.layout.map((v) => [(v.start - B) / P, (v.end - B) / P]);
}

test('profiles: all seven exist, host is 6.18, each has its API surface attached', () => {
  assert.deepEqual([...PROFILE_NAMES], ['6.12', '6.17', '6.18', '6.19', '7.1', 'mm-new', 'proposal-2025-09']);
  assert.equal(getProfile('6.18')?.host, true);
  assert.equal(getProfile('nope'), undefined);
  for (const n of PROFILE_NAMES) assert.ok(profiles[n].surface, `surface for ${n}`);
});

test('C02: both f_op->mmap and mmap_prepare -> -ENODEV after a WARN (7.1)', () => {
  const mm = mmWith('7.1', { mmap: true, mmap_prepare: true });
  const r = run(mm, fileMap(B, P));
  assert.equal(r.errnoName, 'ENODEV');
  assert.ok(r.trace.events.some((e) => e.ev === 'warn'));
});

test('C03: neither hook -> -ENODEV', () => {
  for (const p of ['6.12', '7.1']) {
    const r = run(mmWith(p, { mmap: false, mmap_prepare: false }), fileMap(B, P));
    assert.equal(r.errnoName, 'ENODEV', p);
  }
});

test('C05/C44: mmap_prepare flag changes take part in the merge; a legacy ->mmap is skipped when the range merges', () => {
  // prepare clears MAYEXEC... simpler: prepare sets DONTDUMP so the range no longer merges with prev
  const mm = mmWith('7.1', { mmap_prepare: { setFlags: ['DONTDUMP'] } });
  run(mm, fileMap(B, P, ['SHARED'], 0));
  const r = run(mm, fileMap(B + P, P, ['SHARED'], P));
  assert.equal(r.layout.length, 1, 'same flags after the hook: merged');
  const mm2 = createMm('7.1', { files: [{ id: 'd', fops: { mmap_prepare: true } }, { id: 'e', fops: { mmap_prepare: { setFlags: ['DONTDUMP'] } } }] });
  run(mm2, fileMap(B, P, ['SHARED'], 0));
  const r2 = run(mm2, { ...fileMap(B + P, P, ['SHARED'], P), file: 'd' });
  assert.equal(r2.layout.length, 1);
  // legacy: merge attempted first; when it merges the driver is never called
  for (const p of ['6.12', '7.1']) {
    const lm = mmWith(p, { mmap: { vmOps: { name: 'drv' } } });
    const a = run(lm, fileMap(B, P, ['SHARED'], 0));
    assert.deepEqual(hookNames(a), ['f_op->mmap'], p);
    const b = run(lm, fileMap(B + P, P, ['SHARED'], P));
    assert.deepEqual(hookNames(b), [], `${p}: merged, ->mmap not called`);
    assert.equal(b.layout.length, 1);
  }
});

test('C06/C07/C08: mmap_prepare failing over a MAP_FIXED mapping leaves a hole; the charge leaks (not in 6.12 ->mmap)', () => {
  for (const p of ['6.18', '7.1']) {
    const mm = mmWith(p, { mmap_prepare: { fail: 'EINVAL' } });
    run(mm, anon(B, 4 * P, ['READ'])); // not accounted, so the new private writable range charges 2 pages
    const r = run(mm, fileMap(B + P, 2 * P, ['PRIVATE']));
    assert.equal(r.errnoName, 'EINVAL');
    assert.deepEqual(spans(r), [[0, 1], [3, 4]], `${p}: hole`);
    assert.equal(r.leakedPages, 2, `${p}: Committed_AS leak`);
    // close of the old VMAs happened before the hook (vms_clean_up_area), under mmap_lock write
    const h = hooks(r).find((x) => x.hook === 'f_op->mmap_prepare')!;
    assert.equal(h.locks.mmap, 'write');
  }
  // 6.12's ->mmap error path gives back the new charge: nothing leaks in a hole or over an
  // unaccounted mapping; over an accounted one the charge it took over is lost (C71)
  const mm = mmWith('6.12', { mmap: { fail: 'EINVAL' } });
  run(mm, anon(B, 4 * P, ['READ']));
  const r = run(mm, fileMap(B + P, 2 * P, ['PRIVATE']));
  assert.equal(r.errnoName, 'EINVAL');
  assert.deepEqual(spans(r), [[0, 1], [3, 4]]);
  assert.equal(r.leakedPages, 0);
  assert.equal(r.committed, 0);
  const mm2 = mmWith('6.12', { mmap: { fail: 'EINVAL' } });
  run(mm2, anon(B, 4 * P));
  const r2 = run(mm2, fileMap(B + P, 2 * P, ['PRIVATE']));
  assert.equal(r2.errnoName, 'EINVAL');
  assert.equal(r2.committed, 4, 'the two replaced pages stay charged');
  assert.equal(r2.leakedPages, 2);
});

test('C11: a write to an immutable desc field (start) is ignored and reported', () => {
  const mm = mmWith('7.1', { mmap_prepare: { writes: [{ field: 'start', value: B + 5 * P }] } });
  const r = run(mm, fileMap(B, P));
  assert.equal(r.errno, 0);
  assert.equal(r.layout[0]!.start, B);
  assert.ok(r.trace.events.some((e) => e.ev === 'desc' && e.field === 'start' && e.class === 'immutable' && e.action === 'write-ignored'));
  // vma_flags does not exist in 6.18's vm_area_desc (vm_flags does)
  const r2 = run(mmWith('6.18', { mmap_prepare: { writes: [{ field: 'vma_flags', value: 0 }] } }), fileMap(B, P));
  assert.ok(r2.trace.events.some((e) => e.ev === 'desc' && e.field === 'vma_flags' && e.class === 'absent'));
});

test('C14: a replaced vm_file is not get_file()d by the core and is fput() on abort', () => {
  const mm = createMm('7.1', { files: [{ id: 'd', fops: { mmap_prepare: { vmFile: 'lower' } } }, { id: 'lower' }] });
  const r = run(mm, fileMap(B, P));
  assert.equal(r.layout[0]!.file, 'lower');
  assert.ok(!r.trace.events.some((e) => e.ev === 'file' && e.action === 'get' && e.file === 'lower'));
  const mm2 = createMm('7.1', { files: [{ id: 'd', fops: { mmap_prepare: { vmFile: 'lower', action: { type: 'MMAP_REMAP_PFN', offset: 0, size: 8 * P } } } }, { id: 'lower' }] });
  const r2 = run(mm2, fileMap(B, P));
  assert.equal(r2.errnoName, 'EFAULT');
});

test('C15/C16: vm_ops applied only if set, private_data always, also onto a merged VMA', () => {
  const mm = mmWith('7.1', { mmap_prepare: { privateData: 'priv-2' } });
  run(mm, fileMap(B, P, ['SHARED'], 0));
  const r = run(mm, fileMap(B + P, P, ['SHARED'], P));
  assert.equal(r.layout.length, 1);
  assert.equal(r.layout[0]!.privateData, 'priv-2');
  assert.equal(r.layout[0]!.vmOps, 'vma_dummy_vm_ops', 'no vm_ops from the hook: the VMA keeps vma_dummy_vm_ops');
});

test('C17/C26: action and mapped run only for a new VMA, never on a merge', () => {
  const mm = mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mapped: true } } });
  const a = run(mm, fileMap(B, P, ['SHARED'], 0));
  assert.deepEqual(hookNames(a), ['f_op->mmap_prepare', 'vm_ops->mapped']);
  const b = run(mm, fileMap(B + P, P, ['SHARED'], P));
  assert.equal(b.layout.length, 1);
  assert.deepEqual(hookNames(b), ['f_op->mmap_prepare']);
});

test('C18/C19/C20/C21: remap actions set VM_SPECIAL (no merge), range and COW rules', () => {
  const remap = { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN' as const, pfn: 0x1000 } } };
  const mm = mmWith('7.1', remap);
  run(mm, fileMap(B, P, ['SHARED'], 0));
  const r = run(mm, fileMap(B + P, P, ['SHARED'], P));
  assert.equal(r.layout.length, 2, 'never merged');
  assert.ok(r.layout[1]!.flags.includes('PFNMAP'));
  // out of range -> -EFAULT
  assert.equal(run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', offset: P, size: 4 * P } } }), fileMap(B, 2 * P)).errnoName, 'EFAULT');
  // COW (private, may-write): partial -> -EINVAL; whole -> pgoff = pfn
  assert.equal(run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', offset: 0, size: P, pfn: 9 } } }), fileMap(B, 2 * P, ['PRIVATE'])).errnoName, 'EINVAL');
  const w = run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_REMAP_PFN', pfn: 9 } } }), fileMap(B, 2 * P, ['PRIVATE']));
  assert.equal(w.layout[0]!.pgoff, 9);
  // ioremap becomes a PFN remap in prepare, and completes as one
  const io = run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_IO_REMAP_PFN', pfn: 3 } } }), fileMap(B, P));
  assert.equal(io.errno, 0);
  assert.ok(hookNames(io).includes('remap_pfn_range_complete'));
  // 6.19 has no simple_ioremap
  assert.equal(run(mmWith('6.19', { mmap_prepare: { action: { type: 'MMAP_SIMPLE_IO_REMAP', physPages: 4 } } }), fileMap(B, P)).errnoName, 'EINVAL');
  assert.equal(run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_SIMPLE_IO_REMAP', physPages: 4 } } }), fileMap(B, P)).errno, 0);
  assert.equal(run(mmWith('7.1', { mmap_prepare: { action: { type: 'MMAP_SIMPLE_IO_REMAP', physPages: 1 } } }), fileMap(B, 2 * P)).errnoName, 'EINVAL');
});

test('C27/C28/C29/C30/C32: mapped after the action; failure unmaps (close runs) and error_hook rewrites; private data via void **', () => {
  const ok = run(mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mapped: { setPrivate: 'state' }, close: true }, action: { type: 'MMAP_REMAP_PFN', hideFromRmap: true } } }), fileMap(B, P));
  assert.deepEqual(hookNames(ok), ['f_op->mmap_prepare', 'remap_pfn_range_complete', 'vm_ops->mapped']);
  assert.equal(ok.layout[0]!.privateData, 'state');
  const mh = hooks(ok).find((h) => h.hook === 'vm_ops->mapped')!;
  assert.equal(mh.locks.mmap, 'write');
  assert.deepEqual(mh.locks.iMmapWrite, ['d'], 'hidden from rmap: i_mmap held');
  assert.ok(!('vma' in mh.args), 'mapped gets no VMA pointer');
  // action fails: mapped not called, VMA unmapped with close
  const af = run(mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mapped: true, close: true }, action: { type: 'MMAP_REMAP_PFN', completeFail: 'ENOMEM' } } }), fileMap(B, P));
  assert.equal(af.errnoName, 'ENOMEM');
  assert.deepEqual(hookNames(af), ['f_op->mmap_prepare', 'remap_pfn_range_complete', 'vm_ops->close']);
  assert.equal(af.layout.length, 0);
  // mapped fails -> error_hook rewrites to EAGAIN (7.1); mm-new uses error_override
  const mf = run(mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mapped: { fail: 'ENOMEM' }, close: true }, action: { type: 'MMAP_NOTHING', errorHook: { returns: 'EAGAIN' } } } }), fileMap(B, P));
  assert.equal(mf.errnoName, 'EAGAIN');
  assert.ok(hookNames(mf).includes('vm_ops->close'));
  const mn = run(mmWith('mm-new', { mmap_prepare: { vmOps: { name: 'drv', mapped: { fail: 'ENOMEM' } }, action: { type: 'MMAP_NOTHING', errorOverride: 'EAGAIN', errorHook: { returns: 'EBADF' } } } }), fileMap(B, P));
  assert.equal(mn.errnoName, 'EAGAIN');
  // 6.18 has neither actions nor mapped: the hook is never called
  const h618 = run(mmWith('6.18', { mmap_prepare: { vmOps: { name: 'drv', mapped: { fail: 'ENOMEM' } } } }), fileMap(B, P));
  assert.equal(h618.errno, 0);
  assert.deepEqual(hookNames(h618), ['f_op->mmap_prepare']);
});

test('C31: a legacy ->mmap that installs vm_ops->mapped fails -EINVAL (7.1); fine in 6.19', () => {
  const spec = { mmap: { vmOps: { name: 'drv', mapped: true } } };
  assert.equal(run(mmWith('7.1', spec), fileMap(B, P)).errnoName, 'EINVAL');
  assert.equal(run(mmWith('6.19', spec), fileMap(B, P)).errno, 0);
});

test('C33/C34: the compat path runs prepare, action and mapped on the allocated VMA; HOTFIX (mm-new) does not unmap', () => {
  const files = [{ id: 'lower', fops: { mmap_prepare: { vmOps: { name: 'lower_ops', mapped: { fail: 'ENOMEM' as const } } } } }];
  const r = run(mmWith('7.1', { mmap: { forwardTo: 'lower' } }, files), fileMap(B, P));
  assert.deepEqual(hookNames(r), ['f_op->mmap', 'f_op->mmap_prepare', 'vm_ops->mapped']);
  assert.equal(r.errnoName, 'ENOMEM');
  assert.ok(r.trace.events.some((e) => e.ev === 'warn' && /do_munmap from inside ->mmap/.test(e.message)));
  const h = run(mmWith('mm-new', { mmap: { forwardTo: 'lower' } }, files), fileMap(B, P));
  assert.ok(h.trace.events.some((e) => e.ev === 'step' && /without do_munmap/.test(e.name)));
  assert.equal(h.layout.length, 0);
});

test('C36: success_hook runs after mapped (6.19..7.1), its failure unmaps; mm-new has no success_hook', () => {
  const spec = { mmap_prepare: { vmOps: { name: 'drv', mapped: true }, action: { type: 'MMAP_NOTHING' as const, successHook: { fail: 'EPERM' as const } } } };
  const r = run(mmWith('7.1', spec), fileMap(B, P));
  assert.deepEqual(hookNames(r).slice(1, 3), ['vm_ops->mapped', 'action.success_hook']);
  assert.equal(r.errnoName, 'EPERM');
  assert.equal(r.layout.length, 0);
  assert.equal(run(mmWith('mm-new', spec), fileMap(B, P)).errno, 0);
});

test('C40/C41/C49: open on split (not on first map), close on munmap, may_split veto', () => {
  const mm = mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', open: true, close: true } } });
  const a = run(mm, fileMap(B, 4 * P));
  assert.ok(!hookNames(a).includes('vm_ops->open'));
  const u = run(mm, { op: 'munmap', addr: B + P, len: P });
  assert.deepEqual(hookNames(u), ['vm_ops->open', 'vm_ops->open', 'vm_ops->close']);
  const v = mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', may_split: { fail: 'EINVAL' } } } });
  run(v, fileMap(B, 4 * P));
  assert.equal(run(v, { op: 'munmap', addr: B + P, len: P }).errnoName, 'EINVAL');
  assert.equal(run(v, { op: 'mprotect', addr: B + P, len: P, prot: ['READ'] }).errnoName, 'EINVAL');
});

test('C46/C47/C48: max_map_count rules', () => {
  const mm = createMm('6.18', { maxMapCount: 2 });
  assert.equal(run(mm, anon(B, 2 * P, ['READ'])).errno, 0);
  assert.equal(run(mm, anon(B + 4 * P, 3 * P, ['READ'])).errno, 0);
  assert.equal(run(mm, anon(B + 10 * P, P, ['READ'])).errno, 0, 'map_count == max: one more allowed (C48)');
  assert.equal(run(mm, anon(B + 12 * P, P, ['READ'])).errnoName, 'ENOMEM');
  assert.equal(run(mm, { op: 'munmap', addr: B + 5 * P, len: P }).errnoName, 'ENOMEM', 'C46');
  assert.equal(run(mm, { op: 'mprotect', addr: B + 4 * P, len: P, prot: ['READ', 'WRITE'] }).errnoName, 'ENOMEM', 'C47');
  assert.equal(run(mm, { op: 'munmap', addr: B + 4 * P, len: P }).errno, 0, 'single split allowed');
});

test('C50-C57, C61, C66: mremap errno rules; multi-VMA moves since 6.17, not in 6.12', () => {
  for (const p of ['6.12', '6.18', '7.1']) {
    const mm = createMm(p);
    run(mm, anon(B, 2 * P, ['READ']));
    run(mm, anon(B + 2 * P, 2 * P));
    const mv = (flags: ('MAYMOVE' | 'FIXED' | 'DONTUNMAP')[], newAddr = B + 20 * P, addr = B, oldLen = 4 * P, newLen = 4 * P) =>
      run(createMmCopy(mm), { op: 'mremap', addr, oldLen, newLen, flags, newAddr });
    assert.equal(mv(['FIXED']).errnoName, 'EINVAL', 'C50');
    assert.equal(mv(['DONTUNMAP']).errnoName, 'EINVAL', 'C50');
    assert.equal(mv(['MAYMOVE', 'FIXED'], B + 2 * P).errnoName, 'EINVAL', 'C55 overlap');
    const multi = mv(['MAYMOVE', 'FIXED']);
    assert.equal(multi.errnoName, p === '6.12' ? 'EFAULT' : 'OK', `C51 ${p}`);
    assert.equal(mv(['MAYMOVE', 'FIXED'], B + 20 * P, B - P, 5 * P, 5 * P).errnoName, 'EFAULT', 'C52');
    assert.equal(mv(['MAYMOVE'], 0, B, 4 * P, 6 * P).errnoName, 'EFAULT', 'C54');
    assert.equal(mv([], 0, B, 4 * P, P).errno, 0, 'C56 shrink across VMAs');
    assert.equal(mv([], 0, B + 2 * P, 0, P).errnoName, 'EINVAL', 'C57 private old_len 0');
    assert.equal(mv([], 0, B + 2 * P, 2 * P, 4 * P).errno, 0, 'grow in place');
  }
});

function createMmCopy(mm: MmStruct): MmStruct {
  const c = createMm(mm.profile.name);
  c.vmas = mm.vmas.map((v) => ({ ...v }));
  c.nextVmaId = mm.nextVmaId;
  return c;
}

test('C65: vm_ops->mremap failing undoes the move (new VMA unmapped, source kept)', () => {
  const mm = mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mremap: { fail: 'EBUSY' as never }, close: true } } });
  run(mm, fileMap(B, 2 * P));
  const r = run(mm, { op: 'mremap', addr: B, oldLen: 2 * P, newLen: 2 * P, flags: ['MAYMOVE', 'FIXED'], newAddr: B + 10 * P });
  assert.notEqual(r.errno, 0);
  assert.deepEqual(spans(r), [[0, 2]]);
});

test('proposal-2025-09: mmap_complete after setup; mmap_abort when the core fails after prepare', () => {
  const mm = mmWith('proposal-2025-09', { mmap_prepare: { mmapContext: 'ctx' }, mmap_complete: true, mmap_abort: true });
  const r = run(mm, fileMap(B, P));
  assert.deepEqual(hookNames(r), ['f_op->mmap_prepare', 'f_op->mmap_complete']);
  const f = run(mmWith('proposal-2025-09', { mmap_prepare: true, mmap_complete: true, mmap_abort: true }), fileMap(B, P), { fail: [{ point: 'vm_area_alloc' }] });
  assert.equal(f.errnoName, 'ENOMEM');
  assert.ok(hookNames(f).includes('f_op->mmap_abort'));
  assert.equal(run(mmWith('proposal-2025-09', { mmap: true, mmap_complete: true }), fileMap(B, P)).errnoName, 'EINVAL');
  // no mainline profile has them (C10)
  const m = run(mmWith('7.1', { mmap_prepare: true, mmap_complete: true, mmap_abort: true }), fileMap(B, P), { fail: [{ point: 'vm_area_alloc' }] });
  assert.ok(!hookNames(m).includes('f_op->mmap_abort'));
});

test('fault injection: every point of an mmap can fail; the run reports errno, layout and trace', () => {
  const mm = mmWith('7.1', { mmap_prepare: { vmOps: { name: 'drv', mapped: true, close: true }, action: { type: 'MMAP_REMAP_PFN' } } });
  run(mm, anon(B, 4 * P));
  const op = fileMap(B + P, 2 * P);
  const points = enumerateFaultPoints(mm, op);
  const names = points.map((p) => p.point);
  for (const n of ['f_op->mmap_prepare', 'action_prepare', 'vm_area_alloc', 'vma_iter_prealloc', 'remap_pfn_range_complete', 'vm_ops->mapped']) assert.ok(names.includes(n), n);
  for (const p of points) {
    const c = createMmCopy(mm);
    const r = run(c, op, { fail: [{ point: p.point, occurrence: p.occurrence }] });
    assert.ok(r.errno !== 0, `${p.point}#${p.occurrence}\n${formatTrace(r.trace)}`);
  }
  assert.equal(mm.vmas.length, 1, 'enumerateFaultPoints does not change mm');
});

test('never throws on garbage ops', () => {
  const mm = createMm('7.1');
  for (const op of [null, {}, { op: 'mmap' }, { op: 'mremap', addr: -5, oldLen: NaN, newLen: 1e300, flags: 'x' }, { op: 'munmap', addr: 'a', len: {} }]) {
    const r = run(mm, op as unknown as Op);
    assert.notEqual(r.errno, 0);
  }
});

test('C37 + driver presets: /dev/mem reports any remap failure as -EAGAIN in every profile', async () => {
  const { driverFile } = await import('../../src/model/index.js');
  for (const p of PROFILE_NAMES) {
    const mm = createMm(p, { files: [driverFile('dev-mem', 'mem', p)] });
    const op: Op = { op: 'mmap', addr: B, len: 2 * P, prot: ['READ'], flags: ['SHARED', 'FIXED'], file: 'mem' };
    const point = enumerateFaultPoints(mm, op).find((x) => /remap_pfn_range/.test(x.point));
    assert.ok(point, `${p}: a remap fault point`);
    const r = run(mm, op, { fail: [{ point: point.point }] });
    assert.equal(r.errnoName, 'EAGAIN', p);
    assert.equal(run(mm, op).errno, 0, p);
  }
  // /dev/zero: private is anonymous (vm_ops NULL), shared gets its own shmem file, in every profile
  for (const p of PROFILE_NAMES) {
    const mm = createMm(p, { files: [driverFile('dev-zero', 'z', p)] });
    const a = run(mm, { op: 'mmap', addr: B, len: P, prot: ['READ'], flags: ['PRIVATE', 'FIXED'], file: 'z' });
    assert.equal(a.layout[0]!.vmOps, null, p);
    const b = run(mm, { op: 'mmap', addr: B + 4 * P, len: P, prot: ['READ'], flags: ['SHARED', 'FIXED'], file: 'z' });
    assert.match(b.layout[1]!.file ?? '', /^shm#/, p);
  }
});
