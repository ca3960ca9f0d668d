// The report as a fold over a run's records: fed each line of outcomes.jsonl with its line of
// details.jsonl and each line of cycles.jsonl, then run.json, it gives the Report. `run` feeds it
// the records as it writes them and `railpilot report` as it reads them back, so both print the
// same report.json, report.md and report.html. The fold keeps sums and counts, not the records.

import { RecentDecimals, amountFrom, viewOf, type CycleRecord, type OutcomeDetail, type RunRecord, type RunStart, type WrittenOutcome } from '../records/index.js';
import { ChannelMetrics } from './channelMetrics.js';
import { ComplianceTally } from './compliance.js';
import { PartsMemo, RunMetrics, midsOf, type MidAt } from './metrics.js';
import { OrderMetrics } from './orderMetrics.js';
import { buildReport, type Report } from './report.js';
import { OrderTally } from './orders.js';
import { ReceiptTally } from './receipts.js';
import { ChannelTimes } from './channelTimes.js';

export class ReportFold {
  private readonly metrics: RunMetrics;
  private readonly channels: ChannelMetrics;
  private readonly orders: OrderMetrics;
  private readonly compliance: ComplianceTally;
  private readonly cycles: CycleRecord[] = [];
  private readonly orderTally = new OrderTally();
  private readonly receipts = new ReceiptTally();
  private readonly times = new ChannelTimes();
  /** When the last payment out ended: its timeline stops there, whatever else runs on. */
  private paymentsEnd: number | undefined;
  /** RUB per coin at mid when the outcome being folded ended, as its line of outcomes.jsonl states it. */
  private endMid: string | undefined;
  /** The mids the last lines stated, read once while they recur. */
  private readonly prices = new RecentDecimals();

  constructor(start: RunStart) {
    const mid = midsOf(start);
    // The metrics ask for a coin's mid at the moment its payment ended; the record states it.
    const midAt: MidAt = (base, quote) => (this.endMid !== undefined && quote === 'RUB' ? this.prices.of(this.endMid)! : mid(base, quote));
    // One memo for both: a payment's parts are computed once, though both fold it.
    const memo = new PartsMemo();
    this.metrics = new RunMetrics(mid, midAt, true, memo);
    this.channels = new ChannelMetrics(mid, midAt, memo);
    const threshold = amountFrom(start.amlThreshold);
    this.orders = new OrderMetrics(start.rubScale);
    this.compliance = new ComplianceTally(start.amlThreshold, threshold.asset.scale);
  }

  /** One flow's end: its line of outcomes.jsonl and its line of details.jsonl (the same id). */
  outcome(record: WrittenOutcome, detail: OutcomeDetail): void {
    if (record.id !== detail.id || record.flow !== detail.flow) throw new Error(`outcome ${record.flow} ${record.id} has the details of ${detail.flow} ${detail.id}`);
    this.compliance.add(record);
    const o = viewOf(detail, this.prices);
    // Coin an off-ramp kept is read from the outcome's line.
    const extras = { forfeited: record.forfeited ?? null };
    this.endMid = record.mids?.end;
    if (o.flow === 'crossBorderPayment') {
      this.metrics.add(o, detail.finalAt, extras);
      this.channels.add(o, detail.finalAt, extras);
      this.paymentsEnd = Math.max(this.paymentsEnd ?? detail.finalAt, detail.finalAt);
    } else if (o.flow === 'correspondentPayment' || o.flow === 'crossBorderReceipt') this.channels.add(o, detail.finalAt);
    else {
      this.orders.add(o);
      this.orderTally.add(o);
    }
    if (o.flow === 'crossBorderReceipt') this.receipts.add(o, detail.finalAt);
    if (o.flow === 'crossBorderPayment' || o.flow === 'correspondentPayment' || o.flow === 'crossBorderReceipt') this.times.add(o, detail.finalAt);
    this.endMid = undefined;
  }

  cycle(c: CycleRecord): void {
    this.cycles.push(c);
  }

  report(run: RunRecord): Report {
    return buildReport(run, this.metrics, this.orders, {
      channels: this.channels,
      cycles: this.cycles,
      compliance: this.compliance.section(),
      orderTally: this.orderTally,
      receipts: this.receipts,
      channelTimes: this.times,
      ...(this.paymentsEnd === undefined ? {} : { paymentsEnd: this.paymentsEnd }),
    });
  }
}
