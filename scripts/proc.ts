/**
 * What the benchmarks read of a process from /proc: CPU seconds, resident memory and the load
 * average (on a machine shared with other work, CPU — not wall time — shows what a process costs).
 */
import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) the process has used (or one of its threads, `tid`); NaN once it is gone. */
export function cpuOf(pid: number, tid?: number): number {
  try {
    const fields = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident memory of the process now, in MB; NaN once it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** The 1-, 5- and 15-minute load averages as /proc/loadavg gives them. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
