// What the benches share: the shipped cross-border scenario scaled to a number of payments, the
// bare-xstate reference run, and the wall time, CPU time and peak memory around a piece of work.

import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadScenario } from '../src/cli/readScenario.js';
import type { Scenario } from '../src/scenario/schema.js';
import { replay, settledScript } from './reference.js';

const here = dirname(fileURLToPath(import.meta.url));
export const SCENARIO = join(here, '..', '..', 'scenarios', 'importer-pays-china-usdt.yaml');
const SHIPPED_SPAN_MS = 8 * 3_600_000;
export const REFERENCE_PAYMENTS = 100_000;

export interface Run {
  name: string;
  payments: number;
  wallSeconds: number;
  cpuSeconds: number;
  paymentsPerCpuSecond: number;
  paymentsPerWallSecond: number;
  peakRssMB: number;
  bytesWritten: number;
  simulatedDays?: number;
  settled?: number;
  /** The machine's 1-minute load average as the run ended: on a shared machine, wall time follows it. */
  loadAverage: number;
}

export function shipped(): Scenario {
  const r = loadScenario(SCENARIO);
  if (!r.ok) throw new Error('the shipped scenario does not load');
  return r.scenario.source;
}

/**
 * The shipped scenario with its generated payments scaled to `total`, balances and depth with
 * them; unless `packed`, the arrival window too, so the arrival rate stays the shipped one.
 */
export function scaled(s: Scenario, total: number, packed: boolean): Scenario {
  const base = s.payments.reduce((n, p) => n + ('generate' in p ? p.generate.count : 1), 0);
  const k = total / base;
  const times = (v: string) => (BigInt(v.split('.')[0]!) * BigInt(Math.ceil(k))).toString();
  const over = packed ? undefined : `PT${Math.round((SHIPPED_SPAN_MS * k) / 1000)}S`;
  let left = total - s.payments.filter((p) => !('generate' in p)).length;
  const gens = s.payments.filter((p) => 'generate' in p);
  return {
    ...s,
    markets: Object.fromEntries(
      Object.entries(s.markets).map(([pair, m]) => [pair, { ...m, ...(m.depth ? { depth: times(m.depth) } : {}), ...(m.liquidity ? { liquidity: times(m.liquidity) } : {}) }]),
    ),
    participants: s.participants.map((p) => ({
      ...p,
      ...(p.balances ? { balances: Object.fromEntries(Object.entries(p.balances).map(([c, v]) => [c, times(v)])) } : {}),
    })),
    payments: s.payments.map((p) => {
      if (!('generate' in p)) return p;
      const count = p === gens.at(-1) ? left : Math.round(p.generate.count * k);
      left -= count;
      return { generate: { ...p.generate, count, ...(over ? { over } : {}) } };
    }),
  };
}

/** Wall and CPU time and peak RSS around `work`; `sample` is for the work to call as it goes. */
export function timed(name: string, payments: number, work: (sample: () => void) => Promise<Partial<Run>> | Partial<Run>): Promise<Run> {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  return Promise.resolve(work(sample)).then((extra) => {
    const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    sample();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    return {
      name,
      payments,
      wallSeconds: round(wallSeconds, 2),
      cpuSeconds: round(cpuSeconds, 2),
      paymentsPerCpuSecond: Math.round(payments / cpuSeconds),
      paymentsPerWallSecond: Math.round(payments / wallSeconds),
      peakRssMB: Math.round(Math.max(peak, maxRss) / 2 ** 20),
      bytesWritten: 0,
      loadAverage: round(loadavg()[0]!, 2),
      ...extra,
    };
  });
}

export const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The reference: REFERENCE_PAYMENTS bare actors replaying a settled payment of the shipped scenario. */
export function measureReference(): Promise<Run> {
  const script = settledScript(shipped());
  return timed('reference', REFERENCE_PAYMENTS, () => {
    // Arrivals at the shipped scenario's rate, as in `crossBorder`.
    const settled = replay(script, REFERENCE_PAYMENTS, SHIPPED_SPAN_MS / 493, 0);
    if (settled !== REFERENCE_PAYMENTS) throw new Error(`the reference settled ${settled} of ${REFERENCE_PAYMENTS}`);
    return { settled };
  });
}
