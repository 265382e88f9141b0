/**
 * Navigation features of the language server (hover, definition, references, rename, symbols,
 * links, folding, completion). Each feature registers its handlers on the connection and returns
 * the capabilities it provides; the server merges them into its `initialize` result.
 *
 * Placeholder until the navigation features land: nothing registered, no capabilities.
 */
import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { Workspace } from '../workspace.js';

export function registerFeatures(_connection: Connection, _workspace: Workspace): Partial<ServerCapabilities> {
  return {};
}
