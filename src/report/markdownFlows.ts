// report.md's sections per kind of flow beyond payments out: receipts from abroad, retail
// investors (purchases, sales, "Caps", AML flags), miners, NPCS clearing per cycle, and the
// channels' time to credit in bins that double. Each only when the run has that kind of flow.

import { percent, type Report } from './report.js';
import type { OrderGroupSection } from './orders.js';

/** A duration for people: seconds under two minutes, minutes under two hours, then hours. */
export function seconds(s: number | null): string {
  if (s === null) return 'n/a';
  if (s < 120) return `${s.toFixed(1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** A channel's payments and how they ended: the first cells of its row in every channels table. */
export function channelCounts(c: Report['channels'][number]): number[] {
  return [c.payments, c.byStatus.settled ?? 0, c.byStatus.refunded ?? 0, c.byStatus.rejected ?? 0, c.byStatus.frozen ?? 0];
}

export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function receiptsMarkdown(r: Report): string[] {
  const x = r.receipts;
  if (!x) return [];
  const t = x.timeToCreditSeconds;
  const out = [
    '## Receipts from abroad',
    '',
    table(['receipts', 'credited', 'blocked', 'frozen', 'stopped otherwise', 'RUB credited'], [[x.receipts, x.credited, x.blocked, x.frozen, x.otherwiseStopped, x.creditedRub]]),
    '',
    `Time to credit, credited receipts: median ${seconds(t.p50)}, 95th percentile ${seconds(t.p95)}, longest ${seconds(t.max)}; credited within one hour: ${percent(x.creditedWithinOneHourShare)} of all receipts.`,
    '',
  ];
  const c = x.costRub;
  if (c) out.push(`Cost of the credited receipts (RUB, at the mid of each sale): chain fees ${c.chainFee}, exchange spread ${c.exchangeSpread}, ${c.total} in all, ${c.percentOfWorth.toFixed(3)}% of the ${c.coinWorth} the coin was worth.`, '');
  const reasons = Object.entries(x.byReason);
  if (reasons.length > 0) out.push(table(['why a receipt was not credited', 'receipts'], reasons), '');
  return out;
}

function groupMarkdown(title: string, g: OrderGroupSection): string[] {
  const out = [`### ${title}`, '', `${g.orders} orders: ${g.filled} filled (${g.filledRub} RUB), ${g.orders - g.filled} not. By outcome: ${Object.entries(g.byStatus).map(([k, v]) => `${v} ${k}`).join(', ')}.`, ''];
  const reasons = Object.entries(g.byReason);
  if (reasons.length > 0) out.push(table(['reason refused', 'orders'], reasons), '');
  const keys = g.placed.bins.length > 0 ? Object.keys(g.placed.bins[0]!.counts) : [];
  const busy = g.placed.bins.filter((b) => Object.values(b.counts).some((n) => n > 0));
  if (busy.length > 0) out.push(`Placed per ${g.placed.binMinutes}-minute slot (slots with orders):`, '', table(['slot from (UTC)', ...keys], busy.map((b) => [b.from, ...keys.map((k) => b.counts[k]!)])), '');
  return out;
}

export function retailMarkdown(r: Report): string[] {
  const x = r.retail;
  if (!x) return [];
  const out = ['## Retail investors', ''];
  if (x.purchases) out.push(...groupMarkdown('Purchases (RUB to crypto)', x.purchases));
  if (x.sales) out.push(...groupMarkdown('Sales (crypto to RUB)', x.sales));
  if (x.caps) {
    out.push(
      '## Caps',
      '',
      `Cap use per investor category against the cap in force (${x.caps.source}); each investor once, in the calendar year they came closest to their cap.`,
      '',
      table(
        ['category', 'cap a year', 'investors who bought', 'reached the cap', 'purchases refused at the cap', 'most of the cap one investor used'],
        x.caps.categories.map((c) => [c.category, c.capInForce ?? 'none', c.investorsWhoBought, c.reachedCap, c.refusedAtCap, percent(c.peakShare)]),
      ),
      '',
    );
    const used = x.caps.categories.filter((c) => c.capInForce !== null && c.investorsWhoBought > 0);
    if (used.length > 0) {
      const bands = Object.keys(used[0]!.bands);
      out.push('Investors with a cap, by the share of it they used:', '', table(['category', ...bands], used.map((c) => [c.category, ...bands.map((b) => c.bands[b as keyof typeof c.bands])])), '');
    }
  }
  return out;
}

export function minersMarkdown(r: Report): string[] {
  const x = r.miners;
  if (!x) return [];
  return [
    '## Miners',
    '',
    table(['miner', 'block rewards', 'coin mined', 'sales', 'sold', 'refused', 'RUB received'], x.miners.map((m) => [m.miner, m.rewards, m.mined ?? '0', m.sales, m.sold, m.rejected, m.receivedRub])),
    '',
    `Refused by the mining law's registry rules: ${x.registryRefused} sales.`,
    '',
    ...(x.sales ? groupMarkdown('Sales by miners', x.sales) : []),
  ];
}

export function clearingMarkdown(r: Report): string[] {
  const c = r.clearing;
  if (!c) return [];
  const members = c.members.map((m) => m.member);
  return [
    '## NPCS clearing',
    '',
    `${c.cycles} cycles (${c.byStatus.settledWithCredit} needed central-bank credit). ${c.obligations} interbank obligations, gross ${c.grossRub} RUB, settled as nets of ${c.netRub} RUB: netting saved ${c.liquiditySavedRub} RUB of liquidity (${percent(c.savedShare)}). Central-bank credit drawn: ${c.centralBankCreditRub} RUB.`,
    '',
    table(['member', 'paid', 'received', 'peak net debit', 'credit drawn'], c.members.map((m) => [m.member, m.paidRub, m.receivedRub, m.peakNetDebitRub, m.creditRub])),
    '',
    'Per cycle that netted anything (RUB; credit per member where drawn):',
    '',
    table(
      ['cycle', 'ended', 'obligations', 'gross', 'net', 'saved', 'credit', 'credit by member'],
      c.perCycle.map((p) => [p.cycle, p.at, p.obligations, p.grossRub, p.netRub, p.savedRub, p.creditRub, members.filter((m) => p.creditByMemberRub[m]).map((m) => `${m} ${p.creditByMemberRub[m]}`).join(', ')]),
    ),
    '',
  ];
}

/** "more than 10 min, at most 20 min". */
function binText(from: number, to: number | null): string {
  const d = (s: number) => (s < 60 ? `${s} s` : s < 3600 ? `${s / 60} min` : s < 86400 ? `${s / 3600} h` : `${s / 86400} d`);
  if (to === null) return `over ${d(from)}`;
  return from === 0 ? `up to ${d(to)}` : `${d(from)}-${d(to)}`;
}

export function channelTimesMarkdown(r: Report): string[] {
  const t = r.channelTimes;
  if (!t || r.channels.length < 2 || t.bins.length === 0) return [];
  return [
    'Credited payments per channel by time from order to credit (bins double in length):',
    '',
    table(['time to credit', ...t.channels.map((c) => c.channel)], t.bins.map((b, i) => [binText(b.fromSeconds, b.toSeconds), ...t.channels.map((c) => c.counts[i]!)])),
    '',
  ];
}
