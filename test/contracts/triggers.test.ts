/**
 * The contract rules' pre-filter (src/contracts/doc/triggers.ts) is exact: on every document the
 * tests and docs-src have, and on edge cases written for each trigger, the four contract rules
 * report the same with the pre-filter as without it; and it does its job: in a tree where one
 * document mentions an mm name, the rules examine that document only (counted, not timed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/index.js';
import { lintTree } from '../../src/lint/api.js';
import type { Rule } from '../../src/lint/types.js';
import { contractTriggerList, scanContractTriggers, structNameMatters, triggerOptions, triggerStats } from '../../src/contracts/doc/triggers.js';
import { buildProject, formatFinding, readExamples, runRule } from '../rules/harness.js';

const REPO = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CONTRACT_RULES = allRules.filter((r) => r.meta.id.startsWith('contract-')) as Rule[];

function rstFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = nodePath.join(dir, e.name);
    if (e.isDirectory()) out.push(...rstFiles(p));
    else if (e.name.endsWith('.rst')) out.push(p);
  }
  return out;
}

/** Edge cases: each one reaches a finding (or a mention) through a different trigger. */
const EDGES: string[] = [
  'Use ``vma_desc_test_flags()`` here.\n',
  'The ``struct vm_aera_desc`` is the descriptor.\n',
  '::\n\n  struct /* the descriptor */ vm_area_dsec *d;\n',
  '::\n\n  static const struct file_operations fops = {\n          .mmap_prepare = foo_mmap_prepare,\n          .mmap_complete = foo,\n  };\n',
  '.. code-block:: c\n\n   int (*mapped /* x */)(unsigned long start);\n',
  '::\n\n  remap_pfn_range /* mmap */ (x, addr, pfn);\n',
  '::\n\n  vma->flags |= 1;\n',
  'The ops: ``fops->mmap_abort`` and ``vm_ops->mapped``.\n',
  'For mmap_prepare: ``desc->start = 0`` is ignored.\n',
  '::\n\n  struct vm_area_desc *d;\n  d->start = 0;\n',
  'The ``error_hook`` callback was never merged.\n',
  'The f_op->mmap() callback has been deprecated in favour of mmap_prepare.\n',
  'Moving multiple VMAs with mremap() without MREMAP_FIXED is not possible.\n',
  'The maximum number of memory map areas a process may have is limited.\n',
  'mremap() can grow mappings that span multiple VMAs.\n',
  'Call ``mmap_action_ioremap()`` and ``vma_desc_set_flags(desc, VMA_IO_BIT)``.\n',
  'A plain document: nothing here names the mm API. struct foo, enum bar, union baz.\n',
];

/** The contract rules' findings on a document, for the default profile and for the oldest one
 *  (where other names are missing). */
async function findingsOf(text: string): Promise<string[]> {
  const index = await buildProject([{ path: 'x.rst', text }]);
  const out: string[] = [];
  for (const profile of [undefined, '6.12']) {
    for (const rule of CONTRACT_RULES) for (const f of runRule(rule, index, 'x.rst', profile ? { profile } : {})) out.push(`${profile ?? ''} ${rule.meta.id} ${formatFinding(f)}`);
  }
  return out;
}

async function compare(label: string, text: string): Promise<number> {
  triggerOptions.bypass = true;
  let without: string[];
  try {
    without = await findingsOf(text);
  } finally {
    triggerOptions.bypass = false;
  }
  const withFilter = await findingsOf(text);
  assert.deepEqual(withFilter, without, `${label}: the pre-filter dropped findings`);
  return without.length;
}

