/**
 * Runs rules over small in-memory projects through the real parser and ProjectIndex, and reads the
 * `## ok` / `## not ok` examples of rules/<id>/README.md.
 *
 * Example format (see rules/README.md):
 *   ```rst [path=x.rst] [changed=added|modified] [options={...json}]   the linted document
 *   ```rst extra path=index.rst                                         another file of its project
 *   ```findings                                                          `L:C-L:C: message` lines
 *   ```rst fixed                                                         the text after --fix
 */
import * as nodePath from 'node:path';
import * as os from 'node:os';
import type { Finding, Rule, TextEdit } from '../../src/lint/types.js';
import { ProjectIndex, loadDefaultParser } from '../../src/project/index.js';

export interface Example {
  rule: string;
  kind: 'ok' | 'not ok';
  /** line of the opening fence in the README (1-based) */
  line: number;
  path: string;
  text: string;
  changed?: 'added' | 'modified';
  options: Record<string, unknown>;
  extra: { path: string; text: string }[];
  findings?: string[];
  fixed?: string;
}

function attrs(info: string): Record<string, string> {
  const out: Record<string, string> = {};
  const words = info.trim();
  const opt = /options=(\{.*\})\s*$/.exec(words);
  const rest = opt ? words.slice(0, opt.index) : words;
  if (opt) out.options = opt[1]!;
  for (const w of rest.split(/\s+/).filter(Boolean)) {
    const i = w.indexOf('=');
    if (i < 0) out[w] = 'true';
    else out[w.slice(0, i)] = w.slice(i + 1);
  }
  return out;
}

/** Parse a rule README into examples. Throws on malformed example structure. */
export function readExamples(rule: string, readme: string): Example[] {
  const lines = readme.split('\n');
  const out: Example[] = [];
  let section: 'ok' | 'not ok' | undefined;
  let last: Example | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const h = /^##\s+(.*?)\s*$/.exec(l);
    if (h && !l.startsWith('###')) {
      const name = h[1]!.toLowerCase();
      section = name === 'ok' ? 'ok' : name === 'not ok' ? 'not ok' : undefined;
      last = undefined;
      continue;
    }
    const f = /^(`{3,})(\w*)(.*)$/.exec(l);
    if (!f || !section) continue;
    const fence = f[1]!;
    const lang = f[2]!;
    const a = attrs(f[3] ?? '');
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.startsWith(fence) && lines[j]!.trim() === fence)) body.push(lines[j++]!);
    const text = body.join('\n') + '\n';
    const at = i + 1;
    i = j;
    if (lang === 'rst' && a.extra) {
      if (!last) throw new Error(`${rule} README:${at}: 'extra' block without an example before it`);
      last.extra.push({ path: a.path ?? 'index.rst', text });
    } else if (lang === 'rst' && a.fixed) {
      if (!last) throw new Error(`${rule} README:${at}: 'fixed' block without an example before it`);
      last.fixed = text;
    } else if (lang === 'findings') {
      if (!last) throw new Error(`${rule} README:${at}: 'findings' block without an example before it`);
      last.findings = body.filter((x) => x.trim());
    } else if (lang === 'rst') {
      const ex: Example = {
        rule,
        kind: section,
        line: at,
        path: a.path ?? 'example.rst',
        text,
        options: a.options ? (JSON.parse(a.options) as Record<string, unknown>) : {},
        extra: [],
      };
      if (a.changed === 'added' || a.changed === 'modified') ex.changed = a.changed;
      out.push(ex);
      last = ex;
    }
  }
  return out;
}

export interface ProjectFile {
  path: string;
  text: string;
}

const ROOT = nodePath.join(os.tmpdir(), 'kdocs-rule-examples-no-such-dir', 'Documentation');

/** Build an index over in-memory files only (nothing is read from disk). */
export async function buildProject(files: ProjectFile[]): Promise<ProjectIndex> {
  const parse = await loadDefaultParser();
  const overlay = new Map<string, string | null>();
  for (const f of files) overlay.set(f.path, f.text);
  const index = new ProjectIndex(ROOT, parse, { overlay, kernelPrefix: 'Documentation/', kernelTree: null });
  index.build(files.filter((f) => f.path.endsWith('.rst')).map((f) => f.path));
  return index;
}

export function runRule(
  rule: Rule<any>,
  index: ProjectIndex,
  path: string,
  options: Record<string, unknown> = {},
  changed?: 'added' | 'modified',
): Finding[] {
  const doc = index.get(path);
  if (!doc) throw new Error(`no document ${path}`);
  const ctx = {
    doc,
    index,
    path,
    options: { ...(rule.meta.defaultOptions ?? {}), ...options },
    ...(changed ? { changed } : {}),
  };
  return rule.check(ctx as Parameters<Rule['check']>[0]);
}

export function formatFinding(f: Finding): string {
  if (f.wholeDocument) return `doc: ${f.message}`;
  const p = f.place;
  return `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}: ${f.message}`;
}

/** Apply fix groups (all-or-nothing per finding, skipping overlaps), as the engine does. */
export function applyEdits(text: string, groups: readonly (readonly TextEdit[])[]): { text: string; applied: number } {
  const accepted: TextEdit[] = [];
  let applied = 0;
  const overlaps = (a: TextEdit, b: TextEdit): boolean => {
    const as = a.range.start.offset, ae = a.range.end.offset, bs = b.range.start.offset, be = b.range.end.offset;
    if (as === ae && bs === be) return as === bs;
    return (as < be && bs < ae) || (as === ae && as > bs && as < be) || (bs === be && bs > as && bs < ae);
  };
  for (const g of groups) {
    if (!g.length) continue;
    if (g.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    if (g.every((e) => text.slice(e.range.start.offset, e.range.end.offset) === e.newText)) continue;
    accepted.push(...g);
    applied++;
  }
  accepted.sort((a, b) => a.range.start.offset - b.range.start.offset);
  let out = '';
  let pos = 0;
  for (const e of accepted) {
    out += text.slice(pos, e.range.start.offset) + e.newText;
    pos = e.range.end.offset;
  }
  return { text: out + text.slice(pos), applied };
}

/** Fix a document with one rule until nothing changes (at most 5 passes). */
export async function fixWith(
  rule: Rule<any>,
  files: ProjectFile[],
  path: string,
  options: Record<string, unknown> = {},
  changed?: 'added' | 'modified',
): Promise<{ text: string; passes: number }> {
  let current = files;
  let text = files.find((f) => f.path === path)!.text;
  for (let pass = 0; pass < 5; pass++) {
    const index = await buildProject(current);
    const fixes = runRule(rule, index, path, options, changed).filter((f) => f.fix?.length).map((f) => f.fix!);
    const r = applyEdits(text, fixes);
    if (!r.applied || r.text === text) return { text, passes: pass };
    text = r.text;
    current = current.map((f) => (f.path === path ? { path, text } : f));
  }
  return { text, passes: 5 };
}
