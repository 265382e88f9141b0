/**
 * Loads and validates the contracts (rules/contracts/*.json) once per process. The files are
 * data shipped with the package; they are found relative to this module (src/ or dist/src/).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ajvClass } from '../lint/ajv.js';
import type { Contract } from './types.js';

/** The package root: the nearest ancestor directory holding rules/contracts/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'rules', 'contracts', 'contract.schema.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('kdocs: cannot find rules/contracts/ above ' + fileURLToPath(import.meta.url));
}

export function contractsDir(): string {
  return join(packageRoot(), 'rules', 'contracts');
}

export interface LoadResult {
  contracts: Contract[];
  errors: { file: string; message: string }[];
}

type Validator = ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

/**
 * Read every contract of `dir`. With `schema: true` (the default: `kdocs contracts`, the tests)
 * each file is checked against contract.schema.json with ajv; lint runs read the shipped files
 * without it, since compiling the schema is a fifth of a one-file lint's start-up and the shipped
 * files are checked by `npm test`. The cheap checks (ids, profiles, regexes) always run.
 */
export function loadContracts(dir = contractsDir(), options: { schema?: boolean } = {}): LoadResult {
  let validate: Validator | undefined;
  if (options.schema ?? true) {
    const schema = JSON.parse(readFileSync(join(dir, 'contract.schema.json'), 'utf8')) as object;
    const Ajv = ajvClass();
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema) as Validator;
  }
  const contracts: Contract[] = [];
  const errors: { file: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name === 'contract.schema.json') continue;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      errors.push({ file: name, message: `invalid JSON: ${(e as Error).message}` });
      continue;
    }
    if (validate && !validate(data)) {
      for (const err of validate.errors ?? []) errors.push({ file: name, message: `${err.instancePath || '/'} ${err.message ?? ''}` });
      continue;
    }
    const c = data as Contract;
    if (seen.has(c.id)) errors.push({ file: name, message: `duplicate contract id ${c.id}` });
    seen.add(c.id);
    const all = [...c.profiles.holds, ...c.profiles.fails, ...c.profiles.notApplicable];
    if (new Set(all).size !== all.length) errors.push({ file: name, message: 'a profile is listed twice in profiles' });
    for (const place of c.docPlaces) {
      for (const p of place.phrasings) {
        try {
          new RegExp(p.pattern, 'iu');
          if (p.unless) new RegExp(p.unless, 'iu');
        } catch (e) {
          errors.push({ file: name, message: `bad phrasing regex: ${(e as Error).message}` });
        }
      }
    }
    contracts.push(c);
  }
  return { contracts, errors };
}

let cached: Contract[] | undefined;

/** The shipped contracts for lint and model runs (throws if a file is broken; the schema check
 *  itself is `loadContracts()`'s, run by `kdocs contracts` and `npm test`). */
export function contracts(): Contract[] {
  if (cached) return cached;
  const { contracts: list, errors } = loadContracts(contractsDir(), { schema: false });
  if (errors.length) throw new Error('invalid contracts:\n' + errors.map((e) => `  ${e.file}: ${e.message}`).join('\n'));
  cached = list;
  return list;
}