test('the contract rules report the same with and without the pre-filter (docs-src, fixtures, README examples, edge cases)', async () => {
  const texts: [string, string][] = [];
  for (const dir of [nodePath.join(REPO, 'docs-src'), nodePath.join(REPO, 'test', 'contracts', 'fixtures'), nodePath.join(REPO, 'test', 'rules', 'fixtures')]) {
    for (const f of rstFiles(dir)) texts.push([nodePath.relative(REPO, f), readFileSync(f, 'utf8')]);
  }
  for (const rule of CONTRACT_RULES) {
    for (const ex of readExamples(rule.meta.id, readFileSync(nodePath.join(REPO, 'rules', rule.meta.id, 'README.md'), 'utf8'))) texts.push([`${rule.meta.id} README line ${ex.line}`, ex.text]);
  }
  EDGES.forEach((t, i) => texts.push([`edge case ${i}`, t]));
  let findings = 0;
  let withFindings = 0;
  for (const [label, text] of texts) {
    const n = await compare(label, text);
    findings += n;
    if (n) withFindings++;
    // each edge case but the last is there to be reported
    if (label.startsWith('edge case') && label !== `edge case ${EDGES.length - 1}`) assert.ok(n > 0, `${label} gives a finding`);
  }
  // the comparison means something only if the rules do report on these texts
  assert.ok(findings > 40 && withFindings > 15, `findings ${findings} in ${withFindings} texts`);
});

test('edge cases reach the rules through their triggers', async () => {
  for (const [i, text] of EDGES.entries()) {
    const plain = i === EDGES.length - 1;
    assert.equal(scanContractTriggers(text).names || scanContractTriggers(text).words.size > 0, true, `edge case ${i}`);
    if (plain) assert.equal(scanContractTriggers(text).names, false, 'a document without the mm API passes no identifier trigger');
  }
  // a typo of an mm struct after `struct`, and a known struct of every profile
  assert.equal(structNameMatters('vm_aera_desc'), true);
  assert.equal(structNameMatters('file'), false);
  assert.equal(structNameMatters('page'), false);
  // identifier triggers are case-sensitive whole names; `vma` inside `vmalloc` is not one
  assert.equal(scanContractTriggers('the vmalloc area').names, false);
  assert.equal(scanContractTriggers('the vma->vm_start field').names, true);
  assert.equal(scanContractTriggers('VMA_READ_BIT').names, true);
  assert.equal(scanContractTriggers('vma_read_bit').names, false);
  // every trigger is derived from a table (each says which), none is empty
  for (const t of contractTriggerList()) assert.ok(t.text.length > 0 && t.why.length > 0);
});

test('in a tree where one document mentions an mm name, the contract rules examine that one only', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-triggers-'));
  try {
    const docs = 12;
    for (let i = 0; i < docs; i++) {
      writeFileSync(nodePath.join(dir, `d${i}.rst`), `Title ${i}\n========\n\nSome prose about struct page and the kernel, with a desc and an action.\n\n::\n\n  int x = foo(bar);\n`);
    }
    writeFileSync(nodePath.join(dir, 'mm.rst'), 'Hooks\n=====\n\nIn mmap_prepare, ``desc->vm_flgs`` is not a member.\n');
    const before = { ...triggerStats };
    const res = await lintTree(dir, { rules: CONTRACT_RULES });
    assert.equal(triggerStats.scanned - before.scanned, docs + 1, 'every document scanned once, for all four rules');
    assert.equal(triggerStats.names - before.names, 1, 'the name rules examined the one document with a mention');
    const mm = res.run.files.find((f) => f.path === 'mm.rst')!;
    assert.ok(mm.findings.some((f) => f.ruleId === 'contract-identifier'), 'and reported its mention');
    assert.ok(triggerStats.phrasings - before.phrasings <= 1, 'no phrasing could match the plain documents');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pass looks at the triggers ending at a state until it has nothing left to learn there', async () => {
  const { automatonStats } = await import('../../src/contracts/doc/triggers.js');
  // "with" (a phrasing's word) and `struct page` (a keyword whose name never matters) end
  // thousands of times; the word is found at the first, and the keyword stays open (a later
  // `struct` may name an mm struct) but is looked at only where it ends
  const text = 'with a struct page and more words with struct page.\n'.repeat(2000) + 'And struct vm_aera_desc at last.\n';
  const before = automatonStats.outputs;
  const res = scanContractTriggers(text);
  const looked = automatonStats.outputs - before;
  assert.equal(res.names, true, 'the typo of an mm struct at the end is still found');
  assert.ok(res.words.has('with'));
  // per repetition: the two `struct`s (not settled: unconfirmed); "with", "and", "more", "words"... once
  assert.ok(looked <= 2 * 2000 + 50, `${looked} looks at output states`);
});
