/**
 * Navigation features of the language server: hover, definition, references, rename (labels,
 * documents, file moves), document and workspace symbols, document links, folding ranges and
 * completion. The features themselves are pure functions over a FeatureHost (host.ts); this file
 * adapts the server's Workspace to it and converts offsets to LSP positions (UTF-16, per LSP's
 * default) through each file's current text.
 */
import type { CompletionItem, Connection, DocumentSymbol, Location, ServerCapabilities, TextDocumentEdit, TextEdit, WorkspaceEdit, RenameFile } from 'vscode-languageserver/node';
import { CompletionItemKind, FoldingRangeKind, SymbolKind, ResponseError, ErrorCodes } from '../protocol.js';
import type { Workspace } from '../workspace.js';
import type { ProjectIndex } from '../../project/index.js';
import { LineMaps, type Edit, type FeatureHost, type Place } from './host.js';
import { definition, expandMoves, moveEdits, prepareRename, references, rename, RenameError } from './navigation.js';
import { documentLinks, documentSymbols, foldingRanges, workspaceSymbols, type SectionSymbol } from './outline.js';
import { hover } from './hover.js';
import { complete, type CompletionKind } from './completion.js';
import { LineMap } from './text.js';

/** The Workspace as the features see it. */
export function workspaceHost(ws: Workspace): FeatureHost {
  return {
    get index(): ProjectIndex {
      return ws.index;
    },
    get profile(): string {
      return ws.profile;
    },
    text: (path) => ws.text(ws.uriOf(path)),
    parsed: (path) => ws.parsed(ws.uriOf(path)),
  };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  label: CompletionItemKind.Reference,
  document: CompletionItemKind.File,
  directive: CompletionItemKind.Keyword,
  role: CompletionItemKind.Function,
  lexer: CompletionItemKind.EnumMember,
  path: CompletionItemKind.File,
  struct: CompletionItemKind.Struct,
  field: CompletionItemKind.Field,
  function: CompletionItemKind.Function,
  constant: CompletionItemKind.Constant,
  type: CompletionItemKind.TypeParameter,
};

