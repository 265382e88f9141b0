/**
 * A worker thread that parses a share of the documents of a cold index build and sends back their
 * facts (the trees stay here and are dropped): on a machine with a second core the language
 * server's first build, hence an opened document's first diagnostics, takes about half as long.
 *
 * The share is not fixed in advance: the server thread takes documents from the front of the list
 * and this thread from the back, each claiming a document in `claims` (one Int32 per document,
 * 0 = free) with a compare-and-swap before parsing it. When one side finds a document claimed,
 * the other side has everything beyond it, so the two parts are a prefix and a suffix of the list
 * and both threads stay busy until they meet, however fast each one runs (the server thread also
 * answers the editor, and on a shared machine either may get less of a core).
 *
 *   in:  workerData { root, files, kernelPrefix, kernelTree, claims }
 *   out: { started: true } once the parser is loaded (before the first claim), then
 *        { facts: [path, CollectedFacts][] } once (the facts with the hashes of the texts they
 *        were read from, so that the server thread need not read and hash those files), and the
 *        thread ends
 */
import { parentPort, workerData } from 'node:worker_threads';
import { keyHash, loadDefaultParser, ProjectIndex, type CollectedFacts } from '../project/index.js';

export interface BuildWorkerData {
  root: string;
  files: string[];
  kernelPrefix: string | undefined;
  kernelTree: string | null;
  /** One Int32 per file over a SharedArrayBuffer: 0 free, 1 taken by the server thread, 2 by
   *  this one. */
  claims: Int32Array;
}

/** Documents claimed (and parsed) at a time; small, so that the server thread waits for at most
 *  this many when it reaches the documents this thread took. */
const BATCH = 16;

/** Claim `i` for side `who` (1 server, 2 worker): true when it was free. */
export function claim(claims: Int32Array, i: number, who: 1 | 2): boolean {
  return Atomics.compareExchange(claims, i, 0, who) === 0;
}

async function main(): Promise<void> {
  const data = workerData as BuildWorkerData;
  const index = new ProjectIndex(data.root, await loadDefaultParser(), { kernelPrefix: data.kernelPrefix, kernelTree: data.kernelTree });
  parentPort!.postMessage({ started: true });
  const mine: string[] = [];
  let next = data.files.length - 1;
  for (;;) {
    const batch: string[] = [];
    while (batch.length < BATCH && next >= 0 && claim(data.claims, next, 2)) batch.push(data.files[next--]!);
    if (batch.length) index.build(batch, () => true);
    mine.push(...batch);
    if (batch.length < BATCH) break;
  }
  const hashes = new Map<string, string>();
  const hashOf = (p: string): string => {
    let h = hashes.get(p);
    if (h === undefined) hashes.set(p, (h = keyHash(index.readRel(p))));
    return h;
  };
  const facts: [string, CollectedFacts][] = [];
  for (const p of mine) {
    const f = index.getFacts(p);
    if (!f) continue;
    const deps: [string, string][] = [];
    for (const inc of f.includes) if (inc.path !== null) deps.push([inc.path, hashOf(inc.path)]);
    facts.push([p, { facts: f, hash: hashOf(p), deps }]);
  }
  parentPort!.postMessage({ facts });
}

if (parentPort && workerData) {
  main().catch((err: unknown) => {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  });
}
