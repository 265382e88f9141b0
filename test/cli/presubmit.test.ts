/**
 * Pre-submit as kernel developers work: a git repository holding a small Documentation/ tree,
 * `kdocs` on PATH as an install from a clone puts it, and the README's snippets run as written
 * (pre-commit hook on a staged change, `git format-patch` of HEAD piped to --patch -, b4's
 * per-patch check, CI's --diff). Also: the root found without --root, untracked documents, heading
 * styles new to a document, the tally line, root-relative JSON/SARIF, and bad paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { tempDir } from '../tmp.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>) => void;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');
const README = readFileSync(nodePath.join(REPO, 'README.md'), 'utf8');
const HAS_GIT = spawnSync('git', ['--version']).status === 0;
const NO_GIT = !HAS_GIT && 'git is not installed';

/** `kdocs` on PATH the way `npm link` / `npm install -g .` puts it there: a link to bin/kdocs.js. */
const PATH_DIR = tempDir('kdocs-bin-');
symlinkSync(BIN, nodePath.join(PATH_DIR, 'kdocs'));
const CACHE = tempDir('kdocs-cache-');
const ENV = { ...process.env, PATH: `${PATH_DIR}${nodePath.delimiter}${process.env.PATH ?? ''}`, XDG_CACHE_HOME: CACHE, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(cwd: string, command: string, input?: string): Run {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: ENV, input, maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function kdocs(cwd: string, args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8', env: ENV, input, maxBuffer: 1 << 26 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', env: ENV });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const SPDX = '.. SPDX-License-Identifier: GPL-2.0\n\n';
const A = `${SPDX}=====\nAlpha\n=====\n\nIntro.\n\nFirst\n=====\n\nText of the first chapter.\n\nDetails\n-------\n\nMore text.\n`;
const B = `${SPDX}====\nBeta\n====\n\nThe beta document.\n`;

/** A kernel-like git repository: MAINTAINERS, Documentation/{index,a,b}.rst, one commit. */
function kernelRepo(): string {
  const dir = tempDir('kdocs-kernel-');
  mkdirSync(nodePath.join(dir, 'Documentation', 'sub'), { recursive: true });
  writeFileSync(nodePath.join(dir, 'MAINTAINERS'), 'kdocs test tree\n');
  writeFileSync(nodePath.join(dir, 'Documentation', 'index.rst'), `${SPDX}=====\nIndex\n=====\n\n.. toctree::\n\n   a\n   b\n`);
  writeFileSync(nodePath.join(dir, 'Documentation', 'a.rst'), A);
  writeFileSync(nodePath.join(dir, 'Documentation', 'b.rst'), B);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

function readmeSection(title: string): string {
  const at = README.indexOf(`### ${title}`);
  assert.ok(at >= 0, `README has a '${title}' section`);
  const next = README.slice(at + 4).search(/\n##+ /);
  return README.slice(at, next < 0 ? undefined : at + 4 + next);
}

test('README: install from a clone, and every snippet calls the installed `kdocs` (never npx)', () => {
  const pre = README.slice(README.indexOf('### Pre-submit'), README.indexOf('### From code'));
  assert.ok(pre.length > 0);
  assert.doesNotMatch(pre, /npx kdocs/);
  assert.match(README, /npm install -g \./);
  assert.match(README, /npm link/);
});

test('npm install -g from the clone puts a working `kdocs` on PATH without the registry', { skip: spawnSync('npm', ['--version']).status !== 0 && 'npm is not installed' }, () => {
  const prefix = tempDir('kdocs-prefix-');
  const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', REPO], { encoding: 'utf8', env: { ...ENV, npm_config_cache: tempDir('kdocs-npm-') } });
  assert.equal(r.status, 0, r.stderr);
  const bin = nodePath.join(prefix, 'bin', 'kdocs');
  assert.ok(existsSync(bin), 'bin/kdocs installed');
  // a link to this clone, so a rebuild is picked up without reinstalling
  assert.equal(nodePath.resolve(nodePath.dirname(bin), readlinkSync(bin)), nodePath.resolve(nodePath.join(prefix, 'lib', 'node_modules', 'kdocs', 'bin', 'kdocs.js')));
  const help = spawnSync(bin, ['lint', '--help'], { encoding: 'utf8', env: ENV });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /--staged/);
});

test('README pre-commit hook, as written: blocks a commit whose staged change adds an error, lets a clean one through', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  const hook = /```sh\n([\s\S]*?)```/.exec(readmeSection('As a pre-commit hook'))![1]!;
  assert.match(hook, /^#!\/bin\/sh/);
  const file = nodePath.join(repo, '.git', 'hooks', 'pre-commit');
  writeFileSync(file, hook);
  chmodSync(file, 0o755);
  // an error on an added line (trailing whitespace); the working tree has more than the index
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nA new line.   \n');
  git(repo, 'add', 'Documentation/b.rst');
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nA new line.   \n\nNot staged__ yet.\n');
  const bad = sh(repo, 'git commit -qm "doc: b: add a line"');
  assert.notEqual(bad.code, 0, 'the hook blocks the commit');
  assert.match(bad.stdout + bad.stderr, /Documentation\/b\.rst:9:\d+: error: trailing whitespace \[trailing-whitespace\]/);
  assert.doesNotMatch(bad.stdout + bad.stderr, /Not staged/);
  assert.doesNotMatch(bad.stdout + bad.stderr, /npm ERR|404|not found/);
  // fixed in the index: the commit goes through
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nA new line.\n');
  git(repo, 'add', 'Documentation/b.rst');
  const ok = sh(repo, 'git commit -qm "doc: b: add a line"');
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  // a commit that does not touch Documentation/ is not checked at all
  writeFileSync(nodePath.join(repo, 'MAINTAINERS'), 'changed\n');
  git(repo, 'add', 'MAINTAINERS');
  assert.equal(sh(repo, 'git commit -qm "maintainers"').code, 0);
});

test('README format-patch of HEAD piped to --patch - (the patch is already applied), and b4\'s per-patch check', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  // modify a line, append at the end, add a file: the commit is made, then checked
  writeFileSync(nodePath.join(repo, 'Documentation', 'a.rst'), A.replace('Text of the first chapter.', 'Text of the `first_chapter`.') + '\nAn __appended line__ here.\n');
  writeFileSync(nodePath.join(repo, 'Documentation', 'c.rst'), '====\nGone\n====\n\nNew document.\n');
  writeFileSync(nodePath.join(repo, 'Documentation', 'index.rst'), readFileSync(nodePath.join(repo, 'Documentation', 'index.rst'), 'utf8') + '   c\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'doc: a: edits; add c');
  const line = /^(git format-patch -1 --stdout \| kdocs lint .*--patch -.*)$/m.exec(README);
  assert.ok(line, 'README has the format-patch snippet');
  const r = sh(repo, line[1]!.replace(/\s+#.*$/, ''));
  assert.equal(r.code, 1, r.stderr);
  const out = r.stdout;
  assert.match(out, /^Documentation\/a\.rst:12:\d+: warning: .*\[single-backtick-code\]$/m);
  assert.match(out, /^Documentation\/a\.rst:19:\d+: error: .*\[markdown-bold\]$/m);
  assert.match(out, /^Documentation\/c\.rst:1:1: warning: .*\[spdx-missing\]$/m);
  // the appended line is linted once, at its place (not applied a second time)
  assert.equal(out.split('\n').filter((l) => /markdown-bold/.test(l)).length, 1);
  assert.match(out, /\d+ errors?, \d+ warnings?, \d+ infos? in 3 files \(root: Documentation\)\n$/);
  // --verbose says which way the patch was taken
  const v = sh(repo, 'git format-patch -1 --stdout | kdocs lint --patch - --verbose');
  assert.match(v.stderr, /already applied/);

  const b4 = /prep-perpatch-check-cmd = (.*)$/m.exec(readmeSection('With b4'));
  assert.ok(b4, 'README has the b4 snippet');
  const patch = git(repo, 'format-patch', '-1', '--stdout');
  const t = sh(repo, b4[1]!, patch);
  assert.equal(t.code, 1, t.stderr);
  assert.match(t.stdout, /^Documentation\/a\.rst:19: ERROR: .*\[markdown-bold\]$/m);
  assert.match(t.stdout, /^Documentation\/c\.rst:1: WARNING: .*\[spdx-missing\]$/m);
  // a patch that touches no documentation is clean at once
  const other = 'diff --git a/MAINTAINERS b/MAINTAINERS\n--- a/MAINTAINERS\n+++ b/MAINTAINERS\n@@ -1 +1 @@\n-kdocs test tree\n+x\n';
  assert.equal(sh(repo, b4[1]!, other).code, 0);
});

test('README CI step (--diff against the upstream branch)', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  git(repo, 'update-ref', 'refs/remotes/origin/master', 'HEAD');
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nSee [the docs](https://example.org).\n');
  git(repo, 'commit', '-qam', 'doc: b: link');
  const runs = [...readmeSection('In CI').matchAll(/^- run: (.*)$/gm)].map((m) => m[1]!);
  assert.ok(runs.length >= 2);
  const diff = runs.find((c) => c.includes('--diff'))!;
  const r = sh(repo, diff);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^::warning file=Documentation\/b\.rst,line=9,col=5,.*title=markdown-link::/m);
  assert.equal(r.stdout.trim().split('\n').length, 1, r.stdout);
  const sarif = runs.find((c) => c.includes('sarif'))!;
  const s = sh(repo, sarif);
  assert.ok(s.code === 0 || s.code === 1, s.stderr);
  const log = JSON.parse(readFileSync(nodePath.join(repo, 'kdocs.sarif'), 'utf8')) as { runs: { originalUriBaseIds: Record<string, { uri: string; uriBaseId?: string }>; results: unknown[] }[] };
  assert.deepEqual(log.runs[0]!.originalUriBaseIds.DOCROOT, { uri: 'Documentation/', uriBaseId: 'SRCROOT', description: { text: "The docs root (the kernel's Documentation/)" } });
});

test('--staged: the index against HEAD, whatever the working tree holds', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nStaged `foo_bar` line.\n');
  git(repo, 'add', '-A');
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nStaged `foo_bar` line.\n\nUnstaged `baz_qux`.\n');
  const r = kdocs(repo, ['--staged', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const arr = JSON.parse(r.stdout) as { file: string; line: number; rule: string; root: string }[];
  assert.deepEqual(arr.map((f) => `${f.file}:${f.line}:${f.rule}`), ['b.rst:9:single-backtick-code']);
  assert.equal(arr[0]!.root, nodePath.join(repo, 'Documentation'));
  // nothing staged: clean
  git(repo, 'commit', '-qm', 'x');
  assert.equal(kdocs(repo, ['--staged']).code, 0);
});

test('a heading re-underlined with a style the document did not use is a finding in a patch', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  // 'Details' was '-' (a section of 'First'); '#' is new to the document: docutils nests it deeper
  writeFileSync(nodePath.join(repo, 'Documentation', 'a.rst'), A.replace('Details\n-------', 'Details\n#######'));
  git(repo, 'commit', '-qam', 'doc: a: heading');
  const r = sh(repo, 'git format-patch -1 --stdout | kdocs lint --patch -');
  assert.match(r.stdout, /^Documentation\/a\.rst:14:1: warning: Heading style '####' below is new in this document .*\[heading-style\]$/m);
  // a heading with a style the document uses already: nothing
  const now = readFileSync(nodePath.join(repo, 'Documentation', 'a.rst'), 'utf8');
  writeFileSync(nodePath.join(repo, 'Documentation', 'a.rst'), now + '\nMore\n####\n\nText.\n');
  git(repo, 'commit', '-qam', 'doc: a: section');
  const ok = sh(repo, 'git format-patch -1 --stdout | kdocs lint --patch -');
  assert.doesNotMatch(ok.stdout, /heading-style/);
});

test('an untracked new document counts as added (spdx-missing, heading-style); tracked, it does not', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  const doc = nodePath.join(repo, 'Documentation', 'sub', 'new.rst');
  writeFileSync(doc, '####\nNew\n####\n\nText.\n');
  const r = kdocs(repo, ['Documentation/sub/new.rst']);
  assert.match(r.stdout, /^Documentation\/sub\/new\.rst:1:1: warning: .*\[spdx-missing\]$/m);
  assert.match(r.stdout, /^Documentation\/sub\/new\.rst:1:1: warning: Kernel style is .*\[heading-style\]$/m);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'add');
  const t = kdocs(repo, ['Documentation/sub/new.rst']);
  assert.doesNotMatch(t.stdout, /spdx-missing|heading-style/);
  // --diff counts it as added too, before `git add`
  writeFileSync(nodePath.join(repo, 'Documentation', 'sub', 'newer.rst'), 'Newer\n=====\n\nText.\n');
  const d = kdocs(repo, ['--diff', 'HEAD']);
  assert.match(d.stdout, /^Documentation\/sub\/newer\.rst:1:1: warning: .*\[spdx-missing\]$/m);
});

test('the root without --root: the Documentation/ of the paths or of the current directory\'s repository, named on the first line', { skip: NO_GIT }, () => {
  const repo = kernelRepo();
  const sub = nodePath.join(repo, 'Documentation', 'sub');
  const fromSub = kdocs(sub, []);
  // the root is above the current directory: shown in full
  assert.equal(fromSub.stdout.split('\n')[0], `root: ${nodePath.join(repo, 'Documentation')} (the Documentation/ directory the current directory is in; no --root given)`);
  const fromTop = kdocs(repo, []);
  assert.match(fromTop.stdout.split('\n')[0]!, new RegExp(`^root: Documentation \\(the Documentation/ of the git repository ${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; no --root given\\)$`));
  // a patch run inside the tree uses the tree's Documentation/, not kdocs' own docs
  writeFileSync(nodePath.join(repo, 'Documentation', 'b.rst'), B + '\nMore.\n');
  git(repo, 'commit', '-qam', 'b');
  const patch = git(repo, 'format-patch', '-1', '--stdout');
  writeFileSync(nodePath.join(repo, 'x.patch'), patch);
  const p = kdocs(repo, ['--patch', 'x.patch']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /^root: Documentation /);
  // a given --root is not announced
  assert.doesNotMatch(kdocs(repo, ['--root', 'Documentation']).stdout, /^root:/);
  // from a directory with no docs: exit 2 and say so (never kdocs' own docs-src)
  const elsewhere = tempDir('kdocs-nowhere-');
  const n = kdocs(elsewhere, []);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /no docs root found/);
  assert.equal(n.stdout, '');
});

