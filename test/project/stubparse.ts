/**
 * A tiny stand-in for the rst parser, for index/engine tests that must not depend on the real
 * parser's progress: sections (underline and overline+underline), `.. _label:` targets,
 * `.. toctree::` / `.. include::` / `.. literalinclude::` directives (left in the tree with their
 * invocation in `data.directive`), top-of-document field lists (`:orphan:`), comments, paragraphs.
 */
import type { RstNode } from '../../src/rst/nodes.js';
import type { ParsedDocument, ParseOptions } from '../../src/rst/parse.js';
import { Source } from '../../src/rst/source.js';

const ADORN = /^([=\-~^"'`#*+_.:])\1{2,}\s*$/;

export function stubParse(text: string, options: ParseOptions = {}): ParsedDocument {
  const source = new Source(text, options.path ?? '<string>');
  const lines = text.split('\n');
  const offsets: number[] = [];
  let o = 0;
  for (const l of lines) {
    offsets.push(o);
    o += l.length + 1;
  }
  const pos = (a: number, b: number) => ({ start: source.pointAt(offsets[a] ?? text.length), end: source.pointAt((offsets[b] ?? text.length) + (lines[b]?.length ?? 0)) });
  const doc: RstNode & { type: 'document'; children: RstNode[] } = { type: 'document', children: [] };
  const styles: string[] = [];
  const stack: { node: RstNode; level: number }[] = [{ node: doc, level: 0 }];
  const parent = () => stack[stack.length - 1]!.node;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    // section: overline + title + underline, or title + underline
    let title: string | undefined;
    let style = '';
    let start = i;
    let end = i;
    if (ADORN.test(line) && i + 2 < lines.length && lines[i + 1]!.trim() && ADORN.test(lines[i + 2]!)) {
      title = lines[i + 1]!.trim();
      style = line[0]! + 'o';
      end = i + 2;
    } else if (!ADORN.test(line) && i + 1 < lines.length && ADORN.test(lines[i + 1]!) && !line.startsWith(' ') && !line.startsWith('..')) {
      title = line.trim();
      style = lines[i + 1]![0]!;
      end = i + 1;
    }
    if (title !== undefined) {
      let level = styles.indexOf(style) + 1;
      if (level === 0) {
        styles.push(style);
        level = styles.length;
      }
      while (stack.length > 1 && stack[stack.length - 1]!.level >= level) stack.pop();
      const name = title.toLowerCase().split(/\s+/).join(' ');
      const sec: RstNode = { type: 'section', attributes: { names: [name], ids: [name.replace(/\W+/g, '-')] }, children: [{ type: 'title', children: [{ type: 'text', value: title }], position: pos(start, end) }], position: pos(start, end) };
      parent().children!.push(sec);
      stack.push({ node: sec, level });
      i = end + 1;
      continue;
    }
    const target = /^\.\. _([^:]+):\s*$/.exec(line);
    if (target) {
      parent().children!.push({ type: 'target', attributes: { names: [target[1]!.toLowerCase()], ids: [target[1]!] }, children: [], position: pos(i, i) });
      i++;
      continue;
    }
    const dir = /^\.\. ([\w:-]+)::\s*(.*)$/.exec(line);
    if (dir) {
      const name = dir[1]!.toLowerCase();
      const args = dir[2] ? [dir[2].trim()] : [];
      const options: Record<string, string | null> = {};
      const content: string[] = [];
      start = i;
      i++;
      while (i < lines.length && (lines[i]!.startsWith(' ') || !lines[i]!.trim())) {
        const l = lines[i]!.trim();
        const opt = /^:([\w-]+):\s*(.*)$/.exec(l);
        if (opt && !content.length) options[opt[1]!] = opt[2] ? opt[2] : null;
        else if (l || content.length) content.push(l);
        i++;
      }
      while (content.length && !content[content.length - 1]) content.pop();
      end = i - 1;
      while (end > start && !lines[end]!.trim()) end--;
      const node: RstNode = { type: name, attributes: { name, arguments: args, options }, children: [{ type: 'text', value: content.join('\n') }], position: pos(start, end), data: { directive: { name, arguments: args, options, content } } };
      parent().children!.push(node);
      continue;
    }
    if (line.startsWith('..')) {
      start = i;
      i++;
      while (i < lines.length && lines[i]!.startsWith(' ')) i++;
      parent().children!.push({ type: 'comment', children: [{ type: 'text', value: line.slice(2).trim() }], position: pos(start, i - 1) });
      continue;
    }
    const field = /^:([\w-]+):\s*(.*)$/.exec(line);
    if (field) {
      const list: RstNode = { type: 'field_list', children: [], position: pos(i, i) };
      while (i < lines.length && /^:([\w-]+):/.test(lines[i]!)) {
        const m = /^:([\w-]+):\s*(.*)$/.exec(lines[i]!)!;
        list.children!.push({ type: 'field', children: [{ type: 'field_name', children: [{ type: 'text', value: m[1]! }] }, { type: 'field_body', children: [] }] });
        i++;
      }
      parent().children!.push(list);
      continue;
    }
    start = i;
    while (i < lines.length && lines[i]!.trim()) i++;
    parent().children!.push({ type: 'paragraph', children: [{ type: 'text', value: lines.slice(start, i).join('\n') }], position: pos(start, i - 1) });
  }
  return { path: options.path ?? '<string>', source, tree: doc, messages: [], includes: [] };
}
