#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build`.
// V8 tuned for one pass over many documents first (see src/cli/v8-flags.ts), then the CLI.
import('../dist/src/cli/v8-flags.js')
  .then((f) => f.tuneV8ForOneShotRun())
  .then(() => import('../dist/src/cli/main.js'))
  .then((m) => m.main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code ?? 0; },
  (err) => { process.stderr.write(`kdocs: internal error: ${err && err.stack || err}\n`); process.exitCode = 2; },
);
