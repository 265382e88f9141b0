/**
 * Measure the kernel rules over a docs root: findings by rule, timings, and a sample.
 * Usage: KDOCS_MEASURE=1 node dist/test/rules/tools/measure.js <root> [--sub DIR] [--all] [--sample RULE]
 *   --sub DIR   only report documents under DIR (the index still covers the whole root)
 *   --all       check as if every document were new (heading-style, spdx-missing)
 * (It is not a test: without KDOCS_MEASURE it does nothing, so `node --test` can load it.)
 */
import { ProjectIndex } from '../../../src/project/index.js';
import { allRules } from '../../../rules/index.js';
import type { Finding } from '../../../src/lint/types.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args[0]!;
  const sub = args.includes('--sub') ? args[args.indexOf('--sub') + 1]! : '';
  const all = args.includes('--all');
  const sample = args.includes('--sample') ? args[args.indexOf('--sample') + 1]! : '';
  const t0 = performance.now();
  const index = await ProjectIndex.build(root);
  const t1 = performance.now();
  const counts = new Map<string, number>();
  const files = new Map<string, Set<string>>();
  const ruleMs = new Map<string, number>();
  const samples: string[] = [];
  let docs = 0;
  for (const path of index.documents()) {
    if (sub && !path.startsWith(sub)) continue;
    docs++;
    const doc = index.get(path)!;
    for (const r of allRules) {
      if (r.meta.id.startsWith('contract')) continue;
      const a = performance.now();
      let fs: Finding[] = [];
      try {
        fs = r.check({ doc, index, path, options: { ...(r.meta.defaultOptions ?? {}) }, ...(all ? { changed: 'added' } : {}) } as never);
      } catch (e) {
        console.error(`THROW ${r.meta.id} ${path}: ${(e as Error).stack}`);
      }
      ruleMs.set(r.meta.id, (ruleMs.get(r.meta.id) ?? 0) + performance.now() - a);
      for (const f of fs) {
        const key = f.ruleId === 'docutils' ? `docutils/${f.severity}` : f.ruleId;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (!files.has(key)) files.set(key, new Set());
        files.get(key)!.add(path);
        if (sample && sample.split(',').some((s) => f.ruleId === s || key === s)) samples.push(`${path}:${f.place.start.line}:${f.place.start.column}: ${f.message.split('\n')[0]}`);
      }
    }
  }
  const t2 = performance.now();
  console.log(`root ${root}${sub ? ` (documents under ${sub})` : ''}: ${docs} documents; index ${(t1 - t0).toFixed(0)} ms (parse ${index.timings.parseMs.toFixed(0)} ms), rules ${(t2 - t1).toFixed(0)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(6)}  ${k} (${files.get(k)!.size} files)`);
  console.log('rule time (ms): ' + [...ruleMs].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
  if (samples.length) console.log(samples.join('\n'));
}

if (process.env.KDOCS_MEASURE) await main();
