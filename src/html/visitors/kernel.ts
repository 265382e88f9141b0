/**
 * Figures and the kernel's own directives:
 * - docutils' figure / caption / legend (Sphinx 5.3: <figure>, <figcaption>, a permalink on
 *   the caption of a figure with an id);
 * - kernel-figure / kernel-image (images; a `.dot` source drawn with Graphviz when `dot` is
 *   installed) and kernel-render (DOT drawn the same way; otherwise the source is shown);
 * - kernel-doc, kernel-abi, kernel-feat, maintainers-include, which need a kernel source tree
 *   (scripts/kernel-doc, Documentation/ABI, Documentation/features, MAINTAINERS): a box naming
 *   what would be included; kernel-include: the file when it lies in the docs root and is
 *   `:literal:`, else such a box.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { textHash, writeCacheFile } from '../../project/cache.js';
import type { RstNode } from '../../rst/nodes.js';
import { toText } from '../../rst/nodes.js';
import { escapeAttr, escapeText } from '../escape.js';
import type { Renderer } from '../render.js';
import { register, registerDirective } from '../visitor.js';
import { writeCode } from '../code.js';
import { readInsideRoot } from './sphinx.js';

const args = (n: RstNode): string[] => (n.attributes?.arguments as string[] | undefined) ?? [];
const opts = (n: RstNode): Record<string, string> => (n.attributes?.options as Record<string, string> | undefined) ?? {};

// ------------------------------------------------------------------------------ figures

function writeFigure(r: Renderer, n: RstNode, image: () => void, caption: RstNode | undefined, captionText: string | undefined, rest: RstNode[], original: RstNode = n): void {
  const a = n.attributes ?? {};
  const align = (a.align as string | undefined) ?? 'default';
  const figwidth = a.width as string | undefined;
  const all = r.enumerableIds_(original);
  const id = all[0];
  const withId: RstNode = all.length ? { ...n, attributes: { ...a, ids: all } } : n;
  r.starttag(withId, 'figure', [`align-${align}`], figwidth ? { style: `width: ${figwidth}` } : {});
  r.write('\n');
  image();
  if (caption || captionText !== undefined || rest.length) {
    r.write('<figcaption>\n');
    if (caption || captionText !== undefined) {
      r.write('<p><span class="caption-text">');
      if (caption) {
        r.parents.push(caption);
        r.children(caption);
        r.parents.pop();
      } else r.inlineText(captionText!, n);
      r.write('</span>');
      if (id && !r.plain) r.write(`<a class="headerlink" href="#${escapeAttr(r.mapId(id))}" title="Permalink to this image">¶</a>`);
      r.write('</p>\n');
    }
    for (const c of rest) r.visit(c);
    r.write('</figcaption>\n');
  }
  r.write('</figure>\n');
}

register('figure', (r, n) => {
  const kids = n.children ?? [];
  const caption = kids.find((c) => c.type === 'caption');
  const rest = kids.filter((c) => c.type !== 'caption' && c.type !== 'image' && !(c.type === 'reference' && c.children?.[0]?.type === 'image'));
  const img = kids.filter((c) => c.type === 'image' || (c.type === 'reference' && c.children?.[0]?.type === 'image'));
  writeFigure(r, n, () => img.forEach((c) => r.visit(c)), caption, undefined, rest);
});

register('caption', (r, n) => {
  r.write('<p class="caption"><span class="caption-text">');
  r.children(n);
  r.write('</span></p>\n');
});

register('legend', (r, n) => {
  r.write('<div class="legend">\n');
  r.children(n);
  r.write('</div>\n');
});

// ------------------------------------------------------------------------------ Graphviz

let dotAvailable: boolean | undefined;
const svgCache = new Map<string, string | null>();
/** Counters the tests read. */
export const graphvizStats = { runs: 0 };

/** `dot -V`'s exit status and banner, asked once per process (and only when a drawing is
 *  wanted: starting dot(1) and its plugins took 60–200 ms of a build that draws nothing). */
let dotVersionMemo: string | undefined;
function dotVersion(): string {
  if (dotVersionMemo === undefined) {
    try {
      const res = spawnSync('dot', ['-V'], { encoding: 'utf8' });
      dotVersionMemo = `${res.status}:${res.stderr}`;
      dotAvailable = res.status === 0;
    } catch {
      dotVersionMemo = '?';
      dotAvailable = false;
    }
  }
  return dotVersionMemo;
}

