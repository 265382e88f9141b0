/**
 * `kdocs lint [PATHS...] [--root DIR] [--config F] [--format F] [--fix] [--patch F|-] [--diff REV]
 *             [--strip PREFIX] [--rule id=severity] [--max-warnings N] [--list-rules]
 *             [--print-config-schema]`
 *
 * Exit codes: 0 clean, 1 findings at error severity (or more warnings than --max-warnings),
 * 2 usage or internal error (bad config, bad patch, unreadable file).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { loadDefaultParser, ProjectIndex, toPosix } from '../project/index.js';
import { FactsCache } from '../project/cache.js';
import { FindingsCache } from '../lint/findings-cache.js';
import { loadRules, packageRoot, toolVersion } from '../lint/api.js';
import { ConfigError, configSchema, findConfig, loadConfigFile, resolveConfig, SEVERITIES, type ConfigFile, type ResolvedConfig } from '../lint/config.js';
import { countBySeverity, fixIndex, INTERNAL_RULE, lintBuild, type FileReport } from '../lint/engine.js';
import { writeFixedFiles } from '../lint/fix.js';
import { PatchError } from '../lint/patch.js';
import { gitDiff, lintChanges, prepareDiff, preparePatch, untrackedDocuments, type Change, type PreparedChanges } from '../lint/presubmit.js';
import { findRoot, kernelPrefixOf } from './root.js';
import { readArgs, UsageError } from './args.js';
import { FORMATS, format, type Format } from '../lint/reporters.js';
import type { Rule, Severity } from '../lint/types.js';

const USAGE = `usage: kdocs lint [PATHS...] [options]

Lint reStructuredText documents of a docs root against the whole root's index
(toctrees, labels, includes), so a subtree never reports false broken references.

options:
  --root DIR              docs root: the kernel's Documentation/ (default: the
                          Documentation/ PATHS or the current directory are in, or
                          of their git repository; docs-src inside the kdocs checkout)
  --config FILE           config file (default: kdocs.config.json in the root or above)
  --format FMT            text (default) | json | sarif | github | checkpatch
  --fix                   apply safe fixes in place (repeated until stable)
  --patch FILE|-          check a git format-patch / git diff patch applied in memory;
                          report only what the patch adds
                          (already applied, as after a commit, or not yet)
  --diff REV              the same for \`git diff REV\` in the root's repository
                          (working tree vs REV; untracked documents count as added)
  --staged                the same for the staged changes (index vs HEAD: the
                          pre-commit hook's case)
  --strip PREFIX          patch path prefix that maps onto the root
                          (default: detected, e.g. Documentation/filesystems/ for docs-src)
  --rule ID=SEVERITY      override a rule's severity (off|info|warning|error); repeatable
  --max-warnings N        exit 1 when there are more than N warnings
  --terse                 checkpatch format: one FILE:LINE: SEVERITY: message line
                          per finding (like checkpatch.pl --terse --showfile, for b4)
  --verbose               text format: print each finding's explanation under it
                          (and with --patch, whether the patch was already applied)
  --no-cache              do not use the caches (~/.cache/kdocs): the facts cache
                          lets runs skip parsing documents they do not report on,
                          the findings cache replays the findings of documents
                          that nothing they depend on changed since the last run
  --list-rules            list the rules and exit
  --print-config-schema   print the config file's JSON Schema and exit
  -h, --help              this text

exit: 0 clean, 1 findings at error severity, 2 usage or internal error
`;

interface Args {
  paths: string[];
  root?: string;
  config?: string;
  format: Format;
  fix: boolean;
  patch?: string;
  diff?: string;
  staged: boolean;
  strip?: string;
  rules: Record<string, Severity>;
  maxWarnings?: number;
  listRules: boolean;
  printSchema: boolean;
  verbose: boolean;
  terse: boolean;
  cache: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { paths: [], format: 'text', fix: false, staged: false, rules: {}, listRules: false, printSchema: false, verbose: false, terse: false, cache: true, help: false };
  readArgs(argv, (arg, value, raw) => {
    switch (arg) {
      case '-h':
      case '--help':
        a.help = true;
        break;
      case '--root':
        a.root = value();
        break;
      case '--config':
      case '-c':
        a.config = value();
        break;
      case '--format':
      case '-f': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format '${f}' (expected ${FORMATS.join(', ')})`);
        a.format = f as Format;
        break;
      }
      case '--fix':
        a.fix = true;
        break;
      case '--patch':
        a.patch = value();
        break;
      case '--diff':
        a.diff = value();
        break;
      case '--staged':
      case '--cached':
        a.staged = true;
        break;
      case '--strip':
        a.strip = value();
        break;
      case '--rule': {
        const v = value();
        const m = /^([^=]+)=(.+)$/.exec(v);
        if (!m || !(SEVERITIES as readonly string[]).includes(m[2]!)) throw new UsageError(`--rule expects ID=SEVERITY with SEVERITY one of ${SEVERITIES.join(', ')}, got '${v}'`);
        a.rules[m[1]!] = m[2] as Severity;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings expects a non-negative integer, got '${v}'`);
        a.maxWarnings = Number(v);
        break;
      }
      case '--list-rules':
        a.listRules = true;
        break;
      case '--no-cache':
        a.cache = false;
        break;
      case '--terse':
        a.terse = true;
        break;
      case '--verbose':
      case '-v':
        a.verbose = true;
        break;
      case '--print-config-schema':
        a.printSchema = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        a.paths.push(raw);
    }
  });
  if ([a.patch !== undefined, a.diff !== undefined, a.staged].filter(Boolean).length > 1) throw new UsageError('--patch, --diff and --staged cannot be combined');
  if (a.fix && (a.patch !== undefined || a.diff !== undefined || a.staged)) throw new UsageError('--fix cannot be combined with --patch, --diff or --staged');
  return a;
}

/** Progress on stderr, only when the run is slow (> 1 s) and stderr is a terminal. */
function progressReporter(): { tick(label: string, done: number, total: number): void; done(): void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  const tty = Boolean(process.stderr.isTTY);
  return {
    tick(label, done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - start < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[Kkdocs: ${label} ${done}/${total}`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`kdocs lint: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await runLint(args);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kdocs lint: invalid config:\n${err.message}\n`);
      return 2;
    }
    if (err instanceof PatchError) {
      process.stderr.write(`kdocs lint: ${patchName(args)}:${err.patchLine}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`kdocs lint: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`kdocs lint: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

function patchName(args: Args): string {
  if (args.staged) return 'git diff --cached';
  if (args.diff !== undefined) return `git diff ${args.diff}`;
  return args.patch === '-' ? '<stdin>' : (args.patch ?? 'patch');
}

async function runLint(args: Args): Promise<number> {
  const loaded = await loadRules();
  // linting without the rules would report a clean tree: never do that silently
  if (loaded.error) throw new UsageError(`could not load the rules (rules/index.js): ${loaded.error}`);
  const rules = loaded.rules;

  if (args.printSchema) {
    process.stdout.write(JSON.stringify(configSchema(rules), null, 2) + '\n');
    return 0;
  }
  if (args.listRules) {
    const w = Math.max(4, ...rules.map((r) => r.meta.id.length));
    let out = `${'rule'.padEnd(w)}  severity  fix  description\n`;
    for (const r of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
      out += `${r.meta.id.padEnd(w)}  ${r.meta.defaultSeverity.padEnd(8)}  ${r.meta.fixable ? 'yes' : 'no '}  ${r.meta.description}\n`;
    }
    process.stdout.write(out);
    return 0;
  }

  // a path that does not exist is named as such, before anything is made of it
  for (const p of args.paths) if (!existsSync(p)) throw new UsageError(`${p}: no such file or directory`);
  let root: string;
  let rootHow: string | undefined;
  if (args.root !== undefined) {
    root = nodePath.resolve(args.root);
    if (!existsSync(root)) throw new UsageError(`root '${args.root}': no such directory`);
    if (!statSync(root).isDirectory()) throw new UsageError(`root '${args.root}' is not a directory`);
  } else {
    const start = args.paths[0] ?? '.';
    const found = findRoot(start, packageRoot());
    if (!found) {
      throw new UsageError(
        `no docs root found for ${start === '.' ? 'the current directory' : `'${start}'`}: no Documentation/ directory in it, above it or in its git repository (give --root DIR)`,
      );
    }
    root = found.root;
    rootHow = found.how;
  }

  // config
  const { config, kernelPrefix } = loadRunConfig(root, args.config, rules, args.rules);
  const cwd = process.cwd();
  const rootShown = displayDir(root, cwd);

  const progress = progressReporter();
  const onProgress = (label: string) => (done: number, total: number) => progress.tick(label, done, total);
  const say = (line: string): void => {
    if (args.verbose || process.env.KDOCS_VERBOSE) process.stderr.write(`kdocs lint: ${line}\n`);
  };

  // pre-submit inputs
  let prepared: PreparedChanges | undefined;
  let strip = args.strip;
  if (args.patch !== undefined || args.diff !== undefined || args.staged) {
    let text: string;
    let readNew: ((p: string) => string | null) | undefined;
    if (args.diff !== undefined || args.staged) {
      let d;
      try {
        d = gitDiff(root, args.diff, { staged: args.staged });
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new UsageError(`${patchName(args)} failed in ${root}: ${(e.stderr ?? e.message).trim()}`);
      }
      text = d.patch;
      readNew = d.read;
      strip ??= d.prefix;
    } else {
      try {
        text = args.patch === '-' ? readFileSync(0, 'utf8') : readFileSync(args.patch!, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read patch ${patchName(args)}: ${(err as Error).message}`);
      }
    }
    const probe = new ProjectIndex(
      root,
      () => {
        throw new Error('unused');
      },
      { kernelPrefix },
    );
    const mapping: { strip?: string; kernelPrefix?: string; exists(p: string): boolean } = { exists: (p) => probe.fileExists(p), kernelPrefix };
    if (strip !== undefined) mapping.strip = strip;
    const read = readNew ?? ((p: string): string | null => probe.readRel(p));
    if (args.patch !== undefined) {
      prepared = preparePatch(text, mapping, read);
      say(
        prepared.direction === 'applied'
          ? `${patchName(args)} is already applied to ${rootShown} (it applies in reverse): checking the tree as it is against the tree without it`
          : `${patchName(args)} applies to ${rootShown}: checking the tree with it applied in memory against the tree as it is`,
      );
    } else {
      prepared = prepareDiff(text, mapping, read);
    }
    for (const o of prepared.outside) say(`${o}: outside the root, not checked`);
  }

  const firstLine = args.format === 'text' && rootHow !== undefined ? `root: ${rootShown} (${rootHow}; no --root given)\n` : '';
  if (prepared && !prepared.changes.some((c) => c.path.endsWith('.rst') || c.status !== 'deleted')) {
    // nothing of the patch lands under the root: nothing to check
    process.stdout.write(
      firstLine +
        format(args.format, { files: [], rules, displayPath: (p) => p, linesChecked: 0, toolVersion: toolVersion(), terse: args.terse, root, tally: { files: 0, root: rootShown } }),
    );
    return 0;
  }
  // The facts cache pays off when only some documents are reported on; a whole-tree run parses
  // every document anyway.
  const cache = args.cache ? new FactsCache(root) : undefined;
  const indexOptions = { overlay: prepared?.overlay ?? new Map<string, string | null>(), onProgress: onProgress('parsing'), kernelPrefix, ...(cache ? { cache } : {}) };
  // A plain run lints each document while it is parsed and drops its tree (one tree in memory at a
  // time); patch and fix runs need the whole index first.
  const streaming = !prepared && !args.fix;
  const index = new ProjectIndex(root, await loadDefaultParser(), indexOptions);
  if (prepared) {
    // Patch mode keeps only the trees of the documents the patch touches; the others are parsed
    // again only if the patch changes how documents relate (what a warm facts cache does anyway).
    // Keeping every tree cost ~740 MB on the whole 6.12 tree.
    const touched = new Set(prepared.changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])));
    index.build(undefined, (p) => !touched.has(p));
  } else if (!streaming) index.build();
  const reportUnreadable = (): void => {
    cache?.save();
    if (process.env.KDOCS_VERBOSE && cache) process.stderr.write(`kdocs lint: facts cache ${cache.file}: ${cache.hits} hits, ${cache.misses} misses\n`);
    for (const [p, why] of index.unreadable) process.stderr.write(`kdocs lint: ${toPosix(nodePath.relative(cwd, index.abs(p)))}: cannot read: ${why}\n`);
  };
  if (!streaming) reportUnreadable();
  const documents = streaming ? index.listFiles() : index.documents();
  const known = new Set(documents);
  if (!documents.length && !index.unreadable.size) throw new UsageError(`no documents found: no .rst file under ${rootShown}`);

  // which documents
  let paths: string[] | undefined;
  if (args.paths.length) {
    paths = [];
    for (const p of args.paths) {
      const abs = nodePath.resolve(p);
      const rel = toPosix(nodePath.relative(root, abs));
      if (rel.startsWith('..') || nodePath.isAbsolute(rel)) throw new UsageError(`${p}: outside the root ${rootShown}`);
      if (statSync(abs).isDirectory()) {
        const prefix = rel === '' ? '' : rel + '/';
        const under = documents.filter((d) => d.startsWith(prefix));
        if (!under.length) throw new UsageError(`no documents found: no .rst file under ${p}`);
        paths.push(...under);
      } else {
        if (!known.has(rel)) throw new UsageError(`${p}: not an .rst document of the root`);
        paths.push(rel);
      }
    }
  }

  let files: FileReport[];
  let linesChecked = 0;
  let filesChecked: number;
  const changeByPath = new Map<string, Change>();
  if (prepared) {
    for (const c of prepared.changes) changeByPath.set(c.path, c);
    const findingsCache = (): FindingsCache => new FindingsCache(root, config, args.cache ? undefined : NO_CACHE_DIR);
    const res = lintChanges(index, config, prepared.changes, {
      ...(paths ? { paths } : {}),
      onProgress: onProgress('linting'),
      findingsCache,
      // the persistent cache holds the findings of the tree on disk: the base of a patch applied in
      // memory, the new side of one already applied
      saveAt: !args.cache ? 'never' : prepared.direction === 'forward' && args.patch !== undefined ? 'base' : 'after',
    });
    files = res.files;
    linesChecked = res.linesChecked;
    filesChecked = prepared.changes.filter((c) => c.status !== 'deleted' && c.path.endsWith('.rst') && (!paths || paths.includes(c.path))).length;
    say(`documents linted: ${res.lintedBefore} before the patch, ${res.linted} after it (${res.replayed} replayed from the findings cache)`);
  } else {
    // a document git does not track yet is new: rules that check only what a patch adds apply
    const changed = new Map<string, 'added'>();
    for (const p of untrackedDocuments(root) ?? []) changed.set(p, 'added');
    if (args.fix) {
      const res = fixIndex(index, config, { ...(paths ? { paths } : {}), onProgress: onProgress('linting'), changed });
      for (const p of res.notUtf8) process.stderr.write(`kdocs lint: ${toPosix(nodePath.relative(process.cwd(), index.abs(p)))}: not fixed: the file is not valid UTF-8\n`);
      // each file is replaced whole (temporary file + rename); Ctrl-C stops between files
      let interrupted = false;
      const onSigint = (): void => {
        interrupted = true;
      };
      process.on('SIGINT', onSigint);
      let outcome;
      try {
        outcome = await writeFixedFiles([...res.changed].map(([p, text]) => [index.abs(p), text] as const), () => interrupted);
      } catch (err) {
        progress.done();
        throw new UsageError(`cannot write a fixed file: ${(err as Error).message}`);
      } finally {
        process.off('SIGINT', onSigint);
      }
      if (outcome.interrupted) {
        progress.done();
        process.stderr.write(`kdocs lint: interrupted: ${outcome.written.length} of ${res.changed.size} fixed file(s) written, the others unchanged\n`);
        return 130;
      }
      if (res.changed.size) process.stderr.write(`kdocs lint: fixed ${res.applied} problem(s) in ${res.changed.size} file(s)\n`);
      files = res.run.files;
    } else {
      // documents whose facts came from the cache are parsed one at a time and released, unless
      // their findings are replayed from the findings cache
      const findingsCache = args.cache ? new FindingsCache(root, config) : undefined;
      files = lintBuild(index, config, { ...(paths ? { paths } : {}), onProgress: onProgress('linting'), release: true, changed, ...(findingsCache ? { findingsCache } : {}) }).files;
      findingsCache?.retainOnly(index.documents());
      findingsCache?.save();
      if (process.env.KDOCS_VERBOSE && findingsCache) process.stderr.write(`kdocs lint: findings cache ${findingsCache.file}: ${findingsCache.hits} hits, ${findingsCache.misses} misses\n`);
      reportUnreadable();
    }
    filesChecked = files.length;
  }
  progress.done();
  // (only the checkpatch format prints it: the other formats do not read every file's lines again)
  if (!prepared && args.format === 'checkpatch') for (const f of files) linesChecked += lineCount(index.readRel(f.path) ?? '');

  const lineCache = new Map<string, string[]>();
  const out = format(args.format, {
    files: files.filter((f) => f.findings.length),
    rules,
    verbose: args.verbose,
    terse: args.terse,
    displayPath: (p) => changeByPath.get(p)?.patchPath ?? (prepared ? index.kernelPathOf(p) : toPosix(nodePath.relative(cwd, index.abs(p)))),
    sourceLine: (p, line) => {
      let ls = lineCache.get(p);
      if (!ls) {
        ls = (index.readRel(p) ?? '').split(/\r\n|\r|\n/);
        lineCache.set(p, ls);
      }
      return ls[line - 1];
    },
    patchLine: (p, line) => changeByPath.get(p)?.patchLines.get(line),
    linesChecked,
    toolVersion: toolVersion(),
    root,
    srcRoot: 'file://' + encodeURI(toPosix(cwd).replace(/\/?$/, '/')),
    tally: { files: filesChecked, root: rootShown },
  });
  process.stdout.write(firstLine + out);
  const counts = countBySeverity(files);
  if (index.unreadable.size) return 2;
  // a bug in kdocs (a rule threw, the parser failed) is never a clean run, whatever the config says
  const internal = files.filter((f) => f.findings.some((x) => x.ruleId === INTERNAL_RULE)).length;
  if (internal) {
    process.stderr.write(`kdocs lint: internal error in ${internal} document(s): a bug in kdocs; the ${INTERNAL_RULE} findings say where\n`);
    return 2;
  }
  if (counts.error > 0) return 1;
  if (args.maxWarnings !== undefined && counts.warning > args.maxWarnings) {
    process.stderr.write(`kdocs lint: ${counts.warning} warnings (more than --max-warnings ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

/** A directory as the report shows it: relative to the current directory when inside it. */
function displayDir(dir: string, cwd: string): string {
  const rel = toPosix(nodePath.relative(cwd, dir));
  if (rel === '') return '.';
  return rel.startsWith('..') || nodePath.isAbsolute(rel) ? toPosix(dir) : rel;
}

/** `--no-cache`: the findings cache of a patch run still spares the second pass over the tree,
 *  in memory only (nothing is read from or written to this directory). */
const NO_CACHE_DIR = nodePath.join(nodePath.sep, 'nonexistent', 'kdocs-no-cache');

function CONFIG_IN_CWD(): string {
  return nodePath.resolve('kdocs.config.json');
}

/**
 * The configuration of a run over `root` (`kdocs lint`, `kdocs site`): `--config FILE`, else
 * kdocs.config.json in the root or above it, else in the current directory; and the root's place
 * in the kernel tree. Throws ConfigError naming the file.
 */
export function loadRunConfig(root: string, configArg: string | undefined, rules: Rule[], overrides: Record<string, Severity> = {}): { configPath: string | undefined; file: ConfigFile; config: ResolvedConfig; kernelPrefix: string } {
  const configPath = configArg ?? findConfig(root) ?? (existsSync(CONFIG_IN_CWD()) ? CONFIG_IN_CWD() : undefined);
  if (configArg !== undefined && !existsSync(configArg)) throw new ConfigError(`${configArg}: config file not found`, configArg);
  const file: ConfigFile = configPath ? loadConfigFile(configPath, rules) : {};
  const config = resolveConfig(rules, file, overrides, configPath);
  // the root is the kernel's Documentation/ whatever its directory is called, unless the config
  // says where it sits (`settings.kernelPath`, e.g. "Documentation/filesystems/")
  const kernelPath = config.settings.kernelPath;
  if (kernelPath !== undefined && (typeof kernelPath !== 'string' || !/^Documentation(?:\/|$)/.test(kernelPath))) {
    throw new ConfigError(`${configPath}: /settings/kernelPath: must be the root's path in the kernel tree, starting with Documentation/ (got ${JSON.stringify(kernelPath)})`, configPath);
  }
  return { configPath, file, config, kernelPrefix: kernelPrefixOf(root, kernelPath) };
}

function lineCount(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}
