/**
 * Output formats of `kdocs lint`: compiler style (default), json, sarif (2.1.0), github
 * (workflow commands) and checkpatch (checkpatch.pl's blocks and summary, for b4 and kernel habits).
 */
import type { FileReport, LintFinding } from './engine.js';
import type { Rule } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkpatch'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportInput {
  files: readonly FileReport[];
  /** Text format: print each finding's `detail` indented under it. */
  verbose?: boolean;
  /** checkpatch format: one `FILE:LINE: SEVERITY: message [rule]` line per finding, like
   *  `checkpatch.pl --terse --showfile` (what b4 runs). */
  terse?: boolean;
  rules: readonly Rule[];
  /** How to print a document's path (relative to the cwd, or the kernel path in patch mode). */
  displayPath(path: string): string;
  /** Text of a source line (1-based) of a document, for checkpatch's quoted lines. */
  sourceLine?(path: string, line: number): string | undefined;
  /** Patch line number of a document line (checkpatch's `#N:`), in patch mode. */
  patchLine?(path: string, line: number): number | undefined;
  /** Lines checked (checkpatch's summary). */
  linesChecked?: number;
  toolVersion?: string;
  /** SARIF: the directory the artifact URIs are relative to (a file:// URI ending in '/'). */
  srcRoot?: string;
}

/** Messages on one line (docutils has two-line ones: "...targets.\nSee \"backrefs\"..."). */
function oneLine(s: string): string {
  return s.includes('\n') ? s.replace(/\s*\n\s*/g, ' ') : s;
}

/**
 * Control characters from documents (ESC, BEL, CSI... in a title or label that a message quotes)
 * shown as `\x1B` etc., so a report printed on a terminal cannot retitle, recolour or clear it.
 * Tabs stay; line breaks stay only where `keepNewlines` (a detail block).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_NL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;
export function escapeControls(s: string, keepNewlines = false): string {
  const re = keepNewlines ? CONTROL : CONTROL_NL;
  re.lastIndex = 0;
  if (!re.test(s)) return s;
  return s.replace(re, (c) => {
    if (keepNewlines && c === '\n') return c;
    return `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

function all(input: ReportInput): LintFinding[] {
  const out: LintFinding[] = [];
  for (const f of input.files) out.push(...f.findings);
  return out;
}

// ---------------------------------------------------------------------------------------------

/** `file:line:col: severity: message [rule]` */
export function formatText(input: ReportInput): string {
  let out = '';
  for (const f of input.files) {
    const p = escapeControls(input.displayPath(f.path));
    for (const x of f.findings) {
      out += `${p}:${x.line}:${x.column}: ${x.severity}: ${escapeControls(oneLine(x.message))} [${x.ruleId}]\n`;
      for (const r of x.related ?? []) {
        const rp = r.file === undefined ? p : escapeControls(input.displayPath(r.file));
        out += `${rp}:${r.place.start.line}:${r.place.start.column}: note: ${escapeControls(oneLine(r.message))}\n`;
      }
      if (x.detail && input.verbose) out += escapeControls(x.detail, true).replace(/^/gm, '    ') + '\n';
    }
  }
  return out;
}

