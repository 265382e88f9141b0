/**
 * Mutation test of the VMA model: `node dist/scripts/mutate-model.js [--only ID,ID] [--no-kernel]`
 * (also run by `npm run bench` through scripts/bench-model.ts).
 *
 * Copies dist/ into a temp dir, then for each mutation below applies its edits to the compiled
 * model in the copy (each edit must match exactly once: a mutation that no longer applies is an
 * error, not a pass), runs the checks in a child process on that copy, and restores the file:
 *   - contracts: every trace contract in every profile (up to 2 ops, faults as the contract says),
 *     including the model invariants the exploration checks after every op;
 *   - the model's unit tests (test/model, without the differential);
 *   - a small real-kernel differential (150 sequences; skipped without cc or /proc, --no-kernel).
 * A mutation is caught when a contract check stops giving its expected outcome; it survives
 * otherwise (the unit tests and the differential are reported beside, for the record). Exit 1 when
 * a mutation survives or does not apply.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Mutation {
  id: string;
  what: string;
  /** dist-relative path of the compiled model file */
  file: string;
  /** [find, replace]: each find must occur exactly once in the file */
  edits: [string, string][];
}

export const MUTATIONS: Mutation[] = [
  { id: 'close-after-prepare', what: 'MAP_FIXED: the replaced VMAs are closed after mmap_prepare, not before (C06)', file: 'src/model/mmap.js',
    edits: [['    // 2d: zap old PTEs, close() the old VMAs\n    cleanUpArea(mm, vms);', ''], ['        preparedOk = true;', '        preparedOk = true;\n        cleanUpArea(mm, vms);']] },
  { id: 'mapped-on-merge', what: 'vm_ops->mapped and the action run on a range that merged (C26)', file: 'src/model/mmap.js',
    edits: [['if (haveMmapPrepare && allocatedNew && f.actions)', 'if (haveMmapPrepare && f.actions)']] },
  { id: 'charge-released-twice', what: 'MAP_FIXED over an accounted mapping: the moved charge is released again (the bug of issue 12 §2)', file: 'src/model/mmap.js',
    edits: [['        vms.nrAccounted = 0;', '']] },
  { id: 'prepare-error-unaccounts', what: 'the mmap_prepare error path gives the new charge back (C08)', file: 'src/model/mmap.js',
    edits: [["mm.leakCharge(map.charged, 'abort_munmap skips vm_unacct_memory(map.charged)');", 'mm.committed -= map.charged;']] },
  { id: 'abort-returns-moved-charge', what: 'a failing mapping gives back the charge it took over from the replaced ones (C71)', file: 'src/model/mmap.js',
    edits: [["if (transferred && vms.cleared)\n            mm.leakCharge(transferred, 'charge of the replaced mappings, moved to a mapping that failed');", 'if (transferred && vms.cleared)\n            mm.committed -= transferred;']] },
  { id: 'read-populate-no-anon-vma', what: 'populate gives an anon_vma only to writable private VMAs (the 6.18 differential finding, C64)', file: 'src/model/vma.js',
    edits: [['const anonRead = !(v.flags & (VM.SHARED | VM.MAYSHARE)) && v.vmOps === null;', 'const anonRead = false;']] },
  { id: 'special-merges', what: 'a VM_SPECIAL (PFNMAP) range merges with its neighbours (C18)', file: 'src/model/vma.js',
    edits: [['if (p.flags & VM_SPECIAL || (!prev && !next))', 'if (!prev && !next)']] },
  { id: 'merge-ignores-pgoff', what: 'merges ignore pgoff contiguity (C43)', file: 'src/model/vma.js',
    edits: [['next.pgoff === p.pgoff + ((p.end - p.start) / PAGE_SIZE);', 'true;'], ['prev.pgoff + vmaPages(prev) === p.pgoff;', 'true;']] },
  { id: 'merge-ignores-flags', what: 'merges compare only the access flags (C43)', file: 'src/model/vma.js',
    edits: [['if ((v.flags ^ p.flags) & ~ignoreMergeMask(mm))', 'if ((v.flags ^ p.flags) & 7)']] },
  { id: 'merged-keeps-old-vm-ops', what: 'a range that merged keeps the neighbour\'s vm_ops/private_data (C16)', file: 'src/model/mmap.js',
    edits: [['    if (haveMmapPrepare) {\n        if (map.vmOps?.name', '    if (haveMmapPrepare && allocatedNew) {\n        if (map.vmOps?.name']] },
  { id: 'mmap-under-read-lock', what: 'mmap takes mmap_lock for read (C69, C32)', file: 'src/model/mmap.js',
    edits: [['    mm.mmapWriteLock();\n    const r = doMmap(', '    mm.mmapReadLock();\n    const r = doMmap(']] },
  { id: 'rmap-unhidden-before-mapped', what: 'hide_from_rmap_until_complete: i_mmap is released before vm_ops->mapped (C32)', file: 'src/model/mmap.js',
    edits: [['    if (a.hideFromRmap && vma.file)\n        mm.iMmapUnlock(vma.file);\n', ''], ['    let err = errIn;\n    const f = mm.profile.features;', '    let err = errIn;\n    const f = mm.profile.features;\n    if (a.hideFromRmap && vma.file)\n        mm.iMmapUnlock(vma.file);']] },
  { id: 'undo-hook-after-prepare', what: 'the core calls the driver\'s vm_ops->close to undo a mapping that failed after mmap_prepare (C09)', file: 'src/model/mmap.js',
    edits: [['    const unacctError = (err) => {', "    const unacctError = (err) => {\n        if (map.vmOps?.close)\n            mm.callHook('vm_ops->close', { undo: true }, 0);"]] },
  { id: 'move-resets-faulted-pgoff', what: 'mremap resets pgoff of a faulted anonymous VMA too (C64)', file: 'src/model/mremap.js',
    edits: [['if (anonymous && vma.anonVma === null)', 'if (anonymous)']] },
  { id: 'fixed-dest-kept', what: 'MREMAP_FIXED does not unmap the destination first (C66)', file: 'src/model/mremap.js',
    edits: [['    if (v.flags & MREMAP.FIXED) {\n        const r = doVmiMunmap(mm, v.newAddr, v.newLen);', '    if (false) {\n        const r = doVmiMunmap(mm, v.newAddr, v.newLen);']] },
  { id: 'mremap-71-old-map-count', what: '7.1 keeps 6.18\'s mremap map-count check (C73)', file: 'src/model/mremap.js',
    edits: [['if (!mm.profile.features.mremapEarlyMapCount && mm.mapCount + 2 >= mm.maxMapCount - 3)', 'if (mm.mapCount + 2 >= mm.maxMapCount - 3)']] },
  { id: 'shrink-move-no-recharge', what: 'a shrink+move does not charge the shrunk pages again (C72)', file: 'src/model/mremap.js',
    edits: [["if (v.charged && v.type === 'SHRINK' && !(v.flags & MREMAP.DONTUNMAP)) {", "if (v.charged && v.type === 'SHRINK' && !(v.flags & MREMAP.DONTUNMAP)) {\n        mm.committed -= v.charged;\n        v.charged = 0;\n    }\n    if (false) {"]] },
  { id: 'split-no-open', what: 'a split does not call vm_ops->open on the new VMA (C40)', file: 'src/model/vma.js',
    edits: [["    if (n.vmOps?.open)\n        mm.callHook('vm_ops->open', { vma: n.id }, 0, n);", '']] },
  { id: 'munmap-no-close', what: 'munmap does not call vm_ops->close (C41)', file: 'src/model/munmap.js',
    edits: [['        if (!vms.cleared)\n            removeVma(mm, v);', '        if (!vms.cleared)\n            mm.fput(v.file);']] },
  { id: 'noreplace-replaces', what: 'MAP_FIXED_NOREPLACE replaces an existing mapping (C67)', file: 'src/model/mmap.js',
    edits: [["if (flags & MAP.FIXED_NOREPLACE && mm.findIntersection(addr, addr + len))", 'if (false)']] },
  { id: 'merge-removal-keeps-file', what: 'a VMA removed by a merge keeps its file reference (file-reference invariant)', file: 'src/model/vma.js',
    edits: [["merged into vma#${into.id}` });\n    mm.fput(v.file);", "merged into vma#${into.id}` });"]] },
  { id: 'mprotect-no-merge', what: 'mprotect never merges the changed range with its neighbours (C74)', file: 'src/model/mprotect.js',
    edits: [['const m = vmaMergeExistingRange(mm, p, prev, vma);', 'const m = { vma: null, errno: 0 };']] },
  { id: 'move-never-merges', what: 'a VMA moved by mremap never merges at its destination (C64, the half it did not check)', file: 'src/model/mremap.js',
    edits: [['    const m = vmaMergeNewRange(mm, p, prev, next);\n    if (m.vma) {\n        const nv = m.vma;\n        if (vma.start', '    const m = { vma: null, errno: 0 };\n    if (m.vma) {\n        const nv = m.vma;\n        if (vma.start']] },
  { id: 'dontunmap-drops-account', what: 'MREMAP_DONTUNMAP clears VM_ACCOUNT on the source (the 6.16 regression; commit invariant)', file: 'src/model/mremap.js',
    edits: [['src.flags &= ~VM_LOCKED_MASK;', 'src.flags &= ~(VM_LOCKED_MASK | VM.ACCOUNT);']] },
  { id: 'map-count-ge', what: 'do_mmap refuses at map_count == max_map_count (C48)', file: 'src/model/mmap.js',
    edits: [['if (mm.mapCount > mm.maxMapCount)', 'if (mm.mapCount >= mm.maxMapCount)']] },
  { id: 'sealed-mremap', what: 'mremap of a sealed VMA is allowed (C62)', file: 'src/model/mremap.js',
    edits: [['    if (vma.flags & VM.SEALED)\n        return -ERRNO.EPERM;\n    v.delta', '    v.delta']] },
];

