/**
 * Pre-submit benchmark: one-commit patches checked with `kdocs lint --patch` on a git repository
 * of a whole Documentation/ tree, with warm caches (a plain `kdocs lint` first, as a developer
 * runs it before committing).
 *
 *   node dist/scripts/bench-presubmit.js [DOCUMENTATION] [--runs N]   (default: the 6.12 corpus)
 *
 * The tree is copied into a temporary git repository. Each patch is committed, then checked as
 * the README's snippet does (`git format-patch -1 --stdout | kdocs lint --patch -`: the patch is
 * already applied), N times; the commit is then reverted. Prints, per patch, the best wall time,
 * user+system CPU seconds and peak RSS (GNU time, when /usr/bin/time exists) and the documents
 * linted, and each one's CPU ratio to the prose patch. Target (issue 11): every patch ≤ 1.5× the
 * prose patch, ≤ 400 MB.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage } from './proc.js';

const HERE = nodePath.dirname(fileURLToPath(import.meta.url));
const REPO = nodePath.resolve(HERE, '..', '..');
const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

interface Sample {
  wall: number;
  cpu: number;
  rssMB: number;
  note: string;
}

function main(): void {
  const argv = process.argv.slice(2);
  let runs = 3;
  const i = argv.indexOf('--runs');
  if (i >= 0) {
    runs = Number(argv[i + 1]);
    argv.splice(i, 2);
  }
  const src = nodePath.resolve(argv[0] ?? nodePath.join(REPO, '..', 'shared', 'corpus', 'linux-6.12', 'Documentation'));
  if (!existsSync(nodePath.join(src, 'index.rst'))) {
    process.stderr.write(`bench-presubmit: ${src} is not a Documentation/ tree (no index.rst)\n`);
    process.exit(2);
  }
  const work = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-bench-presubmit-'));
  const cache = nodePath.join(work, 'cache');
  const repo = nodePath.join(work, 'linux');
  const env = { ...process.env, XDG_CACHE_HOME: cache, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.org' };
  const git = (...args: string[]): string => {
    const r = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const kdocs = (args: string[], input?: string): Sample & { stderr: string } => {
    const cmd = timeBin ? [timeBin, '-f', 'KDOCS_TIME %e %U %S %M', process.execPath, BIN, 'lint', ...args] : [process.execPath, BIN, 'lint', ...args];
    const t0 = performance.now();
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: repo, encoding: 'utf8', env, input, maxBuffer: 1 << 28 });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0 && r.status !== 1) throw new Error(`kdocs lint ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-800)}`);
    const m = /KDOCS_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
    const linted = /documents linted: (\d+) before the patch, (\d+) after it/.exec(r.stderr);
    return {
      wall: m ? Number(m[1]) : wall,
      cpu: m ? Number(m[2]) + Number(m[3]) : NaN,
      rssMB: m ? Number(m[4]) / 1024 : NaN,
      note: linted ? `${linted[1]} + ${linted[2]} documents linted` : '',
      stderr: r.stderr,
    };
  };
  try {
    process.stdout.write(`copying ${src} into a git repository...\n`);
    cpSync(src, nodePath.join(repo, 'Documentation'), { recursive: true });
    writeFileSync(nodePath.join(repo, 'MAINTAINERS'), 'bench\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    process.stdout.write('warming the caches (a plain kdocs lint)...\n');
    kdocs([]);
    const fs = nodePath.join(repo, 'Documentation', 'filesystems');
    const patches: { name: string; make(): void }[] = [
      { name: 'prose (one line in 9p.rst)', make: () => appendFileSync(nodePath.join(fs, '9p.rst'), '\nOne more `line` of prose.\n') },
      {
        name: 'toctree entry + new labelled file',
        make: () => {
          writeFileSync(nodePath.join(fs, 'newdoc.rst'), '.. SPDX-License-Identifier: GPL-2.0\n\n.. _newdoc_label:\n\n=======\nNew doc\n=======\n\nSee :ref:`newdoc_label`.\n');
          const idx = nodePath.join(fs, 'index.rst');
          writeFileSync(idx, readFileSync(idx, 'utf8').replace(/^ {3}splice$/m, '   splice\n   newdoc'));
        },
      },
      {
        name: 'delete a labelled document',
        make: () => {
          unlinkSync(nodePath.join(fs, 'dnotify.rst'));
          const idx = nodePath.join(fs, 'index.rst');
          writeFileSync(idx, readFileSync(idx, 'utf8').replace(/^ {3}dnotify\n/m, ''));
        },
      },
      { name: 'rename a document', make: () => git('mv', 'Documentation/filesystems/fiemap.rst', 'Documentation/filesystems/fiemap-ioctl.rst') },
    ];
    const results: { name: string; best: Sample }[] = [];
    for (const p of patches) {
      p.make();
      git('add', '-A');
      git('commit', '-qm', p.name);
      const patch = git('format-patch', '-1', '--stdout');
      let best: Sample | undefined;
      for (let k = 0; k < runs; k++) {
        const s = kdocs(['--patch', '-', '--verbose'], patch);
        if (!best || s.cpu < best.cpu || (Number.isNaN(s.cpu) && s.wall < best.wall)) best = s;
      }
      results.push({ name: p.name, best: best! });
      git('revert', '--no-edit', 'HEAD');
    }
    const prose = results[0]!.best;
    process.stdout.write(`\n${'patch'.padEnd(36)} ${'wall s'.padStart(7)} ${'cpu s'.padStart(6)} ${'cpu/prose'.padStart(9)} ${'RSS MB'.padStart(7)}  work\n`);
    for (const r of results) {
      const b = r.best;
      process.stdout.write(
        `${r.name.padEnd(36)} ${b.wall.toFixed(2).padStart(7)} ${b.cpu.toFixed(2).padStart(6)} ${(b.cpu / prose.cpu).toFixed(2).padStart(9)} ${b.rssMB.toFixed(0).padStart(7)}  ${b.note}\n`,
      );
    }
    process.stdout.write(`(best of ${runs}; load average ${loadAverage()})\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
