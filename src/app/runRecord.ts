// The records a run writes for its report, made from the scenario, the run and each flow's end:
// run.json (what was asked and how the run ended), a line of details.jsonl per outcome (every
// amount and price the report values it at) and a line of cycles.jsonl per clearing cycle.
// Here the flows' own types meet the records' plain data; the report reads only the latter.

import { formatAmount, formatMinor, type Amount, type Dec as Decimal } from '../money/index.js';
import { isoTime } from '../ledger/index.js';
import { FLOWS } from '../flows/index.js';
import { graphOf } from '../flows/diagram.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle/index.js';
import type { PaymentSpec } from '../flows/payment.js';
import type { Outcome, RunResult } from '../scenario/runner.js';
import type { FaultModel, Model } from '../scenario/model.js';
import { RUN_FORMAT, textOrNull, type CycleRecord, type OutcomeDetail, type RunRecord, type RunStart, type Verdict } from '../records/index.js';
import { runFacts } from './outcomeRecord.js';

const text = textOrNull;
const dec = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());
const ONE_MINUTE_MS = 60_000;

function faultLabel(f: FaultModel): string {
  switch (f.kind) {
    case 'chainHalt':
      return `${f.chain} halted`;
    case 'chainCongestion':
      return `${f.chain} congested: blocks ${f.blockTimeFactor}x slower, fees ${f.feeFactor}x`;
    case 'exchangeOutage':
      return `${f.venue} exchange out`;
    case 'offrampOutage':
      return `${f.market} off-ramp out`;
    case 'depeg':
      return `${f.coin} ${(f.by.toNumber() * 100).toFixed(1)}% below its peg`;
    case 'duplicateMessages':
      return `${Math.round(f.share * 100)}% of messages delivered twice`;
  }
}

/** The faults and listings of a scenario as the report's timeline marks them. */
function eventsOf(s: Model): RunStart['events'] {
  const events: { kind: string; label: string; from: string; to?: string }[] = [];
  for (const f of s.faults) events.push({ kind: f.kind, label: faultLabel(f), from: isoTime(f.from), to: isoTime(f.to) });
  // A party listed before the run (from -Infinity) is no event of it.
  for (const entry of s.sanctions) {
    if (entry.from !== -Infinity) events.push({ kind: 'sanctionsListing', label: `${entry.party} sanctioned`, from: isoTime(entry.from) });
  }
  return events;
}

/** What run.json states before the run starts: all of it follows from the scenario. */
export function runStart(s: Model): RunStart {
  const regime = s.regime;
  const cap = (c: Amount | null) => (c === null ? null : formatAmount(c));
  const coins = [...new Set(s.exchanges.map((e) => e.coin.code))].sort();
  return {
    format: RUN_FORMAT,
    scenario: { name: s.name, description: s.description },
    // The mids as the file wrote them: the report reads them back as text.
    markets: Object.fromEntries(Object.entries(s.source.markets).map(([key, m]) => [key, { mid: m.mid }])),
    stablecoins: coins.map((coin) => {
      // The weights as the file wrote them.
      const basket = s.source.assets?.[coin]?.basket;
      return basket ? { coin, basket } : { coin };
    }),
    events: eventsOf(s),
    regime: { preset: regime.preset.name, rules: regime.rules.map((r) => ({ ...r })), caps: regime.caps, aml: regime.aml },
    rubScale: s.amlThreshold.asset.scale,
    amlThreshold: formatAmount(s.amlThreshold),
    caps: { nonQualified: cap(s.caps.nonQualified), qualified: cap(s.caps.qualified) },
    facts: runFacts(s),
    flows: Object.fromEntries(Object.values(FLOWS).map((f) => [f.machine.id, graphOf(f.machine)])),
  };
}

/** The minutes a report's timeline can reach: the run's span and every payment's order time. */
export interface Span {
  first: number;
  last: number;
}

/** The coins' RUB index at each whole minute of `span`, kept only where it changes. */
function priceIndex(start: RunStart, run: RunResult, span: Span): RunRecord['priceIndex'] {
  if (!run.prices.moves) return null;
  return Object.fromEntries(
    start.stablecoins.map(({ coin }) => {
      const samples: [number, string][] = [];
      for (let minute = span.first; minute <= span.last; minute++) {
        const index = run.prices.rubIndex(coin, minute * ONE_MINUTE_MS).toString();
        if (samples.at(-1)?.[1] !== index) samples.push([minute, index]);
      }
      return [coin, samples];
    }),
  );
}

