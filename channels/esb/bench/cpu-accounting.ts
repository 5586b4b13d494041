// Where a bench's CPU went: user + system time of named processes and of the whole machine, read
// from Linux's /proc (USER_HZ is 100 on every Linux the project runs on). Elsewhere it reports
// nothing rather than guess.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far; undefined when /proc does not have it (gone, or not Linux). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine (every core), idle and I/O wait left out. */
function machineBusySeconds(): number | undefined {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = ticks;
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface CpuSnapshot {
  readonly at: number;
  readonly machine: number | undefined;
  readonly groups: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** CPU time of each group of processes (a name → its pids) and of the machine, now. */
export function cpuSnapshot(groups: Readonly<Record<string, readonly number[]>>): CpuSnapshot {
  const taken = new Map<string, Map<number, number>>();
  for (const [name, pids] of Object.entries(groups)) {
    const seconds = new Map<number, number>();
    for (const pid of pids) {
      const used = cpuSecondsOf(pid);
      if (used !== undefined) seconds.set(pid, used);
    }
    taken.set(name, seconds);
  }
  return { at: performance.now(), machine: machineBusySeconds(), groups: taken };
}

/**
 * Each group's CPU between two snapshots in percent of one core (a process present in both), and
 * the machine's; empty when /proc could not be read.
 */
export function cpuShares(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0 || from.machine === undefined || to.machine === undefined) return {};
  const percent = (used: number): number => Math.round((used / seconds) * 100);
  const shares: Record<string, number> = {};
  for (const [name, before] of from.groups) {
    const after = to.groups.get(name);
    let used = 0;
    for (const [pid, start] of before) used += (after?.get(pid) ?? start) - start;
    shares[name] = percent(used);
  }
  shares.machine = percent(to.machine - from.machine);
  return shares;
}
