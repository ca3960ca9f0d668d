// Outcome metrics gathered as payments finish: counts, times to final, costs and losses. Costs
// are valued in RUB at mid prices, so the spread, the chain fee and the off-ramp's cut show apart.
// What the charts need is counted per minute as payments finish (bounded by the run's length in
// minutes, not by its number of payments) and put into bins of a readable size only at the end.

import { Dec, fixed, toUnits, type Dec as Decimal } from '../money/index.js';
import type { MarketMids, PaymentOutcomeView as PaymentOutcome, PaymentStatus } from '../records/index.js';
import { Durations, type DurationValues } from './durations.js';
import { PartsMemo, type MidPrice } from './parts.js';
import { ZERO as NONE, decOf, plus } from './exact40.js';

/** A count's share of a total to six places, as report.json states shares; null for an empty total. */
export const share = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1e6) / 1e6);

/** A percentage to four places, computed in decimals; null for an empty total. */
export const pct = (n: Decimal, d: Decimal): number | null => (d.isZero() ? null : Number(fixed(n.div(d).mul(100), 4)));

export const ONE_HOUR_MS = 3_600_000;
export const ONE_MINUTE_MS = 60_000;
/** Immutable, so one zero serves every sum's start and every missing fee. */
const ZERO = new Dec(0);

export type StatusCounts = Record<PaymentStatus, number>;

export const noCounts = (): StatusCounts => ({ settled: 0, rejected: 0, refunded: 0, frozen: 0 });

function countIn(map: Map<number, StatusCounts>, key: number, status: PaymentStatus): void {
  let c = map.get(key);
  if (!c) map.set(key, (c = noCounts()));
  c[status]++;
}

const STATUSES = ['settled', 'rejected', 'refunded', 'frozen'] as const satisfies readonly PaymentStatus[];
const STATUS_INDEX: Record<PaymentStatus, number> = { settled: 0, rejected: 1, refunded: 2, frozen: 3 };
const CHUNK_MINUTES = 60;

/**
 * Counts per status by minute, read as a map from minute to counts. A long run orders about a
 * payment a minute, and a map entry with its counts object costs about 100 bytes; kept an hour
 * to a typed array (four counts a minute), a minute costs 4 bytes, and a run with few payments
 * far apart still costs at most an hour's array per payment. A count is a byte until one minute
 * of the hour needs more (a packed run): that hour then turns to 4-byte counts, so none is ever
 * cut short.
 */
export class MinuteCounts implements ReadonlyMap<number, StatusCounts> {
  private readonly hours = new Map<number, Uint8Array | Uint32Array>();

  add(minute: number, status: PaymentStatus): void {
    const hour = Math.floor(minute / CHUNK_MINUTES);
    let counts = this.hours.get(hour);
    if (!counts) this.hours.set(hour, (counts = new Uint8Array(CHUNK_MINUTES * STATUSES.length)));
    const at = (minute - hour * CHUNK_MINUTES) * STATUSES.length + STATUS_INDEX[status];
    if (counts[at] === 0xff && counts instanceof Uint8Array) this.hours.set(hour, (counts = Uint32Array.from(counts)));
    counts[at] = counts[at]! + 1;
  }

  *entries(): MapIterator<[number, StatusCounts]> {
    for (const [hour, counts] of this.hours) {
      for (let i = 0; i < CHUNK_MINUTES; i++) {
        const at = i * STATUSES.length;
        if (counts[at]! + counts[at + 1]! + counts[at + 2]! + counts[at + 3]! === 0) continue;
        yield [hour * CHUNK_MINUTES + i, { settled: counts[at]!, rejected: counts[at + 1]!, refunded: counts[at + 2]!, frozen: counts[at + 3]! }];
      }
    }
  }

  *keys(): MapIterator<number> {
    for (const [minute] of this.entries()) yield minute;
  }

  *values(): MapIterator<StatusCounts> {
    for (const [, counts] of this.entries()) yield counts;
  }

  [Symbol.iterator](): MapIterator<[number, StatusCounts]> {
    return this.entries();
  }

  get(minute: number): StatusCounts | undefined {
    for (const [m, c] of this.entries()) if (m === minute) return c;
    return undefined;
  }

  has(minute: number): boolean {
    return this.get(minute) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.entries()) n++;
    return n;
  }

  forEach(fn: (value: StatusCounts, key: number, map: ReadonlyMap<number, StatusCounts>) => void): void {
    for (const [m, c] of this.entries()) fn(c, m, this);
  }
}

export { PartsMemo, type MidPrice } from './parts.js';

export function midsOf(s: MarketMids): MidPrice {
  // Parsed once per pair and run, not at every outcome (decimals are immutable, so sharing one is safe).
  const parsed = new Map<string, Map<string, Decimal>>();
  return (base, quote) => {
    let byQuote = parsed.get(base);
    if (!byQuote) parsed.set(base, (byQuote = new Map<string, Decimal>()));
    let mid = byQuote.get(quote);
    if (mid === undefined) {
      // An exchange at St. Petersburg when the pair has one, else at Moscow.
      const m = s.markets[`${base}/${quote}`] ?? s.markets[`${base}/${quote}@spb`] ?? s.markets[`${base}/${quote}@moscow`];
      if (!m) throw new Error(`no market ${base}/${quote}`);
      byQuote.set(quote, (mid = new Dec(m.mid)));
    }
    return mid;
  };
}

