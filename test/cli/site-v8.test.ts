/**
 * `kdocs site`'s V8 settings (src/cli/site.ts, SITE_V8_FLAGS): set at run time, they reach the
 * code that runs after them — fewer functions are handed to TurboFan for the same work (the parse
 * and lint of docs-src), counted from V8's --trace-opt lines, not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/lint/api.js';

/** Functions marked for TurboFan while a child parses and lints docs-src, with or without the
 *  site's settings (the one-shot settings in both, as bin/kdocs.js applies them). */
function optimizations(site: boolean): number {
  const dist = nodePath.join(packageRoot(), 'dist', 'src');
  const url = (p: string): string => pathToFileURL(nodePath.join(dist, p)).href;
  const script = `
    const { tuneV8ForOneShotRun } = await import(${JSON.stringify(url('cli/v8-flags.js'))});
    tuneV8ForOneShotRun();
    if (${site}) (await import(${JSON.stringify(url('cli/site.js'))})).tuneV8ForSiteBuild();
    const { lintTree } = await import(${JSON.stringify(url('lint/api.js'))});
    await lintTree(${JSON.stringify(nodePath.join(packageRoot(), 'docs-src'))});
  `;
  const r = spawnSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  return r.stdout.split('\n').filter((l) => l.startsWith('[marking') && l.includes('for optimization to TURBOFAN')).length;
}

test('the site build\'s V8 settings, applied at run time, hand fewer functions to TurboFan for the same parse and lint of docs-src', () => {
  const defaults = optimizations(false);
  const site = optimizations(true);
  assert.ok(defaults > 50, `${defaults} functions marked with V8's defaults`);
  assert.ok(site < defaults * 0.8, `${site} marked with the site's settings, ${defaults} without`);
});
