/**
 * A model trace (src/model TraceEvent[]) drawn as an SVG sequence diagram: lifelines for the
 * caller, the mm core, the `f_op` hooks, the `vm_ops` hooks and the mmap actions; one row per
 * event, with the lock state at each hook call and the errno returned to the caller.
 *
 * Self-contained SVG (no script, no external font); every label is escaped text. Colours come
 * from CSS custom properties with fallbacks, so the diagram follows the page's dark mode.
 */
import type { Op, TraceEvent } from '../../model/types.js';
import { formatOp } from '../../model/trace.js';
import { errnoName } from '../../model/types.js';
import { esc } from './util.js';

export const LANES = ['caller', 'mm core', 'f_op', 'vm_ops', 'actions'] as const;
export type Lane = (typeof LANES)[number];

export interface DiagramRow {
  kind: 'call' | 'return' | 'self' | 'note' | 'divider';
  from: Lane;
  to: Lane;
  label: string;
  /** Lock state at this point (hook calls). */
  locks?: string;
  /** Marks errors (non-zero errno, injected faults, warnings). */
  error?: boolean;
}

/** Which lifeline a hook belongs to (`f_op->mmap_prepare`, `vm_ops->close`, `action.error_hook`,
 *  `remap_pfn_range`...). */
export function laneOfHook(hook: string): Lane {
  if (hook.startsWith('f_op->')) return 'f_op';
  if (hook.startsWith('vm_ops->')) return 'vm_ops';
  return 'actions';
}

function argText(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && v > 4096 ? '0x' + v.toString(16) : String(v);
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(argText).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${argText(x)}`).join(', ')}}`;
  return String(v);
}

