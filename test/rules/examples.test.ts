/**
 * The README examples of every rule are its tests: each `## ok` example lints clean (for that
 * rule), each `## not ok` example gives exactly its annotated findings, and for fixable rules the
 * fixed text matches and fixing again changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/index.js';
import { buildProject, fixWith, formatFinding, readExamples, runRule } from './harness.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
// dist/test/rules → repository root
const repo = nodePath.resolve(here, '..', '..', '..');
const rulesDir = nodePath.join(repo, 'rules');

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

test('every rule in allRules has a README with ok and not-ok examples', () => {
  for (const r of allRules) {
    const p = nodePath.join(rulesDir, r.meta.id, 'README.md');
    if (r.meta.id.startsWith('contract')) continue; // owned by the contracts engineers
    assert.ok(existsSync(p), `${r.meta.id}: rules/${r.meta.id}/README.md missing`);
    const ex = readExamples(r.meta.id, readFileSync(p, 'utf8'));
    assert.ok(ex.some((e) => e.kind === 'ok'), `${r.meta.id}: no ## ok example`);
    assert.ok(ex.some((e) => e.kind === 'not ok'), `${r.meta.id}: no ## not ok example`);
  }
});

for (const dir of readdirSync(rulesDir).sort()) {
  const readme = nodePath.join(rulesDir, dir, 'README.md');
  if (!existsSync(readme)) continue;
  const rule = byId.get(dir);
  const examples = readExamples(dir, readFileSync(readme, 'utf8'));
  if (!examples.length) continue;
  for (const ex of examples) {
    test(`${dir}: ${ex.kind} example at README.md:${ex.line}`, async () => {
      if (!rule) {
        // every rule folder must be registered in rules/index.ts
        assert.fail(`rules/${dir} has a README but no rule with id '${dir}' in allRules`);
      }
      const files = [{ path: ex.path, text: ex.text }, ...ex.extra];
      const index = await buildProject(files);
      const findings = runRule(rule!, index, ex.path, ex.options, ex.changed).filter((f) => f.ruleId === dir);
      const got = findings.map(formatFinding);
      if (ex.kind === 'ok') {
        assert.deepEqual(got, [], `${dir} README.md:${ex.line}: expected no findings`);
        return;
      }
      assert.ok(ex.findings, `${dir} README.md:${ex.line}: a not-ok example needs a findings block`);
      assert.deepEqual(got, ex.findings, `${dir} README.md:${ex.line}: findings differ`);
      if (ex.fixed !== undefined) {
        const fixed = await fixWith(rule!, files, ex.path, ex.options, ex.changed);
        assert.equal(fixed.text, ex.fixed, `${dir} README.md:${ex.line}: fixed text differs`);
        assert.ok(fixed.passes < 5, `${dir} README.md:${ex.line}: fixing does not converge`);
        const again = await fixWith(rule!, files.map((f) => (f.path === ex.path ? { path: f.path, text: fixed.text } : f)), ex.path, ex.options, ex.changed);
        assert.equal(again.text, fixed.text, `${dir} README.md:${ex.line}: fixing is not idempotent`);
      }
    });
  }
}
