/**
 * Counting work instead of timing it (the test machine is shared, so wall clock proves nothing).
 *
 * `measureWork(fn)` runs `fn` with the primitives where superlinear text processing hides counted:
 *
 * - a regular-expression search: the characters it scanned (from where it started to the end of
 *   its match, or to the end of the text when it failed; a sticky regex: its match length + 1);
 * - `Array.prototype.splice`: the elements it moved (what makes repeated splicing into a large
 *   array, e.g. micromark's event list, quadratic);
 * - `String.prototype.slice` / `substring` / `substr`: the characters copied;
 * - `String.prototype.indexOf` / `includes` / `lastIndexOf`: the characters scanned.
 *
 * The count is deterministic for deterministic code, so a test can double the input and compare.
 */

type AnyFn = (...args: never[]) => unknown;

interface Patch {
  target: object;
  key: string;
  original: AnyFn;
}

export function measureWork<T>(fn: () => T): { work: number; result: T } {
  let work = 0;
  const patches: Patch[] = [];
  const patch = (target: object, key: string, wrap: (orig: AnyFn) => AnyFn): void => {
    const original = (target as Record<string, AnyFn>)[key]!;
    patches.push({ target, key, original });
    Object.defineProperty(target, key, { value: wrap(original), writable: true, configurable: true, enumerable: false });
  };
  patch(RegExp.prototype, 'exec', (orig) =>
    function (this: RegExp, s: string) {
      const text = String(s);
      const from = this.global || this.sticky ? this.lastIndex : 0;
      const m = (orig as unknown as (this: RegExp, s: string) => RegExpExecArray | null).call(this, text);
      if (this.sticky) work += (m ? m[0].length : 0) + 1;
      else work += (m ? m.index + m[0].length : text.length) - Math.min(from, text.length) + 1;
      return m;
    } as unknown as AnyFn,
  );
  patch(Array.prototype, 'splice', (orig) =>
    function (this: unknown[], start: number, ...rest: unknown[]) {
      const len = this.length;
      const s = start < 0 ? Math.max(0, len + start) : Math.min(start ?? 0, len);
      work += len - s + Math.max(0, rest.length - 1) + 1;
      return (orig as unknown as (...a: unknown[]) => unknown[]).apply(this, [start, ...rest]);
    } as unknown as AnyFn,
  );
  for (const key of ['slice', 'substring', 'substr']) {
    patch(String.prototype, key, (orig) =>
      function (this: string, ...args: unknown[]) {
        const r = (orig as unknown as (...a: unknown[]) => string).apply(this, args);
        work += r.length + 1;
        return r;
      } as unknown as AnyFn,
    );
  }
  for (const key of ['indexOf', 'includes']) {
    patch(String.prototype, key, (orig) =>
      function (this: string, needle: string, from?: number) {
        const r = (orig as unknown as (...a: unknown[]) => number | boolean).call(this, needle, from);
        const start = Math.max(0, Math.min(from ?? 0, this.length));
        const end = typeof r === 'number' ? (r < 0 ? this.length : r + String(needle).length) : this.length;
        work += Math.max(0, end - start) + 1;
        return r;
      } as unknown as AnyFn,
    );
  }
  patch(String.prototype, 'lastIndexOf', (orig) =>
    function (this: string, needle: string, from?: number) {
      const r = (orig as unknown as (...a: unknown[]) => number).call(this, needle, from);
      const start = Math.min(from ?? this.length, this.length);
      work += Math.max(0, start - Math.max(r, 0)) + 1;
      return r;
    } as unknown as AnyFn,
  );
  try {
    const result = fn();
    return { work, result };
  } finally {
    for (const p of patches.reverse()) Object.defineProperty(p.target, p.key, { value: p.original, writable: true, configurable: true, enumerable: false });
  }
}

/** Work at `n` and at `2n` and their ratio. `setup` builds what `run` works on (not counted). */
export function scaling<S>(n: number, setup: (n: number) => S, run: (s: S) => unknown): { small: number; large: number; ratio: number } {
  const a = setup(n);
  const small = measureWork(() => run(a)).work;
  const b = setup(2 * n);
  const large = measureWork(() => run(b)).work;
  return { small, large, ratio: large / Math.max(1, small) };
}
