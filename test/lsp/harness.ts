/**
 * In-process harness for the language server's workspace and diagnostics (no child process):
 * a fake connection that records what would be published, and the batch lint the published
 * diagnostics must equal (the CLI's lintBuild over the same root and texts).
 */
import { reparseEdit } from '../../src/rst/incremental.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { loadRules } from '../../src/lint/api.js';
import { findConfig, loadConfigFile, resolveConfig } from '../../src/lint/config.js';
import { lintBuild } from '../../src/lint/engine.js';
import { loadDefaultParser, ProjectIndex, type ParseFn } from '../../src/project/index.js';
import type { Rule } from '../../src/lint/types.js';
import { Diagnostics } from '../../src/lsp/diagnostics.js';
import { Workspace } from '../../src/lsp/workspace.js';
import { tempDir } from '../tmp.js';

let rulesMemo: Rule[] | undefined;
export async function rules(): Promise<Rule[]> {
  return (rulesMemo ??= (await loadRules()).rules);
}

/** Write `files` (root-relative path → text) under a new temporary directory. */
export function project(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const root = tempDir('kdocs-lsp-');
  for (const [p, text] of Object.entries(files)) writeFile(root, p, text);
  if (options.git) {
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'base');
  }
  return root;
}

export function writeFile(root: string, p: string, text: string): void {
  const abs = nodePath.join(root, p);
  mkdirSync(nodePath.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

export function uriOf(root: string, p: string): string {
  return pathToFileURL(nodePath.join(root, p)).href;
}

export interface Harness {
  ws: Workspace;
  diags: Diagnostics;
  /** Latest diagnostics per URI. */
  published: Map<string, PublishDiagnosticsParams>;
  /** Every publish, in order. */
  log: PublishDiagnosticsParams[];
  /** Parses done so far (through the counting parser). */
  parses: () => number;
}

/** A workspace over `root`, built, with diagnostics started and idle. */
export async function harness(root: string, options: { cacheDir?: string; open?: Record<string, string> } = {}): Promise<Harness> {
  const published = new Map<string, PublishDiagnosticsParams>();
  const log: PublishDiagnosticsParams[] = [];
  const conn = {
    sendDiagnostics(p: PublishDiagnosticsParams) {
      published.set(p.uri, p);
      log.push(p);
      return Promise.resolve();
    },
    console: { error: (m: string) => process.stderr.write(m + '\n'), log: () => undefined },
  } as unknown as Connection;
  const real = await loadDefaultParser();
  let parses = 0;
  const parse: ParseFn = (t, o) => {
    parses++;
    return real(t, o);
  };
  // the server's set-up: edits re-parse from the previous tree when that is the same
  const ws = await Workspace.create({ root, rules: await rules(), parse, reparse: reparseEdit, cache: options.cacheDir !== undefined, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  const diags = new Diagnostics(conn, ws, { collectGarbage: false, cache: options.cacheDir !== undefined, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  for (const [p, text] of Object.entries(options.open ?? {})) {
    ws.openDocument(uriOf(root, p), text, 1);
    diags.edited(p);
  }
  await ws.build();
  diags.start();
  await diags.idle();
  return { ws, diags, published, log, parses: () => parses };
}

/** A diagnostic as a comparable line. */
export function diagLine(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message}`;
}

/** Published diagnostics per root-relative path (documents without findings left out). */
export function publishedLines(root: string, published: Map<string, PublishDiagnosticsParams>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [uri, p] of published) {
    if (!p.diagnostics.length) continue;
    const rel = nodePath.relative(root, new URL(uri).pathname).split(nodePath.sep).join('/');
    out.set(rel, p.diagnostics.map(diagLine));
  }
  return sorted(out);
}

/** What `kdocs lint` reports for `root` with `overlay` texts laid over the disk, as diagnostic lines. */
export async function batchLines(root: string, overlay: Map<string, string | null> = new Map(), changed?: Map<string, 'added' | 'modified'>): Promise<Map<string, string[]>> {
  const rs = await rules();
  const configPath = findConfig(root);
  const config = resolveConfig(rs, configPath ? loadConfigFile(configPath, rs) : {}, {}, configPath);
  const index = new ProjectIndex(root, await loadDefaultParser(), { overlay: new Map(overlay) });
  const run = lintBuild(index, config, { release: true, ...(changed ? { changed } : {}) });
  const out = new Map<string, string[]>();
  const sev: Record<string, number> = { error: 1, warning: 2, info: 3 };
  for (const f of run.files) {
    if (!f.findings.length) continue;
    const doc = TextDocument.create('x', 'rst', 0, index.readRel(f.path) ?? '');
    out.set(
      f.path,
      f.findings.map((x) => {
        const range = x.wholeDocument ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : { start: doc.positionAt(x.place.start.offset), end: doc.positionAt(x.place.end.offset) };
        return diagLine({ range, severity: sev[x.severity] as 1 | 2 | 3, code: x.ruleId, message: x.message });
      }),
    );
  }
  return sorted(out);
}

function sorted(m: Map<string, string[]>): Map<string, string[]> {
  return new Map([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
