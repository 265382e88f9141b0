/**
 * Sphinx's ids: `_make_id` (docutils' make_id that keeps capitals, dots and underscores) for
 * glossary terms (`term-<text>`), options and environment variables.
 */

/** Sphinx's sphinx.util.nodes._make_id. */
export function sphinxMakeId(s: string): string {
  // decompose accents and drop what is not ASCII (NFKD + ascii/ignore)
  let id = s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  id = id.split(/\s+/).filter(Boolean).join(' ');
  id = id.replace(/[^a-zA-Z0-9._]+/g, '-');
  id = id.replace(/^[-0-9._]+|-+$/g, '');
  return id;
}

/** The id of a glossary term (Sphinx 5.3: make_id(env, document, 'term', text)). */
export function termId(text: string): string {
  const id = sphinxMakeId('term-' + text);
  return id === 'term' || !id ? 'term-0' : id;
}

/**
 * A section's ids as Sphinx writes them: its SortIds transform moves a first id starting with
 * "id" (an auto id such as `id1`, given when a label's id took the title's) behind the others.
 */
export function sectionIdsOf(ids: readonly string[]): readonly string[] {
  if (ids.length > 1 && ids[0]!.startsWith('id')) return [...ids.slice(1), ids[0]!];
  return ids;
}
