/**
 * How kdocs commands read their command line: `--name value` or `--name=value`, short aliases,
 * positional arguments left to the command. One reader, so every command accepts the same forms.
 */

/** A mistake on the command line (or in what it names): exit 2 with the message, no stack trace. */
export class UsageError extends Error {}

/**
 * Calls `each` for every argument in order with the option name (`--out` of `--out=x`), a getter
 * for its value (the inline `=value`, else the next argument; a missing value is a UsageError)
 * and the argument as typed (for positional arguments and messages).
 */
export function readArgs(argv: readonly string[], each: (arg: string, value: () => string, raw: string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    let arg = raw;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    each(arg, value, raw);
  }
}
