/**
 * Commit accounting (issue 12 §2): the cases measured on 6.18.44 with Committed_AS (32 × 4 MiB,
 * controls +0) replayed in the model at the same size, and the invariant (commit charge = pages of
 * VM_ACCOUNT VMAs + recorded leaks; file references balanced) over random sequences with faults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROFILE_NAMES, checkAccounting, checkInvariants, createMm, driverFile, enumerateFaultPoints, run,
} from '../../src/model/index.js';
import type { MmStruct, Op } from '../../src/model/index.js';
import { FILES as DIFF_FILES, Rng, genSequence } from './harness.js';

const MB4 = 4 << 20;
const PAGES = MB4 / 4096;
const BASE = 0x200000000000;
const at = (i: number): number => BASE + i * 3 * MB4;
const anon = (i: number): Op => ({ op: 'mmap', addr: at(i), len: MB4, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED', 'ANONYMOUS'] });

function mmWith(profile = '6.18'): MmStruct {
  return createMm(profile, {
    files: [driverFile('secretmem', 'secret', profile), { id: 'perf', fops: { mmap: { fail: 'EINVAL' } } }],
  });
}

/** Committed pages after `ops` run over 32 accounted anonymous 4 MiB mappings (or holes), relative to before. */
function delta(profile: string, over: boolean, op: (i: number) => Op): { committed: number; unbacked: number; errnos: Set<string> } {
  const mm = mmWith(profile);
  if (over) for (let i = 0; i < 32; i++) run(mm, anon(i));
  const c0 = mm.committed;
  const errnos = new Set<string>();
  for (let i = 0; i < 32; i++) errnos.add(run(mm, op(i)).errnoName);
  assert.deepEqual(checkInvariants(mm), []);
  let acct = 0;
  for (const v of mm.vmas) if (v.flags & (1 << 15)) acct += (v.end - v.start) / 4096;
  return { committed: mm.committed - c0, unbacked: mm.committed - acct, errnos };
}

test('a successful anonymous MAP_FIXED over an accounted mapping moves the charge (+0, never negative)', () => {
  for (const p of PROFILE_NAMES) {
    const d = delta(p, true, anon);
    assert.equal(d.committed, 0, p);
    assert.equal(d.unbacked, 0, p);
    assert.deepEqual([...d.errnos], ['OK']);
  }
});

test('secretmem MAP_FIXED private over an accounted mapping: mmap_prepare fails, the whole charge leaks (+131,072 kB)', () => {
  const op = (i: number): Op => ({ op: 'mmap', addr: at(i), len: MB4, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'secret', offset: 0 });
  for (const p of ['6.17', '6.18', '6.19', '7.1', 'mm-new']) {
    const over = delta(p, true, op);
    assert.deepEqual([...over.errnos], ['EINVAL'], p);
    assert.equal(over.committed, 0, `${p}: nothing given back, nothing charged`);
    assert.equal(over.unbacked * 4, 131072, `${p}: kB charged without a mapping`);
    const hole = delta(p, false, op);
    assert.equal(hole.committed * 4, 131072, p);
    assert.equal(hole.unbacked * 4, 131072, p);
  }
});

test('legacy ->mmap fails (perf fd, private): leak over an accounted mapping, +0 in a hole (C71)', () => {
  const op = (i: number): Op => ({ op: 'mmap', addr: at(i), len: MB4, prot: ['READ', 'WRITE'], flags: ['PRIVATE', 'FIXED'], file: 'perf', offset: 0 });
  for (const p of PROFILE_NAMES) {
    const over = delta(p, true, op);
    assert.deepEqual([...over.errnos], ['EINVAL'], p);
    assert.equal(over.unbacked * 4, 131072, p);
    const hole = delta(p, false, op);
    assert.equal(hole.committed, 0, p);
    assert.equal(hole.unbacked, 0, p);
  }
});

test('mremap shrink+move charges the shrunk half again (C72: 6.18.44 keeps 65,536 kB); 6.12 does not', () => {
  const op = (i: number): Op => ({ op: 'mremap', addr: at(i), oldLen: MB4, newLen: MB4 / 2, flags: ['MAYMOVE', 'FIXED'], newAddr: 0x300000000000 + i * 3 * MB4 });
  const d = delta('6.18', true, op);
  assert.equal(d.committed, 0); // measured: +0 kB after the calls
  assert.equal(d.unbacked * 4, 65536);
  const old = delta('6.12', true, op);
  assert.equal(old.committed * 4, -65536);
  assert.equal(old.unbacked, 0);
});

test('checkAccounting notices a charge or a reference the bookkeeping does not explain', () => {
  const mm = mmWith();
  run(mm, anon(0));
  assert.deepEqual(checkAccounting(mm), []);
  mm.committed -= PAGES; // what releasing a transferred charge twice does
  assert.match(checkAccounting(mm).join(), /commit charge -?\d+ pages != 1024 pages of VM_ACCOUNT VMAs/);
  mm.committed += PAGES;
  mm.files.get('perf')!.refs++;
  assert.match(checkAccounting(mm).join(), /file perf: 2 references != 1 \+ 0 VMAs/);
});

test('the invariants hold after every op of random sequences, every profile, with a fault in a third of the ops', () => {
  const bad: string[] = [];
  let checked = 0;
  for (const p of PROFILE_NAMES) {
    const r = new Rng(4242);
    for (let i = 0; i < 120 && bad.length < 3; i++) {
      const ops = genSequence(r);
      const mm = createMm(p, { files: DIFF_FILES });
      for (const [j, op] of ops.entries()) {
        let plan;
        if (r.chance(0.33)) {
          const pts = enumerateFaultPoints(mm, op);
          const fp = pts.length ? pts[r.int(0, pts.length - 1)] : undefined;
          if (fp) plan = { fail: [{ point: fp.point, occurrence: fp.occurrence }] };
        }
        run(mm, op, plan);
        checked++;
        const errs = checkInvariants(mm);
        if (errs.length) {
          bad.push(`${p} seq ${i} op ${j} ${JSON.stringify(op)} ${plan ? JSON.stringify(plan) : ''}: ${errs.join('; ')}`);
          break;
        }
      }
    }
  }
  assert.ok(checked > 3000, `only ${checked} ops checked`);
  assert.deepEqual(bad, []);
});
