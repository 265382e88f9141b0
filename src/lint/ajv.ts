/**
 * ajv, loaded on first use: most runs validate nothing (no config file; the shipped contracts are
 * checked by `npm test`), and loading ajv is a tenth of a one-file lint's start-up. A CJS module:
 * its default export under NodeNext.
 */
import { createRequire } from 'node:module';
import type AjvModule from 'ajv';

export function ajvClass(): typeof AjvModule.default {
  const mod = createRequire(import.meta.url)('ajv') as { default?: unknown };
  return (mod.default ?? mod) as typeof AjvModule.default;
}
