/**
 * Differential test: the model under the host profile (6.18) against the running kernel, on a few
 * hundred seeded random sequences of mmap/munmap/mprotect/mremap/touch/uffd/mseal ops in a fixed
 * window, a few of them first filling the address space up to vm.max_map_count; after every op the
 * errno, the returned address and the window's VMAs (boundaries, perms, offset, name class and the
 * VmFlags of /proc/self/smaps) must match. Then the Committed_AS cases of issue 12 §2, each against
 * a control run (skipped when the machine is too noisy). Skips with a message when there is no cc
 * or no /proc. Seed: KDOCS_DIFF_SEED (default 20251122), count: KDOCS_DIFF_COUNT (default 400).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountingDifferential, buildHelper, DIFF_PROFILE, differential, formatMismatch, genLimitSequence, genOptions, genSequence, minimize, profileForKernel, readHostKernel, Rng, runNative } from './harness.js';

const SEED = Number(process.env.KDOCS_DIFF_SEED ?? 20251122);
const COUNT = Number(process.env.KDOCS_DIFF_COUNT ?? 400);

test(`model matches the running kernel on ${COUNT} random sequences (seed ${SEED}), VmFlags and max_map_count included`, (t) => {
  const helper = buildHelper();
  if ('skip' in helper) {
    t.skip(helper.skip);
    return;
  }
  try {
    const host = readHostKernel();
    t.diagnostic(`kernel ${host} compared with the model's profile ${DIFF_PROFILE}`);
    const res = differential(helper, COUNT, SEED, { limitEvery: 100 });
    t.diagnostic(`${COUNT} sequences, ${res.ops} ops, seed ${SEED}, kernel ${host}: ${res.mismatches.length} unexplained mismatches, ${res.explained.length} explained`);
    for (const m of res.explained) t.diagnostic(`explained (${m.explained}): sequence #${m.index}`);
    const shown = res.mismatches.slice(0, 3).map((m) => formatMismatch(m, SEED) + '\n  minimised:\n' + formatMismatch(minimize(helper, m), SEED));
    assert.equal(res.mismatches.length, 0, shown.join('\n\n'));
    // the limit sequences really met the limit somewhere
    assert.ok((res.coverage['maplimit']?.runs ?? 0) >= 3, JSON.stringify(res.coverage));
  } finally {
    helper.cleanup();
  }
});

test('Committed_AS on the kernel moves as the model says (MAP_FIXED charge transfer, the leaks of C08, C71, C72)', (t) => {
  const helper = buildHelper();
  if ('skip' in helper) {
    t.skip(helper.skip);
    return;
  }
  try {
    const rows = accountingDifferential(helper);
    for (const r of rows) t.diagnostic(`${r.status}: ${r.name}: kernel ${r.kernel ? `${r.kernel[0]} / ${r.kernel[1]} kB` : '-'}, model ${r.model[0]} / ${r.model[1]} kB${r.note ? ` (${r.note})` : ''}`);
    const bad = rows.filter((r) => r.status === 'MISMATCH');
    assert.deepEqual(bad.map((r) => r.name), []);
    if (rows.every((r) => r.status === 'skipped')) t.diagnostic('every Committed_AS case was skipped: the machine is too noisy');
  } finally {
    helper.cleanup();
  }
});

test('the differential compares the profile named by the running kernel\'s major.minor, and none for a release the model lacks', () => {
  assert.equal(profileForKernel('6.18.44-fc-v1272'), '6.18');
  assert.equal(profileForKernel('7.1.0-rc3'), '7.1');
  assert.equal(profileForKernel('6.12.117'), '6.12');
  assert.equal(profileForKernel('6.8.0-49-generic'), null);
  assert.equal(profileForKernel('garbage'), null);
});

test('the helper isolates sequences: each prints what it prints alone in a fresh helper, with child reuse and with a prefilled max_map_count helper', (t) => {
  const helper = buildHelper();
  if ('skip' in helper) {
    t.skip(helper.skip);
    return;
  }
  try {
    genOptions.secretmem = helper.secretmem;
    const r = new Rng(SEED + 7);
    const seqs = Array.from({ length: 60 }, () => genSequence(r));
    const together = runNative(helper, seqs);
    const alone = seqs.map((s) => runNative(helper, [s])[0]);
    assert.deepEqual(together, alone);
    // sequences at the limit: from one prefilled helper as the differential runs them, and each
    // filling the address space itself in its own helper
    const limits = Array.from({ length: 3 }, () => genLimitSequence(r));
    const prefilled = runNative(helper, limits, { prefill: 64 });
    assert.deepEqual(prefilled, limits.map((s) => runNative(helper, [s])[0]));
    assert.ok(prefilled.every((lines) => lines.some((l) => /^N \d+ \d+$/.test(l))));
  } finally {
    helper.cleanup();
  }
});
