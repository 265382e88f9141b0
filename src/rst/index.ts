/**
 * The rst parser as a unified plugin, plus the package's public rst API.
 *
 *   const tree = unified().use(rstParse).parse(vfile)
 *
 * docutils' system messages go onto the vfile as vfile messages: `place` = true source range,
 * `ruleId` = stable id, `source` = 'docutils', `fatal` = true for ERROR/SEVERE, false for
 * WARNING, undefined for INFO (and DEBUG), and docutils' own line as the extra field
 * `docutilsLine`. `file.data.rst` receives the ParsedDocument (source map, DocumentState...).
 */
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { parse } from './parse.js';
import type { ParseOptions, ParsedDocument } from './parse.js';
import type { RstDocument } from './nodes.js';
import type { SystemMessage } from './reporter.js';

export { parse, defaultRegistry, parserModules } from './parse.js';
export type { ParseOptions, ParsedDocument } from './parse.js';
export * from './nodes.js';
export type { SystemMessage, Level, LevelName } from './reporter.js';
export { Reporter } from './reporter.js';
export { Registry, OptionError } from './registry.js';
export type { DirectiveSpec, DirectiveContext, RoleSpec, RoleContext, ParserServices } from './registry.js';
export { Source, TextMap } from './source.js';
export type { Line } from './source.js';
export { DocumentState, makeId, fullyNormalizeName, whitespaceNormalizeName } from './document.js';

export type RstParseOptions = Omit<ParseOptions, 'path'>;

/** Put one docutils message on a vfile. */
export function addMessage(file: VFile, m: SystemMessage): void {
  const options: Record<string, unknown> = { ruleId: m.ruleId, source: 'docutils' };
  if (m.position) options.place = m.position;
  const reason = m.detail !== undefined ? m.message : m.message;
  const msg = file.message(reason, options);
  msg.fatal = m.level >= 3 ? true : m.level === 2 ? false : undefined;
  (msg as unknown as Record<string, unknown>).docutilsLine = m.line;
  (msg as unknown as Record<string, unknown>).level = m.type;
  if (m.detail !== undefined) msg.note = m.detail;
}

export default function rstParse(this: Processor, options: RstParseOptions = {}): void {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this as unknown as { parser?: (doc: string, file: VFile) => RstDocument };
  self.parser = (doc: string, file: VFile): RstDocument => {
    const opts: ParseOptions = { ...options };
    if (file.path) opts.path = options.root && file.path.startsWith(options.root) ? file.path.slice(options.root.length).replace(/^[/\\]+/, '') : file.path;
    const result: ParsedDocument = parse(doc, opts);
    for (const m of result.messages) addMessage(file, m);
    (file.data as Record<string, unknown>).rst = result;
    return result.tree;
  };
}
