import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FileReport, LintFinding } from '../../src/lint/engine.js';
import { formatCheckpatch, formatGithub, formatJson, formatText, sarifLog, type ReportInput } from '../../src/lint/reporters.js';
import { RULES } from './helpers.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: InstanceType<typeof Ajv>) => void;

const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/lint/fixtures/sarif-schema-2.1.0.json', import.meta.url)), 'utf8')) as object;

function finding(over: Partial<LintFinding>): LintFinding {
  const base: LintFinding = {
    path: 'dir/a b.rst',
    ruleId: 'fake-todo',
    message: 'found TODO',
    severity: 'warning',
    place: { start: { line: 3, column: 2, offset: 10 }, end: { line: 3, column: 6, offset: 14 } },
    line: 3,
    column: 2,
    endLine: 3,
    endColumn: 6,
  };
  return { ...base, ...over };
}

const files: FileReport[] = [
  {
    path: 'dir/a b.rst',
    findings: [
      finding({ fix: [{ range: { start: { line: 3, column: 2, offset: 10 }, end: { line: 3, column: 6, offset: 14 } }, newText: 'DONE' }] }),
      finding({ ruleId: 'fake-trailing', severity: 'error', message: 'trailing, whitespace: 100%\nsecond line', line: 4, column: 5, endLine: 4, endColumn: 7 }),
      finding({ ruleId: 'docutils-x', severity: 'info', message: 'an info', line: 1, column: 1, endLine: 1, endColumn: 1, wholeDocument: true }),
    ],
  },
];

const input: ReportInput = {
  files,
  rules: RULES,
  displayPath: (p) => `Documentation/${p}`,
  sourceLine: (_p, line) => ['first', 'second', ' TODO x', 'text  '][line - 1],
  patchLine: (_p, line) => (line === 4 ? 42 : undefined),
  linesChecked: 4,
  toolVersion: '1.2.3',
  srcRoot: 'file:///work/',
};

test('text: file:line:col: severity: message [rule]', () => {
  const out = formatText(input).split('\n');
  assert.equal(out[0], 'Documentation/dir/a b.rst:3:2: warning: found TODO [fake-todo]');
  assert.equal(out[1], 'Documentation/dir/a b.rst:4:5: error: trailing, whitespace: 100% second line [fake-trailing]');
});

test('json: an array of {file, line, column, endLine, endColumn, rule, severity, message, fix?}', () => {
  const arr = JSON.parse(formatJson(input)) as Record<string, unknown>[];
  assert.equal(arr.length, 3);
  assert.deepEqual(Object.keys(arr[0]!), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'fix']);
  assert.deepEqual(arr[0]!.fix, [{ range: { start: { line: 3, column: 2, offset: 10 }, end: { line: 3, column: 6, offset: 14 } }, newText: 'DONE' }]);
  assert.equal(arr[1]!.fix, undefined);
});

test('sarif: valid against the SARIF 2.1.0 schema', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  const log = sarifLog(input);
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  const run = (log.runs as Record<string, unknown>[])[0]!;
  const results = run.results as Record<string, unknown>[];
  assert.equal(results.length, 3);
  assert.equal(results[0]!.level, 'warning');
  assert.equal(results[2]!.level, 'note');
  // an unregistered rule id is added to the driver so ruleIndex stays valid
  const rules = ((run.tool as Record<string, Record<string, unknown>>).driver!.rules as { id: string }[]).map((r) => r.id);
  assert.equal(rules[results[2]!.ruleIndex as number], 'docutils-x');
  // empty run is valid too
  assert.ok(validate(sarifLog({ ...input, files: [] })));
});

test('github: workflow commands with escaping', () => {
  const out = formatGithub(input).split('\n');
  assert.equal(out[0], '::warning file=Documentation/dir/a b.rst,line=3,col=2,endLine=3,endColumn=6,title=fake-todo::found TODO');
  assert.equal(out[1], '::error file=Documentation/dir/a b.rst,line=4,col=5,endLine=4,endColumn=7,title=fake-trailing::trailing, whitespace: 100%25%0Asecond line');
  assert.ok(out[2]!.startsWith('::notice '));
});

test('checkpatch: blocks and the total line', () => {
  const out = formatCheckpatch(input);
  assert.ok(out.includes('WARNING: found TODO [fake-todo]\n#3: FILE: Documentation/dir/a b.rst:3:\n+ TODO x\n\n'));
  assert.ok(out.includes('ERROR: trailing, whitespace: 100% second line [fake-trailing]\n#42: FILE: Documentation/dir/a b.rst:4:\n+text  \n'));
  assert.ok(out.includes('CHECK: an info [docutils-x]\n#1: FILE: Documentation/dir/a b.rst:1:\n+first\n'));
  assert.ok(out.endsWith('total: 1 errors, 1 warnings, 1 checks, 4 lines checked\n'));
  assert.match(formatCheckpatch({ ...input, files: [] }), /^total: 0 errors, 0 warnings, 4 lines checked\n\nThe documentation has no obvious style problems/);
});

test('checkpatch --terse: one line per finding, like checkpatch.pl --terse --showfile', () => {
  const out = formatCheckpatch({ ...input, terse: true }).split('\n');
  assert.equal(out[0], 'Documentation/dir/a b.rst:3: WARNING: found TODO [fake-todo]');
  assert.equal(out[1], 'Documentation/dir/a b.rst:4: ERROR: trailing, whitespace: 100% second line [fake-trailing]');
  assert.equal(out[3], 'total: 1 errors, 1 warnings, 1 checks, 4 lines checked');
});
