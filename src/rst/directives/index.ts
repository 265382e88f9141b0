/**
 * The directive registry: docutils 0.19's standard directives, Sphinx 5.3's and the kernel's.
 *
 * CONVENTION for the directives docutils does not know (Sphinx's, the C domain's — also
 * unqualified, since the kernel sets primary_domain = 'c' — and the kernel extensions'), chosen
 * so that the docutils oracle (scripts/oracle.py, which registers them as generic placeholders)
 * produces the same tree:
 *
 *   - invocation: 0 required + 1 optional argument with final whitespace (the whole argument
 *     text, internal newlines kept), any option (raw value; a flag gives ''), content allowed;
 *   - node: `type` = the directive name lower-cased (`toctree`, `code-block`, `kernel-doc`,
 *     `c:function`, `flat-table`, ...), `attributes: { name: <as written>, arguments: string[],
 *     options: {name: rawValue} }`, docutils line = the directive's line;
 *   - children:
 *       VERBATIM names (code, code-block, sourcecode, highlight, math, toctree, kernel-doc,
 *       kernel-render, kernel-include, kernel-feat, kernel-abi, maintainers-include,
 *       literalinclude, tabularcolumns, index, c:namespace*, c:alias, ...; see sphinx.ts):
 *       one text child = the content lines joined with '\n' (none without content);
 *       `only`: nested-parsed with titles allowed like Sphinx's Only (ParseOptions.sphinxOnly);
 *       `ifconfig` and object descriptions (c:function, c:macro, c:struct, ..., function,
 *       macro, ...): nested-parsed with titles allowed and fresh title styles
 *       (ParseOptions.freshTitleStyles);
 *       everything else (seealso, glossary, flat-table, kernel-figure, kernel-image, cssclass,
 *       rst-class, hlist, versionadded/changed, deprecated, ...):
 *       the content nested-parsed into the node.
 *   - capitalised spellings (`Note`, `WARNING`) are the same directives: names are
 *     case-insensitive; docutils' admonitions give docutils' `note`, `warning`, ... nodes.
 *   - `code`, `code-block`, `sourcecode` and `math` are placeholders too (Sphinx overrides
 *     docutils' `code` and `math`), as is `default-role`.
 *
 * Extra attributes for the linter (not compared with the oracle, see doctree-json.ts):
 *   - toctree: `entries: ToctreeEntry[]` ({kind: doc|url|self|glob, title?, target, docname?,
 *     position, targetPosition}), `glob`, `hidden`, `includehidden`, `titlesonly`, `reversed`,
 *     `maxdepth` (-1 = none), `numbered` (0 = no; 999 = unlimited), `caption?`, `includeSelf`;
 *   - code, code-block, sourcecode, highlight, literalinclude: `language` (as written, trimmed)
 *     and `languagePosition` (exact range of the language word, when it is an argument).
 *   - flat-table: `data.table` = the table the kernel's rstFlatTable builds (cspan/rspan,
 *     auto-span or :fill-cells:, header rows, stubs, widths) or `data.tableError` (flattable.ts).
 *
 * docutils' own directives build docutils' nodes (see docutils.ts and tables.ts); their
 * `pending` nodes (contents, sectnum, class) carry `data.transform` and `data.details` for the
 * transforms. `include` reads through `ctx.readFile`, clips (start/end-line, start-after,
 * end-before), keeps docutils' include_log (circular inclusion warning), and splices the lines
 * in with `ctx.insertInput` (lines keep their file's Source); `<isonum.txt>` is bundled
 * (isonum.ts), other `<...>` standard sets are accepted silently. `defaultRegistry({sphinx:
 * false})` is plain docutils: no placeholders, docutils' own `code` (no Pygments tokens) and
 * `math`. Roles: P2's `registerRoles` (docutils' roles and every Sphinx/kernel placeholder);
 * `cspan`/`rspan` are added here if that set lacks them.
 */
import { Registry } from '../registry.js';
import { registerRoles } from '../roles/index.js';
import { registerDocutilsDirectives, registerPlainDocutilsDirectives } from './docutils.js';
import { registerSphinxDirectives } from './sphinx.js';

export { placeholderDirectiveNames, VERBATIM, WITH_TITLES, type ToctreeEntry } from './sphinx.js';

export interface RegistryOptions {
  /** Register Sphinx's and the kernel's directives (default true). false = plain docutils. */
  sphinx?: boolean;
}

export function defaultRegistry(options: RegistryOptions = {}): Registry {
  const registry = new Registry();
  registerRoles(registry, { sphinx: options.sphinx !== false });
  registerDocutilsDirectives(registry);
  if (options.sphinx !== false) registerSphinxDirectives(registry);
  else registerPlainDocutilsDirectives(registry);
  return registry;
}
