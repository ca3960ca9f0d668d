// report.html's headline cards: one row per kind of flow the scenario has (payments out, receipts
// from abroad, retail orders, miners, clearing), each with that kind's own figures, so a
// retail-only or receipt-only run does not open on zeros and n/a for payments it never made.

import { unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { seconds } from './markdown.js';
import { groupDigits } from './htmlFlows.js';
import { card, cardGroup, pct3, statusDot, verdict } from './htmlParts.js';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The commonest reason in `byReason`, or none. */
function mainReason(byReason: Readonly<Record<string, number>>): string | null {
  let best: [string, number] | null = null;
  for (const [k, n] of Object.entries(byReason)) if (best === null || n > best[1]) best = [k, n];
  return best && best[0];
}

function paymentCards(r: Report): string {
  const by = r.payments.byStatus;
  const total = r.payments.total;
  const t = r.timeToFinalSeconds.all;
  const w = r.withinOneHour;
  const c = r.costRub;
  const costMet = c.percentOfPrincipal === null ? null : c.percentOfPrincipal <= c.g20RetailTargetPercent;
  const hourMet = w.settledShare === null ? null : w.settledShare >= w.g20Target;
  return `${cardGroup('Cross-border payments out', [
    card('payments', String(total), 'ordered over the run'),
    card(`${statusDot('settled')}settled`, `${by.settled ?? 0} (${percent((by.settled ?? 0) / total)})`, `refunded ${by.refunded ?? 0}, rejected ${by.rejected ?? 0}, frozen ${by.frozen ?? 0}`),
    card('time to final', seconds(t.p50), `median; 95th percentile ${seconds(t.p95)}`),
    card('credited within 1 h', percent(w.settledShare), `of all payments; G20 target ${percent(w.g20Target, 0)}: ${verdict(hourMet, 'met', 'not met')}`),
    card('all-in cost', c.percentOfPrincipal === null ? 'n/a' : `${unsignedZero(c.percentOfPrincipal.toFixed(3))}%`, `of settled principal; G20 target at most ${c.g20RetailTargetPercent}%: ${verdict(costMet, 'met', 'not met')}`),
  ])}
<p class="note">Final within one hour, whatever the outcome: ${percent(w.finalShare)}. Sanctions, over every kind of flow: ${r.sanctions.blocked} blocked before any value moved, ${r.sanctions.frozen} frozen in flight.</p>`;
}

function receiptCards(x: NonNullable<Report['receipts']>): string {
  const cost = x.costRub;
  return cardGroup('Receipts from abroad', [
    card('receipts', String(x.receipts), 'sent to exporters in stablecoin'),
    card(`${statusDot('settled')}credited`, `${x.credited} (${percent(x.credited / x.receipts)})`, `${groupDigits(x.creditedRub)} RUB to exporters`),
    card(`${statusDot('rejected')}blocked / ${statusDot('frozen')}frozen`, `${x.blocked} / ${x.frozen}`, x.otherwiseStopped > 0 ? `${x.otherwiseStopped} stopped otherwise` : 'by sanctions screening'),
    card('time to credit', seconds(x.timeToCreditSeconds.p50), `median; 95th percentile ${seconds(x.timeToCreditSeconds.p95)}`),
    card('cost', cost ? pct3(cost.percentOfWorth) : 'n/a', cost ? `${groupDigits(cost.total)} RUB: chain fee and exchange spread` : 'nothing was credited'),
  ]);
}

function retailCards(x: NonNullable<Report['retail']>): string {
  const groups = [x.purchases, x.sales].filter((g) => g !== null);
  const orders = groups.reduce((n, g) => n + g.orders, 0);
  const filled = groups.reduce((n, g) => n + g.filled, 0);
  const refused = groups.reduce((acc, g) => {
    for (const [k, n] of Object.entries(g.byReason)) acc[k] = (acc[k] ?? 0) + n;
    return acc;
  }, {} as Record<string, number>);
  const main = mainReason(refused);
  const capped = x.caps?.categories.reduce((n, c) => n + c.refusedAtCap, 0) ?? 0;
  return cardGroup('Retail investors', [
    card('orders', String(orders), [x.purchases && `${x.purchases.orders} purchases`, x.sales && `${x.sales.orders} sales`].filter(Boolean).join(', ')),
    card(`${statusDot('settled')}filled`, `${filled} (${percent(filled / orders)})`, [x.purchases && `${groupDigits(x.purchases.filledRub)} RUB bought`, x.sales && `${groupDigits(x.sales.filledRub)} RUB sold`].filter(Boolean).join('; ')),
    card(`${statusDot('rejected')}refused`, String(orders - filled), main ? `most often <code>${main}</code>` : 'none'),
    ...(x.caps ? [card('refused at the cap', String(capped), plural(x.caps.categories.reduce((n, c) => n + c.reachedCap, 0), 'investor') + ' reached their cap')] : []),
    card('AML flags', String(x.amlFlags.count), 'operations sent to mandatory control'),
  ]);
}

function minerCards(x: NonNullable<Report['miners']>): string {
  const rewards = x.miners.reduce((n, m) => n + m.rewards, 0);
  const sales = x.miners.reduce((n, m) => n + m.sales, 0);
  const sold = x.miners.reduce((n, m) => n + m.sold, 0);
  return cardGroup('Miners', [
    card('miners', String(x.miners.length), `${rewards} block rewards received`),
    card(`${statusDot('settled')}sales filled`, `${sold} of ${sales}`, x.sales ? `${groupDigits(x.sales.filledRub)} RUB received` : 'no sales'),
    card(`${statusDot('rejected')}refused by the registry`, String(x.registryRefused), 'the mining law: not yet in force, or not registered'),
  ]);
}

function clearingCards(c: NonNullable<Report['clearing']>): string {
  return cardGroup('NPCS clearing', [
    card('gross obligations', groupDigits(c.grossRub), `${c.obligations} interbank obligations over ${c.cycles} cycles`),
    card('settled as nets', groupDigits(c.netRub), 'through central-bank accounts'),
    card('liquidity saved', percent(c.savedShare), `${groupDigits(c.liquiditySavedRub)} RUB`),
    card('central-bank credit', groupDigits(c.centralBankCreditRub), `${c.byStatus.settledWithCredit} cycles needed it`),
  ]);
}

/** A row of cards per kind of flow present, in the order the page's sections come. */
export function headlineCards(r: Report): string {
  const rows = [
    r.payments.total > 0 ? paymentCards(r) : '',
    r.receipts ? receiptCards(r.receipts) : '',
    r.retail ? retailCards(r.retail) : '',
    r.miners ? minerCards(r.miners) : '',
    r.clearing ? clearingCards(r.clearing) : '',
  ].filter((x) => x !== '');
  return rows.length > 0 ? rows.join('\n') : '<p class="note">The scenario ordered no flow: there is nothing to report.</p>';
}