interface ChildReport {
  contracts: { id: string; profile: string; kind: 'predicate' | 'invariant' | 'vacuous'; why: string }[];
  checks: number;
  unitTests: 'caught' | 'passed' | 'skipped';
  differential: { mismatches: number; sequences: number } | { skipped: string };
}

// ---- child: run the checks against the (mutated) copy this file sits in ---------------------

async function child(kernel: boolean): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const { contracts } = await import(join(here, '../src/contracts/load.js')) as typeof import('../src/contracts/load.js');
  const { checkContract } = await import(join(here, '../src/contracts/explore.js')) as typeof import('../src/contracts/explore.js');
  const { PROFILE_NAMES } = await import(join(here, '../src/model/index.js')) as typeof import('../src/model/index.js');
  const report: ChildReport = { contracts: [], checks: 0, unitTests: 'skipped', differential: { skipped: 'not run' } };
  for (const c of contracts()) {
    if (c.check !== 'trace') continue;
    for (const p of PROFILE_NAMES) {
      const r = checkContract(c, p, { maxOps: 2 });
      report.checks++;
      if (r.ok) continue;
      report.contracts.push({
        id: c.id, profile: p, kind: r.invariant ? 'invariant' : r.outcome === 'vacuous' ? 'vacuous' : 'predicate',
        why: (r.invariant ?? r.counterexample)?.why ?? r.reason ?? r.outcome,
      });
    }
  }
  const tests = ['vma-tests', 'hooks', 'accounting', 'surface'].map((t) => join(here, `../test/model/${t}.test.js`));
  const t = spawnSync(process.execPath, ['--test', '--test-reporter=dot', ...tests], { encoding: 'utf8' });
  report.unitTests = t.status === 0 ? 'passed' : 'caught';
  if (kernel) {
    const h = await import(join(here, '../test/model/harness.js')) as typeof import('../test/model/harness.js');
    const helper = h.buildHelper();
    if ('skip' in helper) report.differential = { skipped: helper.skip };
    else {
      try {
        const res = h.differential(helper, 150, 20251122);
        report.differential = { mismatches: res.mismatches.length, sequences: 150 };
      } finally {
        helper.cleanup();
      }
    }
  }
  process.stdout.write(JSON.stringify(report) + '\n');
}

