// Time to credit per channel, as a distribution on a logarithmic time axis: the pilot credits in
// minutes and a correspondent bank in days, so only a log axis shows both shapes side by side.
// Each channel's credited payments are counted in bins whose edges read as durations.

import type { CorrespondentOutcomeView, PaymentOutcomeView, ReceiptOutcomeView } from '../records/index.js';
import { ChannelMetrics } from './channelMetrics.js';

/** Bin edges in seconds, each about double the one before, named as people say them (10 s ... 60 d). */
export const TIME_EDGES_SECONDS = [
  1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 172800, 345600, 604800, 1209600, 2592000, 5184000,
] as const;

export class ChannelTimes {
  private readonly byChannel = new Map<string, number[]>();

  add(o: PaymentOutcomeView | CorrespondentOutcomeView | ReceiptOutcomeView, finalAt: number): void {
    const key = ChannelMetrics.keyOf(o);
    let counts = this.byChannel.get(key);
    if (!counts) this.byChannel.set(key, (counts = new Array<number>(TIME_EDGES_SECONDS.length + 1).fill(0)));
    const credited = o.status === 'settled' && (o.flow !== 'crossBorderReceipt' || o.rub !== null);
    if (!credited) return;
    const s = (finalAt - o.payment.initiatedAt) / 1000;
    // Bin i holds more than edge i-1 and at most edge i; the last, more than the last edge.
    const i = TIME_EDGES_SECONDS.findIndex((e) => s <= e);
    counts[i < 0 ? TIME_EDGES_SECONDS.length : i]!++;
  }

  /** Per channel (sorted as channels are), the credited payments in each bin; bins empty in every channel are trimmed at both ends. */
  section() {
    const keys = [...this.byChannel.keys()].sort((a, b) => (a === 'correspondent' ? 1 : b === 'correspondent' ? -1 : a < b ? -1 : 1));
    const all = keys.map((k) => this.byChannel.get(k)!);
    const used = (i: number) => all.some((c) => c[i]! > 0);
    let lo = 0;
    let hi = TIME_EDGES_SECONDS.length;
    while (lo < hi && !used(lo)) lo++;
    while (hi > lo && !used(hi)) hi--;
    const edges = [0, ...TIME_EDGES_SECONDS, null];
    // Nothing credited in any channel: no bins (trimming would otherwise leave the last, "over 60 d").
    const none = lo > hi || !used(lo);
    return {
      /** Bin i: more than `fromSeconds`, at most `toSeconds` (null: no bound). */
      bins: none ? [] : Array.from({ length: hi - lo + 1 }, (_, j) => ({ fromSeconds: edges[lo + j]!, toSeconds: edges[lo + j + 1] ?? null })),
      channels: keys.map((channel, k) => ({ channel, credited: all[k]!.reduce((a, b) => a + b, 0), counts: none ? [] : all[k]!.slice(lo, hi + 1) })),
    };
  }
}

export type ChannelTimesSection = ReturnType<ChannelTimes['section']>;
