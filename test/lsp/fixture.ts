/** The small project the language server tests open: a toctree, labels and references between
 *  documents, and the three defects the editor tests look for (an unknown lexer `Cw`, a Markdown
 *  heading, a `:ref:` to a missing label). */
export const SPDX = '.. SPDX-License-Identifier: GPL-2.0\n\n';

export const FILES: Record<string, string> = {
  'index.rst': `${SPDX}=====\nIndex\n=====\n\n.. toctree::\n   :maxdepth: 1\n\n   intro\n   guide\n   other\n`,
  'intro.rst': `${SPDX}.. _intro-label:\n\nIntroduction\n============\n\nRead :ref:\`guide-label\` first.\n`,
  'guide.rst': `${SPDX}.. _guide-label:\n\nGuide\n=====\n\n.. code-block:: Cw\n\n   int x;\n\n## How To Use\n\nSee :ref:\`missing-label\`.\n`,
  'other.rst': `${SPDX}Other\n=====\n\nBack to :ref:\`intro-label\`.\n`,
};