/** Price of one `base` in `quote` at mid at simulated time `t` (ms since the epoch). */
export type MidAt = (base: string, quote: string, t: number) => Decimal;

/** How far a pair's mid has moved from its start by `t`: the run's prices answer it (see runner.ts). */
export interface Drifts {
  drift(base: string, quote: string): (t: number) => Decimal;
}

/**
 * Mids at any moment of the run: the scenario's starting mid times the drift of the run's prices,
 * which is how the markets quote. `drifts()` is asked at each use, so the run's prices may arrive
 * after this is made; without them the starting mids hold.
 */
export function midsAt(s: MarketMids, drifts: () => Drifts | undefined): MidAt {
  const start = midsOf(s);
  // The last product, by its factors: while prices hold still each pair's drift is one decimal
  // at every t (see prices.ts), and the same decimals multiply to the same decimal.
  let last: { mid: Decimal; drift: Decimal; product: Decimal } | undefined;
  return (base, quote, t) => {
    const d = drifts();
    if (!d) return start(base, quote);
    const mid = start(base, quote);
    const drift = d.drift(base, quote)(t);
    if (last?.mid !== mid || last.drift !== drift) last = { mid, drift, product: mid.mul(drift) };
    return last.product;
  };
}

/** "12.340000 USDT" to its decimal units; null and absent stay null. */
export function unitsOf(text: string | null | undefined): Decimal | null {
  return text ? new Dec(text.split(' ')[0]!) : null;
}

/** What a payment's line of outcomes.jsonl adds that its outcome object may not carry. */
export interface RecordExtras {
  /** Coin an off-ramp kept because a return transfer's fee exceeded it ("12.340000 USDT"). */
  readonly forfeited?: string | null;
}

export interface CostParts {
  exchangeSpread: Decimal;
  chainFee: Decimal;
  offrampSpread: Decimal;
  /** NPCS's charge on the RUB leg. */
  npcsFee: Decimal;
  /**
   * What prices moving while the payment was in flight added (or saved): the coin is valued at the
   * exchange's mid when bought and at the off-ramp's when paid out. Zero when prices hold still.
   */
  fxResidue: Decimal;
}

export class RunMetrics {
  readonly byStatus: StatusCounts = noCounts();
  readonly byReason = new Map<string, number>();
  /** Time from order to final state, ms, every payment (unless `timeline` is false: a channel's metrics keep none). */
  readonly durations = new Durations();
  readonly settledDurations = new Durations();
  finalWithinHour = 0;
  settledWithinHour = 0;
  /**
   * RUB value at mid of what settled payments delivered (and all payments' principal), what they
   * cost on top, and what their payers paid: kept in bigint as decimal.js would round them
   * (exact40.ts), read as decimals.
   */
  private readonly sums = { principalSettled: NONE, principalAll: NONE, settledPaid: NONE, exchangeSpread: NONE, chainFee: NONE, offrampSpread: NONE, npcsFee: NONE, fxResidue: NONE };
  /**
   * RUB taken by conversion from payers of refunded payments, and what came back: RUB, or coin
   * left in their custody valued at the mid of the moment the payment ended.
   */
  refundedPaid = new Dec(0);
  refundedBack = new Dec(0);
  /** Coin off-ramps kept (a return transfer's fee exceeded it), at the mid of the payment's end; and how many. */
  forfeited = new Dec(0);
  forfeitedCount = 0;
  /** Of it, what refunded payments lost so. */
  refundedForfeited = new Dec(0);
  /** Frozen payments: the coin (or, under PvP, the held RUB) at the mid of the moment the payment ended. */
  frozenValue = new Dec(0);
  frozenPaid = new Dec(0);
  /** Of frozen payments, the spread and fees their payers paid. */
  frozenExchangeSpread = new Dec(0);
  /** Chain fees of frozen payments: the outbound transfer's and, after an unwind, the return's. */
  frozenChainFee = new Dec(0);
  frozenNpcsFee = new Dec(0);
  /** What the frozen coin's mid did between the fill and the freeze (a depeg in between is a loss here). */
  frozenFxResidue = new Dec(0);
  /** Payments by the minute (since the epoch) they were ordered in, per final status. */
  readonly initiatedByMinute = new MinuteCounts();
  /**
   * Payments by whole minutes to final, per final status: key k counts those that took more than k
   * and at most k + 1 minutes, so the count up to 60 agrees with "within one hour" (<= 1 h).
   */
  readonly finalByMinute = new Map<number, StatusCounts>();

  private count = 0;

  /**
   * @param midAt mids at any moment; without it, the starting mids at every moment.
   * @param timeline false: no per-payment durations nor counts by minute (a channel's row shows neither).
   * @param memo shared with other metrics folding the same outcomes, so each payment's parts are computed once.
   */
  constructor(
    private readonly mid: MidPrice,
    private readonly midAt: MidAt = (b, q) => mid(b, q),
    private readonly timeline = true,
    private readonly memo = new PartsMemo(),
  ) {}

