/**
 * Executable predicates over model runs, keyed by contract id (rules/contracts/<id>.json).
 * Each looks at the last operation of an explored sequence; see lib.ts for the verdicts.
 */
import type { VmaView } from '../../model/index.js';
import { DEST, P } from '../alphabet.js';
import type { Predicate, RunCtx } from './lib.js';
import {
  CLOSE, EACCES, EAGAIN, EEXIST, EFAULT, EINVAL, ENODEV, ENOMEM, LEGACY, MAPPED, OPEN, PREPARE, check, covered, fileOf,
  hooks, indexOfEvent, isMmap, isMremap, ok, overlapping, sameLayout, vacuous, violated, vmaEvents,
  accountedIn, unbackedGrowth,
} from './lib.js';

const len = (r: RunCtx): number => (isMmap(r.op) ? r.op.len : 0);
const mmapRange = (r: RunCtx): [number, number] => (isMmap(r.op) ? [r.op.addr, r.op.addr + r.op.len] : [0, 0]);
const merged = (r: RunCtx): boolean => vmaEvents(r, 'merged').length + vmaEvents(r, 'expanded').length > 0;
const created = (r: RunCtx): boolean => vmaEvents(r, 'created').length > 0;
const at = (l: VmaView[], addr: number): VmaView | undefined => l.find((v) => v.start <= addr && addr < v.end);
const isPrepFile = (f: string | undefined): boolean => !!f && f.startsWith('prep');
const prepareCalled = (r: RunCtx): boolean => hooks(r, PREPARE).length > 0;

