/**
 * The highlighting thread (code.ts, startHighlightThread): loads shiki at once, then answers
 * `{ id, lexer, code }` with `{ id, outcome }` (code.ts highlightOne), one block at a time in the
 * order asked (a grammar is loaded by the first block that needs it before the next is tokenized).
 *
 * Before the first block arrives (the documents are being parsed and linted meanwhile) it
 * highlights a little C and shell, the kernel documents' most common lexers: shiki compiles a
 * grammar's expressions as its tokenizer first meets them, which made the first pages' blocks
 * ≈ 0.45 s slower than later ones. What a block comes out as does not depend on what was
 * highlighted before it.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { highlightOne, preloadHighlighter, type HighlightThreadStats } from './code.js';
import { grammarDataStats } from './grammar-data.js';

/** This thread's CPU seconds (user + system; /proc/thread-self is the calling thread's). */
function threadCpu(): number {
  try {
    const f = readFileSync('/proc/thread-self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

const WARM_C = `#include <linux/mm.h>
/* a comment */
static int foo_mmap(struct file *file, struct vm_area_struct *vma)
{
\tunsigned long len = vma->vm_end - vma->vm_start; // why
\tif (!len || len > 0x1000UL)
\t\treturn -EINVAL;
\tpr_info("%s: %lu\\n", __func__, len);
\tfor (int i = 0; i < 4; i++)
\t\tlen += sizeof(*vma);
\treturn 0;
}
#define FOO(a) ((a) + 1)
enum e { A = 1, B };
typedef struct s { char c[4]; } s_t;
`;
const WARM_SH = `# a comment
$ echo "hello $USER" | grep -v x > /dev/null 2>&1
for f in *.rst; do cat "$f"; done
export A=1; if [ -f x ]; then make -j4 O=out; fi
`;

let queue: Promise<unknown> = preloadHighlighter()
  .then(() => highlightOne('c', WARM_C))
  .then(() => highlightOne('sh', WARM_SH))
  .catch(() => undefined);
parentPort!.on('message', (m: { id: number; lexer: string; code: string } | { stats: true }) => {
  queue = queue.then(async () => {
    if ('stats' in m) {
      // after every block asked before it
      const stats: HighlightThreadStats = { cpuSeconds: threadCpu(), grammarFiles: grammarDataStats.filesRead, expressionsFromData: grammarDataStats.fromData, expressionsConverted: grammarDataStats.converted };
      parentPort!.postMessage({ stats });
    } else parentPort!.postMessage({ id: m.id, outcome: await highlightOne(m.lexer, m.code) });
  });
});
