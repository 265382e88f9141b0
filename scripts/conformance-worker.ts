/**
 * Worker thread for scripts/conformance.ts: parses one file per message with our parser and posts
 * back the canonical JSON record, so the main thread can time each file out (a hang) and replace
 * the worker.
 */
import { parentPort } from 'node:worker_threads';
import { doctreeRecord } from '../src/cli/doctree.js';
import { canonicalJson } from '../src/rst/doctree-json.js';

parentPort?.on('message', (msg: { file: string; root: string }) => {
  const t0 = performance.now();
  const rec = doctreeRecord(msg.file, msg.root);
  const ms = performance.now() - t0;
  parentPort!.postMessage({ file: msg.file, json: canonicalJson(rec), ms });
});

// tell the main thread the modules are loaded (its per-file timeout starts after this)
parentPort?.postMessage({ ready: true });
