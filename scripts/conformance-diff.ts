/**
 * Comparing our doctree records with docutils' (oracle) ones: the first tree difference of a file
 * (path + kind, for grouping by cause) and the message differences (missing / extra / line).
 */
import { canonicalJson, type DoctreeRecord, type JsonMessage, type JsonNode } from '../src/rst/doctree-json.js';

export interface TreeDiff {
  /** e.g. `document/section[2]/paragraph[0]` */
  path: string;
  /** grouping key, e.g. `type: ours paragraph, docutils definition_list (in section)` */
  kind: string;
  ours: string;
  docutils: string;
}

export interface MessageDiff {
  kind: string;
  detail: string;
}

const excerpt = (s: string, n = 100): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n) + '…' : t;
};

export function nodeText(n: JsonNode): string {
  if (n.type === 'text') return n.value ?? '';
  let out = '';
  const stack: JsonNode[] = [n];
  while (stack.length && out.length < 400) {
    const x = stack.pop()!;
    if (x.type === 'text') out += x.value ?? '';
    else if (x.children) for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]!);
  }
  return out;
}

function brief(n: JsonNode | undefined): string {
  if (!n) return '(nothing)';
  if (n.type === 'text') return `text ${JSON.stringify(excerpt(n.value ?? '', 80))}`;
  const attrs = n.attributes ? ' ' + excerpt(canonicalJson(n.attributes), 120) : '';
  return `<${n.type}${attrs}> ${JSON.stringify(excerpt(nodeText(n), 60))}`;
}

/** First difference between two trees (pre-order), or undefined if they are identical. */
export function firstTreeDiff(ours: JsonNode, theirs: JsonNode): TreeDiff | undefined {
  // iterative pre-order over pairs
  const stack: Array<[JsonNode, JsonNode, string, string]> = [[ours, theirs, ours.type, '(root)']];
  while (stack.length) {
    const [a, b, path, parentType] = stack.pop()!;
    if (a.type !== b.type) {
      return {
        path,
        kind: `type: ours ${a.type}, docutils ${b.type} (in ${parentType})`,
        ours: brief(a),
        docutils: brief(b),
      };
    }
    if (a.type === 'text') {
      if (a.value !== b.value) {
        return { path, kind: `text differs (in ${parentType})`, ours: brief(a), docutils: brief(b) };
      }
      continue;
    }
    const aa = a.attributes ?? {};
    const ba = b.attributes ?? {};
    const keys = [...new Set([...Object.keys(aa), ...Object.keys(ba)])].sort();
    for (const k of keys) {
      if (canonicalJson(aa[k]) !== canonicalJson(ba[k])) {
        const what = aa[k] === undefined ? 'missing' : ba[k] === undefined ? 'extra' : 'differs';
        return {
          path,
          kind: `attribute ${k} ${what} on ${a.type}`,
          ours: `${k}=${canonicalJson(aa[k]) ?? '(none)'} ${brief(a)}`,
          docutils: `${k}=${canonicalJson(ba[k]) ?? '(none)'} ${brief(b)}`,
        };
      }
    }
    const ac = a.children ?? [];
    const bc = b.children ?? [];
    const n = Math.min(ac.length, bc.length);
    if (ac.length !== bc.length) {
      // report the count difference only when the common prefix is identical; otherwise the
      // first differing child explains it better
      let same = true;
      for (let i = 0; i < n && same; i++) same = canonicalJson(ac[i]) === canonicalJson(bc[i]);
      if (same) {
        const k = n;
        const extra = ac.length > bc.length;
        const node = extra ? ac[k]! : bc[k]!;
        return {
          path: `${path}/${node.type}[${k}]`,
          kind: extra ? `extra child ${node.type} in ${a.type}` : `missing child ${node.type} in ${a.type}`,
          ours: extra ? brief(node) : '(nothing)',
          docutils: extra ? '(nothing)' : brief(node),
        };
      }
    }
    for (let i = n - 1; i >= 0; i--) stack.push([ac[i]!, bc[i]!, `${path}/${bc[i]!.type}[${i}]`, a.type]);
  }
  return undefined;
}

