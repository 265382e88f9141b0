/**
 * What the language server loads before it can publish: the server, the rules and the parser,
 * but not fast-check (only `kdocs contracts --random` uses it) nor unified/remark-parse (the
 * markdown rules load them when a paragraph first passes their pre-filters). Counted with loader
 * hooks in a child process; then the lazy paths are taken and load them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from '../tmp.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const dist = nodePath.resolve(here, '..', '..');

test('start-up modules: fast-check and unified are loaded on first use only', () => {
  const log = nodePath.join(tempDir('kdocs-modules-'), 'loaded.txt');
  const hooks = pathToFileURL(nodePath.join(here, 'load-hooks.js')).href;
  const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)});`;
  const script = `
    const u = (p) => ${JSON.stringify(pathToFileURL(dist).href)} + '/' + p;
    await import(u('src/lsp/server.js'));
    const { loadRules } = await import(u('src/lint/api.js'));
    const { rules } = await loadRules();
    const { parse } = await import(u('src/rst/parse.js'));
    parse('Title\\n=====\\n\\nText.\\n', { path: 'x.rst' });
    process.stdout.write(String(rules.length) + '\\n');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(process.env.KDOCS_LOADED_LOG, '-- first use\\n');
    const md = await import(u('rules/_shared/markdown.js'));
    const root = md.parseMarkdown('**bold** and [a link](x)');
    process.stdout.write(JSON.stringify(root.children[0].children.map((c) => c.type)) + '\\n');
  `;
  const out = execFileSync(process.execPath, ['--import', register, '--input-type=module', '-e', script], {
    env: { ...process.env, KDOCS_LOADED_LOG: log },
    encoding: 'utf8',
  });
  const [ruleCount, mdTypes] = out.trim().split('\n');
  assert.ok(Number(ruleCount) > 10, 'the rules loaded');
  const [before] = readFileSync(log, 'utf8').split('-- first use\n') as [string, string];
  const count = (text: string, pkg: string): number => text.split('\n').filter((u) => u.includes(`/node_modules/${pkg}/`)).length;
  assert.ok(before.includes('/src/lsp/server.js'), 'the hooks saw the server load');
  assert.equal(count(before, 'fast-check'), 0, 'fast-check before the first publication');
  assert.equal(count(before, 'unified'), 0, 'unified before the first publication');
  assert.equal(count(before, 'micromark'), 0);
  // the lazy path works (required on first use: the hooks do not see it)
  assert.equal(mdTypes, JSON.stringify(['strong', 'text', 'link']));
});