// ---- parent ---------------------------------------------------------------------------------

export interface MutationOutcome {
  id: string;
  what: string;
  applied: boolean;
  caughtBy: string[];
  unitTests: string;
  differential: string;
}

export function mutationScore(out: (s: string) => void, opts: { only?: Set<string>; kernel?: boolean } = {}): { caught: number; survived: number; failedToApply: number; outcomes: MutationOutcome[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const dist = resolve(here, '..');
  const repo = resolve(dist, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'kdocs-mutate-'));
  const outcomes: MutationOutcome[] = [];
  try {
    const copy = join(tmp, 'dist');
    for (const d of ['src', 'test/model', 'scripts']) cpSync(join(dist, d), join(copy, d), { recursive: true });
    symlinkSync(join(repo, 'rules'), join(tmp, 'rules'));
    symlinkSync(join(repo, 'node_modules'), join(tmp, 'node_modules'));
    writeFileSync(join(tmp, 'package.json'), readFileSync(join(repo, 'package.json')));
    // the helper source for the differential, where harness.js looks for it
    cpSync(join(repo, 'test/model/native'), join(tmp, 'test/model/native'), { recursive: true });
    const t0 = performance.now();
    for (const m of MUTATIONS) {
      if (opts.only && !opts.only.has(m.id)) continue;
      const path = join(copy, m.file);
      const pristine = readFileSync(path, 'utf8');
      let text = pristine;
      let applied = true;
      for (const [find, repl] of m.edits) {
        const n = text.split(find).length - 1;
        if (n !== 1) {
          applied = false;
          break;
        }
        text = text.replace(find, () => repl);
      }
      if (!applied) {
        outcomes.push({ id: m.id, what: m.what, applied: false, caughtBy: [], unitTests: '-', differential: '-' });
        out(`  ${m.id.padEnd(30)} DOES NOT APPLY (the model's code changed; update scripts/mutate-model.ts)`);
        continue;
      }
      writeFileSync(path, text);
      try {
        const args = [join(copy, 'scripts/mutate-model.js'), '--child', ...(opts.kernel === false ? ['--no-kernel'] : [])];
        const p = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
        const line = (p.stdout ?? '').trim().split('\n').pop() ?? '';
        let rep: ChildReport | undefined;
        try {
          rep = JSON.parse(line) as ChildReport;
        } catch {
          rep = undefined;
        }
        if (!rep) {
          outcomes.push({ id: m.id, what: m.what, applied: true, caughtBy: [`(the checks crashed: ${(p.stderr ?? '').slice(-200)})`], unitTests: '?', differential: '?' });
          out(`  ${m.id.padEnd(30)} the checks crashed (counted as caught): ${(p.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`);
          continue;
        }
        const ids = [...new Set(rep.contracts.map((c) => `${c.id}${c.kind === 'invariant' ? ' (invariant)' : c.kind === 'vacuous' ? ' (vacuous)' : ''}`))];
        const diff = 'skipped' in rep.differential ? 'skipped' : rep.differential.mismatches ? `caught (${rep.differential.mismatches}/${rep.differential.sequences})` : 'passed';
        outcomes.push({ id: m.id, what: m.what, applied: true, caughtBy: ids, unitTests: rep.unitTests, differential: diff });
        out(`  ${m.id.padEnd(30)} ${ids.length ? `caught by ${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ` +${ids.length - 6}` : ''}` : 'SURVIVED the contracts'}; unit tests ${rep.unitTests}; differential ${diff}`);
      } finally {
        writeFileSync(path, pristine);
      }
    }
    const caught = outcomes.filter((o) => o.applied && o.caughtBy.length).length;
    const survived = outcomes.filter((o) => o.applied && !o.caughtBy.length).length;
    const failedToApply = outcomes.filter((o) => !o.applied).length;
    out(`mutation score: ${caught}/${outcomes.length} mutations caught by a contract, ${survived} survived, ${failedToApply} did not apply (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    for (const o of outcomes.filter((x) => x.applied && !x.caughtBy.length)) out(`  survived: ${o.id}: ${o.what}`);
    return { caught, survived, failedToApply, outcomes };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  if (argv.includes('--child')) await child(!argv.includes('--no-kernel'));
  else {
    const i = argv.indexOf('--only');
    const only = i >= 0 ? new Set((argv[i + 1] ?? '').split(',')) : undefined;
    const r = mutationScore((s) => process.stdout.write(s + '\n'), { ...(only ? { only } : {}), kernel: !argv.includes('--no-kernel') });
    process.exitCode = r.survived || r.failedToApply ? 1 : 0;
  }
}
