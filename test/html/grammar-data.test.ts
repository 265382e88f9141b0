/**
 * The highlighter's grammars converted at build time (src/html/grammar-data.ts): the forms of an
 * expression the tokenizer asks for, the stored RegExps against shiki's own conversion, and the
 * highlighting thread rebuilding them from the files instead of converting (work counted, and
 * the blocks' HTML the same as with the engine's own conversion).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { defaultJavaScriptRegexConstructor } from 'shiki/engine/javascript';
import { EmulatedRegExp } from 'oniguruma-to-es';
import { builtDataDir } from '../../src/project/built-data.js';
import { grammarDataDir, grammarDataStats, PrecompiledGrammars, scannerSources, writeGrammarData, type StoredRegex } from '../../src/html/grammar-data.js';
import { startHighlightThread, stopHighlightThread } from '../../src/html/code.js';
import { renderDocument } from '../../src/html/index.js';
import { parse } from '../../src/rst/parse.js';
import { tempDir } from '../tmp.js';

/** One block of each lexer name of the 6.12 tree that shiki or our grammars highlight (rst
 *  below). */
const SAMPLES: [string, string][] = [
  ['c', '#include <linux/mm.h>\nstatic int f(struct vm_area_struct *vma)\n{\n\tswitch (vma->vm_flags & VM_WRITE) {\n\tcase 0: return -EINVAL; /* x */\n\t}\n\treturn 0;\n}'],
  ['C', 'struct s { unsigned long a[4]; } __packed;'],
  ['bash', 'for f in *.rst; do echo "$f" | grep -q x && cat "${f%.rst}.txt"; done'],
  ['sh', 'export A=1; [ -f x ] || make -j4 O=out'],
  ['shell', 'echo $((1 + 2)) > /dev/null 2>&1'],
  ['console', '$ uname -r\n6.12.0\n# echo 1 > /proc/sys/vm/overcommit_memory'],
  ['rust', 'fn main() -> Result<(), Error> {\n    let v: Vec<u8> = vec![1, 2];\n    println!("{v:?}");\n    Ok(())\n}'],
  ['yaml', 'properties:\n  compatible:\n    const: vendor,chip # comment\n  reg:\n    maxItems: 1'],
  ['elisp', '(defun c-lineup-arglist-tabs-only (ignored)\n  "Line up argument lists by tabs, not spaces"\n  (let* ((anchor (c-langelem-pos c-syntactic-element)))\n    (* (max step 1) c-basic-offset)))'],
  ['make', 'obj-$(CONFIG_FOO) += foo.o\n%.o: %.c\n\t$(CC) -c $< -o $@'],
  ['xml', '<?xml version="1.0"?>\n<node name="x"><!-- c --><prop a="1"/></node>'],
  ['java', 'public class A { static int f(String s) { return s.length(); } }'],
  ['json', '{"a": [1, 2.5, true, null], "b": "c\\n"}'],
  ['kconfig', 'config FOO\n\tbool "foo"\n\tdepends on BAR && !BAZ\n\tdefault y'],
  ['dts', '/dts-v1/;\n/ {\n\tnode@1000 {\n\t\tcompatible = "v,x";\n\t\treg = <0x1000 0x100>;\n\t};\n};'],
];

function documentOf(samples: [string, string][]): string {
  return samples.map(([lexer, code]) => `.. code-block:: ${lexer}\n\n${code.split('\n').map((l) => (l ? `   ${l}` : '')).join('\n')}\n`).join('\n');
}

test('an expression in the forms the tokenizer asks for: \\z rewritten, \\A and \\G kept or replaced by U+FFFF, an escaped backslash left alone', () => {
  assert.deepEqual(scannerSources('a+'), ['a+']);
  assert.deepEqual(scannerSources('x\\z'), ['x$(?!\\n)(?<!\\n)']);
  // (the backslash stays: vscode-textmate replaces the letter)
  assert.deepEqual(scannerSources('\\G(a)'), ['\\\uFFFF(a)', '\\G(a)', '\\\uFFFF(a)', '\\G(a)']);
  assert.deepEqual(scannerSources('\\A\\Gb'), ['\\\uFFFF\\\uFFFFb', '\\\uFFFF\\Gb', '\\A\\\uFFFFb', '\\A\\Gb']);
  assert.deepEqual(scannerSources('\\\\G'), ['\\\\G'], 'a literal backslash before G is no anchor');
});

/** The build's directory made complete for this stamp (a no-op after `npm run build`). */
async function buildData(): Promise<string> {
  const dir = builtDataDir();
  assert.ok(dir, 'KDOCS_BUILT_DATA=0 is not set for this test');
  await writeGrammarData(dir);
  const out = grammarDataDir(dir);
  assert.ok(out, 'the stamp: every package version read');
  return out;
}

