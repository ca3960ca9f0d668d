// How each payment or order ended, as one line of outcomes.jsonl, and the facts about a run that
// report.json carries so its files can be verified without the simulator.

import { formatAmount, formatFine } from '../money/index.js';
import { isoTime } from '../ledger/index.js';
import { bankAccount } from '../rails/participants/participant.js';
import { moscowYear } from '../rails/regime/regime.js';
import { baselineFacts } from '../rails/correspondent/baselines.js';
import { FLOWS } from '../flows/index.js';
import type { AnyStateNode } from 'xstate';
import { textOrNull, type OutcomeMids, type OutcomeRecord, type RunFacts, type WrittenOutcome } from '../records/index.js';
import type { Outcome } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import type { MidAt, MidPrice } from '../report/metrics.js';

export type { OutcomeMids, WrittenOutcome };

const text = textOrNull;

/** The scenario's starting mids, and the mids at any moment of the run (see metrics.ts). */
export interface RecordPrices {
  readonly start: MidPrice;
  readonly at: MidAt;
}

function midsOfOutcome(o: Outcome, finalAt: number, prices: RecordPrices | undefined): OutcomeMids | null {
  if (o.flow === 'crossBorderReceipt') return o.saleMid ? { sale: o.saleMid.toFixed() } : null;
  if (o.flow !== 'crossBorderPayment' || !prices) return null;
  const p = o.payment;
  const local = p.amount.asset.code;
  const first = (quote: string) => prices.start(p.coin, quote);
  const end = prices.at(p.coin, 'RUB', finalAt).toFixed();
  // Written out for each case rather than spread from a partial object: one object a line, keys in the file's order.
  const fill = o.bought ? (o.fillMid ?? first('RUB')).toFixed() : undefined;
  if (o.status !== 'settled') return fill === undefined ? { end } : { fill, end };
  const offrampQuote = (o.quotedOfframpMid ?? o.marks?.coinLocal ?? first(local)).toFixed();
  const payoutLocal = (o.marks?.coinLocal ?? first(local)).toFixed();
  const payoutRub = (o.marks?.coinRub ?? first('RUB')).toFixed();
  return fill === undefined ? { offrampQuote, payoutLocal, payoutRub, end } : { fill, offrampQuote, payoutLocal, payoutRub, end };
}

/** @param iso how the end time is written: the run's `isoClock()`, whose instant it is (its entries' and trace line's). */
export function outcomeRecord(o: Outcome, finalAt: number, prices?: RecordPrices, iso: (ms: number) => string = isoTime): WrittenOutcome {
  // `mids` added last to the record as built, as the file has it, instead of a spread copy of it.
  const record: OutcomeRecord & { mids?: OutcomeMids | null } = baseRecord(o, iso(finalAt));
  record.mids = midsOfOutcome(o, finalAt, prices);
  return record as WrittenOutcome;
}

function baseRecord(o: Outcome, finalAt: string): OutcomeRecord {
  if ('payment' in o) {
    // Payments out, receipts in and correspondent payments share their parties and amount; the
    // key order is the file's, so each line reads the same whatever the flow.
    const p = o.payment;
    const receipt = o.flow === 'crossBorderReceipt';
    return {
      flow: o.flow,
      id: o.id,
      status: o.status,
      reason: o.reason,
      initiatedAt: isoTime(p.initiatedAt),
      finalAt,
      party: p.payer.id,
      partyAccount: p.payer.bank ? bankAccount(p.payer) : null,
      counterparty: p.payee.id,
      amount: formatAmount(p.amount),
      rub: text(receipt ? o.rub : o.paid),
      // A receipt's coin is what was sold; a payment's, what an unwind left in the payer's custody.
      coin: receipt ? formatAmount(p.amount) : o.flow === 'crossBorderPayment' ? text(o.keptCoin) : null,
      refunded: receipt ? null : text(o.refunded),
      frozen: text(o.frozen),
      forfeited: o.flow === 'crossBorderPayment' ? text(o.forfeited) : null,
      capValue: null,
      category: null,
      capYear: null,
    };
  }
  const r = o.order;
  return {
    flow: o.flow,
    id: o.id,
    status: o.status,
    reason: o.reason,
    initiatedAt: isoTime(r.initiatedAt),
    finalAt,
    party: r.participant.id,
    partyAccount: r.participant.bank ? bankAccount(r.participant) : null,
    counterparty: null,
    amount: formatAmount(r.amount),
    rub: text(o.rub),
    coin: text(o.coin),
    refunded: null,
    frozen: text(o.frozen),
    forfeited: null,
    // Exact (to 10^-18), as the cap counted it: the caps invariant adds these.
    capValue: o.capValue ? formatFine(o.capValue) : null,
    category: r.participant.investor?.category ?? null,
    // Caps count per Moscow calendar year of the order.
    capYear: o.capValue ? moscowYear(r.initiatedAt) : null,
  };
}

function finalStates(node: AnyStateNode): string[] {
  const own = node.type === 'final' ? [node.path.join('.')] : [];
  return [...own, ...Object.values(node.states).flatMap(finalStates)];
}

/** What the run's files are checked against; all of it follows from the scenario. */
export function runFacts(s: Model): RunFacts {
  const regime = s.regime;
  return {
    finalStates: Object.fromEntries(Object.values(FLOWS).map((f) => [f.machine.id, finalStates(f.machine.root)])),
    requests: Object.fromEntries(Object.values(FLOWS).map((f) => [f.machine.id, f.requests])),
    // As the file wrote them: verify reads them back from the records.
    declared: s.source.invariants ?? [],
    boundsMs: s.boundsMs,
    sanctions: s.sanctions.map((e) => ({ party: e.party, from: e.from === -Infinity ? null : isoTime(e.from) })),
    caps: { nonQualified: regime.caps.nonQualified, qualified: regime.caps.qualified },
    // Only when the channel is used, so runs without it state nothing about it.
    ...(s.correspondent ? { correspondentBaseline: baselineFacts(s.correspondent.baseline, s.correspondent.overrides) } : {}),
  };
}
