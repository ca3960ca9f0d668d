// The outcome report of one run as plain data (report.json): every figure a reader needs to judge
// the pilot design, with money as exact decimal strings and the yardsticks it is measured against.
// Computed from the run's records alone (run.json and the metrics folded over its outcomes; see
// fold.ts), so `railpilot report` recomputes it from a run folder.

import { Dec, fixed, unsignedZero, type Dec as Decimal } from '../money/index.js';
import { isoTime, type CycleRecord, type RunFacts, type RunRecord, type Verdict } from '../records/index.js';
import { binWidth, binned } from './bins.js';
import { clearingSection } from './clearing.js';
import { domesticSection, type DomesticSection, type OrderMetrics } from './orderMetrics.js';
import type { Durations } from './durations.js';
import { ONE_MINUTE_MS, midsOf, noCounts, pct, percentile, share, type RunMetrics } from './metrics.js';
import { domesticFacts, priceIndexAt } from './runView.js';

import { G20 } from './yardsticks.js';
import type { ChannelMetrics, ChannelSection } from './channelMetrics.js';
import type { ComplianceSection } from './compliance.js';
import { flowOfFunds, type FlowOfFunds } from './flowOfFunds.js';
import type { OrderGroupSection, OrderTally } from './orders.js';
import type { ReceiptTally, ReceiptsSection } from './receipts.js';
import type { ChannelTimes, ChannelTimesSection } from './channelTimes.js';
import { capsSection, type CapsSection } from './caps.js';
import { minersSection, type MinersSection } from './miners.js';

export { G20 };

const rub = (d: Decimal) => fixed(d, 2);

/**
 * A group's parts to the kopeck, each rounded half-even on its own except `rest`, which is what
 * is left of `paid` after the others: so every group of the flow of funds adds up to what it took.
 */
function split<K extends string>(paid: Decimal, parts: Record<K, Decimal>, rest: NoInfer<K>): Record<K | 'paid', string> {
  const keys = Object.keys(parts) as K[];
  const rounded = new Map<K, string>(keys.filter((k) => k !== rest).map((k) => [k, rub(parts[k])]));
  const left = [...rounded.values()].reduce((a, x) => a.minus(x), new Dec(rub(paid)));
  rounded.set(rest, rub(left));
  return Object.fromEntries([['paid', rub(paid)], ...keys.map((k) => [k, rounded.get(k)!])]) as Record<K | 'paid', string>;
}


function timeStats(durations: Durations) {
  const values = durations.sorted();
  const s = (v: number | null) => (v === null ? null : v / 1000);
  return { count: values.length, p50: s(percentile(values, 50, true)), p95: s(percentile(values, 95, true)), p99: s(percentile(values, 99, true)), max: s(values.at(-1) ?? null) };
}

/**
 * Payments by the time they were ordered, in bins from the run's start to the end of the last
 * payment out (`paymentsEnd`; the run's end without it), with the scenario's faults: a leg of
 * another kind that runs for weeks does not squeeze these payments into one bar.
 */
function timeline(m: RunMetrics, run: RunRecord, paymentsEnd?: number) {
  // A loop, not Math.min(...keys): a long run can have more minutes than a call takes arguments.
  let first = Math.floor(run.startTime / ONE_MINUTE_MS);
  let last = Math.floor((paymentsEnd ?? run.endTime) / ONE_MINUTE_MS);
  for (const minute of m.initiatedByMinute.keys()) {
    first = Math.min(first, minute);
    last = Math.max(last, minute);
  }
  // About 15 minutes for a working day, an hour for a few days: a bar per slot stays readable.
  const width = binWidth(last - first + 1, 48);
  const bins = binned(m.initiatedByMinute, first, width, Math.ceil((last - first + 1) / width), noCounts);
  // The faults and listings that fall within the axis.
  const end = (first + bins.length * width) * ONE_MINUTE_MS;
  const events = run.events.filter((e) => Date.parse(e.from) < end).map((e) => ({ ...e }));
  return {
    binMinutes: width,
    bins: bins.map((c, i) => ({ from: isoTime((first + i * width) * ONE_MINUTE_MS), ...c })),
    events,
  };
}

/**
 * What each stablecoin with an exchange was worth in RUB over the run, at the start of each
 * timeline bin (a basket coin moves with its members' rates, a pegged coin with its peg and any
 * depeg). Only when something moves: a run at fixed prices has nothing to chart.
 */
function stablecoinValues(run: RunRecord, bins: readonly { from: string }[]) {
  const index = run.priceIndex;
  if (!index) return [];
  return run.stablecoins.map(({ coin, basket }) => {
    const start = midsOf(run)(coin, 'RUB');
    const values = bins.map((b) => start.mul(priceIndexAt(index, coin, Date.parse(b.from) / ONE_MINUTE_MS)));
    const series = bins.map((b, i) => ({ at: b.from, rub: values[i]!.toFixed(4) }));
    const [min, max] = values.reduce(([lo, hi], v) => [v.lt(lo) ? v : lo, v.gt(hi) ? v : hi], [start, start]);
    return { coin, ...(basket ? { basket } : {}), startRub: start.toFixed(4), minRub: min.toFixed(4), maxRub: max.toFixed(4), series };
  });
}

