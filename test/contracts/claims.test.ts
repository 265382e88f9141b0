/**
 * The documentation cross-check asks the model (issue 12 §1): a model patched here makes the lint's
 * answer change, and the contracts' hand-written profile split does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import behaviour, { requirements } from '../../rules/contract-behaviour/index.js';
import { askModel, clearModelAnswers, exploredQuestions, questionOf, writeBuiltAnswers } from '../../src/contracts/claims.js';
import { builtAnswer, setBuiltAnswers } from '../../src/contracts/answers.js';
import { PROFILE_NAMES } from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import { tempDir } from '../tmp.js';
import { checkContract } from '../../src/contracts/explore.js';
import { contracts } from '../../src/contracts/load.js';
import { MmStruct } from '../../src/model/index.js';
import { TraceRecorder } from '../../src/model/trace.js';
import type { TraceEvent } from '../../src/model/index.js';
import type { Finding } from '../../src/lint/types.js';
import { docFile, docFrom, runRule } from './helpers.js';

const at = (fs: Finding[], line: number): Finding[] => fs.filter((f) => f.place.start.line <= line && f.place.end.line >= line);
const contract = (id: string) => contracts().find((c) => c.id === id)!;
const lint = (profile = '7.1'): Finding[] => runRule(behaviour, docFile('docs-src/mmap_prepare.rst'), { profile });

type CallHook = MmStruct['callHook'];
type HookArgs = Parameters<CallHook>;

function opOf(mm: MmStruct): Extract<TraceEvent, { ev: 'op' }>['op'] | undefined {
  const first = mm.rec.events[0];
  return first?.ev === 'op' ? first.op : undefined;
}

function prepareSpecOf(mm: MmStruct): unknown {
  const op = opOf(mm);
  return op?.op === 'mmap' && op.file !== undefined ? mm.files.get(op.file)?.fops.mmap_prepare : undefined;
}

/** The C06 bug of the issue: the replaced VMAs' vm_ops->close runs after mmap_prepare, not before. */
function patchCloseAfterPrepare(): () => void {
  const proto = MmStruct.prototype;
  const orig: CallHook = proto.callHook;
  const deferred = new WeakMap<object, HookArgs[]>();
  proto.callHook = function (this: MmStruct, ...args: HookArgs): number {
    const [hook] = args;
    const prepared = this.rec.events.some((e) => e.ev === 'hook' && e.hook === 'f_op->mmap_prepare');
    if (hook === 'vm_ops->close' && prepareSpecOf(this) && !prepared) {
      const list = deferred.get(this.rec) ?? [];
      list.push(args);
      deferred.set(this.rec, list);
      return 0;
    }
    const r = orig.apply(this, args);
    if (hook === 'f_op->mmap_prepare') for (const d of deferred.get(this.rec) ?? []) orig.apply(this, d);
    return r;
  };
  return () => {
    proto.callHook = orig;
  };
}

/** The C26 bug of the issue: vm_ops->mapped is called when the new range merged into a neighbour. */
function patchMappedOnMerge(): () => void {
  const mmProto = MmStruct.prototype;
  const recProto = TraceRecorder.prototype;
  const origHook: CallHook = mmProto.callHook;
  const origPush = recProto.push;
  let current: MmStruct | undefined;
  mmProto.callHook = function (this: MmStruct, ...args: HookArgs): number {
    if (args[0] === 'f_op->mmap_prepare') current = this;
    return origHook.apply(this, args);
  };
  recProto.push = function (this: TraceRecorder, e: TraceEvent): void {
    origPush.call(this, e);
    if (e.ev !== 'vma' || (e.kind !== 'merged' && e.kind !== 'expanded') || !current || current.rec !== this) return;
    const spec = prepareSpecOf(current) as { vmOps?: { mapped?: unknown } } | boolean | undefined;
    if (typeof spec === 'object' && spec.vmOps?.mapped) origHook.call(current, 'vm_ops->mapped', { start: e.start, end: e.end }, 0);
  };
  return () => {
    mmProto.callHook = origHook;
    recProto.push = origPush;
  };
}

