/**
 * `kdocs <command> [...]`: dispatches to one module per command. Exit codes: 0 clean,
 * 1 findings at error severity (or failed checks), 2 usage or internal error.
 */
import { quietOnClosedStdout } from './epipe.js';

const COMMANDS: Record<string, { module: string; summary: string }> = {
  summary: { module: './summary.js', summary: 'parse every .rst file under a directory and print a summary' },
  lint: { module: './lint.js', summary: 'lint documents (default: docs-src); --patch/--diff for pre-submit' },
  doctree: { module: './doctree.js', summary: 'print the parse tree of files as JSON (docutils convention)' },
  contracts: { module: './contracts.js', summary: 'check the VMA hook contracts against the model' },
  html: { module: './html.js', summary: 'print the HTML body of one document (Sphinx-compatible ids and anchors)' },
  lsp: { module: './lsp.js', summary: 'run the language server over stdio (editors: diagnostics, fixes, navigation)' },
  site: { module: './site.js', summary: 'build the docs website (Eleventy, search, lint and contracts); --serve' },
};

export interface Command {
  run(args: string[]): Promise<number>;
}

function usage(): string {
  const lines = ['usage: kdocs <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `kdocs <command> --help` for the options of a command.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`kdocs: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  // `kdocs ... | head` closes stdout early: stop without an EPIPE stack trace
  quietOnClosedStdout();
  const mod = (await import(entry.module)) as Command;
  return mod.run(rest);
}
