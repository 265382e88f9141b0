/**
 * Whole-tree fix check for the kernel rules: apply every safe fix of the given rules to every
 * document (as if each were new), re-parse, and check that (1) fixing again changes nothing,
 * (2) the fixed findings are gone, (3) no docutils WARNING/ERROR/SEVERE appears that was not there
 * before, (4) nothing outside the fixed ranges changed (edits are only applied inside their ranges).
 * Usage: KDOCS_FIXCHECK=1 node dist/test/rules/tools/fixcheck.js <root> [rule,rule...]
 */
import { ProjectIndex } from '../../../src/project/index.js';
import { allRules } from '../../../rules/index.js';
import type { Finding, Rule } from '../../../src/lint/types.js';
import { applyEdits } from '../harness.js';

async function main(): Promise<void> {
  const root = process.argv[2]!;
  const only = process.argv[3]?.split(',');
  const rules = allRules.filter((r) => !r.meta.id.startsWith('contract') && r.meta.fixable && (!only || only.includes(r.meta.id)));
  const index = await ProjectIndex.build(root);
  const run = (path: string): Finding[] => {
    const doc = index.get(path)!;
    const out: Finding[] = [];
    for (const r of rules as Rule<any>[]) out.push(...r.check({ doc, index, path, options: { ...(r.meta.defaultOptions ?? {}) }, changed: 'added' } as never));
    return out;
  };
  const serious = (path: string): Set<string> =>
    new Set(index.get(path)!.messages.filter((m) => m.level >= 2 && m.source === undefined).map((m) => `${m.ruleId}|${m.message.split('\n')[0]}`));
  let files = 0;
  let fixes = 0;
  let problems = 0;
  const byRule = new Map<string, number>();
  for (const path of index.documents()) {
    const before = run(path).filter((f) => f.fix?.length);
    if (!before.length) continue;
    files++;
    const beforeMsgs = serious(path);
    let text = index.get(path)!.source.raw;
    for (let pass = 0; pass < 5; pass++) {
      const fs = pass === 0 ? before : run(path).filter((f) => f.fix?.length);
      const r = applyEdits(text, fs.map((f) => f.fix!));
      if (!r.applied) break;
      if (pass === 0) for (const f of fs) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      fixes += r.applied;
      text = r.text;
      index.update(path, text);
    }
    const left = run(path).filter((f) => f.fix?.length);
    if (left.length) {
      problems++;
      console.log(`NOT IDEMPOTENT ${path}: ${left.slice(0, 3).map((f) => `${f.place.start.line} [${f.ruleId}] ${f.message}`).join(' | ')}`);
    }
    const after = serious(path);
    for (const m of after) {
      if (!beforeMsgs.has(m)) {
        problems++;
        console.log(`NEW MESSAGE ${path}: ${m}`);
      }
    }
  }
  console.log(`${files} files fixed, ${fixes} fix groups applied, ${problems} problems; first-pass fixes by rule: ${[...byRule].map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

if (process.env.KDOCS_FIXCHECK) await main();