/** The whole of run.json, once the run has ended. `span` covers every payment's order time. */
/** @param mining each miner's block rewards, as the journal's entries gave them (entryTally.ts). */
export function runRecord(start: RunStart, run: RunResult, declared: readonly Verdict[], ordered: Span | null, mining: RunRecord['mining'] = null): RunRecord {
  const span = { first: Math.floor(run.startTime / ONE_MINUTE_MS), last: Math.floor(run.endTime / ONE_MINUTE_MS) };
  if (ordered) {
    span.first = Math.min(span.first, ordered.first);
    span.last = Math.max(span.last, ordered.last);
  }
  const book = run.clearing;
  return {
    ...start,
    seed: run.seed,
    startTime: run.startTime,
    endTime: run.endTime,
    ledger: { entries: run.entries, balances: run.balances.map((b) => ({ account: b.account, kind: b.kind, asset: b.asset, balance: formatMinor(b.minor, b.scale) })) },
    capUse: [...run.caps.entries()].map((e) => ({ investor: e.investor, year: e.year, used: e.used.toString(), category: run.participants.get(e.investor)?.investor?.category ?? null })),
    clearing: book
      ? {
          totals: (({ cycles, obligations, gross, netDebits, saved, creditDrawn }) => ({ cycles, obligations, gross: formatAmount(gross), netDebits: formatAmount(netDebits), saved: formatAmount(saved), creditDrawn: formatAmount(creditDrawn) }))(book.totals()),
          members: book.members.map((member) => {
            const m = book.memberTotals(member);
            return { member, paid: formatAmount(m.paid), received: formatAmount(m.received), peakNetDebit: formatAmount(m.peakNetDebit), creditDrawn: formatAmount(m.creditDrawn) };
          }),
        }
      : null,
    priceIndex: priceIndex(start, run, span),
    mining,
    declaredInvariants: declared,
  };
}

function paymentOf(p: PaymentSpec) {
  return { id: p.id, payer: p.payer.id, payee: p.payee.id, amount: formatAmount(p.amount), rail: p.rail, settlement: p.settlement, coin: p.coin, chain: p.chain, initiatedAt: p.initiatedAt };
}

/** A flow's end as a line of details.jsonl. */
export function detailRecord(o: Outcome, finalAt: number): OutcomeDetail {
  const head = { id: o.id, reason: o.reason, finalAt };
  switch (o.flow) {
    case 'crossBorderPayment':
      return {
        flow: o.flow,
        ...head,
        status: o.status,
        payment: paymentOf(o.payment),
        paid: text(o.paid),
        paidAt: o.paidAt,
        fillMid: dec(o.fillMid),
        quotedOfframpMid: dec(o.quotedOfframpMid),
        marks: o.marks && { at: o.marks.at, coinLocal: o.marks.coinLocal.toFixed(), coinRub: o.marks.coinRub.toFixed() },
        bought: text(o.bought),
        delivered: text(o.delivered),
        npcsFee: text(o.npcsFee),
        chainFee: text(o.chainFee),
        keptCoin: text(o.keptCoin),
        refunded: text(o.refunded),
        frozen: text(o.frozen),
        forfeited: text(o.forfeited),
      };
    case 'correspondentPayment':
      return { flow: o.flow, ...head, status: o.status, payment: paymentOf(o.payment), paid: text(o.paid), fees: text(o.fees), fxSpread: text(o.fxSpread), paidAt: o.paidAt, refunded: text(o.refunded), frozen: text(o.frozen) };
    case 'crossBorderReceipt':
      return { flow: o.flow, ...head, status: o.status, payment: paymentOf(o.payment), chainFee: text(o.chainFee), rub: text(o.rub), saleMid: dec(o.saleMid), soldAt: o.soldAt, frozen: text(o.frozen) };
    default: {
      const p = o.order.participant;
      return {
        flow: o.flow,
        ...head,
        status: o.status,
        order: { participant: { id: p.id, kind: p.kind, category: p.investor?.category ?? null }, initiatedAt: o.order.initiatedAt },
        rub: text(o.rub),
        coin: text(o.coin),
        frozen: text(o.frozen),
      };
    }
  }
}

/**
 * A clearing cycle's end as a line of cycles.jsonl: `at` when it ended, `creditByMember` the
 * central-bank credit each member drew in it, as the journal's entries gave it (entryTally.ts).
 */
export function cycleRecord(c: ClearingCycleOutcome, at: number, creditByMember: Readonly<Record<string, string>> = {}): CycleRecord {
  return {
    id: c.id,
    status: c.status,
    obligations: c.obligations,
    gross: formatAmount(c.gross),
    netDebits: formatAmount(c.netDebits),
    saved: formatAmount(c.saved),
    creditDrawn: formatAmount(c.creditDrawn),
    at,
    creditByMember: { ...creditByMember },
  };
}
