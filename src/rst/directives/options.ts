/**
 * docutils' directive option converters (docutils.parsers.rst.directives), with docutils' error
 * texts. A converter returns the converted value or throws `OptionError` whose message is what
 * docutils prints after "invalid option value: (option: ...; value: ...)" — i.e. Python's
 * `' '.join(error.args)`, including Python's own texts for `int()` failures.
 */
import { OptionError, type OptionConverter } from '../registry.js';
import { makeId, splitWhitespace } from '../document.js';
import { isPySpace } from '../source.js';

/** Python `repr()` of a str (what `%r` and int()'s error message show). */
export function pyRepr(s: string): string {
  const useDouble = s.includes("'") && !s.includes('"');
  const q = useDouble ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c <= 0xa0) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xad) out += '\\xad';
    else out += ch;
  }
  return out + q;
}

function isPyWs(c: string): boolean {
  return isPySpace(c.charCodeAt(0));
}

function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWs(s[a]!)) a++;
  while (b > a && isPyWs(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** Python's `str.split()` without arguments. */
export const pySplit = splitWhitespace;

/** Python `int(x)` for a str: optional sign, digits with single underscores, surrounding whitespace. */
export function pyInt(value: string | null): number {
  if (value === null) throw new OptionError("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
  const s = pyStrip(value);
  if (/^[+-]?\d+(_\d+)*$/.test(s)) {
    // Python accepts Unicode decimal digits too; ASCII covers the practical cases
    return Number.parseInt(s.replace(/_/g, ''), 10);
  }
  throw new OptionError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
}

export const flag: OptionConverter = (v) => {
  if (v && pyStrip(v)) throw new OptionError(`no argument is allowed; "${v}" supplied`);
  return null;
};

export const unchangedRequired: OptionConverter = (v) => {
  if (v === null) throw new OptionError('argument required but none supplied');
  return v;
};

export const unchanged: OptionConverter = (v) => (v === null ? '' : v);

/** Python str.splitlines() */
export function pySplitlines(s: string): string[] {
  const out = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

export const path: OptionConverter = (v) => {
  if (v === null) throw new OptionError('argument required but none supplied');
  return pySplitlines(v)
    .map((s) => pyStrip(s))
    .join('');
};

/** docutils `uri`: unescaped whitespace removed (backslash-escaped spaces kept as spaces). */
export const uri: OptionConverter = (v) => {
  if (v === null) throw new OptionError('argument required but none supplied');
  return uriValue(v);
};

export function uriValue(v: string): string {
  // split at backslash-escaped whitespace; drop whitespace in each part; remove backslashes
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    if (ch === '\\' && i + 1 < v.length) {
      const next = v[i + 1]!;
      if (next === ' ' || next === '\n') {
        parts.push(cur);
        cur = '';
        i++;
        continue;
      }
      cur += next;
      i++;
      continue;
    }
    if (ch === '\\') continue;
    cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => pySplit(p).join('')).join(' ');
}

export const nonnegativeInt: OptionConverter = (v) => {
  const n = pyInt(v);
  if (n < 0) throw new OptionError('negative value; must be positive or zero');
  return n;
};

export const percentage: OptionConverter = (v) => {
  let s = v;
  if (s !== null) s = s.replace(/[ %]+$/, '');
  return nonnegativeInt(s);
};

export const LENGTH_UNITS = ['em', 'ex', 'px', 'in', 'cm', 'mm', 'pt', 'pc'];

function getMeasure(argument: string | null, units: string[]): string {
  const fail = (): never => {
    throw new OptionError(
      'not a positive measure of one of the following units:\n' + units.map((u) => `"${u}"`).join(' '),
    );
  };
  if (argument === null) throw new OptionError("expected string or bytes-like object");
  const m = /^([0-9.]+) *([a-z%]*)$/.exec(argument);
  if (!m || !units.includes(m[2]!)) return fail();
  const num = m[1]!;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) fail();
  return num + m[2]!;
}

export const lengthOrUnitless: OptionConverter = (v) => getMeasure(v, [...LENGTH_UNITS, '']);

export function lengthOrPercentageOrUnitlessDefault(v: string | null, dflt = ''): string {
  try {
    return getMeasure(v, [...LENGTH_UNITS, '%']);
  } catch {
    try {
      return getMeasure(v, ['']) + dflt;
    } catch {
      return getMeasure(v, [...LENGTH_UNITS, '%']);
    }
  }
}

export const lengthOrPercentageOrUnitless: OptionConverter = (v) => lengthOrPercentageOrUnitlessDefault(v);

export const classOption: OptionConverter = (v) => {
  if (v === null) throw new OptionError('argument required but none supplied');
  const out: string[] = [];
  for (const name of pySplit(v)) {
    const cls = makeId(name);
    if (!cls) throw new OptionError(`cannot make "${name}" into a class name`);
    out.push(cls);
  }
  return out;
};

export function unicodeCode(code: string): string {
  if (/^\d+$/.test(code)) return codePoint(Number.parseInt(code, 10));
  const m = /^(?:0x|x|\\x|U\+?|\\u)([0-9a-f]+)$|^&#x([0-9a-f]+);$/i.exec(code);
  if (m) return codePoint(Number.parseInt(m[1] ?? m[2]!, 16));
  return code;
}

function codePoint(n: number): string {
  if (!(n <= 0x10ffff)) throw new OptionError(`code too large (chr() arg not in range(0x110000))`);
  return String.fromCodePoint(n);
}

export const singleCharOrUnicode: OptionConverter = (v) => {
  const ch = unicodeCode(v ?? '');
  if ([...ch].length > 1) throw new OptionError(`${pyRepr(ch)} invalid; must be a single character or a Unicode code`);
  return ch;
};

export const singleCharOrWhitespaceOrUnicode: OptionConverter = (v) => {
  if (v === 'tab') return '\t';
  if (v === 'space') return ' ';
  return singleCharOrUnicode(v);
};

export const positiveInt: OptionConverter = (v) => {
  const n = pyInt(v);
  if (n < 1) throw new OptionError('negative or zero value; must be positive');
  return n;
};

export const positiveIntList: OptionConverter = (v) => {
  if (v === null) throw new OptionError("argument of type 'NoneType' is not iterable");
  const entries = v.includes(',') ? v.split(',') : pySplit(v);
  return entries.map((e) => positiveInt(e));
};

const KNOWN_ENCODINGS = new Set([
  'utf-8', 'utf8', 'utf-8-sig', 'utf_8', 'utf_8_sig', 'ascii', 'us-ascii', 'latin-1', 'latin1', 'iso-8859-1',
  'iso8859-1', 'iso-8859-15', 'cp1252', 'windows-1252', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32',
]);

export const encoding: OptionConverter = (v) => {
  if (v === null || !KNOWN_ENCODINGS.has(v.toLowerCase().replace(/_/g, '-').replace(/^utf-8-sig$/, 'utf-8-sig'))) {
    if (v !== null && KNOWN_ENCODINGS.has(v.toLowerCase())) return v;
    throw new OptionError(`unknown encoding: "${v}"`);
  }
  return v;
};

export function formatValues(values: readonly string[]): string {
  return `${values.slice(0, -1).map((s) => `"${s}"`).join(', ')}, or "${values[values.length - 1]}"`;
}

export function choice(values: readonly string[]): OptionConverter {
  return (v) => {
    if (v === null) throw new OptionError(`must supply an argument; choose from ${formatValues(values)}`);
    const value = pyStrip(v.toLowerCase());
    if (values.includes(value)) return value;
    throw new OptionError(`"${v}" unknown; choose from ${formatValues(values)}`);
  };
}

export function valueOr(values: readonly string[], other: OptionConverter): OptionConverter {
  return (v) => (v !== null && values.includes(v) ? v : other(v));
}

/** docutils `parser_name`: only the rst parser exists here. */
export const parserName: OptionConverter = (v) => {
  if (!v) return null;
  const n = v.toLowerCase();
  if (n === 'rst' || n === 'restructuredtext' || n === 'rest' || n === 'restx' || n === 'rtxt' || n === 'rstx') return 'rst';
  throw new OptionError(`Parser "${v}" is not installed. Cannot import module ${pyRepr('docutils.parsers.' + n)}.`);
};

/** Python `int` used directly as a converter (e.g. include's start-line). */
export const int: OptionConverter = (v) => pyInt(v);

/**
 * An option spec that accepts every option name with its value unchanged (the oracle's generic
 * placeholder directives; Sphinx's directives are all treated like that for conformance).
 */
export function anyOptions(): Record<string, OptionConverter> {
  return new Proxy({} as Record<string, OptionConverter>, {
    get: (_t, key) => (typeof key === 'string' ? unchanged : undefined),
    has: () => true,
    // non-empty, so that "does this directive take options?" checks see options
    ownKeys: () => ['*'],
    getOwnPropertyDescriptor: (_t, key) =>
      typeof key === 'string' ? { value: unchanged, enumerable: true, configurable: true, writable: false } : undefined,
  });
}