function withPatch<T>(patch: () => () => void, body: () => T): T {
  clearModelAnswers();
  const restore = patch();
  try {
    return body();
  } finally {
    restore();
    clearModelAnswers();
  }
}

test('the model as it is: mmap_prepare.rst:17 (D8) is contradicted by a run that closes the old mapping first; :35 agrees', () => {
  clearModelAnswers();
  const fs = lint();
  const d8 = at(fs, 17);
  assert.equal(d8.length, 1);
  assert.match(d8[0]!.message, /contradicts C06/);
  const trace = d8[0]!.detail!;
  assert.match(trace, /counterexample \(model, profile 7\.1\)/);
  // the run shows close before the hook: the claim the sentence denies, on this very run
  const close = trace.indexOf('vm_ops->close');
  const prep = trace.indexOf('f_op->mmap_prepare');
  assert.ok(close >= 0 && prep > close, 'the counterexample closes the replaced VMA before mmap_prepare');
  assert.deepEqual(at(fs, 35), []);
});

test('C06 bug (close after mmap_prepare): kdocs contracts sees it, and the lint no longer reports line 17', () => {
  withPatch(patchCloseAfterPrepare, () => {
    const r = checkContract(contract('C06'), '7.1', { maxOps: 2 });
    assert.equal(r.outcome, 'fails');
    assert.match(r.counterexample!.why, /before vm_ops->close/);
    const fs = lint();
    assert.deepEqual(at(fs, 17).map((f) => f.message), []);
  });
  // and back
  assert.equal(at(lint(), 17).length, 1);
});

test('C26 bug (mapped called on merged ranges): mmap_prepare.rst:35-36 is reported with the model\'s counterexample', () => {
  withPatch(patchMappedOnMerge, () => {
    const fs = lint();
    const f = at(fs, 35);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.place.start.line, 35);
    assert.equal(f[0]!.place.end.line, 36);
    assert.match(f[0]!.message, /states C26 .* which does not hold in 7\.1: vm_ops->mapped was called for a mapping that merged/);
    assert.match(f[0]!.detail!, /vm_ops->mapped/);
    assert.match(f[0]!.detail!, /merged|expanded/);
  });
  clearModelAnswers();
  assert.deepEqual(at(lint(), 35), []);
});

test('the contracts\' hand-written profile split is not an input of the rule', () => {
  const c06 = contract('C06');
  const c26 = contract('C26');
  const saved = [structuredClone(c06.profiles), structuredClone(c26.profiles)] as const;
  try {
    clearModelAnswers();
    const before = lint().map((f) => `${f.place.start.line} ${f.message}`);
    // claim the opposite of the model in the JSON: nothing changes
    c06.profiles = { holds: [], fails: [...saved[0].holds], notApplicable: saved[0].notApplicable };
    c26.profiles = { holds: [], fails: [...saved[1].holds], notApplicable: saved[1].notApplicable };
    clearModelAnswers();
    assert.deepEqual(lint().map((f) => `${f.place.start.line} ${f.message}`), before);
  } finally {
    c06.profiles = saved[0];
    c26.profiles = saved[1];
  }
});

test('each question is explored once per profile, however many sentences ask it', () => {
  clearModelAnswers();
  const text = 'Mapped\n======\n\nThe ``mapped`` hook is also called when the mapping is merged.\n\nThe ``mapped`` hook is even invoked for merged ranges.\n';
  const n0 = exploredQuestions();
  const fs = runRule(behaviour, docFrom(text), { profile: '7.1' });
  assert.equal(fs.length, 2);
  assert.equal(exploredQuestions() - n0, 1);
  runRule(behaviour, docFrom(text), { profile: '7.1' });
  assert.equal(exploredQuestions() - n0, 1);
  runRule(behaviour, docFrom(text), { profile: '6.19' });
  assert.equal(exploredQuestions() - n0, 2);
});