/** Time to final state in bins of whole minutes, per outcome; always reaching past the one-hour mark. */
function timeToFinalHistogram(m: RunMetrics) {
  let span = 60;
  for (const k of m.finalByMinute.keys()) span = Math.max(span, k + 1);
  const width = binWidth(span, 40);
  const bins = binned(m.finalByMinute, 0, width, Math.ceil(span / width), noCounts);
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
    parts: { exchangeSpread: string; chainFee: string; offrampSpread: string; npcsFee: string; fxResidue: string };
    g20RetailTargetPercent: number;
  };
  /** Payments by when they were ordered (bins start at `from`), per final status; faults and listings during the run. */
  readonly timeline: ReturnType<typeof timeline>;
  /** Payments by time to final state: a bin counts those that took more than `fromMinutes` and at most `toMinutes`. */
  readonly timeToFinalHistogram: ReturnType<typeof timeToFinalHistogram>;
  /**
   * Where the payers' RUB went, valued at mid, per outcome; rejected payments took nothing, so they
   * do not appear. Each group's parts add up to what it took, to the kopeck: each part is rounded
   * on its own but one, what is left (settled and frozen: the exchange spread; refunded: the loss).
   * Prices: the coin bought, the fees and the spreads at the exchange's mid of the fill (the
   * off-ramp's spread at its mid when it priced the coin); what a settled payment delivered at the
   * mids of its payout; coin frozen, kept in custody or kept by an off-ramp at the mid of the moment
   * its payment ended (outcomes.jsonl states each: `mids`); the FX residue is what those moves did.
   */
  readonly flowOfFundsRub: {
    paidByPayers: string;
    settled: { paid: string; exchangeSpread: string; chainFees: string; offrampSpread: string; npcsFees: string; fxResidue: string; deliveredToBeneficiaries: string };
    /** `lostOnRefunds` includes `forfeitedToOfframps`. */
    refunded: { paid: string; refundedToPayers: string; lostOnRefunds: string; forfeitedToOfframps: string };
    frozen: { paid: string; exchangeSpread: string; chainFees: string; npcsFees: string; fxResidue: string; frozenAtMid: string };
  };
  /** The same, as the graph report.md and report.html render: every outcome node's inflows equal its outflows. */
  readonly flowOfFunds: FlowOfFunds;
  readonly lossesRub: {
    refunded: { count: number; paid: string; returned: string; loss: string; forfeitedToOfframps: string };
    frozen: { count: number; paid: string; frozenValue: string };
    /** Coin off-ramps kept because a return transfer's fee exceeded it, whatever the payment's outcome. */
    forfeitedToOfframps: { count: number; rub: string };
  };
  /** Sanctions hits over every kind of flow: blocked at screening, frozen in flight; and per flow. */
  readonly sanctions: ComplianceSection['sanctions'];
  readonly ledger: { entries: number; balances: { account: string; kind: string; asset: string; balance: string }[] };
  /**
   * Payments by channel (pilot per settlement mode and stablecoin, and the correspondent
   * baseline), each on the G20 yardsticks, with its settlement risk (CPSS 1996).
   */
  readonly channels: readonly ChannelSection[];
  /** Stablecoins' RUB value over the run, when prices move (fx volatility, a basket, a depeg). */
  readonly stablecoins: ReturnType<typeof stablecoinValues>;
  /** NPCS clearing: gross vs net, liquidity saved, central-bank credit; null without clearing. */
  readonly clearing: ReturnType<typeof clearingSection>;
  /**
   * Retail investors' purchases and sales (fills and refusals by reason over time), cap use per
   * category against the cap in force, and AML flags; null without retail orders.
   */
  readonly retail: { purchases: OrderGroupSection | null; sales: OrderGroupSection | null; caps: CapsSection | null; amlFlags: ComplianceSection['amlFlags'] } | null;
  /** Miners: coin mined, sales, what the registry refused; null without miners. */
  readonly miners: MinersSection | null;
  /** Receipts from abroad: credited, blocked, frozen, time to credit; null without receipts. */
  readonly receipts: ReceiptsSection | null;
  /** Time to credit per channel on a log time axis (credited payments per bin); null without cross-border flows. */
  readonly channelTimes: ChannelTimesSection | null;
  /** The law in force (preset, rules with dates and sources, caps, AML threshold), retail and miner orders. */
  readonly domestic: DomesticSection;
  /** What `railpilot verify` needs to check the run's files: final states, sanctions, caps. */
  readonly facts: RunFacts;
  /** The scenario's own invariants, checked as the run streamed. */
  readonly declaredInvariants: readonly Verdict[];
  readonly yardsticks: { source: string };
}

