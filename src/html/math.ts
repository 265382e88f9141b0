/**
 * Math rendered at build time with KaTeX (no script in the page): `:math:` inline and the
 * `math` directive as display math. Sphinx's HTML keeps the TeX for MathJax in
 * `<span class="math notranslate nohighlight">`; the wrapper and its classes stay the same.
 * A formula KaTeX cannot parse shows its source and warns.
 */
import { createRequire } from 'node:module';
import type { RstNode } from '../rst/nodes.js';
import type { Renderer } from './render.js';

type Katex = { renderToString(tex: string, options: Record<string, unknown>): string };
let katex: Katex | null | undefined;

function loadKatex(): Katex | null {
  if (katex === undefined) {
    try {
      katex = createRequire(import.meta.url)('katex') as Katex;
    } catch {
      katex = null;
    }
  }
  return katex;
}

const cache = new Map<string, string>();

export function renderMath(r: Renderer, tex: string, display: boolean, node: RstNode): void {
  const k = r.options.math ? loadKatex() : null;
  if (!k) {
    r.text(display ? `\\[${tex}\\]` : `\\(${tex}\\)`);
    return;
  }
  const key = (display ? 'D' : 'I') + tex;
  let html = cache.get(key);
  if (html === undefined) {
    try {
      html = k.renderToString(tex, { displayMode: display, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore', trust: false });
    } catch (e) {
      r.warn('html-math', `KaTeX cannot render the formula: ${(e as Error).message.split('\n')[0]}`, node);
      r.text(display ? `\\[${tex}\\]` : `\\(${tex}\\)`);
      return;
    }
    cache.set(key, html);
  }
  r.write(html);
}
