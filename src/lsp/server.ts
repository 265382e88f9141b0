/**
 * `kdocs lsp`: the language server. One long-lived process keeps the project index of a docs root
 * and answers an editor in milliseconds: diagnostics pushed from exactly the CLI's rules and
 * options, quick fixes, and the navigation features of src/lsp/features/.
 *
 * Threading model: everything runs on the event loop. Long work (the index build, a whole-tree
 * lint) is done in slices with the loop running between them, so requests, edits and
 * `$/cancelRequest` are seen while it goes on; work made stale by a newer edit is dropped.
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, InitializeParams, InitializeResult, ServerCapabilities } from 'vscode-languageserver/node';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind } from './protocol.js';
import { loadRules, toolVersion } from '../lint/api.js';
import type { ConfigFile } from '../lint/config.js';
import { registerFeatures } from './features/index.js';
import { Diagnostics } from './diagnostics.js';
import { registerCodeActions, codeActionCapabilities } from './code-actions.js';
import { defaultDocsRoot, findDocsRoot, Workspace, type BuildProgress } from './workspace.js';

export interface ServerOptions {
  /** Use the persistent facts and findings caches (default true; `--no-cache`). */
  cache?: boolean;
  /** Cache directory (default ~/.cache/kdocs). */
  cacheDir?: string;
  /** Docs root, overriding what the workspace folder gives (`--root`). */
  root?: string;
  /** didChange messages read from the transport but not handled yet (the diagnostics wait for
   *  them: a burst of edits costs one lint). */
  pendingEdits?: () => number;
  /** Called as each didChange is handled. */
  editHandled?: () => void;
}

