/**
 * Trace: the ordered events of one model run (hook called with args and the locks held, lock
 * taken/released, VMA created/merged/split/unmapped, errno returned). Printable as text.
 */
import type { LockState, Op, Trace, TraceEvent } from './types.js';
import { errnoName } from './types.js';

export class TraceRecorder {
  readonly events: TraceEvent[] = [];
  constructor(readonly enabled: boolean) {}
  push(e: TraceEvent): void {
    if (this.enabled) this.events.push(e);
  }
  toTrace(): Trace {
    return { events: this.events };
  }
}

export function hex(n: number): string {
  return '0x' + n.toString(16);
}

export function formatOp(op: Op): string {
  switch (op.op) {
    case 'mmap':
      return `mmap(${hex(op.addr)}, ${hex(op.len)}, ${op.prot.join('|') || 'NONE'}, ${op.flags.join('|') || '0'}` +
        `${op.file !== undefined ? `, file=${op.file}, off=${hex(op.offset ?? 0)}` : ''})`;
    case 'munmap':
      return `munmap(${hex(op.addr)}, ${hex(op.len)})`;
    case 'mprotect':
      return `mprotect(${hex(op.addr)}, ${hex(op.len)}, ${op.prot.join('|') || 'NONE'})`;
    case 'mremap':
      return `mremap(${hex(op.addr)}, ${hex(op.oldLen)}, ${hex(op.newLen)}, ${op.flags.join('|') || '0'}` +
        `${op.newAddr !== undefined ? `, ${hex(op.newAddr)}` : ''})`;
    case 'touch':
      return `touch(${hex(op.addr)})`;
    case 'uffd_register':
      return `uffd_register(${hex(op.addr)}, ${hex(op.len)})`;
    case 'mseal':
      return `mseal(${hex(op.addr)}, ${hex(op.len)})`;
  }
}

function locks(l: LockState): string {
  const parts = [`mmap_lock=${l.mmap}`];
  if (l.vmaWrite.length) parts.push(`vma_write=[${l.vmaWrite.join(',')}]`);
  if (l.iMmapWrite.length) parts.push(`i_mmap_write=[${l.iMmapWrite.join(',')}]`);
  return parts.join(' ');
}

function arg(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) && v > 4096 ? hex(v) : String(v);
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(arg).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${arg(x)}`).join(', ')}}`;
  return String(v);
}

export function formatEvent(e: TraceEvent): string {
  switch (e.ev) {
    case 'op':
      return `op ${formatOp(e.op)}`;
    case 'lock':
      return `${e.action} ${e.lock}(${e.mode})${e.vma !== undefined ? ` vma#${e.vma}` : ''}${e.file ? ` ${e.file}` : ''}`;
    case 'check':
      return `check ${e.name} -> ${errnoName(e.errno)}`;
    case 'hook': {
      const a = Object.entries(e.args).map(([k, v]) => `${k}=${arg(v)}`).join(', ');
      const r = e.result === undefined ? '' : ` = ${e.result === 0 ? 0 : '-' + errnoName(e.result)}`;
      return `call ${e.hook}(${a})${r}   [${locks(e.locks)}]`;
    }
    case 'vma':
      return `vma#${e.vma} ${e.kind} [${hex(e.start)}, ${hex(e.end)})${e.pgoff !== undefined ? ` pgoff=${hex(e.pgoff)}` : ''}${e.detail ? ` ${e.detail}` : ''}`;
    case 'fault':
      return `FAULT injected at ${e.point}#${e.occurrence} -> -${errnoName(e.errno)}`;
    case 'warn':
      return `WARN: ${e.message}`;
    case 'desc':
      return `desc->${e.field} (${e.class}) ${e.action}${e.value !== undefined ? ` = ${arg(e.value)}` : ''}`;
    case 'account':
      return `${e.action} ${e.pages} pages`;
    case 'file':
      return `${e.action === 'get' ? 'get_file' : e.action === 'put' ? 'fput' : 'reference leaked:'}(${e.file})`;
    case 'step':
      return `-- ${e.name}`;
    case 'ret':
      return e.errno === 0 ? `return ${e.value !== undefined ? hex(e.value) : 0}` : `return -${errnoName(e.errno)}`;
  }
}

/** One event per line, indented by nesting of the mmap lock. */
export function formatTrace(t: Trace | TraceEvent[]): string {
  const events = Array.isArray(t) ? t : t.events;
  return events.map((e) => (e.ev === 'op' ? '' : '  ') + formatEvent(e)).join('\n');
}
