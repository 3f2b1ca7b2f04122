// How busy the machine was during a measurement, and how much of that was the bench's own processes: the worker with
// every CLI it ran and reaped (cutime/cstime), the model simulator, and this process. The rest ("other") is other
// work on the machine plus PostgreSQL, so a high "other" share says the figures did not come from an idle machine.
import { machineCpu, processCpuMs } from "./cpu";

const TICK_MS = 10; // USER_HZ is 100 on Linux

export type TCpuShare = { busyPct: number; benchPct: number; otherPct: number };

/** Starts measuring; the returned function gives the shares of all cores' capacity since then. */
export function measureCpuShare(pids: number[]): () => TCpuShare {
  const own = () => {
    const self = process.cpuUsage();
    return pids.reduce((sum, pid) => sum + processCpuMs(pid, { reaped: true }), 0) + (self.user + self.system) / 1000;
  };
  let m0: { busy: number; total: number };
  try {
    m0 = machineCpu();
  } catch {
    return () => ({ busyPct: NaN, benchPct: NaN, otherPct: NaN });
  }
  const o0 = own();
  return () => {
    const m1 = machineCpu();
    const capacityMs = (m1.total - m0.total) * TICK_MS;
    const busyPct = (100 * (m1.busy - m0.busy) * TICK_MS) / capacityMs;
    const benchPct = Math.min(busyPct, (100 * (own() - o0)) / capacityMs);
    return { busyPct, benchPct, otherPct: busyPct - benchPct };
  };
}

export const cpuText = (c: TCpuShare) => (Number.isFinite(c.busyPct) ? `${c.busyPct.toFixed(0)}% (bench ${c.benchPct.toFixed(0)}%, other ${c.otherPct.toFixed(0)}%)` : "-");