test('every stored expression of the C, shell, Kconfig and devicetree grammars is the RegExp shiki\'s engine makes of it', async () => {
  const dir = await buildData();
  let emulated = 0;
  let checked = 0;
  for (const name of ['c', 'shellscript', 'kconfig', 'dts']) {
    const file = JSON.parse(readFileSync(nodePath.join(dir, `${name}.json`), 'utf8')) as { regex: Record<string, StoredRegex> };
    for (const [source, stored] of Object.entries(file.regex)) {
      checked++;
      let want: RegExp | Error;
      try {
        want = defaultJavaScriptRegexConstructor(source, { target: 'auto' });
      } catch (e) {
        want = e as Error;
      }
      if (want instanceof Error) {
        assert.deepEqual(stored, { error: want.message }, source);
        continue;
      }
      assert.ok(Array.isArray(stored), source);
      assert.equal(stored[0], want.source, source);
      assert.equal(stored[1], want.flags, source);
      if (want instanceof EmulatedRegExp) {
        emulated++;
        assert.deepEqual(stored[2], want.rawOptions, source);
      } else assert.equal(stored.length, 2, source);
    }
  }
  assert.ok(checked > 300, `${checked} expressions`);
  assert.ok(emulated > 10, `${emulated} need oniguruma-to-es' emulation`);
});

test('a grammar file of another stamp is not read', () => {
  const dir = tempDir('kdocs-grammars-');
  const own = grammarDataDir(dir)!;
  mkdirSync(own, { recursive: true });
  writeFileSync(nodePath.join(own, 'c.json'), JSON.stringify({ stamp: 'other', name: 'c', regex: { a: ['a', 'dg'] } }));
  const data = PrecompiledGrammars.open(dir)!;
  const read = grammarDataStats.filesRead;
  data.addGrammars(['c']);
  assert.equal(grammarDataStats.filesRead, read);
  assert.equal(data.regExp('a'), undefined);
  assert.equal(PrecompiledGrammars.open(false), undefined, 'KDOCS_BUILT_DATA=0');
});

test('the highlighting thread rebuilds its grammars\' expressions from the build\'s files (none converted); the blocks are those of the engine\'s own conversion', async () => {
  await buildData();
  const doc = documentOf(SAMPLES);
  // this thread highlights with no build data: every expression converted by oniguruma-to-es
  process.env.KDOCS_BUILT_DATA = '0';
  const before = { ...grammarDataStats };
  const converted = await renderDocument(parse(doc, { path: 'doc.rst' }));
  delete process.env.KDOCS_BUILT_DATA;
  assert.equal(grammarDataStats.filesRead, before.filesRead);
  assert.equal(grammarDataStats.fromData, before.fromData);
  const conversions = grammarDataStats.converted - before.converted;
  assert.ok(conversions > 300, `${conversions} expressions converted on this thread`);
  assert.deepEqual(converted.codeBlocks.map((b) => b.highlighted), SAMPLES.map(() => true));

  // the thread (started with the build's data) converts nothing
  assert.ok(startHighlightThread());
  const fromData = await renderDocument(parse(doc, { path: 'doc.rst' }));
  const stats = await stopHighlightThread();
  assert.ok(stats, 'the thread answered');
  assert.equal(stats.expressionsConverted, 0);
  // (the thread's own warm-up blocks of C and shell may reach a few more)
  assert.ok(stats.expressionsFromData >= conversions, `${stats.expressionsFromData} expressions from the files, ${conversions} converted here`);
  // c, shellscript, shellsession, rust, yaml, emacs-lisp, make, xml, java, json, kconfig, dts
  assert.ok(stats.grammarFiles >= 12, `${stats.grammarFiles} grammar files read`);
  assert.equal(fromData.body, converted.body);

  // a `while` or `end` made from its `begin`'s captures (rst's directive body, Kconfig's help
  // text, each as indented as what starts it) exists only while tokenizing: converted on the
  // thread; the rest of the grammars (and those rst embeds) from the files; the same HTML
  const rst: [string, string][] = [
    ['rst', 'Title\n=====\n\n.. code-block:: c\n\n   int x;\n\n- item\n\n  .. note::\n\n     See :ref:`label` and ``code``.'],
    ['kconfig', 'config FOO\n\tbool "foo"\n\thelp\n\t  Some text.'],
  ];
  process.env.KDOCS_BUILT_DATA = '0';
  const rstConverted = await renderDocument(parse(documentOf(rst), { path: 'doc.rst' }));
  delete process.env.KDOCS_BUILT_DATA;
  assert.ok(startHighlightThread());
  const rstThread = await renderDocument(parse(documentOf(rst), { path: 'doc.rst' }));
  const rstStats = await stopHighlightThread();
  assert.equal(rstThread.body, rstConverted.body);
  assert.ok(rstStats!.expressionsConverted >= 1 && rstStats!.expressionsConverted <= 4, `${rstStats!.expressionsConverted} converted`);
  assert.ok(rstStats!.expressionsFromData > 10 * rstStats!.expressionsConverted, `${rstStats!.expressionsFromData} from the files`);
  assert.ok(rstStats!.grammarFiles > 10, `rst and the grammars it embeds: ${rstStats!.grammarFiles} files`);
});
