/**
 * A worker thread that parses a share of the documents of a cold index build and sends back their
 * facts (the trees stay here and are dropped): on a machine with a second core the language
 * server's first build, hence an opened document's first diagnostics, takes about half as long.
 *
 *   in:  workerData { root, files, kernelPrefix, kernelTree }
 *   out: { facts: [path, DocumentFacts][] } once, then the thread ends
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDefaultParser, ProjectIndex, type DocumentFacts } from '../project/index.js';

export interface BuildWorkerData {
  root: string;
  files: string[];
  kernelPrefix: string | undefined;
  kernelTree: string | null;
}

async function main(): Promise<void> {
  const data = workerData as BuildWorkerData;
  const index = new ProjectIndex(data.root, await loadDefaultParser(), { kernelPrefix: data.kernelPrefix, kernelTree: data.kernelTree });
  index.build(data.files, () => true);
  const facts: [string, DocumentFacts][] = [];
  for (const p of data.files) {
    const f = index.getFacts(p);
    if (f) facts.push([p, f]);
  }
  parentPort!.postMessage({ facts });
}

main().catch((err: unknown) => {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
});
