// Our side of the inline comparison: one JSON string per input line -> one JSON result per line
// (same shape as docutils_inline.py). Run from the repo root after `npx tsc -p .`.
// PLAIN=1 uses docutils' roles only (no Sphinx/kernel placeholders).
import { createInterface } from 'node:readline';
import { Source, TextMap } from '../../../dist/src/rst/source.js';
import { Reporter } from '../../../dist/src/rst/reporter.js';
import { DocumentState } from '../../../dist/src/rst/document.js';
import { Registry } from '../../../dist/src/rst/registry.js';
import { parseInline } from '../../../dist/src/rst/inline.js';
import { registerRoles } from '../../../dist/src/rst/roles/index.js';
const registry = registerRoles(new Registry(), { sphinx: process.env.PLAIN !== '1' });
const KEEP = new Set(['ids','names','dupnames','refuri','refname','refid','anonymous','backrefs','classes','auto','role','text','title','target','name','format','level']);
function dump(n) {
  if (n.type === 'text') return { type: 'text', value: n.value };
  const out = { type: n.type };
  const at = {};
  for (const [k, v] of Object.entries(n.attributes ?? {})) {
    if (!KEEP.has(k) && !(k === 'type' && n.type === 'system_message')) continue;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    at[k] = v;
  }
  if (n.type === 'system_message') { out.attributes = at; out.text = n.children[0].children[0].value; return out; }
  if (Object.keys(at).length) out.attributes = at;
  const ch = (n.children ?? []).map(dump);
  if (ch.length) out.children = ch;
  return out;
}
function sortKeys(x) {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (x && typeof x === 'object') { const o = {}; for (const k of Object.keys(x).sort()) o[k] = sortKeys(x[k]); return o; }
  return x;
}
for await (const l of createInterface({ input: process.stdin })) {
  const text = JSON.parse(l);
  const source = new Source(text);
  const tm = new TextMap(source, source.lines);
  const reporter = new Reporter();
  const document = new DocumentState(reporter);
  const parent = { type: 'paragraph', children: [] };
  const r = parseInline(tm, { source, reporter, document }, 1, { parent, registry });
  console.log(JSON.stringify(sortKeys({ nodes: r.nodes.map(dump), messages: r.messages.map(dump), parent: parent.children.map(dump) })));
}
