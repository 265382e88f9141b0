/**
 * dist/data: what `npm run build` makes besides the JavaScript (scripts/build-data.ts) — data
 * that is a function of kdocs' own code and installed packages only, never of the documents
 * being built: the contract explorations (src/html/site/contracts.ts), the lint's model answers
 * (src/contracts/answers.ts), the highlighter's converted grammars (src/html/grammar-data.ts),
 * the rules' pages (src/html/site/rule-pages.ts).
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/data, beside dist/src; false when KDOCS_BUILT_DATA=0 (a run then does everything
 *  itself, as without the data). */
export function builtDataDir(): string | false {
  if (process.env.KDOCS_BUILT_DATA === '0') return false;
  return nodePath.resolve(nodePath.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}
