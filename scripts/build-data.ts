/**
 * The second half of `npm run build` (after tsc): data that is a function of kdocs' own code only,
 * made once per build as the JavaScript is, into dist/data/.
 *
 * - The site's contract explorations of every profile (src/html/site/contracts.ts,
 *   `builtContractsDir`): a first `kdocs site` with no cache reads them instead of running the model.
 * - The model's answer to every question contract-behaviour can ask (src/contracts/answers.ts): a
 *   lint reads them instead of loading the model.
 *
 *   node dist/scripts/build-data.js [--quiet]
 */
import { builtContractsDir, writeBuiltContracts } from '../src/html/site/contracts.js';
import { writeBuiltAnswers } from '../src/contracts/claims.js';
import { contracts } from '../src/contracts/load.js';
import { PROFILE_NAMES } from '../src/model/index.js';

function main(argv: string[]): number {
  const quiet = argv.includes('--quiet');
  const dir = builtContractsDir();
  if (dir === false) {
    if (!quiet) process.stdout.write('build-data: KDOCS_BUILT_DATA=0, nothing written\n');
    return 0;
  }
  const t0 = performance.now();
  const files = writeBuiltContracts(dir);
  if (!quiet) process.stdout.write(`build-data: ${files.length} contract exploration files written in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  const t1 = performance.now();
  const answers = writeBuiltAnswers(dir, contracts(), PROFILE_NAMES);
  if (!quiet) process.stdout.write(`build-data: the lint's model answers ${answers ? `written to ${answers}` : 'up to date'} (${((performance.now() - t1) / 1000).toFixed(1)} s)\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