/** Message text with quoted names, numbers and paths generalised (grouping key). */
export function messagePattern(text: string): string {
  return text
    .split('\n')[0]!
    .replace(/"[^"]*"/g, '"*"')
    .replace(/\d+/g, 'N');
}

const msgKey = (m: JsonMessage): string =>
  `${m.type}|${m.line ?? ''}|${m.source ?? ''}|${m.phase}|${m.text}`;

export function messageDiffs(ours: JsonMessage[], theirs: JsonMessage[]): MessageDiff[] {
  const out: MessageDiff[] = [];
  const count = new Map<string, number>();
  for (const m of theirs) count.set(msgKey(m), (count.get(msgKey(m)) ?? 0) + 1);
  const extra: JsonMessage[] = [];
  for (const m of ours) {
    const k = msgKey(m);
    const c = count.get(k) ?? 0;
    if (c > 0) count.set(k, c - 1);
    else extra.push(m);
  }
  const missing: JsonMessage[] = [];
  const left = new Map(count);
  for (const m of theirs) {
    const k = msgKey(m);
    const c = left.get(k) ?? 0;
    if (c > 0) {
      left.set(k, c - 1);
      missing.push(m);
    }
  }
  // pair same type+text with a different line/phase/source
  for (let i = 0; i < missing.length; i++) {
    const m = missing[i]!;
    const j = extra.findIndex((e) => e.type === m.type && e.text === m.text);
    if (j >= 0) {
      const e = extra[j]!;
      const what: string[] = [];
      if (e.line !== m.line) what.push('line');
      if (e.phase !== m.phase) what.push('phase');
      if (e.source !== m.source) what.push('source');
      out.push({
        kind: `${what.join('+')} differs: ${m.type} ${messagePattern(m.text)}`,
        detail: `line ours ${e.line ?? '-'} docutils ${m.line ?? '-'}; phase ${e.phase}/${m.phase}; ${excerpt(m.text, 120)}`,
      });
      extra.splice(j, 1);
      missing.splice(i, 1);
      i--;
    }
  }
  for (const m of missing)
    out.push({
      kind: `missing (docutils only): ${m.type} ${messagePattern(m.text)}`,
      detail: `line ${m.line ?? '-'} ${m.phase}: ${excerpt(m.text, 160)}`,
    });
  for (const m of extra)
    out.push({
      kind: `extra (ours only): ${m.type} ${messagePattern(m.text)}`,
      detail: `line ${m.line ?? '-'} ${m.phase}: ${excerpt(m.text, 160)}`,
    });
  if (!out.length && canonicalJson(ours) !== canonicalJson(theirs)) {
    out.push({ kind: 'same messages, different order', detail: '' });
  }
  return out;
}

export interface FileComparison {
  file: string;
  treeSame: boolean;
  messagesSame: boolean;
  treeDiff?: TreeDiff;
  messageDiffs: MessageDiff[];
  oursError?: string;
  oracleError?: string;
}

export function compareRecords(ours: DoctreeRecord, theirs: DoctreeRecord): FileComparison {
  const res: FileComparison = { file: theirs.file, treeSame: false, messagesSame: false, messageDiffs: [] };
  if (theirs.error) res.oracleError = theirs.error;
  if (ours.error) res.oursError = ours.error;
  if (res.oracleError || res.oursError || !ours.tree || !theirs.tree) return res;
  const d = firstTreeDiff(ours.tree, theirs.tree);
  res.treeSame = !d;
  if (d) res.treeDiff = d;
  res.messageDiffs = messageDiffs(ours.messages ?? [], theirs.messages ?? []);
  res.messagesSame = res.messageDiffs.length === 0;
  return res;
}
