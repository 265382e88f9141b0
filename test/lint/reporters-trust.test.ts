/**
 * Reporters and untrusted document text: control characters are escaped in terminal formats, and
 * a finding's related locations (the heading that makes a title inconsistent) appear in every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LintFinding } from '../../src/lint/engine.js';
import { escapeControls, formatCheckpatch, formatGithub, formatJson, formatText, sarifLog, type ReportInput } from '../../src/lint/reporters.js';
import { RULES } from './helpers.js';
import { buildProject, runRule } from '../rules/harness.js';
import docutilsRule from '../../rules/docutils/index.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>) => void;
const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/lint/fixtures/sarif-schema-2.1.0.json', import.meta.url)), 'utf8')) as object;

const at = (line: number, column: number, offset: number) => ({ line, column, offset });

function finding(over: Partial<LintFinding>): LintFinding {
  return {
    path: 'a.rst',
    ruleId: 'fake-todo',
    message: 'found TODO',
    severity: 'warning',
    place: { start: at(3, 1, 10), end: at(3, 5, 14) },
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 5,
    ...over,
  };
}

// ESC ] 0 ; title BEL retitles a terminal; ESC [ 2 J clears it; 0x9B is a one-byte CSI
const EVIL = 'label \x1b]0;pwned\x07 and \x1b[2J\u009b1m end';

function input(f: LintFinding, sourceLine = EVIL): ReportInput {
  return {
    files: [{ path: f.path, findings: [f] }],
    rules: RULES,
    displayPath: (p) => p,
    sourceLine: () => sourceLine,
    linesChecked: 3,
    toolVersion: '1.0.0',
    srcRoot: 'file:///work/',
  };
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('text, checkpatch and github formats never print a document\'s control characters raw', () => {
  const f = finding({ message: `duplicate label ${EVIL}`, detail: `first\n${EVIL}` });
  const outs = {
    text: formatText({ ...input(f), verbose: true }),
    checkpatch: formatCheckpatch(input(f)),
    terse: formatCheckpatch({ ...input(f), terse: true }),
    github: formatGithub(input(f)),
  };
  for (const [name, out] of Object.entries(outs)) {
    assert.doesNotMatch(out, RAW_CONTROL, name);
    assert.match(out, /label \\x1B\]0;pwned\\x07 and \\x1B\[2J\\x9B1m end/, name);
  }
  // the verbose detail keeps its line breaks, indented
  assert.match(outs.text, /\n {4}first\n {4}label \\x1B/);
  // JSON and SARIF carry the text as data (JSON escapes it itself)
  assert.equal((JSON.parse(formatJson(input(f))) as { message: string }[])[0]!.message, `duplicate label ${EVIL}`);
  assert.equal(escapeControls('tab\there'), 'tab\there');
});

test('related locations: text note line, JSON related, SARIF relatedLocations (schema-valid)', () => {
  const f = finding({
    ruleId: 'docutils',
    message: 'Title level inconsistent:',
    severity: 'error',
    related: [{ place: { start: at(1, 1, 0), end: at(2, 5, 9) }, message: "'-' underline was first used here" }],
  });
  const text = formatText(input(f)).split('\n');
  assert.equal(text[0], 'a.rst:3:1: error: Title level inconsistent: [docutils]');
  assert.equal(text[1], "a.rst:1:1: note: '-' underline was first used here");
  const json = JSON.parse(formatJson(input(f))) as { related: unknown[] }[];
  assert.deepEqual(json[0]!.related, [{ file: 'a.rst', line: 1, column: 1, endLine: 2, endColumn: 5, message: "'-' underline was first used here" }]);
  const log = sarifLog(input(f));
  const result = ((log.runs as { results: Record<string, unknown>[] }[])[0]!.results)[0]!;
  assert.deepEqual(result.relatedLocations, [
    {
      id: 0,
      physicalLocation: { artifactLocation: { uri: 'a.rst', uriBaseId: 'SRCROOT' }, region: { startLine: 1, startColumn: 1, endLine: 2, endColumn: 5 } },
      message: { text: "'-' underline was first used here" },
    },
  ]);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
});

test('"Title level inconsistent" points back at the heading whose style caused it', async () => {
  // '~' is level 3 (under "Two"); after "Three" closes back to level 1, '~' skips level 2
  const text = 'Title\n=====\n\nTwo\n---\n\nDeep\n~~~~\n\nThree\n=====\n\nBad\n~~~\n\ntext\n';
  const index = await buildProject([{ path: 'a.rst', text }]);
  const found = runRule(docutilsRule, index, 'a.rst').filter((f) => f.message.startsWith('Title level inconsistent'));
  assert.equal(found.length, 1);
  assert.equal(found[0]!.place.start.line, 13);
  assert.equal(found[0]!.related?.length, 1);
  const rel = found[0]!.related![0]!;
  assert.equal(rel.place.start.line, 7);
  assert.equal(rel.place.end.line, 8);
  assert.match(rel.message, /'~' underline was first used here, for a level-3 title/);

  // a new style below a level whose next level already has a style
  const text2 = 'Title\n=====\n\nTwo\n---\n\nThree\n=====\n\nNew\n^^^\n\ntext\n';
  const index2 = await buildProject([{ path: 'b.rst', text: text2 }]);
  const found2 = runRule(docutilsRule, index2, 'b.rst').filter((f) => f.message.startsWith('Title level inconsistent'));
  assert.equal(found2.length, 1, JSON.stringify(found2));
  assert.equal(found2[0]!.place.start.line, 10);
  assert.equal(found2[0]!.related?.[0]?.place.start.line, 4);
  assert.match(found2[0]!.related![0]!.message, /level-2 titles use '-' underline \(first used here\)/);
});
