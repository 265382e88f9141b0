/**
 * The per-document caches of the lint (a tree's shared facts, its contract regions, line tables,
 * Markdown blocks...) are WeakMaps keyed by the document or its tree. V8's scavenger keeps a
 * WeakMap's values alive while the map is: a whole-tree lint that drops each tree once its rules
 * ran still had the trees promoted to the old generation through these values (2026-12-05, whole
 * 6.12 lint without rules: 234 MB promoted, the index's own walk alone 64 MB). So the caches are
 * made here, and the lint engine forgets a document's entries when it drops its tree.
 */

const maps: WeakMap<object, unknown>[] = [];

/** A per-document cache (keyed by a ParsedDocument or its tree) that `forgetDocument` clears. */
export function docCache<V>(): WeakMap<object, V> {
  const m = new WeakMap<object, V>();
  maps.push(m as WeakMap<object, unknown>);
  return m;
}

/** Work counter: documents whose cache entries were dropped (a test counts them). */
export const forgotten = { count: 0 };

/** Drop every cache entry of a document and of its tree (it is not linted again as it is). */
export function forgetDocument(doc: { tree: object }): void {
  forgotten.count++;
  for (const m of maps) {
    m.delete(doc);
    m.delete(doc.tree);
  }
}
