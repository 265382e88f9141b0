/**
 * JSON.parse plus the line/column of every value, keyed by JSON pointer, so config errors can
 * name the line (`kdocs.config.json:7:14: /rules/heading-style/1/style: must be equal to ...`).
 */

export interface JsonPlace {
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function parseJsonWithPointers(text: string): { value: unknown; places: Map<string, JsonPlace> } {
  const places = new Map<string, JsonPlace>();
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const n = text.length;
  const place = (at: number): JsonPlace => {
    let line = 1;
    let last = -1;
    for (let k = text.indexOf('\n'); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
      line++;
      last = k;
    }
    return { line, column: at - last };
  };
  const fail = (msg: string, at = i): never => {
    const p = place(at);
    throw new JsonSyntaxError(msg, p.line, p.column);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
        } else fail('bad escape in string');
      } else if (c < ' ') fail('control character in string');
      else {
        out += c;
        i++;
      }
    }
    return fail('unterminated string', start);
  };
  const value = (pointer: string): unknown => {
    ws();
    places.set(pointer, place(i));
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = str();
        ws();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        const ptr = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        obj[key] = value(ptr);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}' in object");
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${pointer}/${arr.length}`));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']' in array");
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) return fail(i >= n ? 'unexpected end of JSON' : `unexpected character '${c}'`);
    i += m[0].length;
    const t = m[0];
    return t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t);
  };
  const v = value('');
  ws();
  if (i < n) fail('unexpected text after the JSON value');
  return { value: v, places };
}
