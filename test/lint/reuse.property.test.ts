/**
 * Findings kept across an edit (src/lint/reuse.ts, the rules' `meta.reuse`) against a fresh lint:
 * random edits inside paragraphs of real documents (docs-src's vfs.rst, mmap_prepare.rst and
 * locking.rst, which hold contract findings), with text made to wake the contract rules (API
 * names, `struct`, `->`, calls, literals, ops-table names, behaviour phrasings) or plain letters.
 * After every edit the re-parsed document is linted with the previous lint's findings offered for
 * reuse, and a second index parses the new text whole and lints it with nothing to reuse: the two
 * finding lists (messages, places, fixes, suggestions, related places) must be equal.
 * KDOCS_REUSE_RUNS changes the number of runs, KDOCS_REUSE_SEED the seed.
 */
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadRules } from '../../src/lint/api.js';
import { resolveConfig, type ResolvedConfig } from '../../src/lint/config.js';
import { lintIndex, type LintRun } from '../../src/lint/engine.js';
import type { PreviousLint } from '../../src/lint/reuse.js';
import type { RuleFindings } from '../../src/lint/findings-cache.js';
import type { ParsedDocument } from '../../src/rst/parse.js';
import { loadDefaultParser, ProjectIndex } from '../../src/project/index.js';
import { paragraphEditOf, reparseEdit } from '../../src/rst/incremental.js';
import { project } from '../lsp/harness.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Rules that declare `meta.reuse`. */
let KEEPING = 0;
const RUNS = Number(process.env.KDOCS_REUSE_RUNS ?? 14);
const SEED = Number(process.env.KDOCS_REUSE_SEED ?? 20261205);
const NAMES = ['vfs.rst', 'mmap_prepare.rst', 'locking.rst'];
const TEXTS = Object.fromEntries(NAMES.map((n) => [n, readFileSync(path.join(REPO, 'docs-src', n), 'utf8')]));

/** Lines an edit goes into: ones that start with a letter (mostly paragraph text). */
const LINES = Object.fromEntries(
  NAMES.map((n) => {
    const out: number[] = [];
    TEXTS[n]!.split('\n').forEach((l, i) => {
      if (/^\s*[A-Za-z][^:]*\S$/.test(l) && l.trim().length > 8) out.push(i);
    });
    return [n, out];
  }),
);

const WORDS = [
  'x', 'e', ' ', 'desc', 'desc->vm_start ', 'desc->bogus ', 'vma', 'mmap', 'struct ', 'struct vm_area_desc ', 'struct vm_area_descx ',
  'vm_area_desc', 'mmap_prepare()', 'mmap_prepare(x, y) ', '->', '_operations', 'file_operations ', 'vm_operations_struct ',
  '``desc->pgoff``', '``remap_pfn_range(a)``', ':c:func:`mmap_prepare`', 'mmap_lock', 'mmap_sem', 'must not ', 'is called ',
  'returns ', 'removed in 6.1 ', 'renamed to ', 'vm_flags ', '(*', 'VMA_', 'success_hook', 'compat', '*emphasis*', '`ref`',
  ' may not fail ', ' is not called ', 'can be changed', ' -EINVAL ', 'f_op->mmap ', 'mmap_action',
];

/** Texts that make a contract finding in most paragraphs (or, `mmap_lock`, take one away). */
const MAKERS = [
  ' struct vm_area_descx ', ' ``vm_area_descx`` ', ' desc->vm_bogus ', ' :c:func:`mmap_prepare_x` ',
  ' ``vm_flags_set(vma)`` ', ' ``int (*mmap)(struct file *)`` ', ' ``int (*mmap_prepare)(struct file *)`` ',
  ' is called right at the beginning of setting up the mapping ', ' mmap_action_map_kernel_pages() maps pages from a specific offset ',
  ' all methods are called without any locks being held, unless otherwise noted ', ' mmap_lock ', ' file_operations ',
  ' vm_operations_struct ', ' _some words_ ', ' _x_ ',
];

