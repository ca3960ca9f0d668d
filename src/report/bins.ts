// Counts over time in bins of a width that reads on a time axis: what the report's timelines and
// histograms are made of. Events are counted per whole minute as they are folded (bounded by the
// run's length, not its number of flows) and put in bins of a readable size only at the end.

import { isoTime } from '../records/index.js';

export const MINUTE_MS = 60_000;

/** Bin widths, in minutes, that read well on a time axis; each of the short ones divides an hour. */
const NICE_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** The narrowest nice width that covers `spanMinutes` in at most `maxBins` bins. */
export function binWidth(spanMinutes: number, maxBins: number): number {
  const fits = NICE_MINUTES.find((w) => Math.ceil(spanMinutes / w) <= maxBins);
  return fits ?? Math.ceil(spanMinutes / maxBins / 1440) * 1440;
}

/** Sums the per-minute counts of `byMinute` into consecutive bins of `width` minutes from `first`. */
export function binned<K extends string>(byMinute: ReadonlyMap<number, Record<K, number>>, first: number, width: number, bins: number, zero: () => Record<K, number>): Record<K, number>[] {
  const out = Array.from({ length: bins }, zero);
  for (const [minute, c] of byMinute) {
    const bin = out[Math.floor((minute - first) / width)]!;
    for (const k of Object.keys(c) as K[]) bin[k] += c[k];
  }
  return out;
}

/** Counts per minute under open-ended keys (an outcome, a reason), in the order keys were first seen. */
export class MinuteCounts {
  readonly byMinute = new Map<number, Record<string, number>>();
  readonly keys = new Set<string>();
  first = Infinity;
  last = -Infinity;

  add(ms: number, key: string): void {
    const minute = Math.floor(ms / MINUTE_MS);
    this.keys.add(key);
    let c = this.byMinute.get(minute);
    if (!c) this.byMinute.set(minute, (c = {}));
    c[key] = (c[key] ?? 0) + 1;
    if (minute < this.first) this.first = minute;
    if (minute > this.last) this.last = minute;
  }

  /**
   * The counts from the first minute counted to the last, in at most `maxBins` bins of a nice
   * width, each bin with every key (sorted), zeros included: a time axis that fits the data.
   */
  timeline(maxBins: number): { binMinutes: number; bins: { from: string; counts: Record<string, number> }[] } {
    if (this.byMinute.size === 0) return { binMinutes: 1, bins: [] };
    const keys = [...this.keys].sort();
    const zero = () => Object.fromEntries(keys.map((k) => [k, 0]));
    const span = this.last - this.first + 1;
    const width = binWidth(span, maxBins);
    // Bins start at a multiple of their width (whole hours, whole days), so the axis reads.
    const first = Math.floor(this.first / width) * width;
    const bins = binned(this.byMinute, first, width, Math.floor((this.last - first) / width) + 1, zero);
    return { binMinutes: width, bins: bins.map((counts, i) => ({ from: isoTime((first + i * width) * MINUTE_MS), counts })) };
  }
}
