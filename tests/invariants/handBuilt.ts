// Records built by hand for the invariants' unit tests: an entry, a transition and an outcome in
// the shape the run's files hold, facts with nothing in them, and one invariant fed the records in
// the order the kit feeds them.

import type { EntryRecord, Invariant, OutcomeRecord, RunFacts, TraceLine, Verdict } from '../../src/invariants/index.js';

export const T0 = '2024-09-02T09:00:00.000Z';

export const FACTS: RunFacts = {
  finalStates: { pay: ['settled', 'refunded'] },
  sanctions: [],
  boundsMs: {},
  requests: {},
  declared: [],
  caps: { nonQualified: null, qualified: null },
};

export type Leg = [account: string, asset: string, amount: string];

export function entry(id: string, flow: string, kind: string, legs: Leg[], extra: { time?: string; hold?: string } = {}): EntryRecord {
  return {
    id,
    time: extra.time ?? T0,
    flow,
    kind,
    memo: '',
    postings: legs.map(([account, asset, amount]) => ({ account, asset, amount })),
    ...(extra.hold !== undefined ? { hold: extra.hold } : {}),
  };
}

export function trace(flow: string, from: string | null, to: string, time = T0, machine = 'pay', event = 'GO'): TraceLine {
  return { time, flow, machine, from, event, to };
}

export function outcome(id: string, status: string, more: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return {
    flow: 'crossBorderPayment', id, status, reason: null, initiatedAt: T0, finalAt: T0, party: 'payer', partyAccount: null, counterparty: 'payee',
    amount: '10.00 CNY', rub: null, coin: null, refunded: null, frozen: null, capValue: null, category: null, capYear: null, ...more,
  };
}

/** Feeds one invariant the records, in the order the kit does, and returns its verdict. */
export function run(inv: Invariant, entries: EntryRecord[] = [], traces: TraceLine[] = [], outcomes: OutcomeRecord[] = []): Verdict {
  for (const e of entries) inv.entry?.(e);
  for (const t of traces) inv.trace?.(t);
  for (const o of outcomes) inv.outcome?.(o);
  return inv.finish();
}
