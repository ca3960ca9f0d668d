// Payments by channel: the pilot per settlement mode and stablecoin, and the correspondent
// baseline, side by side on the same yardsticks (G20 speed and cost), with each channel's
// settlement risk measured as CPSS (1996) defines it: the RUB paid is at risk from the moment it
// can no longer be recalled until the bought leg is final, per participant, as the peak amount at
// risk at once and as exposure-hours.

import { Dec, fixed, toUnits, type Dec as Decimal } from '../money/index.js';
import type { CorrespondentOutcomeView as CorrespondentOutcome, PaymentOutcomeView as PaymentOutcome, ReceiptOutcomeView as ReceiptOutcome } from '../records/index.js';
import { ONE_HOUR_MS, PartsMemo, RunMetrics, noCounts, pct, percentile, share, type MidAt, type MidPrice, type RecordExtras, type StatusCounts } from './metrics.js';
import { G20 } from './yardsticks.js';
import { Durations } from './durations.js';
import { Chunks } from './chunks.js';
import { TimeOrder, inOrder } from './timeOrder.js';
import { ZERO, decOf, div, minus, numberOf, plus, times, amountUnits, type Scaled } from './exact40.js';

/** What every channel counts: outcomes by status and reason, and how long settled ones took. */
class Tally {
  readonly byStatus: StatusCounts = noCounts();
  readonly byReason = new Map<string, number>();
  readonly settledDurations = new Durations();
  settledWithinHour = 0;
  total = 0;
  principalSettled = new Dec(0);

  /** Counts one outcome; a credited one adds its time from order to credit. */
  protected count(o: { status: keyof StatusCounts; reason: string | null; payment: { initiatedAt: number } }, finalAt: number, credited: boolean): void {
    this.total++;
    this.byStatus[o.status]++;
    if (o.reason) this.byReason.set(o.reason, (this.byReason.get(o.reason) ?? 0) + 1);
    if (!credited) return;
    const took = finalAt - o.payment.initiatedAt;
    this.settledDurations.push(took);
    if (took <= ONE_HOUR_MS) this.settledWithinHour++;
  }
}

/** Correspondent payments: what the banks took. */
class CorrespondentGroup extends Tally {
  fees = new Dec(0);
  fxSpread = new Dec(0);

  add(o: CorrespondentOutcome, finalAt: number): void {
    this.count(o, finalAt, o.status === 'settled');
    if (o.status !== 'settled') return;
    const fees = toUnits(o.fees!);
    const spread = toUnits(o.fxSpread!);
    this.fees = this.fees.plus(fees);
    this.fxSpread = this.fxSpread.plus(spread);
    this.principalSettled = this.principalSettled.plus(toUnits(o.paid!).minus(fees).minus(spread));
  }
}

/**
 * Receipts from abroad: what the exporters got for the coin. Cost is the buyer's chain fee and the
 * exchange's spread, both valued at the mid of the sale, against the coin's worth at that mid.
 */
class ReceiptGroup extends Tally {
  chainFee = new Dec(0);
  exchangeSpread = new Dec(0);

  add(o: ReceiptOutcome, finalAt: number): void {
    const sold = o.status === 'settled' && o.rub !== null && o.saleMid !== null;
    this.count(o, finalAt, sold);
    if (!sold) return;
    const worth = toUnits(o.payment.amount).mul(o.saleMid);
    this.principalSettled = this.principalSettled.plus(worth);
    this.exchangeSpread = this.exchangeSpread.plus(worth.minus(toUnits(o.rub)));
    if (o.chainFee) this.chainFee = this.chainFee.plus(toUnits(o.chainFee).mul(o.saleMid));
  }
}

type CostPart = keyof ChannelSection['costRub'];

