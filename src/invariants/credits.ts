// Who may be credited, and when: never a listed party, and never a beneficiary before the coin
// that pays it is final on its chain.

import { Listings, SETUP_FLOW } from '../ledger/index.js';
import { failOnce, flowEnds, isoMs, ownerMemo, type Invariant } from './kit.js';
import type { OutcomeRecord, RunFacts } from './records.js';

/**
 * The facts' listings read as the rails read them (src/ledger/listings.ts): earliest listing wins,
 * listed from its instant on; `null` is before the run.
 */
function listingsOf(facts: RunFacts): Listings {
  return new Listings(facts.sanctions.map((s) => ({ party: s.party, from: s.from === null ? -Infinity : Date.parse(s.from) })));
}

/** 7. Sanctions: no value reaches a sanctioned party, in any of its accounts, after it is listed. */
export function sanctionsRespected(facts: RunFacts): Invariant {
  const v = failOnce('sanctions');
  const listed = listingsOf(facts);
  const ownerOf = ownerMemo();
  return {
    name: 'sanctions',
    promise: 'no value reaches a sanctioned party (bank, custody or beneficiary account) after it is listed',
    entry(e) {
      // Opening balances are the world before the run, not value reaching anyone during it. Only
      // the simulator's own setup flow is skipped: no scenario id can take its name.
      if (e.flow === SETUP_FLOW) return;
      for (const p of e.postings) {
        const party = ownerOf(p.account);
        if (p.amount.startsWith('-') || party === undefined) continue;
        v.count();
        const from = listed.listedFrom(party);
        if (from === undefined || !listed.isListed(party, isoMs(e.time))) continue;
        v.fail(`${e.id} (${e.kind} of ${e.flow}) credits ${p.account} at ${e.time}, listed ${from === -Infinity ? 'before the run' : `from ${new Date(from).toISOString()}`}`);
      }
    },
    finish: () => v.verdict(),
    broken: v.broken,
  };
}

/**
 * 11. Finality of credit: in a flow that moves coin on a chain, its counterparty (the beneficiary
 * abroad, or the exporter of a receipt) is credited only once the transfer carrying the coin has
 * its confirmations: at or after the flow's first CHAIN_TX_CONFIRMED transition.
 */
export function creditAfterConfirmation(): Invariant {
  const v = failOnce('credit-after-confirmation');
  const onChain = new Set<string>();
  const credits = new Map<string, { id: string; kind: string; account: string; party: string; time: string }[]>();
  const confirmed = new Map<string, string>();
  const outcomes = new Map<string, OutcomeRecord>();
  const ownerOf = ownerMemo();
  // Each flow is checked when it is over and then forgotten, so memory follows the flows in flight.
  const ends = flowEnds((flow) => {
    const o = outcomes.get(flow);
    if (o) check(o);
    outcomes.delete(flow);
    onChain.delete(flow);
    credits.delete(flow);
    confirmed.delete(flow);
  });
  const check = (o: OutcomeRecord) => {
    if (o.counterparty === null || !onChain.has(o.id)) return;
    const final = confirmed.get(o.id);
    for (const c of credits.get(o.id) ?? []) {
      if (c.party !== o.counterparty) continue;
      v.count();
      if (final === undefined || isoMs(c.time) < isoMs(final)) {
        v.fail(`${c.id} (${c.kind} of ${o.id}) credits ${c.account} at ${c.time}, before the transfer carrying the coin was confirmed (${final === undefined ? 'it never was' : `at ${final}`})`);
      }
    }
  };
  return {
    name: 'credit-after-confirmation',
    promise: 'no beneficiary of a flow that moves coin on a chain is credited before that transfer reached its confirmations',
    entry(e) {
      if (e.kind === 'chain.submitted') onChain.add(e.flow);
      for (const p of e.postings) {
        const party = ownerOf(p.account);
        if (party === undefined || p.amount.startsWith('-')) continue;
        let list = credits.get(e.flow);
        if (!list) credits.set(e.flow, (list = []));
        list.push({ id: e.id, kind: e.kind, account: p.account, party, time: e.time });
      }
      ends.entry(e);
    },
    trace(t) {
      if (t.event === 'CHAIN_TX_CONFIRMED' && !confirmed.has(t.flow)) confirmed.set(t.flow, t.time);
    },
    outcome(o) {
      outcomes.set(o.id, o);
      ends.outcome(o);
    },
    finish() {
      ends.finish();
      return v.verdict();
    },
    broken: v.broken,
  };
}
