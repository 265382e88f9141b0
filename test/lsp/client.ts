/**
 * A JSON-RPC client for the language server tests and the benchmark: spawns `kdocs lsp --stdio`
 * as a child process and talks the protocol over its stdio (vscode-languageserver-protocol), the
 * way an editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The repository root (dist/test/lsp/client.js → three levels up). */
export const REPO = nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BIN = nodePath.join(REPO, 'bin', 'kdocs.js');

export interface ClientOptions {
  /** Workspace folder (default: the root). */
  folder?: string;
  /** Extra server arguments (`--no-cache`, `--root`). */
  args?: string[];
  /** Environment (XDG_CACHE_HOME for a private cache). */
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  /** Client capabilities laid over the defaults. */
  capabilities?: Record<string, unknown>;
  /** Node options for the server process (`--cpu-prof`, which NODE_OPTIONS cannot carry). */
  nodeArgs?: string[];
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

export class LspClient {
  readonly child: ChildProcess;
  readonly conn: ProtocolConnection;
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, Published>();
  /** Every publishDiagnostics, in order. */
  readonly log: Published[] = [];
  readonly stderr: string[] = [];
  /** Server → client requests seen (method names). */
  readonly serverRequests: string[] = [];
  readonly progress: unknown[] = [];
  private waiters: { pred: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  exited: number | null | undefined;
  initializeResult: InitializeResult | undefined;

  constructor(options: ClientOptions = {}) {
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, 'lsp', '--stdio', ...(options.args ?? [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...(options.env ?? {}) },
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (d: string) => this.stderr.push(d));
    this.child.on('exit', (code) => (this.exited = code));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const entry: Published = { uri: p.uri, diagnostics: p.diagnostics, at: performance.now() };
      if (p.version !== undefined) entry.version = p.version;
      this.diagnostics.set(p.uri, entry);
      this.log.push(entry);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(entry)) return true;
        w.resolve(entry);
        return false;
      });
    });
    this.conn.onRequest('window/workDoneProgress/create', () => {
      this.serverRequests.push('window/workDoneProgress/create');
      return null;
    });
    this.conn.onRequest('client/registerCapability', () => {
      this.serverRequests.push('client/registerCapability');
      return null;
    });
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.listen();
  }

  async initialize(folder: string, options: ClientOptions = {}): Promise<InitializeResult> {
    const uri = pathToFileURL(folder).href;
    const res = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: nodePath.basename(folder) }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: false },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
        ...(options.capabilities ?? {}),
      },
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    })) as InitializeResult;
    this.initializeResult = res;
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rst', version, text } });
  }

  change(uri: string, version: number, changes: { range?: unknown; text: string }[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The next publishDiagnostics matching `pred` (or the latest one already received). */
  waitFor(pred: (p: Published) => boolean, timeoutMs = 60000, includePast = true): Promise<Published> {
    if (includePast) {
      for (let i = this.log.length - 1; i >= 0; i--) if (pred(this.log[i]!)) return Promise.resolve(this.log[i]!);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms; stderr: ${this.stderr.join('').slice(-2000)}`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (p) => {
          clearTimeout(t);
          resolve(p);
        },
      });
    });
  }

  /** Diagnostics of `uri` for document version `version` (the next ones published). */
  diagnosticsFor(uri: string, version?: number, timeoutMs?: number): Promise<Published> {
    return this.waitFor((p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs);
  }

  /** A round trip: every notification sent before it has been handled by the server. */
  async ping(): Promise<void> {
    await this.conn.sendRequest('kdocs/ping', {}).catch(() => undefined);
  }

  async shutdown(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        await this.conn.sendNotification('exit');
      } catch {
        /* gone already */
      }
    }
    await new Promise<void>((r) => {
      if (this.exited !== undefined) return r();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        r();
      }, 5000);
      this.child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.conn.dispose();
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}
