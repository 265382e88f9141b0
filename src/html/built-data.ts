/**
 * dist/data: what `npm run build` makes besides the JavaScript (scripts/build-data.ts) — data
 * that is a function of kdocs' own code and installed packages only, never of the documents
 * being built: the contract explorations (site/contracts.ts), the highlighter's converted
 * grammars (grammar-data.ts), the rules' pages (site/rule-pages.ts).
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/data, beside dist/src (site/contracts.ts' `builtContractsDir` is the same directory);
 *  false when KDOCS_BUILT_DATA=0 (a build then does everything itself, as without the data). */
export function builtDataDir(): string | false {
  if (process.env.KDOCS_BUILT_DATA === '0') return false;
  return nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}
