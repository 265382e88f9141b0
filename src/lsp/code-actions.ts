/**
 * Code actions: each fixable finding's fix (the CLI's `--fix` edits) and each did-you-mean
 * suggestion as a quick fix; "disable <rule> for this line" (an inline control comment); and
 * `source.fixAll.kdocs`, every safe fix of the document at once.
 */
import type { CodeAction, Connection, Diagnostic, Range, ServerCapabilities, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { CodeActionKind, LSPErrorCodes, ResponseError } from './protocol.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes } from '../lint/fix.js';
import type { LintFinding } from '../lint/engine.js';
import type { TextEdit } from '../lint/types.js';
import type { Diagnostics } from './diagnostics.js';
import type { Workspace } from './workspace.js';

export const FIX_ALL_KIND = 'source.fixAll.kdocs';

export function codeActionCapabilities(): Partial<ServerCapabilities> {
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false } };
}

export function registerCodeActions(connection: Connection, ws: Workspace, diagnostics: Diagnostics): void {
  connection.onCodeAction((params, token) => {
    const uri = params.textDocument.uri;
    const path = ws.pathOf(uri);
    const doc = ws.textDocument(uri);
    if (path === undefined || !doc || !ws.isReady) return [];
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const findings = diagnostics.findingsOf(path);
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const f of findings) {
        const range = f.wholeDocument ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : ws.toRange(uri, f.place);
        if (!f.wholeDocument && params.range && !intersects(range, params.range)) continue;
        const diag = diagnostics.toDiagnostic(uri, f);
        if (f.fix?.length) out.push(quickFix(`Fix: ${shorten(f.message)} (${f.ruleId})`, uri, doc, f.fix, diag, true));
        for (const s of f.suggestions ?? []) out.push(quickFix(s.message, uri, doc, s.fix, diag, false));
        const disable = disableAction(uri, doc, f, diag);
        if (disable) out.push(disable);
      }
    }
    if (wants(FIX_ALL_KIND) && (only || findings.some((f) => f.fix?.length))) {
      const all = fixAll(uri, doc, findings);
      if (all) out.push(all);
    }
    return dedupe(out);
  });
}

function quickFix(title: string, uri: string, doc: TextDocument, edits: readonly TextEdit[], diag: Diagnostic, preferred: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits.map((e) => toLspEdit(doc, e)) } },
  };
}

function toLspEdit(doc: TextDocument, e: TextEdit): LspTextEdit {
  return { range: { start: doc.positionAt(e.range.start.offset), end: doc.positionAt(e.range.end.offset) }, newText: e.newText };
}

/** Every safe fix of the document as one edit (the changed span), as one `--fix` pass gives it. */
export function fixAll(uri: string, doc: TextDocument, findings: readonly LintFinding[]): CodeAction | undefined {
  const groups = findings.filter((f) => f.fix?.length).map((f) => f.fix!);
  const text = doc.getText();
  const res = applyFixes(text, groups);
  if (res.text === text) return undefined;
  return { title: `Fix all kdocs problems (${res.applied})`, kind: FIX_ALL_KIND, edit: { changes: { [uri]: [spanEdit(doc, text, res.text)] } } };
}

/** One edit turning `a` into `b`: the span between their common prefix and suffix. */
export function spanEdit(doc: TextDocument, a: string, b: string): LspTextEdit {
  let s = 0;
  const max = Math.min(a.length, b.length);
  while (s < max && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && a.charCodeAt(a.length - 1 - e) === b.charCodeAt(b.length - 1 - e)) e++;
  return { range: { start: doc.positionAt(s), end: doc.positionAt(a.length - e) }, newText: b.slice(s, b.length - e) };
}

/**
 * "Disable <rule> for this line". The control comment must stand on its own (a comment line
 * inside a paragraph would become paragraph text, and one followed directly by text makes docutils
 * warn "Explicit markup ends without a blank line"), so:
 * - a line that starts a block (first line, or after a blank line) gets
 *   `.. kdocs-disable-next-line: <rule>` and a blank line before it;
 * - a line inside a paragraph gets `.. kdocs-disable: <rule>` before the paragraph and
 *   `.. kdocs-enable: <rule>` after it;
 * - a whole-document finding gets `.. kdocs-disable-file: <rule>` at the top (after an SPDX line).
 */
function disableAction(uri: string, doc: TextDocument, f: LintFinding, diag: Diagnostic): CodeAction | undefined {
  const text = doc.getText();
  const lines = text.split('\n');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const lineText = (i: number): string => (lines[i] ?? '').replace(/\r$/, '');
  const blank = (i: number): boolean => i < 0 || i >= lines.length || lineText(i).trim() === '';
  const at = (line: number, insert: string): LspTextEdit => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: insert });
  if (f.wholeDocument) {
    const first = /SPDX-License-Identifier/.test(lineText(0)) ? 1 : 0;
    const edit = at(first, `.. kdocs-disable-file: ${f.ruleId}${nl}${nl}`);
    return { title: `Disable ${f.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [uri]: [edit] } } };
  }
  const line = doc.positionAt(f.place.start.offset).line;
  const indent = /^[ \t]*/.exec(lineText(line))![0];
  if (blank(line - 1)) {
    const edit = at(line, `${indent}.. kdocs-disable-next-line: ${f.ruleId}${nl}${nl}`);
    return { title: `Disable ${f.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [uri]: [edit] } } };
  }
  let start = line;
  while (!blank(start - 1)) start--;
  let end = line;
  while (!blank(end + 1) && end + 1 < lines.length) end++;
  const startIndent = /^[ \t]*/.exec(lineText(start))![0];
  const edits = [at(start, `${startIndent}.. kdocs-disable: ${f.ruleId}${nl}${nl}`)];
  if (end + 1 < lines.length) edits.push(at(end + 1, `${nl}${startIndent}.. kdocs-enable: ${f.ruleId}${nl}`));
  else edits.push({ range: { start: { line: end, character: lineText(end).length }, end: { line: end, character: lineText(end).length } }, newText: `${nl}${nl}${startIndent}.. kdocs-enable: ${f.ruleId}${nl}` });
  return { title: `Disable ${f.ruleId} for this paragraph`, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes: { [uri]: edits } } };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function shorten(s: string): string {
  const one = s.split('\n')[0]!;
  return one.length > 80 ? one.slice(0, 77) + '...' : one;
}

function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const k = a.title + JSON.stringify(a.edit);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