test('the tally ends the text report; JSON paths are relative to the root, given in each finding', () => {
  const dir = tempDir('kdocs-tally-');
  const root = nodePath.join(dir, 'docs');
  mkdirSync(root);
  writeFileSync(nodePath.join(root, 'index.rst'), 'Index\n=====\n\nTrailing   \n\n.. toctree::\n\n   x\n');
  writeFileSync(nodePath.join(root, 'x.rst'), 'X\n=\n\nSee `foo_bar`.\n');
  const r = kdocs(dir, ['--root', 'docs']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\n1 error, 1 warning, 0 infos in 2 files \(root: docs\)\n$/);
  const clean = kdocs(dir, ['--root', 'docs', 'docs/x.rst', '--rule', 'single-backtick-code=off']);
  assert.equal(clean.stdout, '0 errors, 0 warnings, 0 infos in 1 file (root: docs)\n');
  const j = kdocs(nodePath.join(dir, '..'), ['--root', root, '--format', 'json']);
  const arr = JSON.parse(j.stdout) as { file: string; root: string }[];
  assert.deepEqual([...new Set(arr.map((f) => f.file))].sort(), ['index.rst', 'x.rst']);
  assert.ok(arr.every((f) => f.root === root));
  // SARIF: artifact URIs relative to DOCROOT, which is declared once
  const s = kdocs(dir, ['--root', 'docs', '--format', 'sarif']);
  const log = JSON.parse(s.stdout) as { runs: { originalUriBaseIds: Record<string, { uri: string; uriBaseId?: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
  const run = log.runs[0]!;
  assert.equal(run.originalUriBaseIds.DOCROOT!.uri, 'docs/');
  assert.equal(run.originalUriBaseIds.DOCROOT!.uriBaseId, 'SRCROOT');
  assert.ok(run.results.every((x) => x.locations[0]!.physicalLocation.artifactLocation.uriBaseId === 'DOCROOT' && !x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('docs/')));
  const schema = JSON.parse(readFileSync(nodePath.join(REPO, 'test', 'lint', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  // a root outside the current directory: an absolute file: URI
  const far = kdocs(tempDir('kdocs-far-'), ['--root', root, '--format', 'sarif']);
  assert.equal((JSON.parse(far.stdout) as typeof log).runs[0]!.originalUriBaseIds.DOCROOT!.uri, `file://${encodeURI(root)}/`);
});

test('no documents, an empty or mistyped root, a missing file: exit 2 and say which', () => {
  const dir = tempDir('kdocs-none-');
  const empty = nodePath.join(dir, 'empty');
  mkdirSync(empty);
  const e = kdocs(dir, ['--root', 'empty']);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /no documents found/);
  const root = nodePath.join(dir, 'docs');
  mkdirSync(nodePath.join(root, 'images'), { recursive: true });
  writeFileSync(nodePath.join(root, 'index.rst'), 'Index\n=====\n');
  writeFileSync(nodePath.join(root, 'images', 'a.svg'), '<svg/>');
  const noRst = kdocs(dir, ['--root', 'docs', 'docs/images']);
  assert.equal(noRst.code, 2);
  assert.match(noRst.stderr, /no documents found.*docs\/images/);
  const typo = kdocs(dir, ['--root', 'dosc']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /dosc.*no such directory/);
  const missing = kdocs(dir, ['--root', 'docs', 'docs/nothere.rst']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /docs\/nothere\.rst: no such file/);
  assert.doesNotMatch(missing.stderr, /outside the root/);
  const missingDir = kdocs(dir, ['--root', 'docs', 'docs/nosuchdir']);
  assert.match(missingDir.stderr, /no such file/);
});

test('Documentation/ paths are checked whatever the root directory is called, in prose, inline literals and file: links', () => {
  const dir = tempDir('kdocs-named-');
  const root = nodePath.join(dir, 'x');
  mkdirSync(nodePath.join(root, 'sub'), { recursive: true });
  writeFileSync(nodePath.join(root, 'index.rst'), 'Index\n=====\n\n.. toctree::\n\n   sub/there\n\nSee Documentation/nothere.rst, ``Documentation/nothere2.rst``, <file:Documentation/nothere3.rst>.\n\nSee Documentation/sub/there.rst, ``Documentation/sub/there.rst`` and <file:Documentation/sub/there.rst>.\n\nAnd Documentation/x/sub/nothere4.rst.\n');
  writeFileSync(nodePath.join(root, 'sub', 'there.rst'), 'There\n=====\n');
  const r = kdocs(dir, ['--root', 'x', '--format', 'json']);
  const arr = JSON.parse(r.stdout) as { line: number; rule: string; message: string }[];
  const refs = arr.filter((f) => f.rule === 'unresolved-reference').map((f) => `${f.line}: ${f.message}`);
  assert.deepEqual(refs, [
    "8: 'Documentation/nothere.rst' names no document: automarkup will not link it",
    "8: 'Documentation/nothere2.rst' in this literal does not exist",
    "8: file: link to 'Documentation/nothere3.rst', which does not exist",
    "12: 'Documentation/x/sub/nothere4.rst' names no document: automarkup will not link it",
  ]);
  // a tree laid out differently says where its root sits in the kernel tree
  writeFileSync(nodePath.join(root, 'kdocs.config.json'), JSON.stringify({ settings: { kernelPath: 'Documentation/x/' } }));
  const moved = kdocs(dir, ['--root', 'x', '--format', 'json']);
  const refs2 = (JSON.parse(moved.stdout) as { line: number; rule: string; message: string }[]).filter((f) => f.rule === 'unresolved-reference').map((f) => `${f.line}: ${f.message}`);
  // paths elsewhere in the kernel's Documentation/ cannot be decided without the kernel tree;
  // Documentation/x/sub/there.rst would be sub/there.rst of this root
  assert.deepEqual(refs2, ["12: 'Documentation/x/sub/nothere4.rst' names no document: automarkup will not link it"]);
  writeFileSync(nodePath.join(root, 'kdocs.config.json'), JSON.stringify({ settings: { kernelPath: 'x/' } }));
  const bad = kdocs(dir, ['--root', 'x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /settings\/kernelPath: must be the root's path in the kernel tree/);
});