const edit = fc.record({
  line: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000),
  col: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000),
  del: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.nat({ max: 8 })),
  text: fc.oneof(
    { arbitrary: fc.constantFrom(...MAKERS), weight: 3 },
    { arbitrary: fc.constantFrom(...WORDS), weight: 3 },
    { arbitrary: fc.constant(''), weight: 1 },
    { arbitrary: fc.string({ maxLength: 3 }), weight: 1 },
  ),
});

test('findings kept across an edit inside a paragraph equal a fresh lint of the new text', async () => {
  const rules = (await loadRules()).rules;
  const config = resolveConfig(rules, {});
  KEEPING = rules.filter((r) => r.meta.reuse).length;
  // the same rules claiming that no edit changes their findings: the comparison must catch them
  const claimAll = resolveConfig(
    rules.map((r) => (r.meta.reuse ? { ...r, meta: { ...r.meta, reuse: () => true } } : r)),
    {},
  );
  const parse = await loadDefaultParser();
  const root = project(TEXTS);
  const inc = new ProjectIndex(root, parse, { reparse: (p, t, e) => reparseEdit(p, t, e) });
  const fresh = new ProjectIndex(root, parse);
  inc.build();
  fresh.build();
  const last = new Map<ResolvedConfig, Omit<PreviousLint, 'edit'>>();
  const lint = (name: string, cfg: ResolvedConfig): LintRun => {
    const before = last.get(cfg);
    const pe = paragraphEditOf(inc.get(name)!);
    const previous = pe && before && pe.before === before.doc ? new Map([[name, { ...before, edit: pe }]]) : undefined;
    return lintIndex(inc, cfg, {
      paths: [name],
      ...(previous ? { previous } : {}),
      onRuleFindings: (_p, doc, found, usedIndex) => last.set(cfg, { doc, found, usedIndex, config: cfg, changed: undefined }),
    });
  };
  let wrongClaims = 0;
  let reused = 0;
  let offered = 0;
  let refused = 0;
  let compared = 0;
  fc.assert(
    fc.property(fc.constantFrom(...NAMES), fc.array(edit, { minLength: 6, maxLength: 20 }), (name, edits) => {
      let text = TEXTS[name]!;
      inc.update(name, text);
      fresh.update(name, text);
      lint(name, config);
      lint(name, claimAll);
      for (const e of edits) {
        const lines = text.split('\n');
        const li = LINES[name]![Math.floor(e.line * LINES[name]!.length)]!;
        const line = lines[li]!;
        const lineStart = lines.slice(0, li).reduce((n, l) => n + l.length + 1, 0);
        const indent = line.length - line.trimStart().length;
        const at = lineStart + indent + 1 + Math.floor(e.col * Math.max(0, line.length - indent - 1));
        const end = Math.min(lineStart + line.length, at + e.del);
        const next = text.slice(0, at) + e.text + text.slice(end);
        if (next === text) continue;
        inc.update(name, next, { start: at, end, text: e.text });
        const pe = paragraphEditOf(inc.get(name)!);
        const got = lint(name, config);
        const claimed = lint(name, claimAll);
        if (pe) {
          offered++;
          reused += got.reused ?? 0;
          if ((got.reused ?? 0) < KEEPING) refused++;
        }
        fresh.update(name, next);
        const want = lintIndex(fresh, config, { paths: [name] });
        assert.equal(want.reused ?? 0, 0);
        assert.deepEqual(got.files[0]!.findings, want.files[0]!.findings, `${name}: findings after inserting ${JSON.stringify(e.text)} at ${at} (deleting ${end - at})`);
        if (!isDeepStrictEqual(claimed.files[0]!.findings, want.files[0]!.findings)) wrongClaims++;
        compared++;
        text = next;
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
  if (process.env.KDOCS_REUSE_VERBOSE) process.stderr.write(`reuse: ${compared} edits compared, ${offered} offered, ${reused} rule runs replaced, ${refused} with a refusal, ${wrongClaims} wrong claims\n`);
  // the property says something only if findings were kept often, and refused sometimes
  assert.ok(offered >= 40, `only ${offered} edits offered findings for reuse (of ${compared})`);
  assert.ok(reused >= 60, `only ${reused} rule runs were replaced`);
  assert.ok(refused >= 5, `the rules refused only ${refused} times`);
  // and it would have caught rules that claim too much
  assert.ok(wrongClaims >= 5, `claiming every edit unseen went wrong only ${wrongClaims} times`);
});

/** Lint `name` of a one-document project before and after an edit, the second time with the
 *  first lint's findings offered for reuse; and a fresh lint of the new text. */
async function editOnce(name: string, text: string, at: number, insert: string): Promise<{ got: LintRun; want: LintRun; offered: boolean }> {
  const rules = (await loadRules()).rules;
  const config = resolveConfig(rules, {});
  const parse = await loadDefaultParser();
  const root = project({ [name]: text });
  const inc = new ProjectIndex(root, parse, { reparse: (p, t, e) => reparseEdit(p, t, e) });
  inc.build();
  let last: Omit<PreviousLint, 'edit'> | undefined;
  const onRuleFindings = (_p: string, doc: ParsedDocument, found: RuleFindings, usedIndex: ReadonlySet<string>): void => {
    last = { doc, found, usedIndex, config, changed: undefined };
  };
  lintIndex(inc, config, { paths: [name], onRuleFindings });
  const next = text.slice(0, at) + insert + text.slice(at);
  inc.update(name, next, { start: at, end: at, text: insert });
  const pe = paragraphEditOf(inc.get(name)!);
  const previous = pe && last && pe.before === last.doc ? new Map([[name, { ...last, edit: pe }]]) : undefined;
  const got = lintIndex(inc, config, { paths: [name], ...(previous ? { previous } : {}), onRuleFindings });
  const fresh = new ProjectIndex(project({ [name]: next }), parse);
  fresh.build();
  return { got, want: lintIndex(fresh, config, { paths: [name] }), offered: previous !== undefined };
}

const ids = (run: LintRun): string[] => run.files[0]!.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`);

test('a lock named elsewhere in the section takes a behaviour finding away: not kept', async () => {
  const text = TEXTS['vfs.rst']!;
  // a paragraph of the file_operations section other than the one the finding is in
  const para = text.indexOf('called when the VFS needs to move the file position index');
  assert.ok(para > 0);
  const { got, want, offered } = await editOnce('vfs.rst', text, para + 7, ' mmap_lock ');
  assert.ok(offered);
  assert.ok(!ids(want).some((x) => x.startsWith('contract-behaviour')), 'the lock is noted: no finding');
  assert.deepEqual(got.files[0]!.findings, want.files[0]!.findings);
});

test('an edit that moves where a signature check looks back for its ops table is not kept', async () => {
  // `int (*mmap)(struct file *)` is checked against the ops table named last in the 4000
  // characters before it; the filler's length puts `file_operations` right at that window's start
  const make = (filler: number): { text: string; at: number } => {
    const head = 'Title\n=====\n\nThe file_operations table.\n\n';
    const words: string[] = [];
    while (words.join(' ').length < filler) words.push('word');
    const body = words.join(' ').slice(0, filler).replace(/ $/, 'x');
    const lines = body.match(/.{1,70}(?: |$)/g)!.map((l) => l.trimEnd());
    const text = `${head}${lines.join('\n')}\n\n.. code-block:: c\n\n   int (*mmap)(struct file *);\n`;
    return { text, at: head.length + 10 };
  };
  const signature = async (filler: number): Promise<number> => {
    const { text } = make(filler);
    const parse = await loadDefaultParser();
    const rules = (await loadRules()).rules;
    const index = new ProjectIndex(project({ 'w.rst': text }), parse);
    index.build();
    return lintIndex(index, resolveConfig(rules, {}), { paths: ['w.rst'] }).files[0]!.findings.filter((f) => f.ruleId === 'contract-signature').length;
  };
  // the longest filler with which the hook is still checked against file_operations
  let lo = 3800;
  let hi = 4200;
  assert.equal(await signature(lo), 1);
  assert.equal(await signature(hi), 0);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((await signature(mid)) === 1) lo = mid;
    else hi = mid;
  }
  const { text, at } = make(lo);
  const { got, want, offered } = await editOnce('w.rst', text, at, 'y');
  assert.ok(offered);
  assert.ok(!ids(want).some((x) => x.startsWith('contract-signature')), 'one character more: the window starts inside the name');
  assert.deepEqual(got.files[0]!.findings, want.files[0]!.findings);
});
