/**
 * `kdocs lint` end to end: the real parser, the real rules, the CLI process.
 */
import { tempDir } from '../tmp.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>) => void;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');
const CORPUS_FS = nodePath.resolve(REPO, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation', 'filesystems');
const PATCH = nodePath.join(REPO, 'test', 'lint', 'fixtures', 'mmap_prepare-v1.patch');
const SARIF_SCHEMA = JSON.parse(readFileSync(nodePath.join(REPO, 'test', 'lint', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

const CACHE = tempDir('kdocs-cache-');
const ENV = { ...process.env, XDG_CACHE_HOME: CACHE };

function kdocs(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd: REPO, encoding: 'utf8', input, maxBuffer: 1 << 28, env: ENV });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  /** relative to `root` */
  file: string;
  root: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  fix?: { range: { start: { offset: number }; end: { offset: number } }; newText: string }[];
}

test('--list-rules and --print-config-schema', () => {
  const l = kdocs(['--list-rules']);
  assert.equal(l.code, 0);
  assert.match(l.stdout, /^toctree-missing\s+warning/m);
  const s = kdocs(['--print-config-schema']);
  assert.equal(s.code, 0);
  const schema = JSON.parse(s.stdout) as { properties: { rules: { properties: Record<string, unknown> } } };
  assert.ok(schema.properties.rules.properties['heading-style']);
  assert.ok(new Ajv({ strict: false }).validateSchema(schema));
});

test('usage errors exit 2', () => {
  assert.equal(kdocs(['--format', 'xml']).code, 2);
  assert.equal(kdocs(['--bogus']).code, 2);
  assert.equal(kdocs(['--root', '/nonexistent/dir']).code, 2);
  assert.equal(kdocs(['--rule', 'heading-style=loud']).code, 2);
});

test('bad config: exit 2, file, line and pointer', () => {
  const dir = tempDir('kdocs-cfg-');
  const f = nodePath.join(dir, 'kdocs.config.json');
  writeFileSync(f, '{\n  "rules": {\n    "heading-styel": "off"\n  }\n}\n');
  const r = kdocs(['--config', f, 'docs-src/9p.rst']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /kdocs\.config\.json:3:22: \/rules\/heading-styel: unknown rule 'heading-styel' \(did you mean 'heading-style'\?\)/);
});

test('malformed patch: exit 2 naming the patch line', () => {
  const r = kdocs(['--patch', '-'], 'diff --git a/Documentation/filesystems/9p.rst b/Documentation/filesystems/9p.rst\n--- a/Documentation/filesystems/9p.rst\n+++ b/Documentation/filesystems/9p.rst\n@@ -1,3 +1,3 @@\n x\n');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /<stdin>:6: hunk ends early/);
});

test('a subtree resolves against the whole root (no subtree artefacts)', () => {
  const r = kdocs(['--format', 'json', 'docs-src/ext4']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const arr = JSON.parse(r.stdout) as JsonFinding[];
  assert.ok(arr.every((f) => f.file.startsWith('ext4/') && f.root === nodePath.join(REPO, 'docs-src')));
  assert.deepEqual(arr.filter((f) => /toctree|unresolved/.test(f.rule)), []);
});

test('SARIF output of a real run validates against the SARIF 2.1.0 schema', () => {
  const r = kdocs(['--format', 'sarif', 'docs-src/autofs.rst', 'docs-src/proc.rst']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  const log = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.ok(log.runs[0]!.results.length > 0);
});

test('--patch: the first posted mmap_prepare.rst gets every finding at its line, nothing from untouched files', { skip: !existsSync(CORPUS_FS) && 'corpus missing' }, () => {
  const r = kdocs(['--root', CORPUS_FS, '--patch', PATCH, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const arr = JSON.parse(r.stdout) as JsonFinding[];
  assert.ok(arr.length > 0);
  assert.ok(arr.every((f) => f.file === 'mmap_prepare.rst' && f.root === CORPUS_FS), JSON.stringify(arr.map((f) => f.file)));
  const has = (rule: string, line: number) => arr.some((f) => f.rule === rule && f.line === line);
  assert.ok(has('toctree-missing', 1), 'not in any toctree');
  assert.ok(has('heading-style', 3), '#### title');
  assert.ok(has('markdown-heading', 17), '## How To Use');
  assert.ok(has('code-block-lexer', 22), 'Cw');
  assert.ok(has('markdown-bold', 32), '__bold__');
  assert.ok(has('single-backtick-code', 10), 'single backticks');
  const lexer = arr.find((f) => f.rule === 'code-block-lexer')!;
  assert.equal(lexer.message, "Pygments lexer name 'Cw' is not known");
  assert.ok(arr.find((f) => f.rule === 'markdown-bold')!.fix, 'bold fix');
  assert.ok(arr.find((f) => f.rule === 'single-backtick-code')!.fix, 'backtick fix');
});

test('--patch --format checkpatch and github', { skip: !existsSync(CORPUS_FS) && 'corpus missing' }, () => {
  const c = kdocs(['--root', CORPUS_FS, '--patch', PATCH, '--format', 'checkpatch']);
  assert.match(c.stdout, /^WARNING: Pygments lexer name 'Cw' is not known \[code-block-lexer\]\n#41: FILE: Documentation\/filesystems\/mmap_prepare\.rst:22:\n\+\.\. code-block:: Cw\n$/m);
  assert.match(c.stdout, /total: \d+ errors, \d+ warnings, 34 lines checked\n$/);
  const g = kdocs(['--root', CORPUS_FS, '--patch', PATCH, '--format', 'github']);
  assert.match(g.stdout, /^::warning file=Documentation\/filesystems\/mmap_prepare\.rst,line=22,col=\d+,endLine=22,endColumn=\d+,title=code-block-lexer::Pygments lexer name 'Cw' is not known$/m);
});

function listRst(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(nodePath.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listRst(dir, r));
    else if (e.name.endsWith('.rst')) out.push(r);
  }
  return out;
}

test('--fix over the 6.12 filesystems tree: only fixed lines change, re-lint has no fixable findings, idempotent', { skip: !existsSync(CORPUS_FS) && 'corpus missing' }, () => {
  const dir = tempDir('kdocs-fix-');
  const root = nodePath.join(dir, 'filesystems');
  cpSync(CORPUS_FS, root, { recursive: true });
  const before = JSON.parse(kdocs(['--root', root, '--format', 'json']).stdout) as JsonFinding[];
  const fixable = new Map<string, Set<number>>();
  for (const f of before) {
    if (!f.fix) continue;
    const p = nodePath.relative(REPO, nodePath.resolve(f.root, f.file));
    const set = fixable.get(p) ?? new Set<number>();
    for (let l = f.line; l <= f.endLine; l++) set.add(l);
    fixable.set(p, set);
  }
  const originals = new Map(listRst(root).map((p) => [p, readFileSync(nodePath.join(root, p), 'utf8')] as const));
  const fix = kdocs(['--root', root, '--fix', '--format', 'json']);
  assert.ok(fix.code === 0 || fix.code === 1, fix.stderr);
  const after = JSON.parse(fix.stdout) as JsonFinding[];
  assert.deepEqual(after.filter((f) => f.fix), [], 'no fixable findings remain');
  let changedFiles = 0;
  for (const [p, orig] of originals) {
    const now = readFileSync(nodePath.join(root, p), 'utf8');
    if (now === orig) continue;
    changedFiles++;
    const a = orig.split('\n');
    const b = now.split('\n');
    const key = nodePath.relative(REPO, nodePath.join(root, p));
    const allowed = fixable.get(key) ?? new Set<number>();
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.ok(allowed.has(i + 1), `${p}:${i + 1} changed outside a fixed range`);
    } else {
      // line count changed: everything before the first fixed line and after the last must match
      const lines = [...allowed].sort((x, y) => x - y);
      const first = lines[0] ?? 1;
      const last = lines[lines.length - 1] ?? a.length;
      for (let i = 0; i < first - 1; i++) assert.equal(b[i], a[i], `${p}:${i + 1}`);
      for (let i = 1; i <= a.length - last; i++) assert.equal(b[b.length - i], a[a.length - i], `${p}: line ${a.length - i + 1} from the end`);
    }
  }
  assert.ok(changedFiles > 0);
  // idempotent
  const snapshot = new Map(listRst(root).map((p) => [p, readFileSync(nodePath.join(root, p), 'utf8')] as const));
  kdocs(['--root', root, '--fix', '--format', 'json']);
  for (const [p, text] of snapshot) assert.equal(readFileSync(nodePath.join(root, p), 'utf8'), text, `${p} changed on a second --fix`);
});

test('--diff REV: working tree against git, only added lines', () => {
  const dir = tempDir('kdocs-diff-');
  const docs = nodePath.join(dir, 'Documentation', 'filesystems');
  const git = (...args: string[]) => spawnSync('git', ['-C', dir, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { encoding: 'utf8' });
  if (git('init', '-q').status !== 0) return; // no git here
  cpSync(nodePath.join(REPO, 'test', 'project', 'fixtures', 'tree1'), docs, { recursive: true });
  writeFileSync(nodePath.join(docs, 'b.rst'), 'B\n=\n\nold line  \n');
  git('add', '-A');
  git('commit', '-qm', 'init');
  writeFileSync(nodePath.join(docs, 'b.rst'), 'B\n=\n\nold line  \nnew line  \n');
  const r = spawnSync(process.execPath, [BIN, 'lint', '--root', docs, '--diff', 'HEAD', '--rule', 'toctree-missing=off'], { cwd: dir, encoding: 'utf8', env: ENV });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, 'Documentation/filesystems/b.rst:5:9: error: trailing whitespace [trailing-whitespace]\n1 error, 0 warnings, 0 infos in 1 file (root: Documentation/filesystems)\n');
  const bad = spawnSync(process.execPath, [BIN, 'lint', '--root', docs, '--diff', 'no-such-rev'], { cwd: dir, encoding: 'utf8', env: ENV });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /git diff no-such-rev failed/);
});

test('the README\'s example config is valid', () => {
  const md = readFileSync(nodePath.join(REPO, 'README.md'), 'utf8');
  const m = /### Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(md);
  assert.ok(m);
  const dir = tempDir('kdocs-readme-');
  const f = nodePath.join(dir, 'kdocs.config.json');
  writeFileSync(f, m[1]!);
  const r = kdocs(['--config', f, '--list-rules']);
  assert.equal(r.code, 0, r.stderr);
  const lint = kdocs(['--config', f, 'docs-src/9p.rst']);
  assert.ok(lint.code === 0 || lint.code === 1, lint.stderr);
});

test('an unreadable document is named on stderr and exits 2', () => {
  const dir = tempDir('kdocs-unr-');
  writeFileSync(nodePath.join(dir, 'index.rst'), 'Index\n=====\n');
  spawnSync('ln', ['-s', '/nonexistent/kdocs/z.rst', nodePath.join(dir, 'broken.rst')]);
  const r = kdocs(['--root', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /broken\.rst: cannot read: no such file/);
});

test('--patch twice: the second run uses the facts cache and reports the same', { skip: !existsSync(CORPUS_FS) && 'corpus missing' }, () => {
  const a = kdocs(['--root', CORPUS_FS, '--patch', PATCH]);
  const b = kdocs(['--root', CORPUS_FS, '--patch', PATCH]);
  const c = kdocs(['--root', CORPUS_FS, '--patch', PATCH, '--no-cache']);
  assert.equal(b.stdout, a.stdout);
  assert.equal(c.stdout, a.stdout);
  assert.ok(readdirSync(nodePath.join(CACHE, 'kdocs')).some((f) => f.startsWith('facts-')));
});
