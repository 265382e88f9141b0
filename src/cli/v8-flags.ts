/**
 * V8 settings for kdocs' command-line runs. A run parses and lints thousands of documents once:
 * the cost that matters is the first pass, in which TurboFan compiles the parser's hot functions
 * on the second core while the first one parses. V8's default inlining budget (920 bytes of
 * bytecode per function) makes those compiles large; 150 cuts them enough that the cold
 * whole-tree parse of 6.12 takes 2.53–2.70 s instead of 2.93–3.11 s (14 % less wall, 21 % less CPU)
 * and a cold whole-tree lint 5.3 s instead of 5.6–6.0 s, while a warm pass is as fast as before
 * (measured with scripts/parse-passes.ts, which takes `--v8-defaults` to compare). Other knobs
 * (interrupt budget, semi-space size, Maglev, the compile queue) changed nothing measurable.
 *
 * Not for library use: it changes the whole process's V8.
 */
import v8 from 'node:v8';

export const ONE_SHOT_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=150'];

const applied = new Set<readonly string[]>();

/** Set `flags` in this process's V8, once per list. */
export function applyV8Flags(flags: readonly string[]): void {
  if (applied.has(flags)) return;
  applied.add(flags);
  for (const flag of flags) v8.setFlagsFromString(flag);
}

/** Apply ONE_SHOT_V8_FLAGS (once). Call before the parser runs: later compiles use them. */
export function tuneV8ForOneShotRun(): void {
  applyV8Flags(ONE_SHOT_V8_FLAGS);
}
