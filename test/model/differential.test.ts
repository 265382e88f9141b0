/**
 * Differential test: the model under the host profile (6.18) against the running kernel, on a few
 * hundred seeded random sequences of mmap/munmap/mprotect/mremap/touch/uffd ops in a fixed window.
 * Layouts (VMA boundaries after merges/splits, perms, offsets, anon/file) and errnos must match.
 * Skips with a message when there is no cc or no /proc/self/maps. Seed: KDOCS_DIFF_SEED (default 20251122).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHelper, differential, formatMismatch, minimize, readHostKernel } from './harness.js';

const SEED = Number(process.env.KDOCS_DIFF_SEED ?? 20251122);
const COUNT = Number(process.env.KDOCS_DIFF_COUNT ?? 400);

test(`model matches the running kernel on ${COUNT} random sequences (seed ${SEED})`, (t) => {
  const helper = buildHelper();
  if ('skip' in helper) {
    t.skip(helper.skip);
    return;
  }
  try {
    const host = readHostKernel();
    if (!/^6\.18\./.test(host)) t.diagnostic(`host kernel is ${host}; the model runs profile 6.18`);
    const { mismatches, ops } = differential(helper, COUNT, SEED);
    t.diagnostic(`${COUNT} sequences, ${ops} ops, seed ${SEED}, kernel ${host}: ${mismatches.length} mismatches`);
    const shown = mismatches.slice(0, 3).map((m) => formatMismatch(m, SEED) + '\n  minimised:\n' + formatMismatch(minimize(helper, m), SEED));
    assert.equal(mismatches.length, 0, shown.join('\n\n'));
  } finally {
    helper.cleanup();
  }
});