/** Wire the server onto a connection (the caller calls `connection.listen()`). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  let workspace: Workspace | undefined;
  let diagnostics: Diagnostics | undefined;
  let clientWatches = false;
  let clientConfigPull = false;
  let progressSupported = false;

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const folder = folderOf(params);
    const root = options.root ? nodePath.resolve(options.root) : folder ? findDocsRoot(folder) : defaultDocsRoot();
    const loaded = await loadRules();
    if (loaded.error) connection.console.error(`kdocs: could not load the rules: ${loaded.error}`);
    const init = params.initializationOptions as { kdocs?: ConfigFile } | ConfigFile | undefined;
    const clientConfig = init && typeof init === 'object' ? ((init as { kdocs?: ConfigFile }).kdocs ?? (init as ConfigFile)) : undefined;
    workspace = await Workspace.create({
      root,
      rules: loaded.rules,
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      ...(clientConfig && isConfigObject(clientConfig) ? { clientConfig } : {}),
    });
    diagnostics = new Diagnostics(connection, workspace, {
      cache: options.cache ?? true,
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      ...(options.pendingEdits ? { pendingEdits: options.pendingEdits } : {}),
    });
    clientWatches = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    clientConfigPull = Boolean(params.capabilities.workspace?.configuration);
    progressSupported = Boolean(params.capabilities.window?.workDoneProgress);

    const features = safeRegister(connection, workspace);
    registerCodeActions(connection, workspace, diagnostics);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      ...codeActionCapabilities(),
      ...features,
    };
    return { capabilities, serverInfo: { name: 'kdocs', version: toolVersion() } };
  });

  connection.onInitialized(async () => {
    const ws = workspace!;
    if (clientWatches) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*' }],
        })
        .catch(() => undefined);
    }
    if (clientConfigPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kdocs' }).catch(() => undefined);
    for (const e of ws.configErrors) void connection.window.showWarningMessage(`kdocs: ${e}`);
    let progress: BuildProgress | undefined;
    if (progressSupported) {
      try {
        const reporter = await connection.window.createWorkDoneProgress();
        let last = -1;
        progress = {
          begin: (total) => reporter.begin('kdocs: indexing', 0, `${total} documents`, false),
          report: (done, total) => {
            const pct = Math.floor((done * 100) / Math.max(1, total));
            if (pct !== last) reporter.report(pct, `${done}/${total} documents`);
            last = pct;
          },
          done: () => reporter.done(),
        };
      } catch {
        progress = undefined;
      }
    }
    await ws.build(progress);
    await ws.ready.catch((err: unknown) => connection.console.error(`kdocs: indexing failed: ${err instanceof Error ? err.message : String(err)}`));
    diagnostics!.start();
  });

  connection.onDidOpenTextDocument((p) => {
    const path = workspace?.openDocument(p.textDocument.uri, p.textDocument.text, p.textDocument.version, p.textDocument.languageId);
    if (path !== undefined) diagnostics?.edited(path);
  });
  connection.onDidChangeTextDocument((p) => {
    options.editHandled?.();
    const path = workspace?.changeDocument(p.textDocument.uri, p.contentChanges, p.textDocument.version);
    if (path !== undefined) diagnostics?.edited(path);
  });
  connection.onDidCloseTextDocument((p) => {
    workspace?.closeDocument(p.textDocument.uri);
  });
  connection.onDidSaveTextDocument(() => undefined);

  connection.onDidChangeWatchedFiles((p) => {
    const ws = workspace;
    if (!ws) return;
    let configChanged = false;
    for (const c of p.changes) {
      let abs: string;
      try {
        abs = fileURLToPath(c.uri);
      } catch {
        continue;
      }
      if (ws.isConfigPath(abs)) {
        configChanged = true;
        continue;
      }
      if (abs.includes(`${nodePath.sep}.git${nodePath.sep}`)) continue;
      ws.diskChanged(abs, c.type === FileChangeType.Deleted);
    }
    if (configChanged) reloadConfig(() => ws.reloadConfig());
  });

  connection.onDidChangeConfiguration((p) => {
    const ws = workspace;
    if (!ws) return;
    const s = (p.settings as { kdocs?: unknown } | undefined)?.kdocs;
    if (s !== undefined && s !== null && typeof s === 'object') reloadConfig(() => ws.setClientConfig(s as ConfigFile));
    else if (clientConfigPull) {
      void connection.workspace
        .getConfiguration('kdocs')
        .then((v: unknown) => {
          if (v && typeof v === 'object') reloadConfig(() => ws.setClientConfig(v as ConfigFile));
        })
        .catch(() => undefined);
    }
  });

  function reloadConfig(apply: () => string[]): void {
    const errors = apply();
    for (const e of errors) void connection.window.showWarningMessage(`kdocs: ${e}`);
    diagnostics?.configChanged();
  }

  // Introspection for tests and the benchmark: what the server did, and a way to wait until the
  // diagnostics are up to date (every edit seen so far linted and published).
  connection.onRequest('kdocs/status', () => ({
    root: workspace?.root,
    ready: workspace?.isReady ?? false,
    documents: workspace?.index.documents().length ?? 0,
    parsedTrees: workspace?.index.parsedCount ?? 0,
    updates: workspace?.index.updateStats,
    stats: diagnostics?.stats,
    build: workspace?.stats,
    firstPublishCpuMs: diagnostics?.firstPublishCpuMs,
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }));
  connection.onRequest('kdocs/idle', async () => {
    await workspace?.ready.catch(() => undefined);
    await diagnostics?.idle();
    return { stats: diagnostics?.stats };
  });

  connection.onShutdown(() => {
    diagnostics?.dispose();
  });
}

function safeRegister(connection: Connection, workspace: Workspace): Partial<ServerCapabilities> {
  try {
    return registerFeatures(connection, workspace) ?? {};
  } catch (err) {
    connection.console.error(`kdocs: navigation features failed to start: ${err instanceof Error ? err.message : String(err)}`);
    return {};
  }
}

function isConfigObject(v: unknown): v is ConfigFile {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return 'rules' in o || 'settings' in o || 'ignore' in o;
}

function folderOf(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri) {
    try {
      return fileURLToPath(uri);
    } catch {
      /* not a file URI */
    }
  }
  return params.rootPath ?? undefined;
}
