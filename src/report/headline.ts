// The headline figures of one run's report.json, defined once: every sweep row (runs.parquet) and
// every row of `suite`'s summary.json/summary.csv carries all of them. Money stays
// a decimal string (RUB to the kopeck); shares and percentages are the report's own rounded numbers.

import { Dec } from '../money/index.js';
import type { Report } from './report.js';

/** How a figure is stored and shown: a count, seconds, a 0..1 share, a percentage, or RUB. */
export type FigureKind = 'count' | 'seconds' | 'share' | 'percent' | 'rub';

export type FigureValue = number | string | null;

export interface HeadlineFigure {
  /** Column name in runs.parquet and key in ensemble.json (snake_case, so SQL needs no quotes). */
  readonly key: string;
  readonly kind: FigureKind;
  /** What a reader of ensemble.md is told the figure is. */
  readonly label: string;
  readonly of: (r: Report) => FigureValue;
}

const status = (name: string) => (r: Report) => r.payments.byStatus[name] ?? 0;
const channelCount = (rail: string, settlement?: string) => (r: Report) =>
  r.channels.filter((c) => c.rail === rail && (settlement === undefined || c.settlement === settlement)).reduce((n, c) => n + c.payments, 0);
const domestic = (pick: (byStatus: Record<string, number>) => number) => (r: Report) =>
  Object.values(r.domestic.flows).reduce((n, c) => n + pick(c.byStatus), 0);
const rubSum = (values: readonly string[]) => values.reduce((a, v) => a.plus(v), new Dec(0)).toFixed(2);

/** In the order of sweeps' columns. */
export const HEADLINE: readonly HeadlineFigure[] = [
  { key: 'payments', kind: 'count', label: 'cross-border payments out', of: (r) => r.payments.total },
  { key: 'settled', kind: 'count', label: 'settled', of: status('settled') },
  { key: 'refunded', kind: 'count', label: 'refunded', of: status('refunded') },
  { key: 'rejected', kind: 'count', label: 'rejected', of: status('rejected') },
  { key: 'frozen', kind: 'count', label: 'frozen', of: status('frozen') },
  { key: 'p50_final_seconds', kind: 'seconds', label: 'median time to final state (s)', of: (r) => r.timeToFinalSeconds.all.p50 },
  { key: 'p95_final_seconds', kind: 'seconds', label: '95th percentile time to final state (s)', of: (r) => r.timeToFinalSeconds.all.p95 },
  { key: 'cost_percent', kind: 'percent', label: 'all-in cost, % of settled principal', of: (r) => r.costRub.percentOfPrincipal },
  { key: 'final_within_1h_share', kind: 'share', label: 'share final within 1 h', of: (r) => r.withinOneHour.finalShare },
  { key: 'receipts', kind: 'count', label: 'receipts from abroad', of: channelCount('pilot', 'inbound') },
  { key: 'correspondent', kind: 'count', label: 'correspondent payments', of: channelCount('correspondent') },
  { key: 'orders', kind: 'count', label: 'retail and miner orders', of: domestic((b) => Object.values(b).reduce((a, x) => a + x, 0)) },
  { key: 'filled', kind: 'count', label: 'orders filled', of: domestic((b) => (b.purchased ?? 0) + (b.sold ?? 0)) },
  { key: 'credited_within_1h_share', kind: 'share', label: 'share credited within 1 h', of: (r) => r.withinOneHour.settledShare },
  { key: 'cost_rub', kind: 'rub', label: 'all-in cost of settled payments (RUB)', of: (r) => r.costRub.total },
  { key: 'losses_rub', kind: 'rub', label: 'losses on refunds (RUB)', of: (r) => r.lossesRub.refunded.loss },
  { key: 'frozen_rub', kind: 'rub', label: 'value frozen (RUB at mid)', of: (r) => r.lossesRub.frozen.frozenValue },
  { key: 'settlement_risk_rub_hours', kind: 'rub', label: 'settlement risk, all channels (RUB-hours)', of: (r) => rubSum(r.channels.map((c) => c.settlementRisk.rubHours)) },
];

export type Headline = Record<string, FigureValue>;

/** Every headline figure of a report, keyed as in HEADLINE. */
export function headline(r: Report): Headline {
  return Object.fromEntries(HEADLINE.map((f) => [f.key, f.of(r)]));
}