export function hasDot(): boolean {
  if (dotAvailable === undefined) dotVersion();
  return dotAvailable!;
}

/** Keep what a drawing needs; drop links and scripting an input could smuggle into the SVG. */
function sanitizeSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) return '';
  let s = svg.slice(start);
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<\/?a\b[^>]*>/g, '');
  s = s.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  s = s.replace(/\s(on[a-z]+|xlink:href|href)="[^"]*"/gi, '');
  // ids of the drawing would clash between figures and with the page's
  s = s.replace(/\sid="[^"]*"/g, '');
  return s;
}

/** Drawings of earlier runs (a cache file, as the highlighted code's): running dot(1) on the
 *  whole 6.12 tree's graphs took 1.7 s of every site build. */
let storedSvg: { file: string; map: Map<string, string | null>; added: number } | undefined;

/** dot's version and this module: what the cached drawings depend on. */
export function graphvizStamp(): string {
  const version = dotVersion();
  let own = '';
  try {
    own = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  } catch {
    own = '?';
  }
  return textHash(version + '\u0000' + own).slice(0, 12);
}

/** The cache file a build will use once it draws something: `(stamp) => file`. The file's name
 *  holds dot's version, which is asked only then (see dotVersion). */
let pendingCache: ((stamp: string) => string) | undefined;

/** Use the drawings cached in the file `fileOf(graphvizStamp())` when the first drawing is
 *  needed (nothing is read, nor dot started, for a build with no drawing). */
export function openGraphvizCacheLazily(fileOf: (stamp: string) => string): void {
  pendingCache = fileOf;
}

/** Use (and later write) the drawings cached in `file`. */
export function openGraphvizCache(file: string): void {
  pendingCache = undefined;
  if (storedSvg?.file === file) return;
  let map = new Map<string, string | null>();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as [string, string | null][];
    if (Array.isArray(data)) map = new Map(data);
  } catch {
    /* no cache yet, or an unreadable one */
  }
  storedSvg = { file, map, added: 0 };
}

/** Write the cache file if drawings were added since it was read; stop using it. */
export function closeGraphvizCache(): void {
  pendingCache = undefined;
  if (storedSvg?.added) writeCacheFile(storedSvg.file, [...storedSvg.map]);
  storedSvg = undefined;
}

function dotToSvg(source: string): string | null {
  if (pendingCache && hasDot()) openGraphvizCache(pendingCache(graphvizStamp()));
  let hit = svgCache.get(source) ?? storedSvg?.map.get(source);
  if (hit !== undefined) return hit;
  graphvizStats.runs++;
  const res = spawnSync('dot', ['-Tsvg'], { input: source, encoding: 'utf8', timeout: 20000, maxBuffer: 32 * 1024 * 1024 });
  hit = res.status === 0 && res.stdout ? sanitizeSvg(res.stdout) : null;
  svgCache.set(source, hit);
  if (storedSvg) {
    storedSvg.map.set(source, hit);
    storedSvg.added++;
  }
  return hit;
}

function writeDot(r: Renderer, n: RstNode, source: string): void {
  const svg = r.options.graphviz && hasDot() ? dotToSvg(source) : null;
  if (svg) {
    r.write(`<div class="kernel-render graphviz">${svg}</div>\n`);
    return;
  }
  if (r.options.graphviz && !hasDot()) r.warn('html-graphviz', 'dot(1) not found: the DOT source is shown instead of the drawing', n);
  else if (r.options.graphviz) r.warn('html-graphviz', 'dot(1) failed on this graph: the source is shown', n);
  writeCode(r, n, 'none', source);
}

registerDirective(['kernel-figure', 'kernel-image'], (r, n) => {
  const file = (args(n)[0] ?? '').trim();
  const o = opts(n);
  const image = (): void => {
    if (file.endsWith('.dot')) {
      const got = readInsideRoot(r, file);
      if (!got) {
        r.warn('html-image-missing', `cannot read '${file}' inside the docs root`, n);
        r.errorBox(`${n.type}: cannot read ${file}`, n);
      } else writeDot(r, n, got.text);
      return;
    }
    const attrs: RstNode = { type: 'image', attributes: { uri: file, alt: o.alt ?? file, ...(o.width ? { width: o.width } : {}), ...(o.height ? { height: o.height } : {}), ...(n.type === 'kernel-image' && o.align ? { align: o.align } : {}) } };
    if (n.position) attrs.position = n.position;
    r.visit(attrs);
  };
  if (n.type === 'kernel-image') {
    image();
    return;
  }
  const kids = n.children ?? [];
  const [first, ...rest] = kids;
  const caption = first?.type === 'paragraph' ? { ...first, type: 'caption' } : undefined;
  const fig: RstNode = { ...n, attributes: { ...n.attributes, ...(o.align ? { align: o.align } : {}), ...(o.figwidth ? { width: o.figwidth } : {}) } };
  writeFigure(r, fig, image, caption, undefined, caption ? rest : kids, n);
});

