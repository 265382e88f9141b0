/** Fake rules and a small in-memory project for engine/reporter tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ProjectIndex } from '../../src/project/index.js';
import type { Finding, Rule } from '../../src/lint/types.js';
import { stubParse } from '../project/stubparse.js';
import { tempDir } from '../tmp.js';

/** Flags trailing whitespace, with a fix that removes it. */
export const trailingRule: Rule = {
  meta: {
    id: 'fake-trailing',
    description: 'trailing whitespace',
    defaultSeverity: 'error',
    fixable: true,
    optionsSchema: { type: 'object', properties: { ignoreTabs: { type: 'boolean' } }, additionalProperties: false },
  },
  check(ctx) {
    const out: Finding[] = [];
    const raw = ctx.doc.source.raw;
    const re = /[ \t]+$/gm;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      if (ctx.options.ignoreTabs && m[0].includes('\t')) continue;
      const s = ctx.doc.source.pointAt(m.index);
      const e = ctx.doc.source.pointAt(m.index + m[0].length);
      out.push({ ruleId: 'fake-trailing', message: 'trailing whitespace', place: { start: s, end: e }, fix: [{ range: { start: s, end: e }, newText: '' }] });
    }
    return out;
  },
};

/** Flags every `TODO`, with a fix to `DONE` (fix makes `DONE`, which it does not flag: converges). */
export const todoRule: Rule = {
  meta: { id: 'fake-todo', description: 'no TODO', defaultSeverity: 'warning', fixable: true, optionsSchema: { type: 'object', properties: { word: { type: 'string', enum: ['TODO', 'FIXME'] } }, additionalProperties: false }, defaultOptions: { word: 'TODO' } },
  check(ctx) {
    const out: Finding[] = [];
    const raw = ctx.doc.source.raw;
    const word = String(ctx.options.word);
    for (let i = raw.indexOf(word); i >= 0; i = raw.indexOf(word, i + 1)) {
      const s = ctx.doc.source.pointAt(i);
      const e = ctx.doc.source.pointAt(i + word.length);
      out.push({ ruleId: 'fake-todo', message: `found ${word}`, place: { start: s, end: e }, fix: [{ range: { start: s, end: e }, newText: 'DONE' }] });
    }
    return out;
  },
};

/** Whole-document finding for documents in no toctree. */
export const tocRule: Rule = {
  meta: { id: 'fake-toc', description: 'not in a toctree', defaultSeverity: 'warning', fixable: false, optionsSchema: {} },
  check(ctx) {
    if (!ctx.index.tocStatus(ctx.path).warn) return [];
    const p = ctx.doc.source.pointAt(0);
    return [{ ruleId: 'fake-toc', message: "document isn't included in any toctree", place: { start: p, end: p }, wholeDocument: true }];
  },
};

export const throwingRule: Rule = {
  meta: { id: 'fake-throws', description: 'always throws', defaultSeverity: 'warning', fixable: false, optionsSchema: {} },
  check() {
    throw new Error('kaboom');
  },
};

export const RULES = [trailingRule, todoRule, tocRule];

/** Write files into a fresh temp directory and return it. */
export function tempTree(files: Record<string, string>): string {
  const dir = tempDir('kdocs-lint-');
  for (const [p, text] of Object.entries(files)) {
    const abs = nodePath.join(dir, p);
    mkdirSync(nodePath.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

export function stubIndex(root: string, overlay?: Map<string, string | null>): ProjectIndex {
  const index = new ProjectIndex(root, stubParse, overlay ? { overlay } : {});
  index.build();
  return index;
}
