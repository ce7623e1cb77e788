// How much of the machine other processes took while we measured: the busy CPU time of the
// whole machine (/proc/stat) minus that of this process and its descendants (the runners of
// ports included), in cores. A load average cannot tell the two apart, and on a 2-core
// machine our own timing thread alone is a load of 1. Linux only; elsewhere null (unknown).

import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc tick counts, 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** Where the counters are read: the real /proc, or a test's copy of its shape. */
export interface ProcSource {
  root: string;
  self: number;
  /** ms, monotonic. */
  now: () => number;
}
const REAL: ProcSource = { root: '/proc', self: process.pid, now: () => performance.now() };

function machineBusyTicks(src: ProcSource): number | null {
  try {
    const cpu = readFileSync(`${src.root}/stat`, 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: steal counts, the hypervisor gave that time away.
    const [user, nice, system, , , irq, softirq, steal] = cpu;
    return user! + nice! + system! + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return null;
  }
}

/** CPU ticks of this process and every live descendant (utime + stime + reaped children's). */
function ownTreeTicks(src: ProcSource): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync(src.root)) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`${src.root}/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces and parentheses) start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(f[1]));
      ticks.set(Number(name), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
    } catch {
      // it ended while we looked
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === src.self) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, t] of ticks) if (mine(pid)) sum += t;
  return sum;
}

export interface OtherLoadMeter {
  /** Cores' worth of CPU other processes used since the meter started; null where it cannot be read. */
  stop(): number | null;
}

export function otherLoadMeter(src: ProcSource = REAL): OtherLoadMeter {
  const started = src.now();
  const busy0 = machineBusyTicks(src);
  const own0 = busy0 === null ? 0 : ownTreeTicks(src);
  return {
    stop() {
      const busy1 = machineBusyTicks(src);
      if (busy0 === null || busy1 === null) return null;
      const seconds = (src.now() - started) / 1000;
      if (seconds <= 0) return 0;
      const others = busy1 - busy0 - (ownTreeTicks(src) - own0);
      return Math.max(0, others / TICKS_PER_SECOND / seconds);
    },
  };
}
