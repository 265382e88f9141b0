/**
 * `kdocs.config.json`: which rules run at which severity with which options, shared `settings`
 * for rule families (e.g. the kernel `profile` for the contract rules), and `ignore` globs.
 *
 * The file is validated with ajv against a JSON Schema generated from the rules' own option
 * schemas (`kdocs lint --print-config-schema` prints it). Errors name the file, the line and the
 * JSON pointer.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ajvClass } from './ajv.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule, Severity } from './types.js';
import { JsonSyntaxError, parseJsonWithPointers } from './jsonpos.js';
import { globToRegExp } from '../project/toctree.js';
import { PROFILE_NAMES } from '../model/surface/index.js';

export const CONFIG_FILE = 'kdocs.config.json';
export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warning', 'error'];
export const SCHEMA_ID = 'https://kdocs.dev/schemas/kdocs.config.schema.json';

export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

export interface ConfigFile {
  $schema?: string;
  rules?: Record<string, RuleSetting>;
  settings?: Record<string, unknown>;
  ignore?: string[];
  /** `kdocs site` options. */
  site?: { allowRawHtml?: boolean };
}

export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** Path of the config file, if one was read. */
  file?: string;
  rules: Map<string, ResolvedRule>;
  settings: Record<string, unknown>;
  ignore: string[];
  isIgnored(path: string): boolean;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The published JSON Schema of the config file, with every rule's options schema. */
export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const opts = r.meta.optionsSchema && Object.keys(r.meta.optionsSchema).length ? r.meta.optionsSchema : { type: 'object' };
    ruleProps[r.meta.id] = {
      description: `${r.meta.description} (default: ${r.meta.defaultSeverity}${r.meta.fixable ? ', fixable' : ''})`,
      anyOf: [
        { $ref: '#/definitions/severity' },
        {
          type: 'array',
          items: [{ $ref: '#/definitions/severity' }, opts],
          minItems: 1,
          maxItems: 2,
          additionalItems: false,
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'kdocs lint configuration (kdocs.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'Rule id → severity, or [severity, options].',
        type: 'object',
        additionalProperties: false,
        properties: ruleProps,
      },
      settings: {
        description: 'Shared settings read by rule families (e.g. "profile" for the VMA contract rules).',
        type: 'object',
        properties: {
          // a profile the model does not have would silently fall back to the default one
          profile: {
            enum: [...PROFILE_NAMES],
            description: `Kernel version the VMA contract rules check against (${PROFILE_NAMES.join(', ')}; default 7.1).`,
          },
        },
      },
      ignore: {
        description: 'Globs (relative to the docs root) of documents not to lint; `*` stays within a directory, `**` crosses them.',
        type: 'array',
        items: { type: 'string' },
      },
      site: {
        description: 'Options of `kdocs site`.',
        type: 'object',
        additionalProperties: false,
        properties: {
          allowRawHtml: { type: 'boolean', description: 'Keep `.. raw:: html` content in pages (default false: left out with a finding).' },
        },
      },
    },
    definitions: {
      severity: { enum: [...SEVERITIES] },
    },
  };
}

let ajvCache: { rules: readonly Rule[]; validate: ValidateFunction } | undefined;

function validator(rules: readonly Rule[]): ValidateFunction {
  if (ajvCache?.rules === rules) return ajvCache.validate;
  const Ajv = ajvClass();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(configSchema(rules));
  ajvCache = { rules, validate };
  return validate;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

export function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n]!;
}

