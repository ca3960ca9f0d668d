// The outcome report of one run as plain data (report.json): every figure a reader needs to judge
// the pilot design, with money as exact decimal strings and the yardsticks it is measured against.

import { formatMinor, type Dec as Decimal } from '../money/index.js';
import { isoTime } from '../ledger/index.js';
import { at, ms } from '../scenario/model.js';
import type { RunResult } from '../scenario/runner.js';
import { domesticSection, type DomesticSection, type OrderMetrics } from './orderMetrics.js';
import { runFacts } from './outcomeRecord.js';
import type { RunFacts, Verdict } from '../invariants/index.js';
import type { Scenario } from '../scenario/schema.js';
import { ONE_MINUTE_MS, noCounts, percentile, type RunMetrics, type StatusCounts } from './metrics.js';

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

/** Bin widths, in minutes, that read well on a time axis; each of the short ones divides an hour. */
const NICE_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** The narrowest nice width that covers `spanMinutes` in at most `maxBins` bins. */
function binWidth(spanMinutes: number, maxBins: number): number {
  const fits = NICE_MINUTES.find((w) => Math.ceil(spanMinutes / w) <= maxBins);
  return fits ?? Math.ceil(spanMinutes / maxBins / 1440) * 1440;
}

/** Sums the per-minute counts of `byMinute` into consecutive bins of `width` minutes from `first`. */
function binned(byMinute: ReadonlyMap<number, StatusCounts>, first: number, width: number, bins: number): StatusCounts[] {
  const out = Array.from({ length: bins }, noCounts);
  for (const [minute, c] of byMinute) {
    const bin = out[Math.floor((minute - first) / width)]!;
    for (const k of Object.keys(c) as (keyof StatusCounts)[]) bin[k] += c[k];
  }
  return out;
}

/** Payments by the time they were ordered, in bins across the whole run, with the scenario's faults. */
function timeline(s: Scenario, m: RunMetrics, run: RunResult) {
  // A loop, not Math.min(...keys): a long run can have more minutes than a call takes arguments.
  let first = Math.floor(run.startTime / ONE_MINUTE_MS);
  let last = Math.floor(run.endTime / ONE_MINUTE_MS);
  for (const minute of m.initiatedByMinute.keys()) {
    first = Math.min(first, minute);
    last = Math.max(last, minute);
  }
  // About 15 minutes for a working day, an hour for a few days: a bar per slot stays readable.
  const width = binWidth(last - first + 1, 48);
  const bins = binned(m.initiatedByMinute, first, width, Math.ceil((last - first + 1) / width));
  const events: { kind: string; label: string; from: string; to?: string }[] = [];
  for (const f of s.faults ?? []) {
    const label = f.kind === 'chainHalt' ? `${f.chain} halted` : `${Math.round(f.share * 100)}% of messages delivered twice`;
    events.push({ kind: f.kind, label, from: isoTime(at(f.at)), to: isoTime(at(f.at) + ms(f.for)) });
  }
  for (const entry of s.sanctions ?? []) {
    if (typeof entry !== 'string') events.push({ kind: 'sanctionsListing', label: `${entry.party} sanctioned`, from: isoTime(at(entry.from)) });
  }
  return {
    binMinutes: width,
    bins: bins.map((c, i) => ({ from: isoTime((first + i * width) * ONE_MINUTE_MS), ...c })),
    events,
  };
}

/** Time to final state in bins of whole minutes, per outcome; always reaching past the one-hour mark. */
function timeToFinalHistogram(m: RunMetrics) {
  let span = 60;
  for (const k of m.finalByMinute.keys()) span = Math.max(span, k + 1);
  const width = binWidth(span, 40);
  const bins = binned(m.finalByMinute, 0, width, Math.ceil(span / width));
  return { binMinutes: width, bins: bins.map((c, i) => ({ fromMinutes: i * width, toMinutes: (i + 1) * width, ...c })) };
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
  /** Payments by when they were ordered (bins start at `from`), per final status; faults and listings during the run. */
  readonly timeline: ReturnType<typeof timeline>;
  /** Payments by time to final state: a bin counts those that took more than `fromMinutes` and at most `toMinutes`. */
  readonly timeToFinalHistogram: ReturnType<typeof timeToFinalHistogram>;
  /**
   * Where the payers' RUB went, valued at mid, per outcome: each group's parts add up to what it
   * paid, exactly before each figure is rounded to the kopeck on its own (so a settled group can
   * be a kopeck off). Rejected payments took nothing, so they do not appear.
   */
  readonly flowOfFundsRub: {
    paidByPayers: string;
    settled: { paid: string; exchangeSpread: string; chainFees: string; offrampSpread: string; deliveredToBeneficiaries: string };
    refunded: { paid: string; refundedToPayers: string; lostOnRefunds: string };
    frozen: { paid: string; exchangeSpread: string; chainFees: string; frozenAtMid: string };
  };
  readonly lossesRub: { refunded: { count: number; paid: string; returned: string; loss: string }; frozen: { count: number; paid: string; frozenValue: string } };
  readonly sanctions: { blockedBeforeFunds: number; frozenInFlight: number };
  readonly ledger: { entries: number; balances: { account: string; kind: string; asset: string; balance: string }[] };
  /** The law in force (preset, rules with dates and sources, caps, AML threshold), retail and miner orders. */
  readonly domestic: DomesticSection;
  /** What `railpilot verify` needs to check the run's files: final states, sanctions, caps. */
  readonly facts: RunFacts;
  /** The scenario's own invariants, checked as the run streamed. */
  readonly declaredInvariants: readonly Verdict[];
  readonly yardsticks: { source: string };
}

export function buildReport(s: Scenario, m: RunMetrics, run: RunResult, orders: OrderMetrics, declared: readonly Verdict[] = []): Report {
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
    timeline: timeline(s, m, run),
    timeToFinalHistogram: timeToFinalHistogram(m),
    flowOfFundsRub: {
      paidByPayers: rub(m.settledPaid.plus(m.refundedPaid).plus(m.frozenPaid)),
      settled: {
        paid: rub(m.settledPaid),
        exchangeSpread: rub(m.cost.exchangeSpread),
        chainFees: rub(m.cost.chainFee),
        offrampSpread: rub(m.cost.offrampSpread),
        deliveredToBeneficiaries: rub(m.principalSettled),
      },
      refunded: { paid: rub(m.refundedPaid), refundedToPayers: rub(m.refundedBack), lostOnRefunds: rub(m.refundedPaid.minus(m.refundedBack)) },
      frozen: { paid: rub(m.frozenPaid), exchangeSpread: rub(m.frozenExchangeSpread), chainFees: rub(m.frozenChainFee), frozenAtMid: rub(m.frozenValue) },
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
    domestic: domesticSection(orders, run),
    facts: runFacts(s),
    declaredInvariants: declared,
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
