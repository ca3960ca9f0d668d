// The outcome report of one run as plain data (report.json): every figure a reader needs to judge
// the pilot design, with money as exact decimal strings and the yardsticks it is measured against.

import { formatMinor, type Dec as Decimal } from '../money/index.js';
import { isoTime } from '../ledger/index.js';
import type { RunResult } from '../scenario/runner.js';
import type { Scenario } from '../scenario/schema.js';
import { percentile, type RunMetrics } from './metrics.js';

/** FSB, G20 targets for cross-border payments (2021): 75% credited within 1 hour, retail cost <= 1%. */
export const G20 = { withinOneHourShare: 0.75, retailCostShare: 0.01, source: 'FSB, G20 targets for enhancing cross-border payments, final report, 2021-10-13' } as const;

const rub = (d: Decimal) => d.toFixed(2);
const share = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1e6) / 1e6);
const pct = (n: Decimal, d: Decimal): number | null => (d.isZero() ? null : Number(n.div(d).mul(100).toFixed(4)));

function timeStats(values: number[]) {
  values.sort((a, b) => a - b);
  const s = (v: number | null) => (v === null ? null : v / 1000);
  return { count: values.length, p50: s(percentile(values, 50, true)), p95: s(percentile(values, 95, true)), p99: s(percentile(values, 99, true)), max: s(values.at(-1) ?? null) };
}

export interface Report {
  readonly scenario: { name: string; description: string; seed: number; start: string; end: string };
  readonly payments: { total: number; byStatus: Record<string, number>; byReason: Record<string, number> };
  readonly timeToFinalSeconds: { all: ReturnType<typeof timeStats>; settled: ReturnType<typeof timeStats> };
  readonly withinOneHour: { finalShare: number | null; settledShare: number | null; g20Target: number };
  readonly costRub: {
    settledPrincipal: string;
    total: string;
    percentOfPrincipal: number | null;
    parts: { exchangeSpread: string; chainFee: string; offrampSpread: string };
    g20RetailTargetPercent: number;
  };
  readonly lossesRub: { refunded: { count: number; paid: string; returned: string; loss: string }; frozen: { count: number; paid: string; frozenValue: string } };
  readonly sanctions: { blockedBeforeFunds: number; frozenInFlight: number };
  readonly ledger: { entries: number; balances: { account: string; kind: string; asset: string; balance: string }[] };
  readonly yardsticks: { source: string };
}

export function buildReport(s: Scenario, m: RunMetrics, run: RunResult): Report {
  const reasons = Object.fromEntries([...m.byReason.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  const count = (prefix: string) => [...m.byReason.entries()].filter(([r]) => r.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
  return {
    scenario: { name: s.name, description: s.description, seed: run.seed, start: isoTime(run.startTime), end: isoTime(run.endTime) },
    payments: { total: m.total, byStatus: { ...m.byStatus }, byReason: reasons },
    timeToFinalSeconds: { all: timeStats(m.durations), settled: timeStats(m.settledDurations) },
    withinOneHour: { finalShare: share(m.finalWithinHour, m.total), settledShare: share(m.settledWithinHour, m.total), g20Target: G20.withinOneHourShare },
    costRub: {
      settledPrincipal: rub(m.principalSettled),
      total: rub(m.costTotal),
      percentOfPrincipal: pct(m.costTotal, m.principalSettled),
      parts: { exchangeSpread: rub(m.cost.exchangeSpread), chainFee: rub(m.cost.chainFee), offrampSpread: rub(m.cost.offrampSpread) },
      g20RetailTargetPercent: G20.retailCostShare * 100,
    },
    lossesRub: {
      refunded: { count: m.byStatus.refunded, paid: rub(m.refundedPaid), returned: rub(m.refundedBack), loss: rub(m.refundedPaid.minus(m.refundedBack)) },
      frozen: { count: m.byStatus.frozen, paid: rub(m.frozenPaid), frozenValue: rub(m.frozenValue) },
    },
    sanctions: { blockedBeforeFunds: count('sanctions.blocked'), frozenInFlight: count('sanctions.frozen') },
    ledger: {
      entries: run.entries,
      balances: run.balances.map((b) => ({ account: b.account, kind: b.kind, asset: b.asset, balance: formatMinor(b.minor, b.scale) })),
    },
    yardsticks: { source: G20.source },
  };
}

export function reportJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** A fraction as a percentage for people: 0.734 -> "73.4%". */
export function percent(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}
