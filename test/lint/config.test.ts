import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import AjvModule from 'ajv';
import { ConfigError, configSchema, loadConfigFile, validateConfig } from '../../src/lint/config.js';
import { parseJsonWithPointers } from '../../src/lint/jsonpos.js';
import { RULES, tempTree } from './helpers.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as typeof AjvModule.default;

function loadText(text: string): ConfigError | undefined {
  const dir = tempTree({});
  const f = nodePath.join(dir, 'kdocs.config.json');
  writeFileSync(f, text);
  try {
    loadConfigFile(f, RULES);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err;
  }
}

test('the published schema is itself valid and includes every rule with its options', () => {
  const schema = configSchema(RULES);
  const ajv = new Ajv({ strict: false });
  assert.ok(ajv.validateSchema(schema));
  const rules = (schema.properties as { rules: { properties: Record<string, { anyOf: { items?: unknown[] }[] }> } }).rules.properties;
  assert.deepEqual(Object.keys(rules), ['fake-toc', 'fake-todo', 'fake-trailing']);
  assert.deepEqual(rules['fake-todo']!.anyOf[1]!.items![1], RULES[1]!.meta.optionsSchema);
});

test('a valid config passes', () => {
  assert.equal(loadText('{"rules": {"fake-todo": ["error", {"word": "FIXME"}], "fake-toc": "off"}, "settings": {"profile": "6.12"}, "ignore": ["x/**"]}'), undefined);
});

test('unknown rule: did-you-mean, with file and line', () => {
  const err = loadText('{\n  "rules": {\n    "fake-tod": "error"\n  }\n}\n');
  assert.ok(err);
  assert.match(err.message, /kdocs\.config\.json:3:17: \/rules\/fake-tod: unknown rule 'fake-tod' \(did you mean 'fake-todo'\?\)/);
});

test('bad severity and bad options name the JSON pointer', () => {
  const err = loadText('{"rules": {"fake-todo": "loud", "fake-trailing": ["warning", {"ignoreTabs": "yes"}]}}');
  assert.ok(err);
  assert.match(err.message, /\/rules\/fake-todo: severity must be one of off, info, warning, error/);
  assert.match(err.message, /\/rules\/fake-trailing\/1\/ignoreTabs: must be boolean/);
  const err2 = loadText('{"rules": {"fake-todo": ["warning", {"word": "XXX"}]}}');
  assert.match(err2!.message, /\/rules\/fake-todo\/1\/word: must be equal to one of the allowed values: "TODO", "FIXME"/);
});

test('unknown top-level property and JSON syntax errors', () => {
  assert.match(loadText('{"rule": {}}')!.message, /\/rule: unknown property 'rule' \(expected rules, settings, ignore\)/);
  assert.match(loadText('{\n  "rules": {,}\n}')!.message, /kdocs\.config\.json:2:13: invalid JSON/);
  assert.match(loadText('')!.message, /invalid JSON: unexpected end of JSON/);
});

test('validateConfig on a value (no file)', () => {
  assert.deepEqual(validateConfig({ rules: {} }, RULES), []);
  assert.equal(validateConfig({ ignore: 'x' }, RULES).length, 1);
});

test('parseJsonWithPointers records places', () => {
  const { value, places } = parseJsonWithPointers('{"a": [1, {"b~/c": true}]}');
  assert.deepEqual(value, { a: [1, { 'b~/c': true }] });
  assert.deepEqual(places.get('/a/1/b~0~1c'), { line: 1, column: 20 });
});

test('settings.profile must be a profile the model has (a typo used to fall back to 7.1 silently)', () => {
  const err = loadText('{\n  "settings": { "profile": "9.9" }\n}\n');
  assert.ok(err, '"9.9" must be refused');
  assert.match(err.message, /kdocs\.config\.json:2:\d+: \/settings\/profile: must be equal to one of the allowed values: .*"6\.12".*"7\.1"/);
  for (const ok of ['6.12', '7.1', 'mm-new']) assert.equal(loadText(`{"settings": {"profile": "${ok}"}}`), undefined, ok);
  // other settings stay free-form
  assert.equal(loadText('{"settings": {"something": 1}}'), undefined);
});
