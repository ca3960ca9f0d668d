// The outcome report for people (report.md): a section per kind of flow the run has (payments
// out here; the others in markdownFlows.ts), the ledger, and the law in force.

import { unsignedZero } from '../money/index.js';
import { percent, type Report } from './report.js';
import { baselineSentence } from './baselineNote.js';
import { channelCounts, channelTimesMarkdown, clearingMarkdown, minersMarkdown, receiptsMarkdown, retailMarkdown, seconds, table } from './markdownFlows.js';

export { seconds };

const nonZero = (rub: string) => /[1-9]/.test(rub);

export function reportMarkdown(r: Report): string {
  const parts: string[] = [
    `# ${r.scenario.name}`,
    '',
    r.scenario.description,
    '',
    `Seed ${r.scenario.seed}; simulated from ${r.scenario.start} to ${r.scenario.end}.`,
    '',
  ];
  if (r.payments.total > 0) parts.push(...paymentsMarkdown(r));
  parts.push(
    ...channelsMarkdown(r),
    ...receiptsMarkdown(r),
    ...retailMarkdown(r),
    ...minersMarkdown(r),
    ...clearingMarkdown(r),
    ...stablecoinsMarkdown(r),
    '## Ledger at the end',
    '',
    `${r.ledger.entries} journal entries, each balanced per asset. Balances:`,
    '',
    table(['account', 'kind', 'asset', 'balance'], r.ledger.balances.map((b) => [b.account, b.kind, b.asset, b.balance])),
    '',
    `Yardsticks: ${r.yardsticks.source}.`,
    '',
    ...domesticMarkdown(r),
    ...(r.declaredInvariants.length > 0
      ? ['## The scenario\'s own invariants', '', table(['invariant', 'holds', 'detail'], r.declaredInvariants.map((v) => [v.name.replace(/^declared: /, ''), v.ok ? 'yes' : '**no**', v.detail ?? ''])), '']
      : []),
  );
  return parts.join('\n');
}

/** Cross-border payments out: outcomes, speed, cost, the flow of funds and losses. */
function paymentsMarkdown(r: Report): string[] {
  const t = r.timeToFinalSeconds;
  const c = r.costRub;
  const parts: string[] = [
    '## Cross-border payments out',
    '',
    table(
      ['payments', 'settled', 'refunded', 'rejected', 'frozen'],
      [[r.payments.total, r.payments.byStatus.settled ?? 0, r.payments.byStatus.refunded ?? 0, r.payments.byStatus.rejected ?? 0, r.payments.byStatus.frozen ?? 0]],
    ),
    '',
  ];
  const reasons = Object.entries(r.payments.byReason);
  if (reasons.length > 0) parts.push('Why payments did not settle:', '', table(['reason', 'payments'], reasons), '');
  parts.push(
    '## Speed',
    '',
    table(
      ['', 'p50', 'p95', 'p99', 'max'],
      [
        ['all payments, to final state', seconds(t.all.p50), seconds(t.all.p95), seconds(t.all.p99), seconds(t.all.max)],
        ['settled payments, to beneficiary credit', seconds(t.settled.p50), seconds(t.settled.p95), seconds(t.settled.p99), seconds(t.settled.max)],
      ],
    ),
    '',
    `Credited within one hour: ${percent(r.withinOneHour.settledShare)} of all payments (G20 target for 2027: ${percent(r.withinOneHour.g20Target, 0)}); ` +
      `final, whatever the outcome, within one hour: ${percent(r.withinOneHour.finalShare)}.`,
    '',
    '## Cost of settled payments (RUB, valued at mid)',
    '',
    table(
      ['part', 'RUB'],
      [
        ['exchange spread', c.parts.exchangeSpread],
        ['chain fee', c.parts.chainFee],
        ['off-ramp spread', c.parts.offrampSpread],
        // Shown when the run has them: a fee a scenario assumes, prices that moved in flight.
        ...(nonZero(c.parts.npcsFee) ? [['NPCS fee', c.parts.npcsFee]] : []),
        ...(nonZero(c.parts.fxResidue) ? [['FX residue (prices moving in flight)', c.parts.fxResidue]] : []),
        ['**all-in**', `**${c.total}**`],
      ],
    ),
    '',
    `All-in cost ${c.percentOfPrincipal === null ? 'n/a' : unsignedZero(c.percentOfPrincipal.toFixed(3)) + '%'} of ${c.settledPrincipal} RUB principal (G20 retail target: at most ${c.g20RetailTargetPercent}%).`,
    '',
    '## Flow of funds (RUB, valued at mid)',
    '',
    'Where the RUB the conversions took from payers went, by how the payment ended (rejected payments took nothing); a part that came out negative is a gain, flowing into its outcome. Each outcome\'s inflows equal its outflows, to the kopeck.',
    '',
    ...flowOfFundsMarkdown(r),
    '## Losses of payments that did not settle (RUB)',
    '',
    table(
      ['', 'payments', 'taken from payer', 'returned', 'lost'],
      [
        ['refunded after an unwind', r.lossesRub.refunded.count, r.lossesRub.refunded.paid, r.lossesRub.refunded.returned, r.lossesRub.refunded.loss],
        ['frozen by sanctions in flight', r.lossesRub.frozen.count, r.lossesRub.frozen.paid, '0.00', r.lossesRub.frozen.paid],
      ],
    ),
    '',
    ...(r.lossesRub.forfeitedToOfframps.count > 0
      ? [`Of the losses, ${r.lossesRub.forfeitedToOfframps.rub} RUB is coin off-ramps kept from ${r.lossesRub.forfeitedToOfframps.count} payments, because the fee of the transfer back exceeded it.`, '']
      : []),
    `Sanctions, over every kind of flow: ${r.sanctions.blocked} blocked before any value moved, ${r.sanctions.frozen} frozen in flight (payments out: frozen coin worth ${r.lossesRub.frozen.frozenValue} RUB at mid when frozen).`,
    '',
  );
  return parts;
}

