/**
 * Small TextMate grammars for the two lexers of the kernel tree that shiki does not ship:
 * Kconfig (Pygments `kconfig`) and devicetree source (Pygments `dts`). Written for the
 * constructs the kernel's documentation shows (Kconfig entries, devicetree nodes and
 * properties); every regex is anchored on a fixed token or a bounded character class, so
 * matching stays linear per line.
 */
import type { LanguageRegistration } from 'shiki';

export const kconfigGrammar: LanguageRegistration = {
  name: 'kconfig',
  scopeName: 'source.kconfig',
  displayName: 'Kconfig',
  patterns: [
    { include: '#comment' },
    { include: '#help' },
    {
      match: '^\\s*(menuconfig|config|choice|endchoice|menu|endmenu|if|endif|source|mainmenu|comment)\\b',
      captures: { 1: { name: 'keyword.control.kconfig' } },
    },
    {
      match: '^\\s*(bool|tristate|string|hex|int|def_bool|def_tristate|prompt|default|depends\\s+on|select|imply|visible\\s+if|range|option|modules|transitional)\\b',
      captures: { 1: { name: 'storage.type.kconfig' } },
    },
    { include: '#string' },
    { match: '\\b(y|n|m)\\b', name: 'constant.language.kconfig' },
    { match: '\\b(0x[0-9A-Fa-f]+|[0-9]+)\\b', name: 'constant.numeric.kconfig' },
    { match: '(&&|\\|\\||!=|=|!|<=|>=|<|>)', name: 'keyword.operator.kconfig' },
    { match: '\\b[A-Z][A-Z0-9_]*\\b', name: 'variable.other.constant.kconfig' },
  ],
  repository: {
    comment: { match: '#.*$', name: 'comment.line.number-sign.kconfig' },
    string: {
      begin: '"',
      end: '"',
      name: 'string.quoted.double.kconfig',
      patterns: [{ match: '\\\\.', name: 'constant.character.escape.kconfig' }],
    },
    help: {
      // `help` / `---help---`: the indented text under it is prose, not code
      begin: '^(\\s*)(help|---help---)\\s*$',
      beginCaptures: { 2: { name: 'keyword.other.help.kconfig' } },
      end: '^(?!\\1\\s+\\S|\\s*$)',
      contentName: 'comment.block.documentation.kconfig',
    },
  },
};

export const dtsGrammar: LanguageRegistration = {
  name: 'dts',
  scopeName: 'source.dts',
  displayName: 'Devicetree',
  aliases: ['devicetree', 'dtsi'],
  patterns: [
    { include: '#comments' },
    { match: '^\\s*(/dts-v1/|/plugin/|/delete-node/|/delete-property/|/memreserve/|/include/)', name: 'keyword.control.directive.dts' },
    { match: '^\\s*(#(?:include|define|undef|if|ifdef|ifndef|else|elif|endif))\\b', captures: { 1: { name: 'keyword.control.directive.dts' } } },
    { match: '&[A-Za-z_][\\w]*', name: 'variable.other.reference.dts' },
    { match: '\\b([A-Za-z_][\\w]*)(:)', captures: { 1: { name: 'entity.name.label.dts' }, 2: { name: 'punctuation.separator.dts' } } },
    { match: '([A-Za-z_][\\w,.+\\-]*)(@[0-9A-Fa-f,]+)?(?=\\s*\\{)', captures: { 1: { name: 'entity.name.tag.dts' }, 2: { name: 'constant.numeric.address.dts' } } },
    { match: '(/)(?=\\s*\\{)', name: 'entity.name.tag.dts' },
    { match: '([#A-Za-z_][\\w,.+\\-#?]*)(?=\\s*[=;])', name: 'support.type.property-name.dts' },
    { include: '#strings' },
    { begin: '<', end: '>', name: 'meta.cells.dts', patterns: [{ include: '#comments' }, { match: '&[A-Za-z_][\\w]*', name: 'variable.other.reference.dts' }, { match: '\\b(0x[0-9A-Fa-f]+|[0-9]+)\\b', name: 'constant.numeric.dts' }, { match: '\\b[A-Z_][A-Z0-9_]*\\b', name: 'variable.other.constant.dts' }] },
    { begin: '\\[', end: '\\]', name: 'meta.bytes.dts', patterns: [{ match: '[0-9A-Fa-f]{2}', name: 'constant.numeric.dts' }] },
    { match: '\\b(0x[0-9A-Fa-f]+|[0-9]+)\\b', name: 'constant.numeric.dts' },
  ],
  repository: {
    comments: {
      patterns: [
        { begin: '/\\*', end: '\\*/', name: 'comment.block.dts' },
        { match: '//.*$', name: 'comment.line.double-slash.dts' },
      ],
    },
    strings: {
      begin: '"',
      end: '"',
      name: 'string.quoted.double.dts',
      patterns: [{ match: '\\\\.', name: 'constant.character.escape.dts' }],
    },
  },
};

export const CUSTOM_GRAMMARS: Readonly<Record<string, LanguageRegistration>> = {
  kconfig: kconfigGrammar,
  dts: dtsGrammar,
};