/** Turn ajv errors into one readable line each (the deepest error per location). */
function describeErrors(errors: ErrorObject[], rules: readonly Rule[]): { pointer: string; message: string }[] {
  const ids = rules.map((r) => r.meta.id);
  const out: { pointer: string; message: string }[] = [];
  const seen = new Set<string>();
  // drop anyOf summaries and errors from a branch when a deeper error exists for the same rule
  const deepest = new Map<string, number>();
  for (const e of errors) {
    const key = e.instancePath.split('/').slice(0, 3).join('/');
    deepest.set(key, Math.max(deepest.get(key) ?? 0, e.instancePath.length));
  }
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue;
    let pointer = e.instancePath;
    let message = e.message ?? 'invalid';
    if (e.keyword === 'additionalProperties') {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      pointer = `${pointer}/${prop}`;
      if (e.instancePath === '/rules') {
        const near = closest(prop, ids);
        message = `unknown rule '${prop}'${near ? ` (did you mean '${near}'?)` : ''}`;
      } else message = `unknown property '${prop}'${e.instancePath ? '' : ' (expected rules, settings, ignore)'}`;
    } else if (e.keyword === 'enum' && /^\/rules\/[^/]+(\/0)?$/.test(pointer)) {
      message = `severity must be one of ${SEVERITIES.join(', ')}`;
    } else if (e.keyword === 'type' && /^\/rules\/[^/]+$/.test(pointer)) {
      continue; // the string-or-array alternative; the enum error says it better
    } else if (e.params && 'allowedValues' in e.params) {
      message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = e.instancePath.split('/').slice(0, 3).join('/');
    if (e.instancePath.length < (deepest.get(key) ?? 0) && /^\/rules\//.test(e.instancePath)) continue;
    const k = `${pointer}\0${message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ pointer: pointer || '/', message });
  }
  return out;
}

/** Validate a config value; returns error lines (`file:line:col: pointer: message`) or []. */
export function validateConfig(value: unknown, rules: readonly Rule[], file = CONFIG_FILE, places?: Map<string, { line: number; column: number }>): string[] {
  const validate = validator(rules);
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? [], rules).map(({ pointer, message }) => {
    let p = places?.get(pointer === '/' ? '' : pointer);
    // unknown properties: point at the parent when the key itself has no value position
    for (let ptr = pointer; !p && ptr.includes('/'); ptr = ptr.slice(0, ptr.lastIndexOf('/'))) p = places?.get(ptr);
    const where = p ? `${file}:${p.line}:${p.column}` : file;
    return `${where}: ${pointer}: ${message}`;
  });
}

/** Read and validate a config file; throws ConfigError with all problems. */
export function loadConfigFile(file: string, rules: readonly Rule[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read config: ${(err as Error).message}`, file);
  }
  let parsed: { value: unknown; places: Map<string, { line: number; column: number }> };
  try {
    parsed = parseJsonWithPointers(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new ConfigError(`${file}:${err.line}:${err.column}: invalid JSON: ${err.message}`, file, err.line);
    throw new ConfigError(`${file}: invalid JSON: ${(err as Error).message}`, file);
  }
  const errors = validateConfig(parsed.value, rules, file, parsed.places);
  if (errors.length) throw new ConfigError(errors.join('\n'), file);
  return parsed.value as ConfigFile;
}

/** Find `kdocs.config.json` in `dir` or its parents (up to the file-system root). */
export function findConfig(dir: string): string | undefined {
  let d = nodePath.resolve(dir);
  for (;;) {
    const f = nodePath.join(d, CONFIG_FILE);
    if (existsSync(f)) return f;
    const up = nodePath.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Combine rule defaults, the config file and `--rule id=severity` overrides. */
export function resolveConfig(rules: readonly Rule[], file: ConfigFile = {}, overrides: Record<string, Severity> = {}, filePath?: string): ResolvedConfig {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const resolved = new Map<string, ResolvedRule>();
  for (const r of rules) {
    resolved.set(r.meta.id, { rule: r, severity: r.meta.defaultSeverity, options: { ...(r.meta.defaultOptions ?? {}) } });
  }
  for (const [id, setting] of Object.entries(file.rules ?? {})) {
    const rr = resolved.get(id);
    if (!rr) continue; // validation reports unknown ids
    if (typeof setting === 'string') rr.severity = setting;
    else {
      rr.severity = setting[0];
      if (setting[1]) rr.options = { ...rr.options, ...setting[1] };
    }
  }
  for (const [id, sev] of Object.entries(overrides)) {
    const rr = resolved.get(id);
    if (!rr) {
      const near = closest(id, [...byId.keys()]);
      throw new ConfigError(`--rule: unknown rule '${id}'${near ? ` (did you mean '${near}'?)` : ''}`);
    }
    rr.severity = sev;
  }
  const ignore = file.ignore ?? [];
  const res = ignore.map((g) => (g.endsWith('/') ? globToRegExp(g + '**') : globToRegExp(g)));
  const config: ResolvedConfig = {
    rules: resolved,
    settings: file.settings ?? {},
    ignore,
    isIgnored: (p) => res.some((re) => re.test(p)),
  };
  if (filePath !== undefined) config.file = filePath;
  return config;
}
