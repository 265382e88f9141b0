/**
 * The rename phase of `npm run bench:lsp`: a label rename across the whole tree, answered by the
 * running server (textDocument/rename). The label is the tree's most referenced explicit label
 * (6.12: `gen-errors`, 183 `:ref:`s in about 150 files), so the answer touches the most files.
 *
 * Two figures: a rename when nothing changed since the previous request (the index's reverse maps
 * are current), and a rename right after an unsaved one-character edit of another document (the
 * index brings that document in and updates its maps first: the cost an editor sees).
 */
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileUri, type LspClient } from '../test/lsp/client.js';
import { listRst } from './conformance.js';

export interface BusiestLabel {
  name: string;
  refs: number;
  file: string;
  line: number;
  character: number;
}

/** The explicit label with the most `:ref:`s (a plain text scan of the tree; only the bench uses it). */
export function busiestLabel(root: string): BusiestLabel | undefined {
  const counts = new Map<string, number>();
  const defs = new Map<string, { file: string; line: number; character: number }>();
  for (const rel of listRst(root)) {
    const p = nodePath.join(root, rel);
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/:ref:`(?:[^`<]*<)?([^`<>]+)>?`/g)) {
      const k = m[1]!.trim().toLowerCase();
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const m = /^\.\. _([A-Za-z0-9_.-]+):\s*$/.exec(l);
      if (m && !defs.has(m[1]!.toLowerCase())) defs.set(m[1]!.toLowerCase(), { file: p, line: i, character: 4 });
    });
  }
  let best: BusiestLabel | undefined;
  for (const [name, n] of counts) {
    const d = defs.get(name);
    if (d && (!best || n > best.refs)) best = { name, refs: n, ...d };
  }
  return best;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const pct = (p: number): number => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { n: s.length, p50: pct(50), p95: pct(95), max: s[s.length - 1]! };
}

type Edit = { changes?: Record<string, unknown[]>; documentChanges?: unknown[] };

/** Run the rename phase against a server whose index is built. `other` is a document to edit. */
export async function renamePhase(c: LspClient, root: string, other: string, rounds: number, say: (s: string) => void, out: Record<string, unknown>): Promise<void> {
  const label = busiestLabel(root);
  if (!label) {
    say('rename: no explicit label with references in this tree');
    return;
  }
  const uri = fileUri(label.file);
  await c.open(uri, readFileSync(label.file, 'utf8'), 1);
  const rename = async (i: number): Promise<{ ms: number; files: number; edits: number }> => {
    const t0 = performance.now();
    const edit = await c.request<Edit | null>('textDocument/rename', {
      textDocument: { uri },
      position: { line: label.line, character: label.character },
      newName: `${label.name}-renamed${i}`,
    });
    const ms = performance.now() - t0;
    const files = edit?.changes ? Object.keys(edit.changes).length : (edit?.documentChanges ?? []).length;
    const edits = edit?.changes ? Object.values(edit.changes).reduce((n, l) => n + l.length, 0) : 0;
    return { ms, files, edits };
  };
  const first = await rename(0);
  const quiet: number[] = [];
  for (let i = 1; i <= rounds; i++) quiet.push((await rename(i)).ms);
  // after an unsaved edit of another document
  const otherUri = fileUri(other);
  const text = readFileSync(other, 'utf8');
  await c.open(otherUri, text, 1);
  const afterEdit: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // a character typed at the start of the document, then deleted
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: i % 2 } };
    await c.change(otherUri, i + 2, [{ range, text: i % 2 ? '' : 'x' }]);
    afterEdit.push((await rename(rounds + i + 1)).ms);
  }
  await c.close(otherUri);
  await c.close(uri);
  const q = stats(quiet);
  const a = stats(afterEdit);
  out.rename = { label: label.name, refs: label.refs, files: first.files, edits: first.edits, firstMs: first.ms, quiet: q, afterEdit: a };
  say(`rename label '${label.name}' across the tree (${first.edits} edits in ${first.files} files): first ${first.ms.toFixed(1)} ms; then p50 ${q.p50.toFixed(1)} ms, max ${q.max.toFixed(1)} ms (n=${q.n}); right after an unsaved edit of ${nodePath.relative(root, other)}: p50 ${a.p50.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms, max ${a.max.toFixed(1)} ms (n=${a.n})`);
}
