// summary.json and summary.csv, which `suite` writes next to its run folders: one row per scenario
// with every headline figure (headline.ts) and the settled-only times and G20 verdict its tables show.
// Deterministic: no timings, rows in the suite's order, keys in a fixed order.

import { headline, type FigureValue } from './headline.js';
import type { SummaryRow } from './summary.js';
import { G20 } from './yardsticks.js';

export type SummaryRecord = Record<string, FigureValue | boolean>;

export function summaryRecords(runs: readonly SummaryRow[]): SummaryRecord[] {
  return runs.map(({ scenario, report: r }) => {
    const credited = r.withinOneHour.settledShare;
    return {
      scenario,
      seed: r.scenario.seed,
      ...headline(r),
      p50_settled_seconds: r.timeToFinalSeconds.settled.p50,
      p95_settled_seconds: r.timeToFinalSeconds.settled.p95,
      credited_within_1h_target: G20.withinOneHourShare,
      credited_within_1h_met: credited === null ? null : credited >= G20.withinOneHourShare,
    };
  });
}

export function summaryJson(records: readonly SummaryRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** RFC 4180: a header row, fields quoted when they hold a comma, a quote or a line break; null is empty. */
export function summaryCsv(records: readonly SummaryRecord[]): string {
  const keys = Object.keys(records[0] ?? {});
  const field = (v: FigureValue | boolean | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [keys.join(','), ...records.map((r) => keys.map((k) => field(r[k])).join(','))].map((l) => `${l}\n`).join('');
}
