import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contracts } from '../../src/contracts/load.js';
import { LAYOUTS, MIN_DISTINCT, checkContract } from '../../src/contracts/explore.js';
import { PROFILE_NAMES } from '../../src/model/index.js';
import { run as cli } from '../../src/cli/contracts.js';

const byId = new Map(contracts().map((c) => [c.id, c]));

test('every contract has its expected outcome in every profile (up to 2 ops, faults on)', () => {
  const bad: string[] = [];
  for (const c of contracts()) {
    for (const p of PROFILE_NAMES) {
      const r = checkContract(c, p, { maxOps: 2 });
      if (!r.ok) bad.push(`${c.id} ${p}: expected ${r.expected}, got ${r.outcome}: ${r.counterexample?.why ?? r.reason ?? ''}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('failing profiles come with a counterexample trace', () => {
  const c51 = checkContract(byId.get('C51')!, '6.12');
  assert.equal(c51.outcome, 'fails');
  assert.match(c51.counterexample!.trace, /mremap\(0x100000, 0x6000, 0x6000, MAYMOVE\|FIXED, 0x200000\) = EFAULT/);
  const c09 = checkContract(byId.get('C09')!, 'proposal-2025-09');
  assert.equal(c09.outcome, 'fails');
  assert.match(c09.counterexample!.trace, /mmap_abort|mmap_complete/);
  const c12 = checkContract(byId.get('C12')!, '6.19');
  assert.equal(c12.outcome, 'fails');
  assert.match(c12.counterexample!.trace, /const struct mm_struct \*const/);
});

test('key claims hold in 7.1 with non-vacuous runs', () => {
  for (const id of ['C05', 'C07', 'C09', 'C16', 'C17', 'C26', 'C28', 'C29', 'C31', 'C42', 'C43', 'C51', 'C53']) {
    const r = checkContract(byId.get(id)!, '7.1', { maxOps: 2 });
    assert.equal(r.outcome, 'holds', `${id}: ${r.counterexample?.why ?? r.reason ?? ''}`);
    assert.ok(r.nonVacuous > 0, id);
  }
});

test('C08 runs the MAP_FIXED case and C71 both cases; every exploration keeps the model invariants', () => {
  for (const p of ['6.18', '7.1'] as const) {
    const c08 = checkContract(byId.get('C08')!, p, { maxOps: 2 });
    assert.equal(c08.outcome, 'holds', c08.counterexample?.why);
    assert.ok(c08.witnesses?.['map-fixed'] && c08.witnesses['hole'], `${p}: C08 witnesses ${Object.keys(c08.witnesses ?? {})}`);
    const c71 = checkContract(byId.get('C71')!, p, { maxOps: 2 });
    assert.ok(c71.witnesses?.['map-fixed'] && c71.witnesses['hole'], p);
    assert.equal(c08.invariant, undefined);
  }
});

test(`every trace contract that holds rests on at least ${MIN_DISTINCT} distinct non-vacuous runs, over varied layouts`, () => {
  const thin: string[] = [];
  for (const c of contracts()) {
    if (c.check !== 'trace') continue;
    for (const p of ['6.18', '7.1'] as const) {
      const r = checkContract(c, p, { maxOps: 2 });
      if (r.expected === 'holds' && (r.distinct ?? 0) < MIN_DISTINCT) thin.push(`${c.id}@${p}: ${r.distinct}`);
    }
  }
  assert.deepEqual(thin, []);
  // C42 has one non-vacuous operation per layout and depth: it needs the moved and populated layouts
  const c42 = checkContract(byId.get('C42')!, '7.1', { maxOps: 2 });
  assert.ok(c42.layouts!.length > 1 && c42.layouts!.length <= LAYOUTS.length, String(c42.layouts));
});

test('a contract with too few distinct non-vacuous runs does not pass', () => {
  const c70 = byId.get('C70')!;
  const thin = { ...c70, scenario: { ...c70.scenario!, alphabet: ['file-sealed-shared-write'], maxOps: 1 } };
  const r = checkContract(thin, '7.1', { maxOps: 1, layouts: 'all' });
  assert.equal(r.outcome, 'holds');
  assert.equal(r.ok, false);
  assert.match(r.reason ?? '', /only \d+ distinct non-vacuous runs over \d+ layouts/);
});

test('scenario.require: a contract holds only once some run reached each required case', () => {
  const c74 = byId.get('C74')!;
  const r = checkContract(c74, '7.1', { maxOps: 2 });
  assert.equal(r.ok, true, r.reason);
  assert.ok(r.witnesses?.['removed-file'], 'a merge removed a file-backed VMA');
  assert.equal(r.layouts?.length, 1, 'its own setup reaches the case in the first layout');
  // without its starting layout the first layouts have no file VMAs to merge: the exploration goes
  // on (past the 20 distinct runs) to a layout with some
  const bare = { ...c74, scenario: { ...c74.scenario!, setup: [] } };
  const b = checkContract(bare, '7.1', { maxOps: 2 });
  assert.equal(b.ok, true, b.reason);
  assert.ok((b.layouts?.length ?? 0) > 1 && b.witnesses?.['removed-file']);
  // a case no layout reaches: however many runs there are, the contract does not pass
  const never = { ...c74, scenario: { ...c74.scenario!, require: ['removed-file', 'no-such-case'] } };
  const n = checkContract(never, '7.1', { maxOps: 2 });
  assert.equal(n.outcome, 'holds');
  assert.equal(n.ok, false);
  assert.match(n.reason ?? '', /no explored run reached the required case no-such-case/);
  assert.equal(n.layouts?.length, LAYOUTS.length, 'every layout was tried before giving up');
});

test('layouts move the scenario: the same contract sees other addresses, file offsets and neighbours', () => {
  const r = checkContract(byId.get('C13')!, '7.1', { maxOps: 1, layouts: 'all' });
  assert.equal(r.outcome, 'holds', r.counterexample?.why);
  assert.equal(r.layouts!.length, LAYOUTS.length);
  assert.ok(r.distinct! >= LAYOUTS.length);
});

test('fast-check random sequences find nothing new for C26/C43 in 7.1', () => {
  for (const id of ['C26', 'C43']) {
    const r = checkContract(byId.get(id)!, '7.1', { maxOps: 1, randomRuns: 200, seed: 7 });
    assert.equal(r.outcome, 'holds', id);
  }
});

test('kdocs contracts: exit 0, json output', async () => {
  const chunks: string[] = [];
  const orig = process.stdout.write.bind(process.stdout);
  (process.stdout as unknown as { write: (s: string) => boolean }).write = (s: string) => {
    chunks.push(String(s));
    return true;
  };
  let code: number;
  try {
    code = await cli(['--only', 'C26,C51', '--profile', '6.12', '--profile', '7.1', '--format', 'json']);
  } finally {
    (process.stdout as unknown as { write: typeof orig }).write = orig;
  }
  assert.equal(code, 0);
  const out = JSON.parse(chunks.join('')) as { summary: { unexpected: number; checks: number }; results: { id: string; outcome: string }[] };
  assert.equal(out.summary.checks, 4);
  assert.equal(out.summary.unexpected, 0);
  assert.ok(out.results.some((r) => r.id === 'C51' && r.outcome === 'fails'));
});

test('kdocs contracts: usage errors exit 2', async () => {
  const orig = process.stderr.write.bind(process.stderr);
  (process.stderr as unknown as { write: (s: string) => boolean }).write = () => true;
  try {
    assert.equal(await cli(['--profile', '5.4']), 2);
    assert.equal(await cli(['--bogus']), 2);
  } finally {
    (process.stderr as unknown as { write: typeof orig }).write = orig;
  }
});