export const TRACE_PREDICATES: Record<string, Predicate> = {
  C02: (r) => (fileOf(r.op) === 'both' && !r.fault ? check(r.res.errno === ENODEV, `mmap of a file with both hooks returned ${r.res.errnoName}, not ENODEV`) : vacuous),
  C03: (r) => (fileOf(r.op) === 'none' && !r.fault ? check(r.res.errno === ENODEV, `mmap of a file with neither hook returned ${r.res.errnoName}, not ENODEV`) : vacuous),

  C05: (r) => {
    if (!isPrepFile(fileOf(r.op)) || !prepareCalled(r)) return vacuous;
    const hi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === PREPARE);
    const mi = indexOfEvent(r, (e) => e.ev === 'vma' && (e.kind === 'merged' || e.kind === 'expanded'));
    if (mi >= 0 && mi < hi) return violated('a merge happened before mmap_prepare was called');
    if (fileOf(r.op) === 'prep-flags' && r.res.errno === 0) {
      const v = at(r.after, mmapRange(r)[0]);
      if (!v?.flags.includes('DONTDUMP')) return violated('the flag set by mmap_prepare is missing from the resulting VMA');
    }
    return ok;
  },

  C06: (r) => {
    if (!isMmap(r.op) || !prepareCalled(r)) return vacuous;
    const [s, e] = mmapRange(r);
    const old = overlapping(r.before, s, e);
    if (!old.length) return vacuous;
    const hi = indexOfEvent(r, (x) => x.ev === 'hook' && x.hook === PREPARE);
    const gone0 = indexOfEvent(r, (x) => x.ev === 'vma' && (x.kind === 'detached' || x.kind === 'unmapped' || x.kind === 'removed'));
    if (gone0 < 0 || gone0 > hi) return violated('mmap_prepare ran before the replaced mappings were detached');
    const withClose = old.filter((v) => v.vmOps === 'close_ops' || v.vmOps === 'open_close_ops' || v.vmOps === 'mapped_ops');
    if (withClose.length) {
      const ci = indexOfEvent(r, (x) => x.ev === 'hook' && x.hook === CLOSE);
      if (ci < 0 || ci > hi) return violated('mmap_prepare ran before vm_ops->close of the replaced mapping');
      return { ok: 'after-close' };
    }
    return ok;
  },

  C07: (r) => {
    if (!isMmap(r.op) || !isPrepFile(fileOf(r.op)) || r.res.errno === 0) return vacuous;
    const failedPrepare = hooks(r, PREPARE).some((h) => (h.result ?? 0) !== 0) || r.fault?.point === PREPARE || r.fault?.point === 'action_prepare' ||
      r.events.some((e) => e.ev === 'check' && /prepare/.test(e.name) && e.errno !== 0);
    if (!failedPrepare) return vacuous;
    const [s, e] = mmapRange(r);
    if (!overlapping(r.before, s, e).length) return vacuous;
    return check(overlapping(r.after, s, e).length === 0, 'after a failed mmap_prepare the old mapping is still (partly) there');
  },

  C08: (r) => {
    if (!isMmap(r.op) || !r.op.flags.includes('PRIVATE') || !r.op.prot.includes('WRITE') || !fileOf(r.op)) return vacuous;
    // the mmap_prepare error path where there is one; 6.12 (no mmap_prepare) is compared on ->mmap's
    const failed = r.profile === '6.12' ? hooks(r, LEGACY).some((h) => (h.result ?? 0) !== 0) : hooks(r, PREPARE).some((h) => (h.result ?? 0) !== 0);
    if (!failed) return vacuous;
    // observed like Committed_AS: the charge no VMA holds any more grows by the whole mapping,
    // including what it took over from accounted mappings it replaced (MAP_FIXED)
    const pages = Math.ceil(r.op.len / P);
    const replaced = accountedIn(r.before, r.op.addr, r.op.addr + pages * P);
    const grew = unbackedGrowth(r);
    return check(grew === pages, `after the failed hook ${grew} of the mapping's ${pages} pages stay charged without a mapping (${replaced ? `MAP_FIXED over ${replaced} accounted pages` : 'in a hole'})`, replaced ? 'map-fixed' : 'hole');
  },

  C71: (r) => {
    if (!isMmap(r.op) || !r.op.flags.includes('PRIVATE') || !r.op.prot.includes('WRITE') || !fileOf(r.op) || r.fault) return vacuous;
    if (!hooks(r, LEGACY).some((h) => (h.result ?? 0) !== 0)) return vacuous;
    const pages = Math.ceil(r.op.len / P);
    const replaced = accountedIn(r.before, r.op.addr, r.op.addr + pages * P);
    const grew = unbackedGrowth(r);
    return check(grew === replaced, `after ->mmap failed, ${grew} pages stay charged without a mapping; the replaced mappings held ${replaced} accounted pages`, replaced ? 'map-fixed' : 'hole');
  },

  C72: (r) => {
    if (!isMremap(r.op) || r.fault || r.res.errno !== 0) return vacuous;
    const o = r.op;
    if (!o.flags.includes('MAYMOVE') || !o.flags.includes('FIXED') || o.flags.includes('DONTUNMAP') || o.newLen >= o.oldLen) return vacuous;
    const src = at(r.before, o.addr);
    if (!src || !src.flags.includes('ACCOUNT') || src.end < o.addr + o.oldLen) return vacuous;
    const shrunk = (Math.ceil(o.oldLen / P) * P - Math.ceil(o.newLen / P) * P) / P;
    const grew = unbackedGrowth(r);
    return check(grew === shrunk, `a shrink+move of an accounted mapping left ${grew} pages charged without a mapping (the shrink released ${shrunk})`);
  },

  C73: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const o = r.op;
    if (!o.flags.includes('MAYMOVE') || !o.flags.includes('FIXED') || o.oldLen !== o.newLen || o.newAddr === undefined) return vacuous;
    const src = at(r.before, o.addr);
    // a whole-VMA move to an empty destination adds no VMA: only the map-count checks can refuse it
    if (!src || src.start !== o.addr || src.end !== o.addr + o.oldLen || overlapping(r.before, o.newAddr, o.newAddr + o.newLen).length) return vacuous;
    if (overlapping(r.before, o.addr, o.addr + o.oldLen).length !== 1) return vacuous;
    const n = r.before.length;
    if (n + 4 <= r.maxMapCount) return check(r.res.errno === 0, `a whole-VMA move at map_count ${n}, max_map_count ${r.maxMapCount} (4 free) gave ${r.res.errnoName}`, 'room');
    return check(r.res.errno === ENOMEM, `a move at map_count ${n}, max_map_count ${r.maxMapCount} (fewer than 4 free) gave ${r.res.errnoName}`, 'no-room');
  },

  C09: (r) => {
    if (!isMmap(r.op) || !isPrepFile(fileOf(r.op))) return vacuous;
    const pi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === PREPARE && (e.result ?? 0) === 0);
    if (pi < 0) return vacuous;
    // the core failed or merged after the hook returned 0
    const failed = r.res.errno !== 0;
    if (!failed && !(merged(r) && !created(r))) return vacuous;
    // a driver hook the core calls afterwards must concern a VMA that exists or existed: an undo hook
    // (mmap_abort, mmap_complete of a merged range) or vm_ops called for the range that never became
    // a VMA is the state the driver was told not to keep
    const known = new Set([...r.before.map(() => -1), ...vmaEvents(r).filter((e) => e.kind === 'created' || e.kind === 'detached').map((e) => e.vma)]);
    for (const h of hooks(r)) {
      if (r.events.indexOf(h) <= pi) continue;
      if (h.hook === 'f_op->mmap_abort' || h.hook === 'f_op->mmap_complete') return violated(`the core called ${h.hook} after mmap_prepare returned (${failed ? 'the mapping failed' : 'the range merged'})`);
      if (h.hook.startsWith('vm_ops->') && (h.vma === undefined || !known.has(h.vma))) return violated(`the core called ${h.hook} for a range that never became a VMA, after mmap_prepare returned`);
    }
    return { ok: failed ? 'failed-after' : 'merged-after' };
  },

  C11: (r) => {
    if (fileOf(r.op) !== 'prep-writes' || r.res.errno !== 0) return vacuous;
    const [s, e] = mmapRange(r);
    const v = at(r.after, s);
    return check(!!v && v.start <= s && v.end >= e && !at(r.after, 0x300000), 'a write to desc->start/end moved the mapping');
  },

  C13: (r) => {
    if (!isMmap(r.op) || !isPrepFile(fileOf(r.op))) return vacuous;
    const h = hooks(r, PREPARE)[0];
    if (!h) return vacuous;
    const desc = (h.args as { desc?: { start?: number; end?: number; pgoff?: number } }).desc;
    const [s, e] = mmapRange(r);
    const off = (r.op as { offset?: number }).offset ?? 0;
    if (!desc || desc.start !== s || desc.end !== e || desc.pgoff !== Math.floor(off / P)) return violated(`the descriptor was not filled in with the mapping's values: ${JSON.stringify(desc)}`);
    if (fileOf(r.op) === 'prep-flags' && r.res.errno === 0 && !at(r.after, s)?.flags.includes('DONTDUMP')) return violated('flags set in the descriptor were not copied back');
    return ok;
  },

  C14: (r) => {
    if (fileOf(r.op) !== 'prep-vmfile' || !hooks(r, PREPARE).some((h) => (h.result ?? 0) === 0)) return vacuous;
    const fileEvents = r.events.filter((e): e is Extract<typeof e, { ev: 'file' }> => e.ev === 'file');
    if (r.res.errno === 0) {
      const got = fileEvents.filter((e) => e.action === 'get');
      return check(got.length === 0 && at(r.after, mmapRange(r)[0])?.file === 'prep', `the core took a reference (${got.map((e) => e.file).join(', ')}) or did not map the replacement file`, 'mapped');
    }
    // an action-prepare failure returns before call_mmap_prepare copies vm_file back, so the
    // hook's reference is not fput() there (the model shows it; see README, open questions)
    if (r.fault?.point === 'action_prepare') return vacuous;
    return check(fileEvents.some((e) => e.action === 'put' && e.file === 'prep'), 'the replacement file was not fput() when the mapping was aborted', 'aborted');
  },

  C15: (r) => {
    if (!isMmap(r.op) || r.res.errno !== 0 || !created(r)) return vacuous;
    const f = fileOf(r.op);
    const v = at(r.after, mmapRange(r)[0]);
    if (f === 'prep-private') return check(v?.privateData === 'new_private' && v?.vmOps === 'priv_ops', 'vm_ops/private_data set by mmap_prepare were not applied');
    if (f === 'prep') return check(!v?.privateData, 'private_data is not NULL although the hook did not set it');
    return vacuous;
  },

  C16: (r) => {
    const f = fileOf(r.op);
    const want: Record<string, [string, string]> = {
      'prep-private': ['priv_ops', 'new_private'], 'prep-lower-a': ['a_ops', 'a_private'], 'prep-lower-b': ['b_ops', 'b_private'],
    };
    if (!f || !want[f] || r.res.errno !== 0 || !merged(r) || created(r)) return vacuous;
    const v = at(r.after, mmapRange(r)[0]);
    const [ops, priv] = want[f]!;
    const other = v && r.before.some((b) => b.vmOps !== ops && b.start < v.end && b.end > v.start);
    return check(v?.privateData === priv && v?.vmOps === ops, `the merged VMA carries vm_ops ${v?.vmOps} / private_data ${v?.privateData}, not this hook's ${ops} / ${priv}`, other ? 'merged-into-other-driver' : 'merged');
  },

  C17: (r) => {
    if (!isMmap(r.op) || !isPrepFile(fileOf(r.op)) || r.res.errno !== 0) return vacuous;
    const completes = hooks(r, 'remap_pfn_range_complete').length + hooks(r, 'insert_pages').length;
    if (merged(r) && !created(r)) return check(completes === 0, 'an action completed although the range merged');
    if (fileOf(r.op) === 'prep-remap' && created(r)) return check(completes === 1, 'the remap action did not complete on the new VMA');
    return vacuous;
  },

  C18: (r) => {
    if (fileOf(r.op) !== 'prep-remap' || r.res.errno !== 0) return vacuous;
    const v = at(r.after, mmapRange(r)[0]);
    return check(!merged(r) && !!v && v.flags.includes('PFNMAP') && v.start === mmapRange(r)[0] && v.end === mmapRange(r)[1], 'a remap mapping merged with a neighbour or lacks VM_PFNMAP');
  },

  C19: (r) => (fileOf(r.op) === 'prep-remap-bad' && !r.fault ? check(r.res.errno === EFAULT, `a remap action outside the descriptor gave ${r.res.errnoName}, not EFAULT`) : vacuous),

  C20: (r) => {
    const f = fileOf(r.op);
    if ((f !== 'prep-remap-partial' && f !== 'prep-remap') || r.fault || !isMmap(r.op) || !r.op.flags.includes('PRIVATE')) return vacuous;
    if (f === 'prep-remap-partial') return check(r.res.errno === EINVAL, `a partial remap of a private (COW) mapping gave ${r.res.errnoName}`, 'partial');
    return check(r.res.errno === 0 && at(r.after, mmapRange(r)[0])?.pgoff === 0x1000, 'a whole-VMA COW remap did not set vm_pgoff to the start PFN', 'whole');
  },

  C21: (r) => {
    if (fileOf(r.op) !== 'prep-ioremap' || r.fault || r.res.errno !== 0) return vacuous;
    return check(hooks(r, 'remap_pfn_range_complete').length === 1 && !r.events.some((e) => e.ev === 'warn'), 'an ioremap action did not complete as a PFN remap');
  },

  C22: (r) => {
    const f = fileOf(r.op);
    if ((f !== 'prep-simple-small' && f !== 'prep-simple-big') || r.fault || !isMmap(r.op)) return vacuous;
    // the physical range holds 1 (small) or 4 (big) pages from the file offset on: the VMA must fit
    const phys = f === 'prep-simple-small' ? 1 : 4;
    const pgoff = Math.floor((r.op.offset ?? 0) / P);
    const pages = Math.ceil(r.op.len / P);
    if (pgoff > phys || pages > phys - pgoff) return check(r.res.errno === EINVAL, `a simple ioremap of ${pages} pages at pgoff ${pgoff} over ${phys} physical pages gave ${r.res.errnoName}, not EINVAL`, 'short');
    return check(r.res.errno === 0, `a simple ioremap of ${pages} pages at pgoff ${pgoff} within ${phys} physical pages gave ${r.res.errnoName}`, 'fits');
  },

  C24: (r) => {
    const f = fileOf(r.op);
    if ((f !== 'prep-kpages-short' && f !== 'prep-kpages') || r.fault) return vacuous;
    if (f === 'prep-kpages-short') return check(r.res.errno !== 0 && !overlapping(r.after, ...mmapRange(r)).length, `map_kernel_pages with too few pages gave ${r.res.errnoName}`, 'short');
    return check(r.res.errno === 0, `map_kernel_pages with enough pages gave ${r.res.errnoName}`, 'enough');
  },

  C26: (r) => {
    if (fileOf(r.op) !== 'prep-mapped' || r.res.errno !== 0 || r.fault) return vacuous;
    const calls = hooks(r, MAPPED).length;
    if (merged(r) && !created(r)) return check(calls === 0, 'vm_ops->mapped was called for a mapping that merged', 'merged');
    if (created(r)) return check(calls === 1, `vm_ops->mapped was called ${calls} times for a new mapping`, 'created');
    return vacuous;
  },

  C27: (r) => {
    if (!isMmap(r.op) || !fileOf(r.op)?.startsWith('prep')) return vacuous;
    const mi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === MAPPED);
    const actionFailed = [...hooks(r, 'remap_pfn_range_complete'), ...hooks(r, 'insert_pages')].some((h) => (h.result ?? 0) !== 0);
    if (actionFailed) return check(mi < 0, 'vm_ops->mapped ran although the action failed');
    if (mi < 0) return vacuous;
    const ci = indexOfEvent(r, (e) => e.ev === 'vma' && e.kind === 'created');
    return check(ci >= 0 && ci < mi, 'vm_ops->mapped ran before the VMA was inserted');
  },

  C28: (r) => {
    if (r.fault) return vacuous; // a second failure inside the cleanup unmap is another story
    const h = hooks(r, MAPPED).find((x) => (x.result ?? 0) !== 0);
    if (!h) return vacuous;
    const [s, e] = mmapRange(r);
    return check(r.res.errno !== 0 && overlapping(r.after, s, e).length === 0, 'a failing vm_ops->mapped did not unmap the VMA and return the error');
  },

  C29: (r) => {
    if (r.fault) return vacuous;
    const mi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === MAPPED && (e.result ?? 0) !== 0);
    if (mi < 0) return vacuous;
    const ci = r.events.findIndex((e, i) => i > mi && e.ev === 'hook' && e.hook === CLOSE);
    return check(ci > mi, 'vm_ops->close did not run when the VMA was unmapped after vm_ops->mapped failed');
  },

  C30: (r) => {
    if (fileOf(r.op) !== 'prep-mapped-priv' || r.res.errno !== 0 || !created(r)) return vacuous;
    return check(at(r.after, mmapRange(r)[0])?.privateData === 'from_mapped', 'the private data written by vm_ops->mapped was not stored');
  },

  C31: (r) => (fileOf(r.op) === 'legacy-mapped' && !r.fault && hooks(r, LEGACY).length
    ? check(r.res.errno === EINVAL, `a legacy ->mmap installing vm_ops->mapped gave ${r.res.errnoName}, not EINVAL`) : vacuous),

  C32: (r) => {
    const hs = [...hooks(r, MAPPED), ...hooks(r, 'action.success_hook'), ...hooks(r, 'action.error_hook')];
    if (!hs.length) return vacuous;
    const bad = hs.find((h) => h.locks.mmap !== 'write');
    if (bad) return violated(`${bad.hook} ran with mmap_lock ${bad.locks.mmap}, not held for write`);
    // hide_from_rmap_until_complete: mapped and success_hook also under the file's i_mmap write lock
    if (fileOf(r.op) === 'prep-mapped-hide') {
      const v = at(r.after, mmapRange(r)[0]) ?? at(r.before, mmapRange(r)[0]);
      const file = v?.file ?? 'prep-mapped-hide';
      const unhidden = hs.find((h) => h.hook !== 'action.error_hook' && !h.locks.iMmapWrite.includes(file));
      if (unhidden) return violated(`${unhidden.hook} ran without the i_mmap write lock of ${file} although the action hides the VMA from rmap until complete`);
      return { ok: 'hidden' };
    }
    return { ok: 'mmap_lock' };
  },

  C33: (r) => {
    if (fileOf(r.op) !== 'stacked' || r.fault || !hooks(r, LEGACY).length) return vacuous;
    const pi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === PREPARE);
    const mi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === MAPPED);
    // (the outer legacy ->mmap then meets __vma_check_mmap_hook; whether that should refuse the
    // mapping is not part of this claim — see the README's open questions)
    return check(pi >= 0 && mi > pi, 'mapping through another file\'s ->mmap did not run the mmap_prepare hook and vm_ops->mapped on the VMA');
  },

  C34: (r) => {
    if (fileOf(r.op) !== 'stacked-fail' || r.fault) return vacuous;
    if (!hooks(r, MAPPED).some((h) => (h.result ?? 0) !== 0)) return vacuous;
    const inside = r.events.some((e) => (e.ev === 'step' && /do_munmap/.test(e.name) && !/without/.test(e.name)) || (e.ev === 'warn' && /do_munmap from inside/.test(e.message)));
    return check(inside, 'the compat path returned the error without unmapping the VMA itself (HOTFIX behaviour)');
  },

  C35: (r) => (fileOf(r.op) === 'prep-errhook' && !r.fault ? check(r.res.errno === 11, `the action's error hook/override did not rewrite the error (got ${r.res.errnoName}, want EAGAIN)`) : vacuous),

  C36: (r) => {
    if (fileOf(r.op) !== 'prep-success-fail' || r.fault) return vacuous;
    const h = hooks(r, 'action.success_hook').find((x) => (x.result ?? 0) !== 0);
    if (!h) return vacuous;
    const si = r.events.indexOf(h);
    const mi = indexOfEvent(r, (e) => e.ev === 'hook' && e.hook === MAPPED);
    const [s0, e0] = mmapRange(r);
    return check(r.res.errno !== 0 && !overlapping(r.after, s0, e0).length && (mi < 0 || mi < si), 'a failing success_hook did not unmap the VMA (or ran before mapped)');
  },

  C37: (r) => {
    if (fileOf(r.op) !== 'dev-mem') return vacuous;
    // a remap failure: the fault is injected at remap_pfn_range (->mmap, ≤6.18 and P25) or remap_pfn_range_complete (action, 6.19+)
    const remapFailed = (!!r.fault && /remap_pfn_range/.test(r.fault.point)) || hooks(r).some((h) => /remap_pfn_range/.test(h.hook) && (h.result ?? 0) !== 0);
    if (!remapFailed) return vacuous;
    return check(r.res.errno === EAGAIN, `/dev/mem mmap with a failing remap returned ${r.res.errnoName}, not EAGAIN`);
  },

  C40: (r) => {
    if (isMmap(r.op) && created(r)) {
      const opens = hooks(r, OPEN).filter((h) => vmaEvents(r, 'created').some((c) => c.vma === h.vma));
      return check(opens.length === 0, 'vm_ops->open was called on a newly created mapping');
    }
    const splits = vmaEvents(r, 'split');
    if (!splits.length) return vacuous;
    const hadOpen = r.before.some((v) => (v.vmOps === 'open_close_ops' || v.vmOps === 'close_ops') && splits.some((s) => s.start < v.end && s.end > v.start));
    if (!hadOpen) return vacuous;
    return check(hooks(r, OPEN).length > 0, 'vm_ops->open was not called on the new VMA of a split');
  },

  C41: (r) => {
    const closeOps = (v: VmaView): boolean => v.vmOps === 'close_ops' || v.vmOps === 'open_close_ops';
    const removed = r.before.filter((v) => closeOps(v) && !r.after.some((a) => a.start < v.end && a.end > v.start && a.vmOps === v.vmOps && a.file === v.file));
    if (!removed.length) {
      // a merge never removes a VMA that has close: every close VMA outside the op's range survives
      if (!isMmap(r.op) || r.res.errno !== 0) return vacuous;
      const [s, e] = mmapRange(r);
      const outside = r.before.filter((v) => closeOps(v) && (v.end <= s || v.start >= e));
      if (!outside.length || !merged(r)) return vacuous;
      return check(outside.every((v) => r.after.some((a) => a.start === v.start || a.end === v.end)), 'a merge removed a VMA that has vm_ops->close');
    }
    return check(hooks(r, CLOSE).length >= removed.length, `${removed.length} VMA(s) with close were removed but close ran ${hooks(r, CLOSE).length} time(s)`);
  },

  C42: (r) => {
    if (fileOf(r.op) !== 'legacy-close' || r.res.errno !== 0) return vacuous;
    const [s, e] = mmapRange(r);
    const prev = r.before.find((v) => v.end === s && v.file === 'legacy-close');
    const next = r.before.find((v) => v.start === e && v.file === 'legacy-close');
    if (!prev || !next) return vacuous;
    const p2 = at(r.after, prev.start);
    const n2 = at(r.after, next.start);
    return check(!!p2 && p2.end === e && !!n2 && n2.start === next.start, 'a new range between prev and next (next has close) did not reduce to extending prev');
  },

  C43: (r) => {
    if (!isMmap(r.op) || r.fault || r.res.errno !== 0) return vacuous;
    const [s, e] = mmapRange(r);
    const v = at(r.after, s);
    if (!v) return vacuous;
    // the new range alone (no neighbours): its flags, file and pgoff are the proposal's
    const solo = r.alone(r.op).layout.find((x) => x.start <= s && s < x.end);
    if (!solo) return vacuous;
    const sticky = new Set(['SOFTDIRTY', 'MAYBE_GUARD']);
    const key = (x: VmaView): string => x.flags.filter((f) => !sticky.has(f)).join('|');
    const special = ['IO', 'PFNMAP', 'MIXEDMAP', 'DONTEXPAND'];
    if (v.start === s && v.end === e) {
      // not merged: a compatible neighbour it should have merged with is a missed merge only when
      // everything checks out; report the case for the witness, never as a violation (anon_vma and
      // vm_ops->close cases are not visible here)
      return r.before.some((b) => b.end === s || b.start === e) ? { ok: 'separate' } : vacuous;
    }
    for (const b of r.before) {
      const left = b.end === s && v.start < s && b.start >= v.start;
      const right = b.start === e && v.end > e && b.end <= v.end;
      if (!left && !right) continue;
      if (b.file !== solo.file) return violated(`merged with a neighbour mapping ${b.file ?? 'nothing'} (the new range maps ${solo.file ?? 'nothing'})`);
      if (key(b) !== key(solo)) return violated(`merged with a neighbour whose flags differ beyond the sticky ones: ${key(b)} vs ${key(solo)}`);
      if (solo.flags.some((f) => special.includes(f))) return violated('a VM_SPECIAL range merged');
      if (left && b.pgoff + (s - b.start) / P !== solo.pgoff) return violated(`merged with a neighbour whose pgoff is not contiguous (${b.pgoff + (s - b.start) / P} vs ${solo.pgoff})`);
      if (right && solo.pgoff + (e - s) / P !== b.pgoff) return violated(`merged with a following neighbour whose pgoff is not contiguous (${solo.pgoff + (e - s) / P} vs ${b.pgoff})`);
      if (b.anonVma !== null && v.anonVma !== b.anonVma) return violated('the merged VMA lost the neighbour\'s anon_vma');
    }
    return { ok: solo.file ? 'file' : 'anon' };
  },

  C74: (r) => {
    if (r.op.op !== 'mprotect' || r.fault || r.res.errno !== 0) return vacuous;
    const addr = r.op.addr;
    const end = addr + Math.ceil(r.op.len / P) * P;
    if (!overlapping(r.before, addr, end).length) return vacuous;
    // mprotect closes nothing: a VMA merged away goes without vm_ops->close
    if (hooks(r, CLOSE).length) return violated('mprotect called vm_ops->close');
    // every VMA holds one reference on its file: the references the call took and dropped match
    // the change in the number of VMAs that map each file
    const count = (l: VmaView[], f: string): number => l.filter((v) => v.file === f).length;
    const files = new Set([...r.before, ...r.after].map((v) => v.file).filter((f): f is string => f !== null));
    for (const f of files) {
      let net = 0;
      for (const e of r.events) if (e.ev === 'file' && e.file === f) net += e.action === 'get' ? 1 : e.action === 'put' ? -1 : 0;
      const want = count(r.after, f) - count(r.before, f);
      if (net !== want) return violated(`${f} is mapped by ${count(r.before, f)} VMAs before and ${count(r.after, f)} after, but the call took ${net >= 0 ? '+' : ''}${net} references on it`);
    }
    // a missed merge: two adjacent VMAs left separate at a boundary inside or at the edges of the
    // range, where a side in the range had its flags changed (mprotect_fixup tries no merge for a
    // VMA whose flags stay) and everything vma_merge_existing_range compares is equal; VMAs with
    // vm_ops are left out (close blocks removal, and which side goes is not visible here)
    const sticky = new Set(['SOFTDIRTY', 'MAYBE_GUARD']);
    const key = (x: VmaView): string => x.flags.filter((f) => !sticky.has(f)).join('|');
    const special = ['IO', 'PFNMAP', 'MIXEDMAP', 'DONTEXPAND'];
    const changedAt = (a: number): boolean => {
      if (a < addr || a >= end) return false;
      const b = at(r.before, a);
      const n = at(r.after, a);
      return !!b && !!n && key(b) !== key(n);
    };
    const sorted = [...r.after].sort((x, y) => x.start - y.start);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const x = sorted[i]!;
      const y = sorted[i + 1]!;
      const q = x.end;
      if (y.start !== q || q < addr || q > end) continue;
      if (!changedAt(q - P) && !changedAt(q)) continue;
      const compatible = x.file === y.file && key(x) === key(y) && x.pgoff + (x.end - x.start) / P === y.pgoff &&
        (x.anonVma === null || y.anonVma === null || x.anonVma === y.anonVma) && x.uffd === y.uffd &&
        x.vmOps === null && y.vmOps === null && !x.flags.some((f) => special.includes(f));
      if (compatible) return violated(`[0x${x.start.toString(16)}, 0x${x.end.toString(16)}) and [0x${y.start.toString(16)}, 0x${y.end.toString(16)}) are left separate although the change made them identical`);
    }
    const removed = vmaEvents(r, 'removed').map((e) => at(r.before, e.start));
    if (removed.some((v) => v?.file)) return { ok: 'removed-file' };
    if (removed.length) return { ok: 'removed-anon' };
    return merged(r) ? { ok: 'merged' } : { ok: 'separate' };
  },

  C44: (r) => {
    const f = fileOf(r.op);
    if (!f?.startsWith('legacy') || r.res.errno !== 0) return vacuous;
    if (merged(r) && !created(r)) return check(hooks(r, LEGACY).length === 0, 'the legacy ->mmap was called although the range merged');
    return hooks(r, LEGACY).length ? ok : vacuous;
  },

  C45: (r) => {
    if (r.op.op !== 'munmap' || r.fault) return vacuous;
    const { addr, len: l } = r.op;
    if (addr % P !== 0 || l === 0) return check(r.res.errno === EINVAL, `munmap(${addr}, ${l}) gave ${r.res.errnoName}, not EINVAL`);
    if (!overlapping(r.before, addr, addr + l).length) return check(r.res.errno === 0, `munmap of an empty range gave ${r.res.errnoName}`);
    return vacuous;
  },

  C46: (r) => {
    if (r.op.op !== 'munmap' || r.fault) return vacuous;
    const { addr, len: l } = r.op;
    const inside = r.before.find((v) => v.start < addr && v.end > addr + l);
    if (inside) {
      if (r.before.length >= r.maxMapCount) return check(r.res.errno === ENOMEM, `a munmap splitting one VMA in three at map_count ${r.before.length} >= max ${r.maxMapCount} gave ${r.res.errnoName}`, 'limit');
      return vacuous;
    }
    if (!overlapping(r.before, addr, addr + l).length) return vacuous;
    return check(r.res.errno === 0, `a munmap that does not raise map_count gave ${r.res.errnoName} at the limit`, 'no-rise');
  },

  C47: (r) => {
    if (r.op.op !== 'mprotect' || r.fault) return vacuous;
    const { addr, len: l } = r.op;
    const split = r.before.some((v) => (v.start < addr && v.end > addr) || (v.start < addr + l && v.end > addr + l));
    if (!split || r.before.length < r.maxMapCount) return vacuous;
    return check(r.res.errno === ENOMEM, `an mprotect that must split at map_count ${r.before.length} >= max ${r.maxMapCount} gave ${r.res.errnoName}`);
  },

  C48: (r) => {
    if (!isMmap(r.op) || r.fault || r.res.errno !== 0 && r.res.errno !== ENOMEM) return vacuous;
    const [s, e] = mmapRange(r);
    if (overlapping(r.before, s - P, e + P).length) return vacuous; // could merge or replace
    if (r.before.length === r.maxMapCount) return check(r.res.errno === 0, `an mmap at map_count == max gave ${r.res.errnoName}`, 'at-max');
    if (r.before.length > r.maxMapCount) return check(r.res.errno === ENOMEM, `an mmap at map_count ${r.before.length} > max gave ${r.res.errnoName}`, 'over');
    return vacuous;
  },

  C49: (r) => {
    const veto = hooks(r, 'vm_ops->may_split').find((h) => (h.result ?? 0) !== 0);
    if (!veto) return vacuous;
    return check(r.res.errno === veto.result && sameLayout(r.before, r.after), 'a may_split veto did not fail the operation with its error');
  },

  C50: (r) => {
    if (!isMremap(r.op) || r.op.flags.includes('MAYMOVE')) return vacuous;
    if (!r.op.flags.includes('FIXED') && !r.op.flags.includes('DONTUNMAP')) return vacuous;
    return check(r.res.errno === EINVAL, `FIXED/DONTUNMAP without MAYMOVE gave ${r.res.errnoName}`);
  },

  C51: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const o = r.op;
    if (!o.flags.includes('FIXED') || !o.flags.includes('MAYMOVE') || o.oldLen !== o.newLen) return vacuous;
    const src = overlapping(r.before, o.addr, o.addr + o.oldLen);
    if (src.length < 2 || !at(r.before, o.addr) || src.some((v) => v.uffd)) return vacuous;
    if (r.res.errno !== 0) return violated(`a FIXED|MAYMOVE same-size move over ${src.length} VMAs failed with ${r.res.errnoName}`);
    const dest = o.newAddr ?? DEST;
    for (const v of src) {
      const s = Math.max(v.start, o.addr);
      const e = Math.min(v.end, o.addr + o.oldLen);
      if (!covered(r.after, dest + (s - o.addr), dest + (e - o.addr))) return violated('a moved piece is missing at the destination');
    }
    // gaps kept: what was unmapped in the source range is unmapped at the destination
    for (let a = o.addr; a < o.addr + o.oldLen; a += P) {
      if (!at(r.before, a) && at(r.after, dest + (a - o.addr))) return violated('a gap was not preserved');
    }
    return ok;
  },

  C52: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const o = r.op;
    if (!o.flags.includes('FIXED') || !o.flags.includes('MAYMOVE') || o.oldLen !== o.newLen) return vacuous;
    if (at(r.before, o.addr) || !overlapping(r.before, o.addr, o.addr + o.oldLen).length) return vacuous;
    return check(r.res.errno === EFAULT, `a move whose start is unmapped gave ${r.res.errnoName}`);
  },

  C53: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const o = r.op;
    if (!o.flags.includes('FIXED') || !o.flags.includes('MAYMOVE') || o.oldLen !== o.newLen) return vacuous;
    const src = overlapping(r.before, o.addr, o.addr + o.oldLen);
    if (src.length < 2 || !at(r.before, o.addr) || !src.some((v) => v.uffd)) return vacuous;
    return check(r.res.errno === EFAULT, `a multi-VMA move over a userfaultfd VMA gave ${r.res.errnoName}`);
  },

  C54: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const o = r.op;
    const src = overlapping(r.before, o.addr, o.addr + o.oldLen);
    if (src.length < 2 || !at(r.before, o.addr)) return vacuous;
    if (o.newLen > o.oldLen) return check(r.res.errno === EFAULT, `growing a range over ${src.length} VMAs gave ${r.res.errnoName}, not EFAULT`, 'resize');
    if (o.newLen === o.oldLen && !o.flags.includes('FIXED')) return check(sameLayout(r.before, r.after), 'a same-size mremap without FIXED moved VMAs', 'no-fixed');
    return vacuous;
  },

  C55: (r) => {
    if (!isMremap(r.op) || !r.op.flags.includes('FIXED') || !r.op.flags.includes('MAYMOVE') || r.op.newAddr === undefined) return vacuous;
    const o = r.op;
    const overlap = o.newAddr! < o.addr + o.oldLen && o.addr < o.newAddr! + o.newLen;
    // with nothing mapped at addr 6.12 looks the VMA up first (EFAULT): the claim is about a mapped source
    if (!at(r.before, o.addr)) return vacuous;
    return overlap ? check(r.res.errno === EINVAL, `overlapping FIXED ranges gave ${r.res.errnoName}`) : vacuous;
  },

  C56: (r) => {
    if (!isMremap(r.op) || r.fault || r.op.flags.length || r.op.newLen >= r.op.oldLen || !at(r.before, r.op.addr)) return vacuous;
    const o = r.op;
    if (overlapping(r.before, o.addr, o.addr + o.oldLen).length < 2) return vacuous;
    return check(r.res.errno === 0 && overlapping(r.after, o.addr + o.newLen, o.addr + o.oldLen).length === 0, `a shrink over several VMAs gave ${r.res.errnoName} or left the tail mapped`);
  },

  C57: (r) => {
    if (!isMremap(r.op) || r.op.oldLen !== 0 || !r.op.flags.includes('MAYMOVE') || r.fault) return vacuous;
    const v = at(r.before, r.op.addr);
    if (!v) return vacuous;
    if (v.perms.endsWith('s')) return check(r.res.errno === 0 && r.after.length === r.before.length + 1, `old_size 0 on a shared mapping gave ${r.res.errnoName}`);
    return check(r.res.errno === EINVAL, `old_size 0 on a private mapping gave ${r.res.errnoName}`);
  },

  C58: (r) => {
    if (!isMremap(r.op) || r.op.oldLen !== 0 || r.op.flags.includes('MAYMOVE') || r.fault) return vacuous;
    const v = at(r.before, r.op.addr);
    if (!v || !v.perms.endsWith('s')) return vacuous;
    return check(r.res.errno === ENOMEM, `old_size 0 without MAYMOVE on a shared mapping gave ${r.res.errnoName}`);
  },

  C59: (r) => {
    if (!isMremap(r.op) || !r.op.flags.includes('DONTUNMAP') || !r.op.flags.includes('MAYMOVE') || r.op.oldLen === r.op.newLen) return vacuous;
    return check(r.res.errno === EINVAL, `DONTUNMAP with a resize gave ${r.res.errnoName}`);
  },

  C60: (r) => {
    if (!isMremap(r.op) || !r.op.flags.includes('DONTUNMAP') || r.op.oldLen !== r.op.newLen || r.fault) return vacuous;
    const v = at(r.before, r.op.addr);
    if (!v || v.end < r.op.addr + r.op.oldLen || v.flags.includes('PFNMAP') || v.flags.includes('DONTEXPAND')) return vacuous;
    return check(r.res.errno === 0 && !!at(r.after, r.op.addr), `DONTUNMAP on a ${v.perms} ${v.file ? 'file' : 'anonymous'} mapping gave ${r.res.errnoName}`);
  },

  C61: (r) => {
    if (!isMremap(r.op) || r.op.flags.length || r.op.newLen <= r.op.oldLen || r.fault) return vacuous;
    const o = r.op;
    const v = at(r.before, o.addr);
    if (!v || v.end !== o.addr + o.oldLen) return vacuous;
    const blocked = overlapping(r.before, v.end, o.addr + o.newLen).length > 0;
    return blocked ? check(r.res.errno === ENOMEM, `growing without room and without MAYMOVE gave ${r.res.errnoName}`) : vacuous;
  },

  C62: (r) => {
    if (!isMremap(r.op) || r.fault) return vacuous;
    const v = at(r.before, r.op.addr);
    if (!v || !v.flags.includes('SEALED')) return vacuous;
    return check(r.res.errno === 1, `mremap of a sealed VMA gave ${r.res.errnoName}, not EPERM`);
  },

  C63: (r) => {
    if (!isMremap(r.op) || r.fault || r.op.newLen <= r.op.oldLen) return vacuous;
    const v = at(r.before, r.op.addr);
    if (!v || !v.flags.includes('LOCKED') || r.op.addr + r.op.oldLen > v.end) return vacuous;
    const locked = r.before.filter((x) => x.flags.includes('LOCKED')).reduce((n, x) => n + (x.end - x.start) / P, 0);
    if (locked + (r.op.newLen - r.op.oldLen) / P <= r.memlockPages) return vacuous;
    return check(r.res.errno === EAGAIN, `growing a VM_LOCKED VMA past RLIMIT_MEMLOCK (${r.memlockPages} pages) gave ${r.res.errnoName}, not EAGAIN`);
  },

  C64: (r) => {
    if (!isMremap(r.op) || r.res.errno !== 0 || r.op.newAddr === undefined || !r.op.flags.includes('FIXED') || r.fault) return vacuous;
    const o = r.op;
    const src = at(r.before, o.addr);
    if (!src || !src.anon || src.perms.endsWith('s')) return vacuous;
    const moved = at(r.after, o.newAddr!);
    if (!moved) return violated('the moved VMA is missing');
    const srcPg = src.pgoff + (o.addr - src.start) / P;
    const movedPg = moved.pgoff + (o.newAddr! - moved.start) / P;
    // populated at mmap time (MAP_POPULATE / MAP_LOCKED, accessible): faulted in, so it has an anon_vma
    const populated = r.ops.slice(0, -1).some((x) => isMmap(x) && x.addr <= src.start && src.start < x.addr + x.len && x.prot.length > 0 && (x.flags.includes('POPULATE') || x.flags.includes('LOCKED')) && !x.file);
    if (src.anonVma !== null || populated) {
      if (src.anonVma === null) return violated('a populated anonymous VMA has no anon_vma (populate faults it in)');
      return check(movedPg === srcPg && moved.anonVma === src.anonVma, `a faulted anonymous VMA was moved with pgoff ${movedPg} and anon_vma ${moved.anonVma} (expected ${srcPg}, ${src.anonVma})`, populated ? 'populated' : 'faulted');
    }
    const expect = Math.floor(o.newAddr! / P);
    if (movedPg !== expect) return violated(`an unfaulted anonymous VMA kept pgoff ${movedPg} after the move (expected ${expect})`);
    // the merge at the destination: an anonymous neighbour there (not part of the source, not in
    // the unmapped destination) with the same flags, contiguous pgoff and no anon_vma of its own
    // (the moved VMA has none) must have become one VMA with the moved range
    const d0 = o.newAddr!;
    const d1 = d0 + Math.ceil(o.newLen / P) * P;
    const s0 = o.addr;
    const s1 = s0 + Math.ceil(o.oldLen / P) * P;
    const key = (x: VmaView): string => x.flags.filter((f) => f !== 'SOFTDIRTY' && f !== 'MAYBE_GUARD').join('|');
    for (const b of r.before) {
      const left = b.end === d0;
      const right = b.start === d1;
      if ((!left && !right) || (b.start < s1 && b.end > s0) || b.file !== null || b.vmOps !== null || b.uffd !== src.uffd || key(b) !== key(src)) continue;
      if (b.anonVma !== null) continue;
      if (left ? b.pgoff + (b.end - b.start) / P !== expect : expect + (d1 - d0) / P !== b.pgoff) continue;
      const merged = left ? moved.start <= b.start : moved.end >= b.end;
      if (!merged) return violated(`the moved VMA was not merged with the compatible ${left ? 'previous' : 'next'} VMA [0x${b.start.toString(16)}, 0x${b.end.toString(16)}) at its destination`);
      return { ok: 'dest-merge' };
    }
    return { ok: 'unfaulted' };
  },

  C65: (r) => {
    if (r.fault) return vacuous;
    const h = hooks(r, 'vm_ops->mremap').find((x) => (x.result ?? 0) !== 0);
    if (!h || !isMremap(r.op)) return vacuous;
    const o = r.op;
    const dest = o.newAddr ?? DEST;
    return check(r.res.errno === h.result && !!at(r.after, o.addr) && !overlapping(r.after, dest, dest + o.newLen).length,
      'a failing vm_ops->mremap did not undo the move and return its error');
  },

  C66: (r) => {
    if (!isMremap(r.op) || !r.op.flags.includes('FIXED') || r.op.newAddr === undefined) return vacuous;
    const o = r.op;
    const d0 = o.newAddr!;
    const d1 = d0 + Math.ceil(o.newLen / P) * P;
    const old = overlapping(r.before, d0, d1);
    if (!old.length) return vacuous;
    // (a destination unmap that itself failed leaves the old mapping reattached: the move was never tried)
    const ui = indexOfEvent(r, (e) => e.ev === 'vma' && e.kind === 'unmapped' && e.start < d1 && e.end > d0);
    const ci = indexOfEvent(r, (e) => e.ev === 'vma' && e.kind === 'copied');
    if (ui < 0) return r.res.errno !== 0 && ci < 0 ? vacuous : violated('the destination was not unmapped');
    if (ci >= 0 && ci < ui) return violated('the move was tried before the destination was unmapped');
    if (r.res.errno !== 0) {
      // a second failure inside the error path (an injected fault in the unmap that cleans up after
      // a failing hook) may leave the new VMA: another story (as in C28)
      if (r.fault && hooks(r).some((h) => (h.result ?? 0) !== 0 && h.hook !== r.fault!.point)) return vacuous;
      return check(!overlapping(r.after, d0, d1).length, 'after the move failed, something is still mapped at the destination', 'failed');
    }
    // success: every page of the old destination mappings was unmapped, before the copy
    const gone = vmaEvents(r, 'unmapped').filter((e) => ci < 0 || r.events.indexOf(e) < ci).map((e) => ({ start: e.start, end: e.end })) as unknown as VmaView[];
    for (const b of old) {
      const s0 = Math.max(b.start, d0), e0 = Math.min(b.end, d1);
      if (!covered(gone, s0, e0)) return violated(`the old destination mapping [${s0.toString(16)}, ${e0.toString(16)}) was not unmapped before the move`);
    }
    return { ok: 'moved' };
  },

  C67: (r) => {
    if (!isMmap(r.op) || !r.op.flags.includes('FIXED_NOREPLACE') || r.fault) return vacuous;
    const [s, e] = mmapRange(r);
    if (!overlapping(r.before, s, e).length) return vacuous;
    return check(r.res.errno === EEXIST && sameLayout(r.before, r.after), `MAP_FIXED_NOREPLACE over a mapping gave ${r.res.errnoName} or changed it`);
  },

  C68: (r) => {
    if (fileOf(r.op) !== 'ro' || !isMmap(r.op) || !r.op.prot.includes('WRITE') || !r.op.flags.includes('SHARED') || r.fault) return vacuous;
    return check(r.res.errno === EACCES && sameLayout(r.before, r.after), `a shared writable mapping of a read-only file gave ${r.res.errnoName} or touched the old mapping`);
  },

  C70: (r) => {
    if (fileOf(r.op) !== 'sealed' || !isMmap(r.op) || r.fault) return vacuous;
    // (a read-only shared mapping is outside the claim; the model refuses it too — see the README)
    if (!r.op.flags.includes('SHARED') || !r.op.prot.includes('WRITE')) return vacuous;
    return check(r.res.errno === 1, `a shared writable mapping of a write-sealed memfd gave ${r.res.errnoName}, not EPERM`);
  },

  C69: (r) => {
    const hs = [...hooks(r, LEGACY), ...hooks(r, PREPARE)];
    if (!hs.length) return vacuous;
    return check(hs.every((h) => h.locks.mmap === 'write'), 'f_op->mmap/mmap_prepare ran without mmap_lock held for write');
  },
};

void len;