export function registerFeatures(connection: Connection, ws: Workspace): Partial<ServerCapabilities> {
  const host = workspaceHost(ws);
  const maps = (): LineMaps => new LineMaps(host);

  /** The request's document as a root-relative path and its cursor offset. Every open buffer is
   *  brought into the index first: answers about other documents must see their unsaved text. */
  const at = (uri: string, position: { line: number; character: number }): { path: string; offset: number; lines: LineMap } | undefined => {
    ws.syncAll();
    const path = ws.pathOf(uri);
    if (path === undefined) return undefined;
    const text = host.text(path);
    if (text === undefined) return undefined;
    const lines = new LineMap(text);
    return { path, offset: lines.offsetAt(position), lines };
  };
  const location = (m: LineMaps, p: Place): Location | undefined => {
    const lines = m.of(p.path);
    if (!lines) return { uri: ws.uriOf(p.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return { uri: ws.uriOf(p.path), range: lines.range(p.start, p.end) };
  };
  const guard = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidRequest, err.message);
      connection.console.error(`kdocs: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };

  connection.onHover((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const h = hover(host, c.path, c.offset);
      return h ? { contents: { kind: 'markdown' as const, value: h.contents }, range: c.lines.range(h.start, h.end) } : null;
    }, null),
  );

  connection.onDefinition((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const m = maps();
      return definition(host, c.path, c.offset).map((x) => location(m, x)!);
    }, null),
  );

  connection.onReferences((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const m = maps();
      return references(host, c.path, c.offset, p.context.includeDeclaration).map((x) => location(m, x)!);
    }, null),
  );

  connection.onPrepareRename((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const r = prepareRename(host, c.path, c.offset);
      return { range: c.lines.range(r.start, r.end), placeholder: r.placeholder };
    }, null),
  );

  connection.onRenameRequest((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const r = rename(host, c.path, c.offset, p.newName);
      return workspaceEdit(r.edits, r.moves);
    }, null),
  );

  connection.workspace.onWillRenameFiles((p) =>
    guard(() => {
      ws.syncAll();
      const list: { from: string; to: string }[] = [];
      for (const f of p.files) {
        const from = ws.pathOf(f.oldUri);
        const to = ws.pathOf(f.newUri);
        if (from !== undefined && to !== undefined) list.push({ from, to });
      }
      const edits = moveEdits(host, expandMoves(host, list));
      return edits.length ? workspaceEdit(edits, []) : null;
    }, null),
  );

  connection.onDocumentSymbol((p) =>
    guard(() => {
      const path = ws.pathOf(p.textDocument.uri);
      if (path === undefined) return null;
      const lines = maps().of(path);
      if (!lines) return null;
      const conv = (s: SectionSymbol): DocumentSymbol => ({
        name: s.name,
        kind: SymbolKind.String,
        range: lines.range(s.start, s.end),
        selectionRange: lines.range(s.titleStart, s.titleEnd),
        children: s.children.map(conv),
      });
      return documentSymbols(host, path).map(conv);
    }, null),
  );

  connection.onWorkspaceSymbol((p) =>
    guard(() => {
      ws.syncAll();
      const m = maps();
      return workspaceSymbols(host, p.query).map((s) => ({
        name: s.name,
        kind: s.kind === 'title' ? SymbolKind.String : SymbolKind.Key,
        containerName: s.container,
        location: location(m, s)!,
      }));
    }, null),
  );

  connection.onDocumentLinks((p) =>
    guard(() => {
      ws.syncAll();
      const path = ws.pathOf(p.textDocument.uri);
      if (path === undefined) return null;
      const m = maps();
      const lines = m.of(path);
      if (!lines) return null;
      return documentLinks(host, path).map((l) => {
        const targetLines = m.of(l.target.path);
        const line = targetLines && l.target.start > 0 ? targetLines.lineOf(l.target.start) + 1 : undefined;
        return { range: lines.range(l.start, l.end), target: ws.uriOf(l.target.path) + (line ? `#L${line}` : ''), tooltip: l.tooltip };
      });
    }, null),
  );

  connection.onFoldingRanges((p) =>
    guard(() => {
      const path = ws.pathOf(p.textDocument.uri);
      if (path === undefined) return null;
      const lines = maps().of(path);
      if (!lines) return null;
      return foldingRanges(host, path, lines).map((f) => ({ startLine: f.startLine, endLine: f.endLine, ...(f.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}) }));
    }, null),
  );

  connection.onCompletion((p) =>
    guard(() => {
      const c = at(p.textDocument.uri, p.position);
      if (!c) return null;
      const list = complete(host, c.path, c.offset);
      const items: CompletionItem[] = list.items.map((i, n) => ({
        label: i.label,
        kind: COMPLETION_KIND[i.kind],
        ...(i.detail ? { detail: i.detail } : {}),
        sortText: String(n).padStart(5, '0'),
        filterText: i.label,
        textEdit: { range: c.lines.range(i.start, i.end), newText: i.newText },
      }));
      return { isIncomplete: list.incomplete, items };
    }, null),
  );

  function workspaceEdit(edits: Edit[], moves: { from: string; to: string }[]): WorkspaceEdit {
    const m = maps();
    const byPath = new Map<string, TextEdit[]>();
    for (const e of edits) {
      const lines = m.of(e.path);
      if (!lines) continue;
      let list = byPath.get(e.path);
      if (!list) byPath.set(e.path, (list = []));
      list.push({ range: lines.range(e.start, e.end), newText: e.newText });
    }
    if (!moves.length) {
      const changes: Record<string, TextEdit[]> = {};
      for (const [path, list] of byPath) changes[ws.uriOf(path)] = list;
      return { changes };
    }
    const documentChanges: (TextDocumentEdit | RenameFile)[] = [];
    for (const [path, list] of byPath) {
      const uri = ws.uriOf(path);
      const open = ws.document(uri);
      documentChanges.push({ textDocument: { uri, version: open ? open.version : null }, edits: list });
    }
    for (const mv of moves) documentChanges.push({ kind: 'rename', oldUri: ws.uriOf(mv.from), newUri: ws.uriOf(mv.to) });
    return { documentChanges };
  }

  return {
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    documentLinkProvider: { resolveProvider: false },
    foldingRangeProvider: true,
    completionProvider: { triggerCharacters: ['`', ':', '/', '<', '.', '>'] },
    workspace: { fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } } },
  };
}