/** One channel's row: its counts and times, its cost from the parts it has, and its risk. */
function channelRow(
  head: Pick<ChannelSection, 'channel' | 'rail' | 'settlement' | 'stablecoin'>,
  t: Pick<Tally, 'total' | 'byStatus' | 'byReason' | 'settledDurations' | 'settledWithinHour' | 'principalSettled'>,
  parts: Partial<Record<Exclude<CostPart, 'total'>, Decimal>>,
  settlementRisk: ChannelSection['settlementRisk'],
): ChannelSection {
  const sorted = t.settledDurations.sorted();
  const total = Object.values(parts).reduce((sum, x) => sum.plus(x), new Dec(0));
  const part = (k: Exclude<CostPart, 'total'>) => rub(parts[k] ?? new Dec(0));
  return {
    ...head,
    payments: t.total,
    byStatus: { ...t.byStatus },
    byReason: Object.fromEntries([...t.byReason.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    settledSeconds: { p50: secs(percentile(sorted, 50, true)), p95: secs(percentile(sorted, 95, true)), p99: secs(percentile(sorted, 99, true)) },
    creditedWithinOneHourShare: share(t.settledWithinHour, t.total),
    g20WithinOneHourTarget: G20.withinOneHourShare,
    settledPrincipalRub: rub(t.principalSettled),
    costRub: {
      exchangeSpread: part('exchangeSpread'),
      chainFee: part('chainFee'),
      offrampSpread: part('offrampSpread'),
      npcsFee: part('npcsFee'),
      correspondentFees: part('correspondentFees'),
      fxSpread: part('fxSpread'),
      fxResidue: part('fxResidue'),
      total: rub(total),
    },
    costPercentOfPrincipal: pct(total, t.principalSettled),
    g20CostTargetPercent: G20.retailCostShare * 100,
    settlementRisk,
  };
}

/**
 * One participant's intervals at risk in one channel, kept compactly (a long run has a million):
 * each interval's ends and its RUB in minor units in typed arrays, 24 bytes an interval, and its
 * RUB-hours summed as it comes, in the order the intervals come. The arrays are chunks of a fixed
 * size rather than one array that doubles: a doubling array is up to half empty and, as it grows,
 * holds the old copy and the new one at once.
 */
class Exposures {
  private readonly from = new Chunks<number>((n) => new Float64Array(n));
  private readonly to = new Chunks<number>((n) => new Float64Array(n));
  private readonly minor = new Chunks<bigint>((n) => new BigInt64Array(n));
  /** Whether the intervals came in the order they end (a run's do: each comes when its payment ends). */
  private endsInOrder = true;
  /** RUB-hours so far, in bigint as decimal.js would round them (exact40.ts). */
  private hours: Scaled = ZERO;

  constructor(private readonly scale: number) {}

  get rubHours(): Decimal {
    return decOf(this.hours);
  }

  add(from: number, to: number, rub: Scaled, minor: bigint, scale: number): void {
    if (scale !== this.scale) throw new Error(`settlement risk: amounts of scale ${scale} and ${this.scale} in one channel`);
    if (BigInt.asIntN(64, minor) !== minor) throw new Error(`settlement risk: ${minor} minor units do not fit 64 bits`);
    const n = this.to.length;
    if (n > 0 && to < this.to.at(n - 1)) this.endsInOrder = false;
    this.from.push(from);
    this.to.push(to);
    this.minor.push(minor);
    this.hours = plus(this.hours, div(times(rub, numberOf(to - from)), HOUR));
  }

  /**
   * Peak RUB at risk at once, in minor units (exact): a sweep over the intervals' starts and ends
   * in time order. The ends came in order, so only the starts are put in order, block by block
   * (see timeOrder.ts). At one instant, what takes away goes before what adds (an end of zero
   * counts as taking away): a leg final as another is paid is not at risk with it. Within either
   * group the order cannot change the peak.
   */
  peak(): Decimal {
    const n = this.to.length;
    const [from, to, minor] = [(k: number) => this.from.at(k), (k: number) => this.to.at(k), (k: number) => this.minor.at(k)];
    const starts = new TimeOrder(from, n);
    const ends = this.endsInOrder ? inOrder(to, n) : new TimeOrder(to, n);
    const began: number[] = [];
    const ended: number[] = [];
    let [now, peak] = [0n, 0n];
    for (let t = Math.min(starts.nextTime(), ends.nextTime()); t < Infinity; t = Math.min(starts.nextTime(), ends.nextTime())) {
      began.length = ended.length = 0;
      while (starts.nextTime() === t) began.push(starts.take());
      while (ends.nextTime() === t) ended.push(ends.take());
      // Takes away: a start of negative RUB, an end of none or more.
      for (const k of began) if (minor(k) < 0n) now += minor(k);
      for (const k of ended) if (minor(k) >= 0n) now -= minor(k);
      // Adds: the others; the peak is where the adding ends.
      for (const k of began) if (minor(k) >= 0n) now += minor(k);
      for (const k of ended) if (minor(k) < 0n) now -= minor(k);
      if (now > peak) peak = now;
    }
    return new Dec(peak.toString()).div(new Dec(10).pow(this.scale));
  }
}

const rub = (d: Decimal) => fixed(d, 2);
const HOUR = numberOf(ONE_HOUR_MS);
const secs = (v: number | null) => (v === null ? null : v / 1000);

export class ChannelMetrics {
  private readonly pilot = new Map<string, RunMetrics>();
  private readonly correspondent = new CorrespondentGroup();
  private readonly receipts = new Map<string, ReceiptGroup>();
  /** Intervals at risk, by channel then participant. */
  private readonly exposures = new Map<string, Map<string, Exposures>>();

  /** @param memo the one the run's metrics use, so a payment's parts are computed once for both. */
  constructor(
    private readonly mid: MidPrice,
    private readonly midAt?: MidAt,
    private readonly memo = new PartsMemo(),
  ) {}

  static keyOf(o: PaymentOutcome | CorrespondentOutcome | ReceiptOutcome): string {
    if (o.flow === 'crossBorderReceipt') return `pilot inbound ${o.payment.coin}`;
    return o.flow === 'correspondentPayment' ? 'correspondent' : `pilot ${o.payment.settlement} ${o.payment.coin}`;
  }

  add(o: PaymentOutcome | CorrespondentOutcome | ReceiptOutcome, finalAt: number, extras: RecordExtras = {}): void {
    const key = ChannelMetrics.keyOf(o);
    if (o.flow === 'crossBorderReceipt') {
      // The exporter pays nothing in RUB: there is no RUB leg at risk to measure.
      let g = this.receipts.get(key);
      if (!g) this.receipts.set(key, (g = new ReceiptGroup()));
      g.add(o, finalAt);
      return;
    }
    if (o.flow === 'correspondentPayment') this.correspondent.add(o, finalAt);
    else {
      let m = this.pilot.get(key);
      // The run's metrics keep every duration and the timeline; a channel's row needs neither.
      if (!m) this.pilot.set(key, (m = new RunMetrics(this.mid, this.midAt, false, this.memo)));
      m.add(o, finalAt, extras);
    }
    // Rejected payments never paid; a frozen payment's RUB stays at risk until it ends, lost.
    if (o.paidAt === null || o.paid === null || o.status === 'rejected') return;
    let byParty = this.exposures.get(key);
    if (!byParty) this.exposures.set(key, (byParty = new Map<string, Exposures>()));
    const payer = o.payment.payer.id;
    const scale = o.paid.asset.scale;
    let list = byParty.get(payer);
    if (!list) byParty.set(payer, (list = new Exposures(scale)));
    // The principal is what is at risk; a correspondent's fees are spent whatever happens.
    const fees = o.flow === 'correspondentPayment' ? o.fees : null;
    if (fees && fees.asset.scale !== scale) throw new Error(`settlement risk: fees of scale ${fees.asset.scale} on a payment of scale ${scale}`);
    const principal = fees ? minus(amountUnits(o.paid), amountUnits(fees)) : amountUnits(o.paid);
    list.add(o.paidAt, finalAt, principal, fees ? o.paid.minor - fees.minor : o.paid.minor, scale);
  }

  private exposure(key: string) {
    const byParty = this.exposures.get(key) ?? new Map<string, Exposures>();
    const parties = [...byParty.entries()]
      .map(([party, intervals]) => ({ party, peak: intervals.peak(), rubHours: intervals.rubHours }))
      .sort((a, b) => (a.party < b.party ? -1 : 1));
    const rubHours = parties.reduce((sum, p) => sum.plus(p.rubHours), new Dec(0));
    const peak = parties.reduce((max, p) => (p.peak.gt(max) ? p.peak : max), new Dec(0));
    return {
      peakRub: rub(peak),
      rubHours: rub(rubHours),
      byParticipant: parties.map((p) => ({ participant: p.party, peakRub: rub(p.peak), rubHours: rub(p.rubHours) })),
    };
  }

  get size(): number {
    return this.pilot.size + this.receipts.size + (this.correspondent.total > 0 ? 1 : 0);
  }

  section(): ChannelSection[] {
    const out: ChannelSection[] = [];
    for (const key of [...this.pilot.keys()].sort()) {
      const m = this.pilot.get(key)!;
      const [, settlement, coin] = key.split(' ') as [string, string, string];
      const c = m.cost;
      const parts = { exchangeSpread: c.exchangeSpread, chainFee: c.chainFee, offrampSpread: c.offrampSpread, npcsFee: c.npcsFee, fxResidue: c.fxResidue };
      out.push(channelRow({ channel: key, rail: 'pilot', settlement, stablecoin: coin }, m, parts, this.exposure(key)));
    }
    for (const key of [...this.receipts.keys()].sort()) {
      const g = this.receipts.get(key)!;
      // The exporter pays nothing in RUB: no RUB leg is at risk.
      const none = { peakRub: rub(new Dec(0)), rubHours: rub(new Dec(0)), byParticipant: [] };
      out.push(channelRow({ channel: key, rail: 'pilot', settlement: 'inbound', stablecoin: key.split(' ')[2]! }, g, { exchangeSpread: g.exchangeSpread, chainFee: g.chainFee }, none));
    }
    const c = this.correspondent;
    if (c.total > 0) {
      const head = { channel: 'correspondent', rail: 'correspondent', settlement: 'sequential', stablecoin: null };
      out.push(channelRow(head, c, { correspondentFees: c.fees, fxSpread: c.fxSpread }, this.exposure('correspondent')));
    }
    return out;
  }
}

export interface ChannelSection {
  /** `pilot <settlement> <coin>`, `pilot inbound <coin>` (receipts from abroad) or `correspondent`. */
  readonly channel: string;
  readonly rail: string;
  readonly settlement: string;
  readonly stablecoin: string | null;
  readonly payments: number;
  readonly byStatus: Record<string, number>;
  readonly byReason: Record<string, number>;
  /** Time from order to beneficiary credit, settled payments. */
  readonly settledSeconds: { p50: number | null; p95: number | null; p99: number | null };
  readonly creditedWithinOneHourShare: number | null;
  readonly g20WithinOneHourTarget: number;
  readonly settledPrincipalRub: string;
  /** Cost of settled payments, valued at mid, by part. */
  readonly costRub: Record<'exchangeSpread' | 'chainFee' | 'offrampSpread' | 'npcsFee' | 'correspondentFees' | 'fxSpread' | 'fxResidue' | 'total', string>;
  readonly costPercentOfPrincipal: number | null;
  readonly g20CostTargetPercent: number;
  /** CPSS (1996): RUB paid irrevocably and not yet matched by the bought leg being final. */
  readonly settlementRisk: { peakRub: string; rubHours: string; byParticipant: { participant: string; peakRub: string; rubHours: string }[] };
}
