// Retail and miner orders as the report folds them: per group of orders (retail purchases,
// retail sales, miners' sales), counts by outcome and reason, the RUB that moved, and when orders
// were placed, per outcome (a rejected order under its reason), so the report can draw fills and
// rejections over time. Money stays exact (bigint minor units).

import { formatMinor } from '../money/index.js';
import type { OrderOutcomeView } from '../records/index.js';
import { MinuteCounts } from './bins.js';

/** The statuses of an order that filled: RUB moved. */
export const FILLED = new Set(['purchased', 'sold']);

export class OrderGroup {
  orders = 0;
  readonly byStatus: Record<string, number> = {};
  readonly byReason: Record<string, number> = {};
  /** RUB paid by buyers of filled purchases, or received by sellers of filled sales. */
  rubMinor = 0n;
  readonly placed = new MinuteCounts();
  /** Per participant: orders, filled, rejected and RUB (a miner's sales). */
  readonly byParticipant = new Map<string, { orders: number; filled: number; rejected: number; rubMinor: bigint }>();

  add(o: OrderOutcomeView): void {
    this.orders++;
    this.byStatus[o.status] = (this.byStatus[o.status] ?? 0) + 1;
    if (o.reason) this.byReason[o.reason] = (this.byReason[o.reason] ?? 0) + 1;
    const filled = FILLED.has(o.status);
    if (filled && o.rub) this.rubMinor += o.rub.minor;
    // An order that did not fill is shown under its reason, the thing a reader wants to see over time.
    this.placed.add(o.order.initiatedAt, filled || !o.reason ? o.status : o.reason);
    const id = o.order.participant.id;
    let p = this.byParticipant.get(id);
    if (!p) this.byParticipant.set(id, (p = { orders: 0, filled: 0, rejected: 0, rubMinor: 0n }));
    p.orders++;
    if (filled) {
      p.filled++;
      if (o.rub) p.rubMinor += o.rub.minor;
    } else if (o.status === 'rejected') p.rejected++;
  }

  /** The group as report.json states it; null when it has no orders. */
  section(rubScale: number) {
    if (this.orders === 0) return null;
    const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
    const filled = Object.entries(this.byStatus).reduce((n, [s, c]) => n + (FILLED.has(s) ? c : 0), 0);
    return {
      orders: this.orders,
      filled,
      byStatus: sorted(this.byStatus),
      byReason: sorted(this.byReason),
      filledRub: formatMinor(this.rubMinor, rubScale),
      /** Orders by when they were placed, per outcome: a filled status, or the reason an order was refused. */
      placed: this.placed.timeline(48),
    };
  }
}

export type OrderGroupSection = NonNullable<ReturnType<OrderGroup['section']>>;

/** Every order of a run, in its group: miners' sales apart from retail investors' orders. */
export class OrderTally {
  readonly purchases = new OrderGroup();
  readonly sales = new OrderGroup();
  readonly minerSales = new OrderGroup();

  add(o: OrderOutcomeView): void {
    if (o.flow === 'retailPurchase') this.purchases.add(o);
    else if (o.order.participant.kind === 'miner') this.minerSales.add(o);
    else this.sales.add(o);
  }
}
