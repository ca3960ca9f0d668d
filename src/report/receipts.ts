// Receipts from abroad (crossBorderReceipt) as the report folds them: how many were credited to
// the exporter in RUB, blocked at screening, frozen in flight or otherwise stopped, the RUB
// credited, and how long crediting took, as percentiles and as a histogram. Their cost (the
// buyer's chain fee and the exchange's spread) is the inbound channels' summed (channelMetrics.ts).

import { Dec, fixed, formatMinor } from '../money/index.js';
import type { ChannelSection } from './channelMetrics.js';
import type { ReceiptOutcomeView } from '../records/index.js';
import { binWidth } from './bins.js';
import { ONE_HOUR_MS, ONE_MINUTE_MS, percentile, share } from './metrics.js';

export class ReceiptTally {
  total = 0;
  readonly byStatus: Record<string, number> = {};
  readonly byReason: Record<string, number> = {};
  blocked = 0;
  rubMinor = 0n;
  rubScale = 2;
  /** Time from sending to the exporter's credit, ms, credited receipts. */
  readonly creditedMs: number[] = [];

  add(o: ReceiptOutcomeView, finalAt: number): void {
    this.total++;
    this.byStatus[o.status] = (this.byStatus[o.status] ?? 0) + 1;
    if (o.reason) this.byReason[o.reason] = (this.byReason[o.reason] ?? 0) + 1;
    if (o.reason?.startsWith('sanctions.blocked:')) this.blocked++;
    if (o.status === 'settled' && o.rub) {
      this.rubMinor += o.rub.minor;
      this.rubScale = o.rub.asset.scale;
      this.creditedMs.push(finalAt - o.payment.initiatedAt);
    }
  }

  /** report.json's receipts section, with the inbound channels' cost; null without receipts. */
  section(channels: readonly ChannelSection[]) {
    if (this.total === 0) return null;
    const ms = [...this.creditedMs].sort((a, b) => a - b);
    const s = (v: number | null) => (v === null ? null : v / 1000);
    // Minutes to credit, in bins up to the longest (an axis that fits the data, not stretched to the
    // one-hour mark); a bin holds those that took more than its start and at most its end.
    const span = Math.max(1, Math.ceil((ms.at(-1) ?? 0) / ONE_MINUTE_MS));
    const width = binWidth(span, 40);
    const counts = new Array<number>(Math.ceil(span / width)).fill(0);
    for (const t of ms) counts[Math.max(0, Math.ceil(t / ONE_MINUTE_MS / width) - 1)]!++;
    return {
      receipts: this.total,
      credited: this.byStatus.settled ?? 0,
      blocked: this.blocked,
      frozen: this.byStatus.frozen ?? 0,
      /** Stopped otherwise: rejected for another reason than a listing, or sent back. */
      otherwiseStopped: this.total - (this.byStatus.settled ?? 0) - this.blocked - (this.byStatus.frozen ?? 0),
      byStatus: Object.fromEntries(Object.entries(this.byStatus).sort(([a], [b]) => (a < b ? -1 : 1))),
      byReason: Object.fromEntries(Object.entries(this.byReason).sort(([a], [b]) => (a < b ? -1 : 1))),
      creditedRub: formatMinor(this.rubMinor, this.rubScale),
      timeToCreditSeconds: { p50: s(percentile(ms, 50, true)), p95: s(percentile(ms, 95, true)), max: s(ms.at(-1) ?? null) },
      creditedWithinOneHourShare: share(ms.filter((t) => t <= ONE_HOUR_MS).length, this.total),
      /** What credited receipts cost, valued at the mid of each sale, against what the coin was worth; null when none was credited. */
      costRub: receiptCost(channels),
      timeToCreditHistogram: { binMinutes: width, bins: counts.map((credited, i) => ({ fromMinutes: i * width, toMinutes: (i + 1) * width, credited })) },
    };
  }
}

/** The inbound channels' cost, summed: chain fees, exchange spread, and their share of the coin's worth. */
function receiptCost(channels: readonly ChannelSection[]) {
  const rows = channels.filter((c) => c.settlement === 'inbound');
  const sum = (pick: (c: ChannelSection) => string) => rows.reduce((a, c) => a.plus(pick(c)), new Dec(0));
  const principal = sum((c) => c.settledPrincipalRub);
  if (principal.isZero()) return null;
  const total = sum((c) => c.costRub.total);
  return {
    chainFee: fixed(sum((c) => c.costRub.chainFee), 2),
    exchangeSpread: fixed(sum((c) => c.costRub.exchangeSpread), 2),
    total: fixed(total, 2),
    coinWorth: fixed(principal, 2),
    percentOfWorth: Number(fixed(total.div(principal).mul(100), 4)),
  };
}

export type ReceiptsSection = NonNullable<ReturnType<ReceiptTally['section']>>;