/** The flow of funds: each band of the chart as a row, then what passes through each node. */
function flowOfFundsMarkdown(r: Report): string[] {
  const g = r.flowOfFunds;
  if (g.links.length === 0) return ['No payment out took any RUB from its payer: every one was rejected before its conversion.', ''];
  const label = new Map(g.nodes.map((n) => [n.id, n.label]));
  return [
    table(['from', 'to', 'RUB'], g.links.map((l) => [label.get(l.from)!, label.get(l.to)!, l.rub])),
    '',
    table(['node', 'kind', 'RUB through it'], g.nodes.map((n) => [n.label, n.kind, n.rub])),
    '',
  ];
}

/** Payments by channel side by side, when the run has more than one channel. */
function channelsMarkdown(r: Report): string[] {
  const out: string[] = [];
  if (r.channels.length > 1) {
    const pctText = (x: number | null) => (x === null ? 'n/a' : `${unsignedZero(x.toFixed(3))}%`);
    out.push(
      '## Channels side by side',
      '',
      'Each channel on the G20 yardsticks (75% credited within an hour, cost at most 1%), and its settlement risk as CPSS (1996) measures it: RUB paid and not yet matched by the bought leg being final.',
      ...(baselineSentence(r) ? ['', baselineSentence(r)] : []),
      '',
      table(
        ['channel', 'payments', 'settled', 'refunded', 'rejected', 'frozen', 'p50 to credit', 'p95 to credit', 'credited <1h', 'cost %', 'peak at risk, RUB', 'RUB-hours at risk'],
        r.channels.map((c) => [
          c.channel,
          ...channelCounts(c),
          seconds(c.settledSeconds.p50),
          seconds(c.settledSeconds.p95),
          percent(c.creditedWithinOneHourShare),
          pctText(c.costPercentOfPrincipal),
          c.settlementRisk.peakRub,
          c.settlementRisk.rubHours,
        ]),
      ),
      '',
      table(
        ['channel', 'exchange spread', 'chain fee', 'off-ramp spread', 'NPCS fee', 'correspondent fees', 'bank FX spread', 'FX residue', 'all-in'],
        r.channels.map((c) => [c.channel, c.costRub.exchangeSpread, c.costRub.chainFee, c.costRub.offrampSpread, c.costRub.npcsFee, c.costRub.correspondentFees, c.costRub.fxSpread, c.costRub.fxResidue, c.costRub.total]),
      ),
      '',
    );
  }
  out.push(...channelTimesMarkdown(r));
  return out;
}

/** Stablecoin values over the run, when prices move. */
function stablecoinsMarkdown(r: Report): string[] {
  if (r.stablecoins.length === 0) return [];
  return ['## Stablecoins over the run (RUB per coin)', '', table(['coin', 'start', 'low', 'high', 'basket'], r.stablecoins.map((c) => [c.coin, c.startRub, c.minRub, c.maxRub, 'basket' in c && c.basket ? Object.entries(c.basket).map(([m, w]) => `${m} ${w}`).join(', ') : ''])), ''];
}

/** The law in force, and the operations flagged under the AML law over every kind of flow. */
function domesticMarkdown(r: Report): string[] {
  const d = r.domestic;
  const out = [
    '## The law in force',
    '',
    `Preset \`${d.regime.preset}\`. Caps a year: non-qualified ${d.regime.caps.nonQualified ?? 'none'}, qualified ${d.regime.caps.qualified ?? 'none'} (${d.regime.caps.source}). ` +
      `AML mandatory control from ${d.regime.aml.threshold} (${d.regime.aml.source}).`,
    '',
    table(
      ['rule', 'operation', 'lawful', 'source'],
      d.regime.rules.map((rule) => [rule.id, rule.operation, rule.lawful === false ? 'never' : `from ${rule.lawfulFrom ?? 'always'}${rule.requiresRegistration ? ', registered only' : ''}`, rule.source]),
    ),
    '',
  ];
  out.push(`AML: ${d.amlFlags.count} operation${d.amlFlags.count === 1 ? '' : 's'} of at least ${d.regime.aml.threshold} flagged for mandatory control (not blocked), ${d.amlFlags.totalRub} RUB in all.`, '');
  return out;
}
