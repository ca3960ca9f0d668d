// The summary `run` and `suite` print: one table per flow kind present in the runs (payments out,
// receipts from abroad, correspondent payments, retail and miner orders), each with its legend, so a
// scenario's row says only what it did. Figures are report.json's own; times are of settled flows.

import { unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { G20 } from './yardsticks.js';
import { correspondentBaseline } from './baselineNote.js';

export interface SummaryRow {
  readonly scenario: string;
  readonly report: Report;
}

type Channel = Report['channels'][number];

interface Column<T> {
  readonly head: string;
  readonly legend: string;
  readonly cell: (row: T) => string | number;
}

interface Kind<T> {
  readonly title: string;
  readonly rows: (s: SummaryRow) => T[];
  readonly columns: readonly Column<T>[];
}

const target = `${Math.round(G20.withinOneHourShare * 100)}%`;
const minutes = (s: number | null | undefined) => (s == null ? 'n/a' : (s / 60).toFixed(1));
const hours = (s: number | null | undefined) => (s == null ? 'n/a' : (s / 3600).toFixed(1));
const costPercent = (p: number | null) => (p === null ? 'n/a' : unsignedZero(p.toFixed(2)));
const met = (share: number | null) => (share === null ? 'n/a' : share >= G20.withinOneHourShare ? 'met' : 'not met');

const scenarioColumn = { head: 'scenario', legend: '', cell: (x: { scenario: string }) => x.scenario };

const withinHourLegend = (what: string) => `share of all ${what} credited within 1 simulated hour of the order (any not credited counts against)`;
const g20Legend = `met when credited ≤1h reaches the G20 target, ${target} (FSB, 2021)`;
const costLegend = 'all-in cost (spreads, fees) of the settled ones as a % of their principal, at mid prices';

type Payments = { scenario: string; r: Report };
const outbound: Kind<Payments> = {
  title: 'Cross-border payments out, through the pilot',
  rows: (s) => (s.report.payments.total > 0 ? [{ scenario: s.scenario, r: s.report }] : []),
  columns: [
    scenarioColumn,
    { head: 'payments', legend: 'payments ordered', cell: ({ r }) => r.payments.total },
    { head: 'settled', legend: 'credited to the supplier', cell: ({ r }) => r.payments.byStatus.settled ?? 0 },
    { head: 'refunded', legend: 'returned to the payer after money moved (halted chain, depeg)', cell: ({ r }) => r.payments.byStatus.refunded ?? 0 },
    { head: 'rejected', legend: 'refused before any money moved (e.g. a listed party, a date before the law allows it)', cell: ({ r }) => r.payments.byStatus.rejected ?? 0 },
    { head: 'frozen', legend: 'value frozen in flight: a party was listed while the payment was under way', cell: ({ r }) => r.payments.byStatus.frozen ?? 0 },
    { head: 'credited ≤1h', legend: withinHourLegend('payments'), cell: ({ r }) => percent(r.withinOneHour.settledShare) },
    { head: `G20 ${target} ≤1h`, legend: g20Legend, cell: ({ r }) => met(r.withinOneHour.settledShare) },
    { head: 'p50 settled (min)', legend: 'median minutes from order to credit, settled payments only', cell: ({ r }) => minutes(r.timeToFinalSeconds.settled.p50) },
    { head: 'p95 settled (min)', legend: '95th percentile of the same', cell: ({ r }) => minutes(r.timeToFinalSeconds.settled.p95) },
    { head: 'cost % of principal', legend: costLegend, cell: ({ r }) => costPercent(r.costRub.percentOfPrincipal) },
  ],
};

type ChannelRow = { scenario: string; c: Channel };
const channelRows = (pick: (c: Channel) => boolean) => (s: SummaryRow) => s.report.channels.filter(pick).map((c) => ({ scenario: s.scenario, c }));
const status = (name: string) => ({ c }: ChannelRow) => c.byStatus[name] ?? 0;
/** Refused at screening only: a receipt refused for another reason (a date before the law) is not blocked. */
const sanctionsBlocked = ({ c }: ChannelRow) => Object.entries(c.byReason).reduce((n, [reason, k]) => n + (reason.startsWith('sanctions.blocked:') ? k : 0), 0);

const receipts: Kind<ChannelRow> = {
  title: 'Receipts from abroad, through the pilot',
  rows: channelRows((c) => c.rail === 'pilot' && c.settlement === 'inbound'),
  columns: [
    scenarioColumn,
    { head: 'coin', legend: 'stablecoin the foreign buyer paid in', cell: ({ c }) => c.stablecoin ?? 'n/a' },
    { head: 'receipts', legend: 'payments from abroad to Russian exporters', cell: ({ c }) => c.payments },
    { head: 'credited', legend: 'credited to the exporter in RUB', cell: status('settled') },
    { head: 'blocked', legend: 'refused by sanctions screening', cell: sanctionsBlocked },
    { head: 'frozen', legend: 'coin held in custody (buyer listed while in flight)', cell: status('frozen') },
    { head: 'credited ≤1h', legend: withinHourLegend('receipts'), cell: ({ c }) => percent(c.creditedWithinOneHourShare) },
    { head: `G20 ${target} ≤1h`, legend: g20Legend, cell: ({ c }) => met(c.creditedWithinOneHourShare) },
    { head: 'p50 credited (min)', legend: 'median minutes to credit, credited receipts only', cell: ({ c }) => minutes(c.settledSeconds.p50) },
    { head: 'p95 credited (min)', legend: '95th percentile of the same', cell: ({ c }) => minutes(c.settledSeconds.p95) },
    { head: 'cost % of principal', legend: costLegend, cell: ({ c }) => costPercent(c.costPercentOfPrincipal) },
  ],
};

const correspondent: Kind<ChannelRow & { baseline: string }> = {
  title: 'The same payments through correspondent banks (the comparison)',
  rows: (s) => channelRows((c) => c.rail === 'correspondent')(s).map((row) => ({ ...row, baseline: correspondentBaseline(s.report)?.name ?? 'n/a' })),
  columns: [
    scenarioColumn,
    { head: 'baseline', legend: "the correspondent baseline in force, with its sources in the run's report.md (src/rails/correspondent/baselines.ts)", cell: ({ baseline }) => baseline },
    { head: 'payments', legend: 'payments sent through correspondent banks', cell: ({ c }) => c.payments },
    { head: 'settled', legend: 'credited to the supplier', cell: status('settled') },
    { head: 'returned', legend: 'rejected by a bank on the way, returned to the payer', cell: ({ c }) => (c.byStatus.refunded ?? 0) + (c.byStatus.rejected ?? 0) },
    { head: 'credited ≤1h', legend: withinHourLegend('payments'), cell: ({ c }) => percent(c.creditedWithinOneHourShare) },
    { head: `G20 ${target} ≤1h`, legend: g20Legend, cell: ({ c }) => met(c.creditedWithinOneHourShare) },
    { head: 'p50 settled (h)', legend: 'median hours from order to credit, settled payments only', cell: ({ c }) => hours(c.settledSeconds.p50) },
    { head: 'p95 settled (h)', legend: '95th percentile of the same', cell: ({ c }) => hours(c.settledSeconds.p95) },
    { head: 'cost % of principal', legend: costLegend, cell: ({ c }) => costPercent(c.costPercentOfPrincipal) },
  ],
};

type OrderRow = { scenario: string; flow: string; byStatus: Record<string, number>; byReason: Record<string, number> };
const FLOW_NAMES: Record<string, string> = { retailPurchase: 'retail purchase', cryptoSale: 'crypto sale' };
const orders: Kind<OrderRow> = {
  title: 'Retail and miner orders',
  rows: (s) => Object.entries(s.report.domestic.flows).map(([flow, c]) => ({ scenario: s.scenario, flow, ...c })),
  columns: [
    scenarioColumn,
    { head: 'flow', legend: 'retail purchase: investor buys crypto for RUB; crypto sale: investor or miner sells it', cell: (o) => FLOW_NAMES[o.flow] ?? o.flow },
    { head: 'orders', legend: 'orders placed', cell: (o) => Object.values(o.byStatus).reduce((a, x) => a + x, 0) },
    { head: 'filled', legend: 'orders filled (bought or sold)', cell: (o) => (o.byStatus.purchased ?? 0) + (o.byStatus.sold ?? 0) },
    { head: 'rejected', legend: 'orders refused', cell: (o) => o.byStatus.rejected ?? 0 },
    {
      head: 'main reason refused',
      legend: 'commonest reason for refusal (report.md lists all)',
      cell: (o) => Object.entries(o.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '-',
    },
  ],
};

/** One aligned table with its title and legend, or nothing when no run has this kind of flow. */
function kindTable<T>(kind: Kind<T>, runs: readonly SummaryRow[]): string[] {
  const rows = runs.flatMap(kind.rows);
  if (rows.length === 0) return [];
  const head = kind.columns.map((c) => c.head);
  const body = rows.map((row) => kind.columns.map((c) => String(c.cell(row))));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const textual = kind.columns.map((_, i) => body.every((b) => !/^-?[\d.]+%?$|^n\/a$/.test(b[i]!)));
  const fmt = (cells: string[]) => cells.map((c, i) => (textual[i] ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const legend = kind.columns.filter((c) => c.legend !== '').map((c) => `  ${c.head}: ${c.legend}`);
  return [kind.title, '', fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt), '', ...legend];
}

/** The tables of the flow kinds present in `runs`, separated by a blank line. */
export function summaryTables(runs: readonly SummaryRow[]): string {
  const tables = [kindTable(outbound, runs), kindTable(receipts, runs), kindTable(correspondent, runs), kindTable(orders, runs)].filter((t) => t.length > 0);
  if (tables.length === 0) return 'No payments, receipts or orders in these runs.';
  return tables.map((t) => t.join('\n')).join('\n\n');
}