export function formatJson(input: ReportInput): string {
  const arr = all(input).map((x) => {
    const o: Record<string, unknown> = {
      file: input.displayPath(x.path),
      line: x.line,
      column: x.column,
      endLine: x.endLine,
      endColumn: x.endColumn,
      rule: x.ruleId,
      severity: x.severity,
      message: x.message,
    };
    if (x.fix?.length) {
      o.fix = x.fix.map((e) => ({
        range: {
          start: { line: e.range.start.line, column: e.range.start.column, offset: e.range.start.offset },
          end: { line: e.range.end.line, column: e.range.end.column, offset: e.range.end.offset },
        },
        newText: e.newText,
      }));
    }
    if (x.suggestions?.length) o.suggestions = x.suggestions.map((s) => ({ message: s.message, fix: s.fix.map((e) => ({ range: e.range, newText: e.newText })) }));
    if (x.wholeDocument) o.wholeDocument = true;
    if (x.detail) o.detail = x.detail;
    if (x.related?.length) {
      o.related = x.related.map((r) => ({
        file: input.displayPath(r.file ?? x.path),
        line: r.place.start.line,
        column: r.place.start.column,
        endLine: r.place.end.line,
        endColumn: r.place.end.column,
        message: r.message,
      }));
    }
    return o;
  });
  return JSON.stringify(arr, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function sarifLog(input: ReportInput): Record<string, unknown> {
  const rules = [...input.rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i] as const));
  const extraRules: string[] = [];
  const results = all(input).map((x) => {
    let idx = ruleIndex.get(x.ruleId);
    if (idx === undefined) {
      extraRules.push(x.ruleId);
      idx = rules.length + extraRules.length - 1;
      ruleIndex.set(x.ruleId, idx);
    }
    const uri = encodeUri(input.displayPath(x.path));
    const artifactLocation: Record<string, unknown> = { uri };
    if (input.srcRoot) artifactLocation.uriBaseId = 'SRCROOT';
    const region = { startLine: x.line, startColumn: x.column, endLine: Math.max(x.endLine, x.line), endColumn: x.endLine > x.line ? x.endColumn : Math.max(x.endColumn, x.column) };
    const r: Record<string, unknown> = {
      ruleId: x.ruleId,
      ruleIndex: idx,
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message },
      locations: [{ physicalLocation: { artifactLocation, region } }],
    };
    if (x.related?.length) {
      r.relatedLocations = x.related.map((rel, i) => {
        const loc: Record<string, unknown> = { uri: encodeUri(input.displayPath(rel.file ?? x.path)) };
        if (input.srcRoot) loc.uriBaseId = 'SRCROOT';
        const p = rel.place;
        const reg = { startLine: p.start.line, startColumn: p.start.column, endLine: Math.max(p.end.line, p.start.line), endColumn: p.end.line > p.start.line ? p.end.column : Math.max(p.end.column, p.start.column) };
        return { id: i, physicalLocation: { artifactLocation: loc, region: reg }, message: { text: rel.message } };
      });
    }
    if (x.fix?.length) {
      r.fixes = [
        {
          description: { text: `Fix: ${x.message}` },
          artifactChanges: [
            {
              artifactLocation,
              replacements: x.fix.map((e) => ({
                deletedRegion: { charOffset: e.range.start.offset, charLength: e.range.end.offset - e.range.start.offset },
                insertedContent: { text: e.newText },
              })),
            },
          ],
        },
      ];
    }
    return r;
  });
  const driverRules: Record<string, unknown>[] = rules.map((r) => ({
    id: r.meta.id,
    name: r.meta.id,
    shortDescription: { text: r.meta.description },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.defaultSeverity] },
    properties: { fixable: r.meta.fixable },
  }));
  for (const id of extraRules) driverRules.push({ id, name: id, shortDescription: { text: id } });
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'kdocs',
        version: input.toolVersion ?? '0.0.0',
        informationUri: 'https://github.com/kdocs/kdocs',
        rules: driverRules,
      },
    },
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (input.srcRoot) run.originalUriBaseIds = { SRCROOT: { uri: input.srcRoot } };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
}

export function formatSarif(input: ReportInput): string {
  return JSON.stringify(sarifLog(input), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------

function ghData(s: string): string {
  return escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands (annotations). */
export function formatGithub(input: ReportInput): string {
  let out = '';
  const cmd = { error: 'error', warning: 'warning', info: 'notice' } as const;
  for (const x of all(input)) {
    const props = [`file=${ghProp(input.displayPath(x.path))}`, `line=${x.line}`, `col=${x.column}`, `endLine=${x.endLine}`, `endColumn=${x.endColumn}`, `title=${ghProp(x.ruleId)}`];
    out += `::${cmd[x.severity]} ${props.join(',')}::${ghData(x.message)}\n`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * checkpatch.pl style:
 *
 *   WARNING: message [rule]
 *   #12: FILE: Documentation/filesystems/x.rst:7:
 *   +the offending line
 *
 *   total: 0 errors, 1 warnings, 120 lines checked
 */
export function formatCheckpatch(input: ReportInput): string {
  const label = { error: 'ERROR', warning: 'WARNING', info: 'CHECK' } as const;
  let out = '';
  let errors = 0;
  let warnings = 0;
  let checks = 0;
  for (const x of all(input)) {
    if (x.severity === 'error') errors++;
    else if (x.severity === 'warning') warnings++;
    else checks++;
    const file = escapeControls(input.displayPath(x.path));
    const message = escapeControls(oneLine(x.message));
    if (input.terse) {
      out += `${file}:${x.line}: ${label[x.severity]}: ${message} [${x.ruleId}]\n`;
      continue;
    }
    const n = input.patchLine?.(x.path, x.line) ?? x.line;
    out += `${label[x.severity]}: ${message} [${x.ruleId}]\n`;
    out += `#${n}: FILE: ${file}:${x.line}:\n`;
    const text = input.sourceLine?.(x.path, x.line);
    if (text !== undefined) out += `+${escapeControls(text)}\n`;
    out += '\n';
  }
  const lines = input.linesChecked ?? 0;
  out += `total: ${errors} errors, ${warnings} warnings, ${checks ? `${checks} checks, ` : ''}${lines} lines checked\n`;
  if (input.terse) return out;
  if (!errors && !warnings && !checks) out += '\nThe documentation has no obvious style problems and is ready for submission.\n';
  return out;
}

export function format(name: Format, input: ReportInput): string {
  switch (name) {
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    case 'github':
      return formatGithub(input);
    case 'checkpatch':
      return formatCheckpatch(input);
    default:
      return formatText(input);
  }
}