test('a denial is asked as its own predicate: a C26 "merged" sentence is answered by a merged run', () => {
  clearModelAnswers();
  const c26 = contract('C26');
  const ph = c26.docPlaces.flatMap((p) => p.phrasings).find((p) => p.means === 'violated')!;
  assert.equal(questionOf(c26, ph).case, 'merged');
  const a = askModel(c26, ph, '7.1');
  assert.ok(a.disagrees && a.run);
  assert.match(a.run.trace, /merged|expanded/);
  assert.doesNotMatch(a.run.trace, /vm_ops->mapped\(/);
  // 6.12 has no mapped hook: no run exercises the claim, no answer, no finding
  const old = askModel(c26, ph, '6.12');
  assert.equal(old.disagrees, false);
});

test('every phrasing matches a sentence of the documents (or fixtures) it was written for', async () => {
  const { regionsOf } = await import('../../src/contracts/doc/regions.js');
  const { regionSentences } = await import('../../src/contracts/doc/sentences.js');
  const texts = [
    'docs-src/mmap_prepare.rst', 'docs-src/vfs.rst', 'test/contracts/fixtures/mainline-sentences.rst',
    'test/contracts/fixtures/behaviour.rst', 'test/contracts/fixtures/multi-move.rst', 'test/contracts/fixtures/denials.rst',
  ].map((f) => regionsOf(docFile(f)).filter((r) => r.kind === 'prose').flatMap((r) => regionSentences(r).map((s) => s.text)));
  const sentences = texts.flat();
  const dead: string[] = [];
  for (const c of contracts()) {
    for (const p of c.docPlaces.flatMap((d) => d.phrasings)) {
      const re = new RegExp(p.pattern, 'iu');
      if (!sentences.some((s) => re.test(s))) dead.push(`${c.id} ${p.pattern}`);
    }
  }
  assert.deepEqual(dead, []);
});

test('the pre-filter: every phrasing requires words, and a paragraph one matches has them', async () => {
  const { regionsOf } = await import('../../src/contracts/doc/regions.js');
  const { regionSentences } = await import('../../src/contracts/doc/sentences.js');
  assert.deepEqual(requirements('\\b(move|moving|relocate)\\b[^.]{0,60}(multiple|more than one)\\s+(VMAs|mappings)'), [['move', 'moving', 'relocate'], ['multiple', 'more'], ['vmas', 'mappings']]);
  assert.deepEqual(requirements('mmap_prepare[^.]*\\bafter\\b x(?:``)? favou?r'), [['mmap'], ['prepare'], ['after'], ['favo']]);
  const paragraphs = ['docs-src/mmap_prepare.rst', 'docs-src/vfs.rst', 'test/contracts/fixtures/mainline-sentences.rst', 'test/contracts/fixtures/behaviour.rst',
    'test/contracts/fixtures/multi-move.rst', 'test/contracts/fixtures/denials.rst'].flatMap((f) => regionsOf(docFile(f)).filter((r) => r.kind === 'prose'));
  const bad: string[] = [];
  for (const p of contracts().flatMap((c) => c.docPlaces.flatMap((d) => d.phrasings))) {
    const reqs = requirements(p.pattern);
    if (!reqs.length) bad.push(`no requirement: ${p.pattern}`);
    const re = new RegExp(p.pattern, 'iu');
    for (const para of paragraphs) {
      if (!regionSentences(para).some((s) => re.test(s.text))) continue;
      const lower = para.text.toLowerCase();
      if (!reqs.every((alts) => alts.some((w) => lower.includes(w)))) bad.push(`pre-filter drops a match: ${p.pattern}`);
    }
  }
  assert.deepEqual(bad, []);
});

const lines = (fs: Finding[]): string[] => fs.map((f) => `${f.place.start.line}-${f.place.end.line} ${/C\d\d/.exec(f.message)![0]}`);

test('mainline vfs.rst / porting.rst sentences and vm.rst max_map_count: the model answers each, wrapped ones included', () => {
  clearModelAnswers();
  const doc = docFile('test/contracts/fixtures/mainline-sentences.rst');
  assert.deepEqual(lines(runRule(behaviour, doc, { profile: '7.1' })), [
    '7-8 C69', // D12, wrapped over two lines, in the file_operations section
    '15-17 C09', // D13 "establishing relevant private state"
    '29-30 C48', // one area more than max_map_count
  ]);
  // 6.12 has no mmap_prepare: the deprecation and the vm_area_desc signature do not hold there
  assert.deepEqual(lines(runRule(behaviour, doc, { profile: '6.12' })), ['7-8 C69', '11-12 C01', '22-23 C01', '23-23 C04', '29-30 C48']);
  const c48 = runRule(behaviour, doc, { profile: '7.1' }).find((f) => f.message.includes('C48'))!;
  assert.match(c48.detail!, /3\. mmap\(.*\) = OK/);
});

test('denials and proposal-only claims: C05 after-merge, C10 never merged, C54 resize across VMAs', () => {
  clearModelAnswers();
  const doc = docFile('test/contracts/fixtures/denials.rst');
  assert.deepEqual(lines(runRule(behaviour, doc, { profile: '7.1' })), ['4-4 C05', '10-10 C54']);
  assert.deepEqual(lines(runRule(behaviour, doc, { profile: 'proposal-2025-09' })), ['4-4 C05', '7-8 C10', '10-10 C54']);
});

test('a sentence re-wrapped anywhere is still matched: mmap_prepare.rst:17 and vfs.rst\'s C69 sentence', () => {
  clearModelAnswers();
  const rewrapped = 'Hook\n====\n\n* This hook is called right at the\n  beginning of setting   up the\n  mapping, and importantly it is invoked *before* any merging.\n';
  const fs = runRule(behaviour, docFrom(rewrapped), { profile: '7.1' });
  assert.deepEqual(fs.map((f) => `${f.place.start.line}:${f.place.start.column}-${f.place.end.line}:${f.place.end.column}`), ['4:16-6:10']);
  const c69 = 'struct file_operations\n======================\n\nAgain, all methods are called without any\nlocks being held, unless otherwise\nnoted.\n';
  const g = runRule(behaviour, docFrom(c69), { profile: '7.1' });
  assert.deepEqual(g.map((f) => `${f.place.start.line}:${f.place.start.column}-${f.place.end.line}:${f.place.end.column}`), ['4:8-6:6']);
  // the section notes the exception: no finding
  assert.deepEqual(runRule(behaviour, docFrom(c69 + '\n``mmap``\n\tcalled with the mmap_lock held for write.\n'), { profile: '7.1' }), []);
});

test("the build's answers file: every question a phrasing can ask, in every profile, as the model answers it; a rebuild of the same code writes nothing", () => {
  const dir = tempDir('kdocs-answers-');
  clearModelAnswers();
  const list = contracts();
  const file = writeBuiltAnswers(dir, list, PROFILE_NAMES);
  assert.ok(file);
  assert.equal(writeBuiltAnswers(dir, list, PROFILE_NAMES), undefined, 'the same code: nothing explored again');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const keys = new Set(list.flatMap((c) => c.docPlaces.flatMap((p) => p.phrasings.map((ph) => questionOf(c, ph).key))));
  assert.equal(Object.keys(stored).length, keys.size * PROFILE_NAMES.length);
  setBuiltAnswers(file);
  const c26 = list.find((c) => c.id === 'C26')!;
  const ph = c26.docPlaces.flatMap((p) => p.phrasings).find((p) => p.means !== 'holds')!;
  const fromBuild = builtAnswer(c26, ph, '7.1');
  assert.ok(fromBuild);
  clearModelAnswers();
  assert.equal(builtAnswer(c26, ph, '7.1'), undefined, 'cleared: the model is asked');
  for (const c of list) {
    for (const p of c.docPlaces.flatMap((d) => d.phrasings)) {
      for (const profile of ['6.12', '7.1'] as const) {
        assert.deepEqual(stored[`${questionOf(c, p).key}@${profile}`], JSON.parse(JSON.stringify(askModel(c, p, profile))), `${c.id} ${p.means} ${profile}`);
      }
    }
  }
});
