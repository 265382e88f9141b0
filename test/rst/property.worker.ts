/**
 * Worker for property.test.ts: parses documents and checks their positions. Runs in a worker so the
 * test can notice a hang (the main thread times out and reports the document being parsed).
 * Loaded as a test file too by `node --test` (it lives under test/): then it does nothing.
 */
import { parentPort } from 'node:worker_threads';
import { parse } from '../../src/rst/parse.js';
import { measureWork } from '../work.js';
import type { RstNode } from '../../src/rst/nodes.js';

export interface WorkerRequest {
  docs: string[];
  /** index of docs[0] in the whole run, for messages */
  base: number;
  /** Most counted work (test/work.ts) a document may cost per character of its text. */
  workPerChar: number;
}

export interface WorkerReply {
  kind: 'start' | 'done';
  index?: number;
  failures?: Array<{ index: number; doc: string; problem: string }>;
  /** The most counted work per character among the batch's documents. */
  maxWorkPerChar?: number;
}

/** unist line/column of an offset, counting \n, \r\n and \r as line breaks. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function pointOk(starts: number[], p: { line: number; column: number; offset: number }): boolean {
  const ls = starts[p.line - 1];
  if (ls === undefined || p.offset < ls || p.column !== p.offset - ls + 1) return false;
  const next = starts[p.line];
  return next === undefined || p.offset < next;
}

/** Table structure nodes: a cell spanning rows or columns is a rectangle of the source, so cells,
 *  rows and their ranges may interleave; only offsets and line/column are checked below them. */
const TABLE_PARTS = new Set(['table', 'tgroup', 'thead', 'tbody', 'row']);

/** Nodes legitimately outside their parent's range or overlapping a sibling: messages (placed
 *  where docutils puts them), nodes copied by transforms (substitutions point at the definition),
 *  inline targets of embedded URIs (inside their reference's range), table cells. */
function exempt(node: RstNode, parent: RstNode | undefined): boolean {
  if (node.type === 'system_message' || node.type === 'problematic') return true;
  // moved by transforms: DocInfo puts docinfo (and dedication/abstract topics) first, Transitions
  // moves a section's last transition after the section
  if (node.type === 'docinfo' || node.type === 'transition' || (node.type === 'topic' && parent?.type === 'document')) return true;
  if (node.data?.copiedFrom !== undefined || node.data?.source !== undefined) return true;
  if (node.type === 'target' && parent && parent.type !== 'document' && parent.type !== 'section') return true;
  return !!parent && (TABLE_PARTS.has(parent.type) || parent.type === 'substitution_reference');
}

/** Check position invariants; returns a description of the first problem found. */
export function checkPositions(tree: RstNode, text: string): string | undefined {
  const starts = lineStarts(text);
  const len = text.length;
  // nodes from other files (includes) and nodes copied by transforms (substitutions) are exempt
  const stack: Array<{ node: RstNode; path: string; parent?: RstNode }> = [{ node: tree, path: 'document' }];
  while (stack.length) {
    const { node, path, parent } = stack.pop()!;
    if (node.data?.source !== undefined) continue;
    const pos = node.position;
    if (pos) {
      const s = pos.start;
      const e = pos.end;
      if (!(s.offset >= 0 && e.offset <= len)) return `${path}: offsets ${s.offset}-${e.offset} outside 0-${len}`;
      if (s.offset > e.offset) return `${path}: start ${s.offset} > end ${e.offset}`;
      if (!pointOk(starts, s) || !pointOk(starts, e))
        return `${path}: line/column ${s.line}:${s.column}-${e.line}:${e.column} disagree with offsets ${s.offset}-${e.offset}`;
      const pp = parent?.position;
      if (pp && !exempt(node, parent)) {
        if (s.offset < pp.start.offset || e.offset > pp.end.offset)
          return `${path}: ${s.offset}-${e.offset} not inside parent ${parent!.type} ${pp.start.offset}-${pp.end.offset}`;
      }
    }
    const kids = node.children ?? [];
    let prevEnd = -1;
    let prevType = '';
    kids.forEach((child, i) => {
      stack.push({ node: child, path: `${path}/${child.type}[${i}]`, parent: node });
    });
    if (TABLE_PARTS.has(node.type)) continue; // grid cells are rectangles: their ranges interleave
    for (const child of kids) {
      const cp = child.position;
      if (!cp || exempt(child, node)) continue;
      if (cp.start.offset < prevEnd)
        return `${path}: sibling ${child.type} starts at ${cp.start.offset} before the end of ${prevType} (${prevEnd})`;
      prevEnd = cp.end.offset;
      prevType = child.type;
    }
  }
  return undefined;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: WorkerRequest) => {
    const failures: NonNullable<WorkerReply['failures']> = [];
    let maxWorkPerChar = 0;
    req.docs.forEach((doc, i) => {
      const index = req.base + i;
      port.postMessage({ kind: 'start', index } satisfies WorkerReply);
      let problem: string | undefined;
      let work = 0;
      try {
        // counted, not timed: the machine is shared (test/work.ts)
        const counted = measureWork(() => parse(doc, { path: 'fuzz.rst' }));
        work = counted.work;
        const res = counted.result;
        problem = checkPositions(res.tree, doc);
        if (!problem && !Array.isArray(res.messages)) problem = 'messages is not an array';
      } catch (e) {
        problem = `threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
      }
      const perChar = work / (doc.length + 1);
      maxWorkPerChar = Math.max(maxWorkPerChar, perChar);
      if (!problem && perChar > req.workPerChar) problem = `work ${work} for ${doc.length} characters (bound ${req.workPerChar} per character)`;
      if (problem) failures.push({ index, doc, problem });
    });
    port.postMessage({ kind: 'done', failures, maxWorkPerChar } satisfies WorkerReply);
  });
}
