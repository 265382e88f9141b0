/**
 * `kdocs contracts [--profile P]... [--format text|json] [--only C01,C26] [--full] [--max-ops N]
 *                  [--random N] [--seed S] [--quiet]`
 *
 * Checks every contract (rules/contracts/*.json) against the executable model for each profile
 * (default: all). A contract must hold where its file says it holds and fail, with a
 * counterexample trace, where it says it does not. Exit 0 when every outcome is the expected one,
 * 1 on an unexpected outcome (or an invalid contract file), 2 on a usage error.
 *
 * Default scope: sequences of up to 2 operations (each contract's own bound if lower), a fault at
 * every fault point of the last operation. `--full`: up to 3 operations plus 300 fast-check random
 * sequences per contract and profile (seed 42 unless --seed).
 */
import { loadContracts } from '../contracts/load.js';
import { checkContract } from '../contracts/explore.js';
import type { ContractResult } from '../contracts/explore.js';
import { PROFILE_NAMES, isProfileName } from '../model/index.js';
import type { ProfileName } from '../model/index.js';
import { quietOnClosedStdout } from './epipe.js';

const USAGE = `usage: kdocs contracts [--profile P]... [--format text|json] [--only C01,C26] [--full]
                       [--max-ops N] [--random N] [--seed S] [--quiet]

Checks the hook contracts (rules/contracts/*.json) against the VMA model.
  --profile P   ${PROFILE_NAMES.join(', ')} (repeatable; default: all)
  --format F    text (default) or json
  --only IDS    comma-separated contract ids
  --full        exhaustive up to 3 operations + 300 random sequences (slower)
  --max-ops N   longest exhaustive sequence (default 2)
  --random N    fast-check random sequences per contract and profile (default 0)
  --seed S      fast-check seed (default 42)
  --quiet       text: print only unexpected outcomes and the summary
Exit: 0 all outcomes as expected, 1 an unexpected outcome, 2 usage error.
`;

interface Args {
  profiles: ProfileName[];
  format: 'text' | 'json';
  only?: Set<string>;
  maxOps: number;
  random: number;
  seed: number;
  quiet: boolean;
}

function parseArgs(args: string[]): Args | string {
  const out: Args = { profiles: [], format: 'text', maxOps: 2, random: 0, seed: 42, quiet: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '--profile': {
        const v = value();
        if (!v || !isProfileName(v)) return `unknown profile '${v ?? ''}' (one of ${PROFILE_NAMES.join(', ')})`;
        out.profiles.push(v);
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') return `unknown format '${v ?? ''}' (text or json)`;
        out.format = v;
        break;
      }
      case '--only':
        out.only = new Set((value() ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
        break;
      case '--full':
        out.maxOps = 3;
        out.random = 300;
        break;
      case '--max-ops': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 4) return '--max-ops takes 1..4';
        out.maxOps = n;
        break;
      }
      case '--random': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) return '--random takes a count';
        out.random = n;
        break;
      }
      case '--seed': {
        const n = Number(value());
        if (!Number.isInteger(n)) return '--seed takes an integer';
        out.seed = n;
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      default:
        return `unknown option '${a}'`;
    }
  }
  if (!out.profiles.length) out.profiles = [...PROFILE_NAMES];
  return out;
}

function indent(text: string, by = '      '): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

export async function run(args: string[]): Promise<number> {
  // also when called without main(): a closed pipe ends the run quietly
  quietOnClosedStdout();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`kdocs contracts: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const { contracts, errors } = loadContracts();
  if (errors.length) {
    for (const e of errors) process.stderr.write(`kdocs contracts: rules/contracts/${e.file}: ${e.message}\n`);
    return 1;
  }
  const selected = contracts.filter((c) => !parsed.only || parsed.only.has(c.id));
  if (parsed.only && !selected.length) {
    process.stderr.write(`kdocs contracts: no contract matches --only\n`);
    return 2;
  }
  const t0 = Date.now();
  const results: ContractResult[] = [];
  let unexpected = 0;
  for (const c of selected) {
    for (const p of parsed.profiles) {
      const r = checkContract(c, p, { maxOps: parsed.maxOps, randomRuns: parsed.random, seed: parsed.seed });
      results.push(r);
      if (!r.ok) unexpected++;
      if (parsed.format !== 'text') continue;
      if (parsed.quiet && r.ok) continue;
      const mark = !r.ok ? `UNEXPECTED ${r.outcome} (expected ${r.expected})`
        : r.expected === 'n/a' ? `n/a` : r.outcome === 'fails' ? 'FAIL (expected)' : r.outcome === 'holds' ? 'pass' : r.outcome;
      process.stdout.write(`${r.id}  ${p.padEnd(16)} ${mark.padEnd(18)} ${r.runs} runs${r.reason ? `  — ${r.reason}` : ''}\n`);
      if (r.counterexample && r.outcome === 'fails' && r.expected !== 'n/a') {
        process.stdout.write(`      ${c.statement}\n      counterexample: ${r.counterexample.why}\n${indent(r.counterexample.trace)}\n`);
      }
    }
  }
  const count = (o: string): number => results.filter((r) => r.outcome === o && r.expected !== 'n/a').length;
  const summary = {
    contracts: selected.length, profiles: parsed.profiles.length, checks: results.length,
    holds: count('holds'), fails: count('fails'), vacuous: count('vacuous'), skipped: count('skipped'),
    notApplicable: results.filter((r) => r.expected === 'n/a').length, unexpected,
    runs: results.reduce((n, r) => n + r.runs, 0), seconds: (Date.now() - t0) / 1000,
    maxOps: parsed.maxOps, random: parsed.random, seed: parsed.seed,
  };
  if (parsed.format === 'json') {
    process.stdout.write(JSON.stringify({ summary, results }, null, 2) + '\n');
  } else {
    process.stdout.write(
      `\n${summary.checks} checks (${summary.contracts} contracts × ${summary.profiles} profiles): ${summary.holds} hold, ${summary.fails} fail, ` +
      `${summary.vacuous} vacuous, ${summary.skipped} skipped (not modelled), ${summary.notApplicable} n/a; ${summary.unexpected} unexpected; ` +
      `${summary.runs} model runs in ${summary.seconds.toFixed(1)} s (up to ${summary.maxOps} ops${summary.random ? `, ${summary.random} random, seed ${summary.seed}` : ''})\n`,
    );
  }
  return unexpected ? 1 : 0;
}