  add(o: PaymentOutcome, finalAt: number, extras: RecordExtras = {}): void {
    const p = o.payment;
    const took = finalAt - p.initiatedAt;
    const endMid = () => this.midAt(p.coin, 'RUB', finalAt);
    this.byStatus[o.status]++;
    if (o.reason) this.byReason.set(o.reason, (this.byReason.get(o.reason) ?? 0) + 1);
    this.count++;
    if (took <= ONE_HOUR_MS) this.finalWithinHour++;
    if (this.timeline) {
      this.durations.push(took);
      this.initiatedByMinute.add(Math.floor(p.initiatedAt / ONE_MINUTE_MS), o.status);
      countIn(this.finalByMinute, Math.max(0, Math.ceil(took / ONE_MINUTE_MS) - 1), o.status);
    }
    const { principal, settled } = this.memo.of(o, this.mid);
    const sums = this.sums;
    sums.principalAll = plus(sums.principalAll, principal);
    if (settled) {
      this.settledDurations.push(took);
      if (took <= ONE_HOUR_MS) this.settledWithinHour++;
      sums.principalSettled = plus(sums.principalSettled, principal);
      sums.settledPaid = plus(sums.settledPaid, settled.paid);
      sums.exchangeSpread = plus(sums.exchangeSpread, settled.spread);
      sums.chainFee = plus(sums.chainFee, settled.fee);
      sums.offrampSpread = plus(sums.offrampSpread, settled.offramp);
      sums.npcsFee = plus(sums.npcsFee, settled.npcs);
      sums.fxResidue = plus(sums.fxResidue, settled.residue);
    } else if (o.status === 'frozen' && p.settlement === 'pvp') {
      // PvP: the payer's held RUB was frozen; the coin went back to the exchange, so no spread was paid.
      this.frozenPaid = this.frozenPaid.plus(toUnits(o.paid!));
      this.frozenValue = this.frozenValue.plus(toUnits(o.frozen!));
    } else if (o.status === 'refunded') {
      this.refundedPaid = this.refundedPaid.plus(toUnits(o.paid!));
      // Coin the exchange could not buy back is the payer's still: it came back, worth what the
      // coin was worth when the payment ended (under a depeg, less than at the start).
      this.refundedBack = this.refundedBack.plus(o.keptCoin ? toUnits(o.keptCoin).mul(endMid()) : toUnits(o.refunded!));
    } else if (o.status === 'frozen') {
      // The coin was bought (spread) and sent, and maybe sent back (fees), before it was frozen:
      // each valued at the mid of the fill, the frozen coin at the mid of the freeze, the
      // difference what the coin's price did meanwhile.
      const paid = toUnits(o.paid!);
      const fillMid = o.fillMid ?? this.mid(p.coin, 'RUB');
      const npcs = o.npcsFee ? toUnits(o.npcsFee) : ZERO;
      const bought = toUnits(o.bought!);
      const frozen = toUnits(o.frozen!);
      const value = frozen.mul(endMid());
      this.frozenPaid = this.frozenPaid.plus(paid);
      this.frozenValue = this.frozenValue.plus(value);
      this.frozenNpcsFee = this.frozenNpcsFee.plus(npcs);
      this.frozenExchangeSpread = this.frozenExchangeSpread.plus(paid.minus(npcs).minus(bought.mul(fillMid)));
      this.frozenChainFee = this.frozenChainFee.plus(bought.minus(frozen).mul(fillMid));
      this.frozenFxResidue = this.frozenFxResidue.plus(frozen.mul(fillMid).minus(value));
    }
    const forfeited = unitsOf(extras.forfeited);
    if (forfeited) {
      const value = forfeited.mul(endMid());
      this.forfeited = this.forfeited.plus(value);
      this.forfeitedCount++;
      if (o.status === 'refunded') this.refundedForfeited = this.refundedForfeited.plus(value);
    }
  }

  get total(): number {
    return this.count;
  }

  get principalSettled(): Decimal {
    return decOf(this.sums.principalSettled);
  }

  get principalAll(): Decimal {
    return decOf(this.sums.principalAll);
  }

  /** RUB taken from payers of settled payments. */
  get settledPaid(): Decimal {
    return decOf(this.sums.settledPaid);
  }

  get cost(): CostParts {
    const s = this.sums;
    return { exchangeSpread: decOf(s.exchangeSpread), chainFee: decOf(s.chainFee), offrampSpread: decOf(s.offrampSpread), npcsFee: decOf(s.npcsFee), fxResidue: decOf(s.fxResidue) };
  }

  get costTotal(): Decimal {
    return this.cost.exchangeSpread.plus(this.cost.chainFee).plus(this.cost.offrampSpread).plus(this.cost.npcsFee).plus(this.cost.fxResidue);
  }
}

/** Nearest-rank percentile of `values` (sorted in place), or null when there are none. */
export function percentile(values: number[] | DurationValues, p: number, sorted = false): number | null {
  if (values.length === 0) return null;
  if (!sorted) values.sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return values[rank - 1]!;
}