export interface ReportExtras {
  readonly channels?: ChannelMetrics;
  /** AML flags and sanctions hits, from every line of outcomes.jsonl. */
  readonly compliance?: ComplianceSection;
  readonly cycles?: readonly CycleRecord[];
  readonly orderTally?: OrderTally;
  readonly receipts?: ReceiptTally;
  readonly channelTimes?: ChannelTimes;
  /** When the last payment out ended (ms): the payments' timeline ends there. */
  readonly paymentsEnd?: number;
}

export function buildReport(run: RunRecord, m: RunMetrics, orders: OrderMetrics, extras: ReportExtras = {}): Report {
  const line = timeline(m, run, extras.paymentsEnd);
  const channels = extras.channels?.section() ?? [];
  const o = extras.orderTally;
  const purchases = o?.purchases.section(run.rubScale) ?? null;
  const sales = o?.sales.section(run.rubScale) ?? null;
  const reasons = Object.fromEntries([...m.byReason.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  const compliance = extras.compliance ?? { amlFlags: { count: 0, totalRub: rub(new Dec(0)), byFlow: {} }, sanctions: { blocked: 0, frozen: 0, byFlow: {} } };
  const settled = split(
    m.settledPaid,
    { exchangeSpread: new Dec(0), chainFees: m.cost.chainFee, offrampSpread: m.cost.offrampSpread, npcsFees: m.cost.npcsFee, fxResidue: m.cost.fxResidue, deliveredToBeneficiaries: m.principalSettled },
    'exchangeSpread',
  );
  const refunded = { ...split(m.refundedPaid, { refundedToPayers: m.refundedBack, lostOnRefunds: new Dec(0) }, 'lostOnRefunds'), forfeitedToOfframps: rub(m.refundedForfeited) };
  const frozen = split(
    m.frozenPaid,
    { exchangeSpread: new Dec(0), chainFees: m.frozenChainFee, npcsFees: m.frozenNpcsFee, fxResidue: m.frozenFxResidue, frozenAtMid: m.frozenValue },
    'exchangeSpread',
  );
  const parts = { exchangeSpread: settled.exchangeSpread, chainFee: settled.chainFees, offrampSpread: settled.offrampSpread, npcsFee: settled.npcsFees, fxResidue: settled.fxResidue };
  const costTotal = new Dec(settled.paid).minus(settled.deliveredToBeneficiaries);
  const figures = { settled, refunded, frozen };
  return {
    scenario: { name: run.scenario.name, description: run.scenario.description, seed: run.seed, start: isoTime(run.startTime), end: isoTime(run.endTime) },
    payments: { total: m.total, byStatus: { ...m.byStatus }, byReason: reasons },
    timeToFinalSeconds: { all: timeStats(m.durations), settled: timeStats(m.settledDurations) },
    withinOneHour: { finalShare: share(m.finalWithinHour, m.total), settledShare: share(m.settledWithinHour, m.total), g20Target: G20.withinOneHourShare },
    costRub: {
      settledPrincipal: settled.deliveredToBeneficiaries,
      total: rub(costTotal),
      percentOfPrincipal: pct(costTotal, new Dec(settled.deliveredToBeneficiaries)),
      parts,
      g20RetailTargetPercent: G20.retailCostShare * 100,
    },
    timeline: line,
    timeToFinalHistogram: timeToFinalHistogram(m),
    flowOfFundsRub: { paidByPayers: rub(m.settledPaid.plus(m.refundedPaid).plus(m.frozenPaid)), ...figures },
    flowOfFunds: flowOfFunds(figures),
    lossesRub: {
      refunded: { count: m.byStatus.refunded, paid: refunded.paid, returned: refunded.refundedToPayers, loss: refunded.lostOnRefunds, forfeitedToOfframps: refunded.forfeitedToOfframps },
      frozen: { count: m.byStatus.frozen, paid: frozen.paid, frozenValue: frozen.frozenAtMid },
      forfeitedToOfframps: { count: m.forfeitedCount, rub: rub(m.forfeited) },
    },
    sanctions: compliance.sanctions,
    ledger: { entries: run.ledger.entries, balances: run.ledger.balances.map((b) => ({ ...b })) },
    channels,
    stablecoins: stablecoinValues(run, line.bins),
    clearing: clearingSection(run, extras.cycles ?? []),
    retail: purchases || sales ? { purchases, sales, caps: purchases ? capsSection(run, orders.capRejections, orders.buyers) : null, amlFlags: compliance.amlFlags } : null,
    miners: o ? minersSection(run.mining, o.minerSales, run.rubScale) : null,
    receipts: extras.receipts?.section(channels) ?? null,
    channelTimes: extras.channelTimes && extras.channels && extras.channels.size > 0 ? extras.channelTimes.section() : null,
    domestic: domesticSection(orders, domesticFacts(run), compliance.amlFlags),
    facts: run.facts,
    declaredInvariants: run.declaredInvariants,
    yardsticks: { source: G20.source },
  };
}

export function reportJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** A fraction as a percentage for people: 0.734 -> "73.4%". */
export function percent(x: number | null, digits = 1): string {
  return x === null ? 'n/a' : `${unsignedZero((x * 100).toFixed(digits))}%`;
}
