import { readFileSync, readdirSync } from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux everywhere). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process and its direct children have used so far. */
export interface ProcessTreeCpu {
  process: number;
  children: number;
}

/** From /proc/<pid>/stat: what follows the command name's closing parenthesis, utime and stime (fields 14 and 15). */
export function cpuSecondsFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`Unexpected /proc stat line: ${stat.slice(0, 200)}`);
  return (user + system) / TICKS_PER_SECOND;
}

function childPids(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/u).filter(Boolean).map(Number),
  );
}

/**
 * The CPU time of `pid` and of its children (the app and its Grammalecte workers), or undefined where /proc cannot
 * tell (not Linux, or the process is gone): CPU time per request is less distorted by a shared machine than req/s.
 */
export function processTreeCpu(pid: number | undefined): ProcessTreeCpu | undefined {
  if (pid === undefined) return undefined;
  try {
    return {
      process: cpuSecondsFromStat(readFileSync(`/proc/${pid}/stat`, "utf8")),
      children: childPids(pid).reduce((sum, child) => sum + cpuSecondsFromStat(readFileSync(`/proc/${child}/stat`, "utf8")), 0),
    };
  } catch {
    return undefined;
  }
}
