/**
 * Inline control in rst comments (docutils treats them as comments, so the rendered docs are
 * unchanged):
 *
 *   .. kdocs-disable-next-line: rule-a, rule-b   (the next non-blank line after the comment)
 *   .. kdocs-disable: rule-a                     (until `.. kdocs-enable: rule-a` or the end)
 *   .. kdocs-enable: rule-a
 *   .. kdocs-disable-file: rule-a                (the whole document)
 *
 * Without a rule list the comment applies to every rule. One linear scan of the source lines.
 */

const CONTROL_RE = /^([ \t]*)\.\.[ \t]+kdocs-(disable-next-line|disable-file|disable|enable)[ \t]*(?::(.*))?$/;

export interface ControlComment {
  kind: 'disable-next-line' | 'disable-file' | 'disable' | 'enable';
  /** null: all rules */
  rules: Set<string> | null;
  /** 1-based line of the comment. */
  line: number;
  /** For disable-next-line: the line it applies to. */
  target?: number;
}

export class InlineControl {
  readonly comments: ControlComment[] = [];
  private readonly nextLine = new Map<number, Set<string> | null>();
  private fileAll = false;
  private readonly fileRules = new Set<string>();
  private readonly ranges: ControlComment[] = [];

  constructor(text: string) {
    if (!text.includes('kdocs-')) return;
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.includes('kdocs-')) continue;
      const m = CONTROL_RE.exec(line.replace(/\s+$/, ''));
      if (!m) continue;
      const list = (m[3] ?? '').split(/[\s,]+/).filter(Boolean);
      const rules = list.length ? new Set(list) : null;
      const c: ControlComment = { kind: m[2] as ControlComment['kind'], rules, line: i + 1 };
      const indent = m[1]!.length;
      if (c.kind === 'disable-next-line') {
        // skip the comment's own indented continuation lines and blank lines
        let j = i + 1;
        while (j < lines.length) {
          const l = lines[j]!;
          if (!l.trim()) {
            j++;
            continue;
          }
          const ind = l.length - l.trimStart().length;
          if (ind > indent && j === i + 1) {
            j++;
            continue;
          }
          break;
        }
        if (j < lines.length) {
          c.target = j + 1;
          const prev = this.nextLine.get(j + 1);
          if (prev === null || rules === null) this.nextLine.set(j + 1, null);
          else this.nextLine.set(j + 1, new Set([...(prev ?? []), ...rules]));
        }
      } else if (c.kind === 'disable-file') {
        if (rules === null) this.fileAll = true;
        else for (const r of rules) this.fileRules.add(r);
      } else this.ranges.push(c);
      this.comments.push(c);
    }
  }

  get empty(): boolean {
    return this.comments.length === 0;
  }

  /** Is `ruleId` disabled at 1-based `line`? */
  isDisabled(ruleId: string, line: number): boolean {
    if (this.comments.length === 0) return false;
    if (this.fileAll || this.fileRules.has(ruleId)) return true;
    const nl = this.nextLine.get(line);
    if (nl === null || nl?.has(ruleId)) return true;
    let disabled = false;
    for (const r of this.ranges) {
      if (r.line >= line) break;
      if (r.rules === null || r.rules.has(ruleId)) disabled = r.kind === 'disable';
    }
    return disabled;
  }
}
