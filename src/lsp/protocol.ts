/**
 * The values the server uses from vscode-languageserver, loaded with `require`: importing that
 * CommonJS package from ESM makes Node analyse the named exports of every module it re-exports,
 * which cost ≈ 0.3 s of the server's start (measured 2026-12-05: ESM import 340–430 ms, require
 * 110–140 ms), on the way to an opened document's first diagnostics. Types still come from the
 * package with `import type` (erased at run time).
 */
import { createRequire } from 'node:module';
import type * as Lib from 'vscode-languageserver/node';

const lib = createRequire(import.meta.url)('vscode-languageserver/node') as typeof Lib;

export const {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  FoldingRangeKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  SymbolKind,
  TextDocumentSyncKind,
} = lib;
export type CompletionItemKind = Lib.CompletionItemKind;
export type DiagnosticSeverity = Lib.DiagnosticSeverity;
