/**
 * Sentences of a prose region, on whitespace-normalised text with a map back to the source.
 *
 * Documentation wraps sentences at any word, and a phrase with a literal space ("unless otherwise
 * noted") is split over two lines as often as not. The contract rules therefore match their
 * phrasings on a sentence's text with every run of whitespace (newlines and the continuation
 * indentation of list items and definitions included) collapsed to one space, and map a match
 * back to exact source offsets. One linear pass per region; no regex over the raw text.
 */
import type { Region } from './regions.js';

export interface Sentence {
  /** Whitespace-normalised text: runs of whitespace are one space, none leading or trailing. */
  text: string;
  /** Source offset of each character of `text` (a collapsed run maps to its first character). */
  offsets: Int32Array;
  /** Source range of the sentence. */
  start: number;
  end: number;
}

const WS = /[ \t\n\r\f\v]+/g;

/** Characters after a sentence's final punctuation that still belong to it (closing markup). */
const CLOSERS = new Set([')', ']', '"', "'", '*', '`', '”', '’']);

const SENTENCE_START = /[\p{Lu}\p{Nd}`"'*(:\[“‘]/u;

/** Words whose trailing period is not a sentence end ("e.g. the", "vs. it"). */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|resp|incl|no|fig|al)\.$/i;

/**
 * Split a region's text into sentences. A sentence ends at `.`, `!` or `?` (plus closing quotes,
 * brackets or markup) followed by whitespace and a character that can start a sentence (not a
 * lower-case letter: "e.g. for ext4" stays one sentence), and at the end of the region.
 */
export function sentencesOf(region: Region): Sentence[] {
  const src = region.text;
  // normalised text: the source's non-space runs joined by single spaces; offs[i] is the source
  // offset of text[i] (a joining space maps to the first character of the run it replaces)
  const parts: string[] = [];
  const offs = new Int32Array(src.length);
  let len = 0;
  WS.lastIndex = 0;
  let at = 0;
  const take = (from: number, to: number): void => {
    if (to <= from) return;
    if (len > 0) {
      parts.push(' ');
      offs[len++] = region.start + from - 1;
    }
    parts.push(src.slice(from, to));
    for (let k = from; k < to; k++) offs[len++] = region.start + k;
  };
  for (let m = WS.exec(src); m; m = WS.exec(src)) {
    take(at, m.index);
    at = m.index + m[0].length;
  }
  take(at, src.length);
  const text = parts.join('');
  const out: Sentence[] = [];
  let from = 0;
  const emit = (to: number): void => {
    if (to <= from) return;
    const slice = text.slice(from, to).trimEnd();
    if (!slice) return;
    const o = offs.slice(from, from + slice.length);
    out.push({ text: slice, offsets: o, start: o[0]!, end: o[o.length - 1]! + 1 });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.has(text[j]!)) j++;
    if (j >= text.length || text[j] !== ' ') continue;
    const next = text[j + 1];
    // a sentence starts with a capital, a digit, markup or a quote ("e.g. for", "... - x" do not)
    if (next === undefined || !SENTENCE_START.test(next)) continue;
    if (ch === '.' && text[i - 1] === '.') continue; // an ellipsis
    if (ch === '.' && ABBREVIATIONS.test(text.slice(Math.max(from, i - 8), i + 1))) continue;
    emit(j);
    from = j + 1;
    i = j;
  }
  emit(text.length);
  return out;
}

/** Source range of `text.slice(a, b)` of a sentence. */
export function sourceRange(s: Sentence, a: number, b: number): [number, number] {
  const last = Math.max(a, b - 1);
  return [s.offsets[a]!, s.offsets[last]! + 1];
}

const CACHE = new WeakMap<Region, Sentence[]>();

/** `sentencesOf`, once per region object (the contract rules share the regions of a document). */
export function regionSentences(region: Region): Sentence[] {
  let hit = CACHE.get(region);
  if (!hit) {
    hit = sentencesOf(region);
    CACHE.set(region, hit);
  }
  return hit;
}
