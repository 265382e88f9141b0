/**
 * The two small expression languages of conditional content:
 * - `only::` — Sphinx's tag expressions: names, `and`, `or`, `not`, parentheses;
 * - `ifconfig::` — a Python expression over config values; the subset the kernel uses
 *   (names, string and number literals, True/False/None, ==, !=, <, <=, >, >=, in, not in,
 *   and, or, not, parentheses).
 * Recursive descent over a token list: linear, no regex backtracking. A malformed expression
 * gives undefined (the caller decides, and warns).
 */

type Tok = { t: 'name' | 'str' | 'num' | 'op'; v: string };

function tokenize(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(s[j]!)) j++;
      out.push({ t: 'name', v: s.slice(i, j) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(s[j]!)) j++;
      out.push({ t: 'num', v: s.slice(i, j) });
      i = j;
    } else if (c === '"' || c === "'") {
      const j = s.indexOf(c, i + 1);
      if (j < 0) return undefined;
      out.push({ t: 'str', v: s.slice(i + 1, j) });
      i = j + 1;
    } else {
      const two = s.slice(i, i + 2);
      if (['==', '!=', '<=', '>='].includes(two)) {
        out.push({ t: 'op', v: two });
        i += 2;
      } else if ('()<>,[]'.includes(c)) {
        out.push({ t: 'op', v: c });
        i++;
      } else return undefined;
    }
  }
  return out;
}

class Parser {
  i = 0;
  constructor(readonly toks: Tok[], readonly lookup: (name: string) => unknown) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  isWord(w: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'name' && t.v === w;
  }
  isOp(o: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'op' && t.v === o;
  }
  or(): unknown {
    let v = this.and();
    while (this.isWord('or')) {
      this.i++;
      const w = this.and();
      v = v || w;
    }
    return v;
  }
  and(): unknown {
    let v = this.not();
    while (this.isWord('and')) {
      this.i++;
      const w = this.not();
      v = v && w;
    }
    return v;
  }
  not(): unknown {
    if (this.isWord('not')) {
      this.i++;
      return !this.not();
    }
    return this.cmp();
  }
  cmp(): unknown {
    let v = this.atom();
    for (;;) {
      const t = this.peek();
      if (!t) return v;
      if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
        this.i++;
        const w = this.atom();
        v = compare(t.v, v, w);
      } else if (t.t === 'name' && t.v === 'in') {
        this.i++;
        v = contains(this.atom(), v);
      } else if (t.t === 'name' && t.v === 'not' && this.toks[this.i + 1]?.v === 'in') {
        this.i += 2;
        v = !contains(this.atom(), v);
      } else return v;
    }
  }
  atom(): unknown {
    const t = this.toks[this.i++];
    if (!t) throw new Error('end');
    if (t.t === 'op' && t.v === '(') {
      const v = this.or();
      if (!this.isOp(')')) throw new Error(')');
      this.i++;
      return v;
    }
    if (t.t === 'op' && t.v === '[') {
      const items: unknown[] = [];
      while (!this.isOp(']')) {
        items.push(this.or());
        if (this.isOp(',')) this.i++;
        else if (!this.isOp(']')) throw new Error(']');
      }
      this.i++;
      return items;
    }
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'name') {
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (t.v === 'None') return null;
      return this.lookup(t.v);
    }
    throw new Error('token');
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.includes(item);
  return false;
}

function run(expr: string, lookup: (name: string) => unknown): unknown {
  const toks = tokenize(expr);
  if (!toks || !toks.length) return undefined;
  const p = new Parser(toks, lookup);
  try {
    const v = p.or();
    return p.i === toks.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** `only::` expression: true/false, or undefined when malformed. */
export function evalBoolExpr(expr: string, hasTag: (name: string) => boolean): boolean | undefined {
  const v = run(expr, (name) => hasTag(name));
  return v === undefined ? undefined : !!v;
}

/** `ifconfig::` expression; undefined when malformed or naming an unknown value. */
export function evalPyExpr(expr: string, ns: Readonly<Record<string, unknown>>): unknown {
  let unknown = false;
  const v = run(expr, (name) => {
    if (!(name in ns)) unknown = true;
    return ns[name];
  });
  return unknown ? undefined : v;
}
