/**
 * A small docs project on disk for the feature tests: three documents that refer to each other in
 * every way the features follow (a label, :ref:, :doc:, toctree entries, an include, automarkup
 * paths, a substitution, a footnote, a citation, a C code block), with non-ASCII titles so that
 * UTF-16 positions differ from code points.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ProjectIndex } from '../../../src/project/index.js';
import { indexHost, type FeatureHost } from '../../../src/lsp/features/host.js';

export const FILES: Record<string, string> = {
  'index.rst': `=====
Root
=====

Intro with Documentation/sub/b.rst and :ref:\`lab-b\` and :doc:\`sub/b\`.

.. toctree::
   :maxdepth: 1

   sub/b
   Other <sub/c>

.. include:: inc.txt
`,
  'sub/b.rst': `.. _lab-b:

Béta 😀 title
=============

First para of b 😀 with :ref:\`Label <lab-b>\` and |sub| and [#f1]_ and [CIT]_.

.. |sub| replace:: substituted

.. [#f1] note
.. [CIT] cite

Sub section
-----------

.. code-block:: c

   desc->start = 1;
   vma_desc_test_flags(desc);
`,
  'sub/c.rst': `Gamma
=====

See :ref:\`lab-b\`, :doc:\`b\` and ../index.rst or b.rst.

.. code-block:: Cw

   x
`,
  'inc.txt': `Included :ref:\`lab-b\` text.
`,
};

export interface Project {
  /** the docs root (`<tmp>/Documentation`) */
  dir: string;
  host: FeatureHost;
  index: ProjectIndex;
  /** offset of the n-th occurrence (0-based) of `needle` in a file, plus `delta` */
  at(path: string, needle: string, delta?: number, nth?: number): number;
  cleanup(): void;
}

export async function makeProject(files: Record<string, string> = FILES, profile = '7.1'): Promise<Project> {
  // a root called Documentation/, as in a kernel tree: `Documentation/...` paths map onto it
  const top = mkdtempSync(nodePath.join(tmpdir(), 'kdocs-nav-'));
  const dir = nodePath.join(top, 'Documentation');
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(dir, p)), { recursive: true });
    writeFileSync(nodePath.join(dir, p), t);
  }
  const index = await ProjectIndex.build(dir);
  const host = indexHost(index, profile);
  return {
    dir,
    host,
    index,
    at(path, needle, delta = 0, nth = 0) {
      const text = index.readRel(path)!;
      let i = -1;
      for (let k = 0; k <= nth; k++) {
        i = text.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`'${needle}' (#${nth}) not in ${path}`);
      }
      return i + delta;
    },
    cleanup: () => rmSync(top, { recursive: true, force: true }),
  };
}