registerDirective('kernel-render', (r, n) => {
  const lang = (args(n)[0] ?? '').trim().toUpperCase();
  const source = toText(n);
  const o = opts(n);
  const body = (): void => {
    if (lang === 'DOT') writeDot(r, n, source);
    else if (lang === 'SVG') {
      const svg = sanitizeSvg(source);
      if (svg) r.write(`<div class="kernel-render">${svg}</div>\n`);
      else writeCode(r, n, 'xml', source);
    } else {
      r.warn('html-kernel-render', `kernel-render: unknown language '${lang}'`, n);
      writeCode(r, n, 'none', source);
    }
  };
  if (o.caption !== undefined) writeFigure(r, n, body, undefined, o.caption, []);
  else body();
});

// ------------------------------------------------------------------------------ boxes

function placeholderBox(r: Renderer, n: RstNode, what: string, detail: () => void): void {
  r.write(`<div class="admonition kdocs-placeholder ${escapeAttr(n.type)}" role="note">\n<p class="admonition-title">`);
  r.text(what);
  r.write('</p>\n<p>');
  detail();
  r.write('</p>\n</div>\n');
}

const code = (r: Renderer, s: string): void => {
  r.write('<code class="docutils literal notranslate">');
  r.text(s);
  r.write('</code>');
};

registerDirective('kernel-doc', (r, n) => {
  const file = (args(n)[0] ?? '').trim();
  const o = opts(n);
  placeholderBox(r, n, 'kernel-doc', () => {
    r.text('The kernel-doc comments of ');
    code(r, file || '(no file)');
    const what: string[] = [];
    for (const k of ['doc', 'export', 'internal', 'identifiers', 'no-identifiers', 'functions']) {
      if (k in o) what.push(o[k] ? `${k}: ${o[k]!.trim().replace(/\s+/g, ' ')}` : k);
    }
    if (what.length) r.text(` (${what.join('; ')})`);
    r.text(' are included here when the documentation is built from a kernel source tree.');
  });
});

registerDirective('kernel-abi', (r, n) => {
  placeholderBox(r, n, 'kernel-abi', () => {
    r.text('The ABI descriptions of ');
    code(r, 'Documentation/' + (args(n)[0] ?? '').trim());
    r.text(' (scripts/get_abi.pl) are included here in a kernel source tree build.');
  });
});

registerDirective('kernel-feat', (r, n) => {
  const [dir, arch] = (args(n)[0] ?? '').trim().split(/\s+/);
  placeholderBox(r, n, 'kernel-feat', () => {
    r.text('The feature matrix of ');
    code(r, 'Documentation/' + (dir ?? ''));
    if (arch) r.text(` for ${arch}`);
    r.text(' (scripts/get_feat.pl) is included here in a kernel source tree build.');
  });
});

registerDirective('maintainers-include', (r, n) => {
  placeholderBox(r, n, 'maintainers-include', () => {
    r.text('The MAINTAINERS file of the kernel source tree, as a list of subsystems and their maintainers, is included here in a kernel source tree build.');
  });
});

registerDirective('kernel-include', (r, n) => {
  const target = (args(n)[0] ?? '').trim();
  const o = opts(n);
  const expanded = target.replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string | undefined, b: string | undefined) => process.env[a ?? b ?? ''] ?? m);
  if ('literal' in o || 'code' in o) {
    const got = !expanded.includes('$') ? readInsideRoot(r, expanded) : undefined;
    if (got) {
      writeCode(r, n, o.code || 'none', got.text.replace(/\n$/, ''));
      return;
    }
  }
  placeholderBox(r, n, 'kernel-include', () => {
    r.text('The file ');
    code(r, target);
    r.text(' is included here in a kernel source tree build');
    if (expanded.includes('$')) r.text(' (it names a build-time variable)');
    r.text('.');
  });
});

export function kernelFileName(p: string): string {
  return escapeText(nodePath.basename(p));
}
