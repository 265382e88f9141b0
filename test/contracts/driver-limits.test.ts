/**
 * C37 (/dev/mem reports any remap failure as -EAGAIN) and C63 (growing a VM_LOCKED VMA past
 * RLIMIT_MEMLOCK gives -EAGAIN): executable via the model's driverFile('dev-mem') and memlockPages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contracts } from '../../src/contracts/load.js';
import { checkContract } from '../../src/contracts/explore.js';
import { TRACE_PREDICATES } from '../../src/contracts/predicates/trace.js';
import type { RunCtx } from '../../src/contracts/predicates/lib.js';
import { isViolation } from '../../src/contracts/predicates/lib.js';
import { PROFILE_NAMES, createMm, run } from '../../src/model/index.js';
import type { FileSpec, Op, OpResult, ProfileName } from '../../src/model/index.js';
import { P, pg } from '../../src/contracts/alphabet.js';

const byId = new Map(contracts().map((c) => [c.id, c]));

function ctxOf(profile: ProfileName, ops: Op[], results: OpResult[], memlockPages = Infinity, fault?: RunCtx['fault']): RunCtx {
  const res = results[results.length - 1]!;
  return {
    profile, ops, results, ...(fault ? { fault } : {}),
    before: results.length > 1 ? results[results.length - 2]!.layout : [], after: res.layout,
    op: ops[ops.length - 1]!, res, events: res.trace.events, maxMapCount: 65530, memlockPages,
    alone: (op) => run(createMm(profile), op),
  };
}

test('C37 and C63 are executable trace contracts and hold, non-vacuously, in every profile', () => {
  for (const id of ['C37', 'C63']) {
    const c = byId.get(id)!;
    assert.equal(c.check, 'trace', id);
    assert.equal(c.predicate, id);
    for (const p of PROFILE_NAMES) {
      const r = checkContract(c, p);
      assert.equal(r.expected, 'holds', `${id} ${p}`);
      assert.equal(r.outcome, 'holds', `${id} ${p}: ${r.counterexample?.why ?? r.reason ?? ''}`);
      assert.ok(r.nonVacuous > 0, `${id} ${p}`);
    }
  }
});

test('C37 witness: the remap fault is at remap_pfn_range (->mmap) up to 6.18, remap_pfn_range_complete (action) from 6.19', () => {
  const c = byId.get('C37')!;
  for (const [p, point] of [['6.12', 'remap_pfn_range'], ['6.18', 'remap_pfn_range'], ['6.19', 'remap_pfn_range_complete'], ['7.1', 'remap_pfn_range_complete'], ['mm-new', 'remap_pfn_range_complete']] as const) {
    const w = checkContract(c, p).witness!;
    assert.match(w.trace, new RegExp(`file=dev-mem.*= EAGAIN +\\[fault injected: ${point}\\]`), p);
  }
});

test('C37 predicate rejects a driver that passes the remap error through', () => {
  // the same remap as /dev/mem but without the EAGAIN filter (errorAs)
  const raw: FileSpec = { id: 'dev-mem', sizePages: 2 ** 40, fops: { mmap: { vmOps: { name: 'mmap_mem_ops' }, remapPfn: {} } } };
  const mm = createMm('6.12', { files: [raw] });
  const op: Op = { op: 'mmap', addr: pg(0), len: 2 * P, prot: ['READ', 'WRITE'], flags: ['SHARED', 'FIXED'], file: 'dev-mem', offset: 0 };
  const fault = { point: 'remap_pfn_range', occurrence: 1 };
  const res = run(mm, op, { fail: [fault] });
  assert.notEqual(res.errnoName, 'EAGAIN');
  const v = TRACE_PREDICATES.C37!(ctxOf('6.12', [op], [res], Infinity, fault));
  assert.ok(isViolation(v), JSON.stringify(v));
});

test('C63 witness: MAP_LOCKED mapping, mremap grow past the limit = EAGAIN at the mlock_future_ok check', () => {
  const w = checkContract(byId.get('C63')!, '7.1').witness!;
  assert.match(w.trace, /LOCKED\) = OK/);
  assert.match(w.trace, /mremap\(0x100000, 0x2000, 0x4000, 0\) = EAGAIN/);
  assert.match(w.trace, /mlock_future_ok -> EAGAIN/);
});

test('C63 predicate: within the limit is vacuous; a kernel without the check violates it', () => {
  const lockedMap: Op = { op: 'mmap', addr: pg(0), len: 2 * P, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED', 'ANONYMOUS', 'LOCKED'] };
  const grow: Op = { op: 'mremap', addr: pg(0), oldLen: 2 * P, newLen: 4 * P, flags: [] };
  // within RLIMIT_MEMLOCK: the grow succeeds and the claim does not apply
  const mm = createMm('7.1', { memlockPages: 4 });
  const r1 = [run(mm, lockedMap), run(mm, grow)];
  assert.equal(r1[1]!.errnoName, 'OK');
  assert.equal(TRACE_PREDICATES.C63!(ctxOf('7.1', [lockedMap, grow], r1, 4)), 'vacuous');
  // unlimited in the model but a 3-page limit claimed: the grow succeeds, which the predicate rejects
  const mm2 = createMm('7.1');
  const r2 = [run(mm2, lockedMap), run(mm2, grow)];
  assert.equal(r2[1]!.errnoName, 'OK');
  assert.ok(isViolation(TRACE_PREDICATES.C63!(ctxOf('7.1', [lockedMap, grow], r2, 3))));
});