function clip(s: string, n = 70): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** The rows of the diagram, one or two per event (a hook call and its return). */
export function traceRows(events: readonly TraceEvent[]): DiagramRow[] {
  const rows: DiagramRow[] = [];
  for (const e of events) {
    switch (e.ev) {
      case 'op':
        rows.push({ kind: 'call', from: 'caller', to: 'mm core', label: formatOp(e.op as Op) });
        break;
      case 'lock':
        rows.push({ kind: 'self', from: 'mm core', to: 'mm core', label: `${e.action} ${e.lock}(${e.mode})${e.vma !== undefined ? ` vma#${e.vma}` : ''}${e.file ? ` ${e.file}` : ''}` });
        break;
      case 'check':
        rows.push({ kind: 'self', from: 'mm core', to: 'mm core', label: `check ${e.name} → ${e.errno ? '-' + errnoName(e.errno) : 'ok'}`, error: e.errno !== 0 });
        break;
      case 'hook': {
        const lane = laneOfHook(e.hook);
        const name = e.hook.replace(/^(f_op->|vm_ops->)/, '');
        const args = Object.entries(e.args).map(([k, v]) => `${k}=${argText(v)}`).join(', ');
        const l = e.locks;
        const locks = [`mmap_lock=${l.mmap}`, ...(l.vmaWrite.length ? [`vma_write=[${l.vmaWrite.join(',')}]`] : []), ...(l.iMmapWrite.length ? [`i_mmap_write=[${l.iMmapWrite.join(',')}]`] : [])].join(' ');
        rows.push({ kind: 'call', from: 'mm core', to: lane, label: clip(`${name}(${args})`), locks });
        if (e.result !== undefined) rows.push({ kind: 'return', from: lane, to: 'mm core', label: e.result === 0 ? '0' : '-' + errnoName(e.result), error: e.result !== 0 });
        break;
      }
      case 'vma':
        rows.push({ kind: 'note', from: 'mm core', to: 'mm core', label: clip(`vma#${e.vma} ${e.kind} [0x${e.start.toString(16)}, 0x${e.end.toString(16)})${e.pgoff !== undefined ? ` pgoff=0x${e.pgoff.toString(16)}` : ''}${e.detail ? ' ' + e.detail : ''}`) });
        break;
      case 'fault':
        rows.push({ kind: 'note', from: 'mm core', to: 'mm core', label: `fault injected at ${e.point}#${e.occurrence} → -${errnoName(e.errno)}`, error: true });
        break;
      case 'warn':
        rows.push({ kind: 'note', from: 'mm core', to: 'mm core', label: clip(`WARN: ${e.message}`), error: true });
        break;
      case 'desc':
        rows.push({ kind: 'note', from: 'f_op', to: 'f_op', label: clip(`desc->${e.field} (${e.class}) ${e.action}${e.value !== undefined ? ' = ' + argText(e.value) : ''}`), error: e.action === 'write-ignored' });
        break;
      case 'account':
        rows.push({ kind: 'note', from: 'mm core', to: 'mm core', label: `${e.action} ${e.pages} pages`, error: e.action === 'leak' });
        break;
      case 'file':
        rows.push({ kind: 'self', from: 'mm core', to: 'mm core', label: `${e.action === 'get' ? 'get_file' : 'fput'}(${e.file})` });
        break;
      case 'step':
        rows.push({ kind: 'divider', from: 'caller', to: 'actions', label: e.name });
        break;
      case 'ret':
        rows.push({ kind: 'return', from: 'mm core', to: 'caller', label: e.errno === 0 ? `return ${e.value !== undefined ? '0x' + e.value.toString(16) : '0'}` : `return -${errnoName(e.errno)}`, error: e.errno !== 0 });
        break;
    }
  }
  return rows;
}

const LANE_W = 190;
const LEFT = 20;
const TOP = 50;
const ROW_H = 26;
const LOCK_W = 300;

/** Render rows as an SVG document fragment (`<svg>...</svg>`). `title` becomes its accessible name. */
export function sequenceSvg(rows: readonly DiagramRow[], title: string): string {
  const x = (l: Lane): number => LEFT + LANES.indexOf(l) * LANE_W + LANE_W / 2;
  const width = LEFT * 2 + LANES.length * LANE_W + LOCK_W;
  const height = TOP + rows.length * ROW_H + 30;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="kdocs-seq" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="ui-monospace, monospace" font-size="12"><title>${esc(title)}</title>`,
  );
  parts.push(`<defs><marker id="kdocs-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>`);
  parts.push(`<g fill="currentColor" stroke="currentColor">`);
  for (const l of LANES) {
    const cx = x(l);
    parts.push(`<rect x="${cx - 70}" y="8" width="140" height="24" rx="4" fill="none" stroke-width="1"/>`);
    parts.push(`<text x="${cx}" y="24" text-anchor="middle" stroke="none" font-weight="bold">${esc(l)}</text>`);
    parts.push(`<line x1="${cx}" y1="32" x2="${cx}" y2="${height - 10}" stroke-dasharray="3 4" stroke-width="1" opacity="0.5"/>`);
  }
  const lockX = LEFT + LANES.length * LANE_W + 10;
  parts.push(`<text x="${lockX}" y="24" stroke="none" font-weight="bold">lock state</text>`);
  rows.forEach((r, i) => {
    const y = TOP + i * ROW_H + ROW_H / 2;
    const cls = r.error ? ' class="err"' : '';
    if (r.kind === 'divider') {
      parts.push(`<line x1="${LEFT}" y1="${y}" x2="${lockX - 10}" y2="${y}" stroke-width="0.5" opacity="0.6"/>`);
      parts.push(`<text x="${LEFT + 4}" y="${y - 3}" stroke="none" font-style="italic">— ${esc(r.label)}</text>`);
      return;
    }
    if (r.kind === 'note' || r.kind === 'self') {
      const cx = x(r.from);
      if (r.kind === 'self') parts.push(`<path d="M${cx},${y - 8} h14 v10 h-12" fill="none" stroke-width="1" marker-end="url(#kdocs-arrow)"/>`);
      else parts.push(`<circle cx="${cx}" cy="${y - 3}" r="3" stroke="none"/>`);
      parts.push(`<text${cls} x="${cx + 20}" y="${y}" stroke="none">${esc(r.label)}</text>`);
      return;
    }
    const x1 = x(r.from);
    const x2 = x(r.to);
    parts.push(`<line${cls} x1="${x1}" y1="${y}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${y}" stroke-width="1.2"${r.kind === 'return' ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#kdocs-arrow)"/>`);
    const tx = Math.min(x1, x2) + 6;
    parts.push(`<text${cls} x="${tx}" y="${y - 4}" stroke="none">${esc(r.label)}</text>`);
    if (r.locks) parts.push(`<text x="${lockX}" y="${y}" stroke="none" opacity="0.85">${esc(r.locks)}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}
