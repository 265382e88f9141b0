/**
 * docutils' Reporter: system messages at levels DEBUG..SEVERE, with docutils' exact text and its
 * own line number kept apart from the true source range.
 *
 * Every message also gets a stable `ruleId` (kebab-case, e.g. `title-underline-too-short`) so the
 * lint engine can expose docutils' messages as rules without matching on text.
 */
import type { Position, RstNode } from './nodes.js';

export type Level = 0 | 1 | 2 | 3 | 4;
export const LEVEL_NAMES = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'SEVERE'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

export interface SystemMessage {
  level: Level;
  type: LevelName;
  /** docutils' message text, exactly. */
  message: string;
  /** Stable id for the kind of message. */
  ruleId: string;
  /** docutils' line number for the message (what docutils prints), if it gives one. */
  line?: number;
  /** The true source range of the problem. */
  position?: Position;
  /** Path (relative to the docs root) when the message comes from an included file. */
  source?: string;
  phase: 'parse' | 'transform';
  /** Extra text docutils adds in a literal block under the message (e.g. the offending block). */
  detail?: string;
}

export interface MessageOptions {
  line?: number;
  position?: Position;
  source?: string;
  detail?: string;
  /** ids of the nodes this message refers back to (docutils' `backrefs`). */
  backrefs?: string[];
}

export class Reporter {
  readonly messages: SystemMessage[] = [];
  phase: 'parse' | 'transform' = 'parse';
  /** Source path of an included file being parsed, if any (set by `include`). */
  currentSource: string | undefined;

  /** Record a message and return the `system_message` node docutils would insert in the tree. */
  system(level: Level, ruleId: string, message: string, opts: MessageOptions = {}): RstNode {
    const msg: SystemMessage = {
      level,
      type: LEVEL_NAMES[level],
      message,
      ruleId,
      phase: this.phase,
    };
    if (opts.line !== undefined) msg.line = opts.line;
    if (opts.position) msg.position = opts.position;
    const source = opts.source ?? this.currentSource;
    if (source !== undefined) msg.source = source;
    if (opts.detail !== undefined) msg.detail = opts.detail;
    this.messages.push(msg);
    const attributes: Record<string, unknown> = { level, type: msg.type };
    if (opts.line !== undefined) attributes.line = opts.line;
    if (source !== undefined) attributes.source = source;
    if (opts.backrefs?.length) attributes.backrefs = opts.backrefs;
    const children: RstNode[] = [{ type: 'paragraph', children: [{ type: 'text', value: message }] }];
    if (opts.detail !== undefined) {
      children.push({
        type: 'literal_block',
        attributes: { 'xml:space': 'preserve' },
        children: [{ type: 'text', value: opts.detail }],
      });
    }
    const node: RstNode = { type: 'system_message', attributes, children };
    if (opts.position) node.position = opts.position;
    if (opts.line !== undefined) node.data = { docutilsLine: opts.line };
    return node;
  }

  debug(ruleId: string, message: string, opts?: MessageOptions): RstNode {
    return this.system(0, ruleId, message, opts);
  }
  info(ruleId: string, message: string, opts?: MessageOptions): RstNode {
    return this.system(1, ruleId, message, opts);
  }
  warning(ruleId: string, message: string, opts?: MessageOptions): RstNode {
    return this.system(2, ruleId, message, opts);
  }
  error(ruleId: string, message: string, opts?: MessageOptions): RstNode {
    return this.system(3, ruleId, message, opts);
  }
  severe(ruleId: string, message: string, opts?: MessageOptions): RstNode {
    return this.system(4, ruleId, message, opts);
  }
}
