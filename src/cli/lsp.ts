/**
 * `kdocs lsp [--stdio] [--root DIR] [--no-cache]`: the language server over stdio (editors pass
 * `--stdio`; it is the only transport, so it is also the default).
 */
import type { MessageReader } from 'vscode-languageserver/node';
import { createConnection, LSPErrorCodes, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from '../lsp/protocol.js';
import { startServer, type ServerOptions } from '../lsp/server.js';

const USAGE = `usage: kdocs lsp [--stdio] [--root DIR] [--no-cache]

Run the kdocs language server on stdin/stdout (JSON-RPC, the Language Server
Protocol): diagnostics from the lint rules, quick fixes, navigation.

options:
  --stdio        talk over stdin/stdout (the default and only transport)
  --root DIR     docs root (default: the Documentation/ in or above the editor's
                 workspace folder, else kdocs.config.json's directory, else docs-src)
  --no-cache     do not use the facts and findings caches (~/.cache/kdocs)
  -h, --help     this text
`;

export async function run(argv: string[]): Promise<number> {
  const options: ServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a === '--stdio') continue;
    else if (a === '--no-cache') options.cache = false;
    else if (a === '--root' || a.startsWith('--root=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) {
        process.stderr.write(`kdocs lsp: --root needs a value\n\n${USAGE}`);
        return 2;
      }
      options.root = v;
    } else if (a.startsWith('--clientProcessId')) {
      // some clients pass the editor's pid (vscode-languageclient); the protocol's processId covers it
      if (!a.includes('=')) i++;
    } else {
      process.stderr.write(`kdocs lsp: unknown option '${a}'\n\n${USAGE}`);
      return 2;
    }
  }
  // Edits already read but not yet handled: the diagnostics wait for them (a burst of didChange
  // messages costs one lint, not one per message, however slow the document)
  let deliveredEdits = 0;
  let handledEdits = 0;
  const inner = new StreamMessageReader(process.stdin);
  const reader: MessageReader = {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen: (callback) =>
      inner.listen((message) => {
        const m = message as { method?: string; id?: unknown };
        if (m.method === 'textDocument/didChange' && m.id === undefined) deliveredEdits++;
        callback(message);
      }),
    dispose: () => inner.dispose(),
  };
  options.pendingEdits = () => deliveredEdits - handledEdits;
  options.editHandled = () => {
    handledEdits++;
  };
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout), {
    // $/cancelRequest for a request still waiting in the queue (the server was busy linting):
    // answer it as cancelled at once instead of running it
    cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as { id?: number | string | null }).id ?? null, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } }),
  });
  // a bug must never take the editor's server down: report it and go on
  process.on('uncaughtException', (err) => connection.console.error(`kdocs: internal error: ${err.stack ?? err.message}`));
  process.on('unhandledRejection', (err) => connection.console.error(`kdocs: internal error: ${String((err as Error)?.stack ?? err)}`));
  startServer(connection, options);
  connection.listen();
  // the connection ends the process on `exit` (or when stdin closes)
  return new Promise<number>(() => undefined);
}
