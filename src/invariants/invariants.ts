// The settlement invariants as named predicates over a finished run. Each is a small checker fed
// the run's records (entries, then transitions, then outcomes, each stream in its own order) and
// asked for a verdict at the end, so a run can be checked while it streams from disk.

import { kindByName, ownerOf } from '../ledger/index.js';
import type { EntryRecord, OutcomeRecord, RunFacts, TraceLine, Verdict } from './records.js';

export interface Invariant {
  readonly name: string;
  /** What the invariant promises, in one sentence. */
  readonly promise: string;
  entry?(e: EntryRecord): void;
  trace?(t: TraceLine): void;
  outcome?(o: OutcomeRecord): void;
  finish(): Verdict;
}

/** Makes a fresh checker for one run, told the run's facts before any record arrives. */
export type InvariantFactory = (facts: RunFacts) => Invariant;

/** A decimal string ("-9250000.00") as an exact count of 10^-18: sums never touch floats. */
export function atto(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  if (frac.length > 18) throw new Error(`more than 18 decimals: ${text}`);
  const v = BigInt(whole + frac.padEnd(18, '0'));
  return negative ? -v : v;
}

/** An atto count back as a plain decimal, for messages: 1500000000000000000n -> "1.5". */
export function showAtto(x: bigint): string {
  const negative = x < 0n;
  const digits = (negative ? -x : x).toString().padStart(19, '0');
  const frac = digits.slice(-18).replace(/0+$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -18)}${frac ? '.' + frac : ''}`;
}

/** "123.45 RUB" as [atto, asset]. */
function amountOf(text: string): [bigint, string] {
  const [num, asset] = text.split(' ') as [string, string];
  return [atto(num), asset];
}

function failOnce(name: string) {
  let detail: string | undefined;
  let checked = 0;
  return {
    count: () => checked++,
    fail: (d: string) => {
      detail ??= d;
    },
    verdict: (): Verdict => ({ name, ok: detail === undefined, checked, ...(detail !== undefined ? { detail } : {}) }),
    get failed() {
      return detail !== undefined;
    },
  };
}

/** 1. Every journal entry balances per asset. */
export function balancedEntries(): Invariant {
  const v = failOnce('balanced-entries');
  return {
    name: 'balanced-entries',
    promise: 'every journal entry balances per asset',
    entry(e) {
      v.count();
      const sums = new Map<string, bigint>();
      for (const p of e.postings) sums.set(p.asset, (sums.get(p.asset) ?? 0n) + atto(p.amount));
      for (const [asset, sum] of sums) if (sum !== 0n) v.fail(`${e.id} (${e.kind} of ${e.flow}): ${asset} postings do not sum to zero`);
    },
    finish: () => v.verdict(),
  };
}

/**
 * 2. Conservation: value enters or leaves only through external accounts. Per asset, what the rail
 * holds equals what external accounts gave it; and the one signed inside account, the rounding
 * residue, moves only in exchange conversions, so no entry can make value there for someone.
 */
export function conservation(): Invariant {
  const v = failOnce('conservation');
  const inside = new Map<string, bigint>();
  const outside = new Map<string, bigint>();
  return {
    name: 'conservation',
    promise: 'per asset, value inside the rail changes only through external accounts; rounding residue only in conversions',
    entry(e) {
      v.count();
      for (const p of e.postings) {
        const kind = kindByName(p.account);
        if (kind === 'system' && !e.kind.startsWith('exchange.')) v.fail(`${e.id} (${e.kind} of ${e.flow}) moves ${p.account}, which only conversions may`);
        const m = kind === 'external' ? outside : inside;
        m.set(p.asset, (m.get(p.asset) ?? 0n) + atto(p.amount));
      }
    },
    finish() {
      for (const asset of new Set([...inside.keys(), ...outside.keys()])) {
        const a = inside.get(asset) ?? 0n;
        const b = outside.get(asset) ?? 0n;
        if (a + b !== 0n) v.fail(`${asset}: the rail holds ${showAtto(a)} but external accounts account for ${showAtto(-b)}`);
      }
      return v.verdict();
    },
  };
}

/** 3. No holding (participants, custody, inventories, holds, transit) ever goes below zero. */
export function nonNegativeHoldings(): Invariant {
  const v = failOnce('non-negative-holdings');
  const balances = new Map<string, bigint>();
  return {
    name: 'non-negative-holdings',
    promise: 'no non-negative account goes below zero, checked after every entry',
    entry(e) {
      v.count();
      for (const p of e.postings) {
        const key = `${p.account} ${p.asset}`;
        balances.set(key, (balances.get(key) ?? 0n) + atto(p.amount));
      }
      for (const p of e.postings) {
        const key = `${p.account} ${p.asset}`;
        if (kindByName(p.account) === 'nonNegative' && balances.get(key)! < 0n) v.fail(`${e.id} (${e.kind} of ${e.flow}) takes ${key} below zero`);
      }
    },
    finish: () => v.verdict(),
  };
}

/** 4. Finality: every flow ends in a final state of its machine, once, with exactly one outcome. */
export function finality(facts: RunFacts): Invariant {
  const v = failOnce('finality');
  const last = new Map<string, { machine: string; to: string; time: string }>();
  const ended = new Set<string>();
  const began = new Map<string, string>();
  const outcomes = new Map<string, number>();
  const finals = facts.finalStates;
  return {
    name: 'finality',
    promise: 'every flow reaches a final state within the bound its machine declares, moves no more after it, and has exactly one outcome',
    trace(t) {
      v.count();
      if (ended.has(t.flow)) v.fail(`${t.flow} moved after its final state: ${t.from} -> ${t.to} on ${t.event} at ${t.time}`);
      if (t.from === null) began.set(t.flow, t.time);
      last.set(t.flow, { machine: t.machine, to: t.to, time: t.time });
      if (finals[t.machine]?.includes(t.to)) {
        ended.add(t.flow);
        const bound = facts.boundsMs?.[t.machine];
        const start = began.get(t.flow);
        began.delete(t.flow);
        const took = start === undefined ? 0 : Date.parse(t.time) - Date.parse(start);
        if (bound !== undefined && took > bound) v.fail(`${t.flow} took ${took / 1000} s to reach ${t.to}, past the ${bound / 1000} s its machine ${t.machine} declares`);
      }
    },
    outcome(o) {
      outcomes.set(o.id, (outcomes.get(o.id) ?? 0) + 1);
      if (outcomes.get(o.id) === 2) v.fail(`${o.id} has more than one outcome`);
    },
    finish() {
      for (const [flow, l] of last) {
        const known = finals[l.machine];
        if (!known) v.fail(`${flow}: machine ${l.machine} is unknown to the run's facts`);
        else if (!known.includes(l.to)) v.fail(`${flow} (${l.machine}) ended in ${l.to} at ${l.time}, not a final state (${known.join(', ')})`);
        if (!outcomes.has(flow)) v.fail(`${flow} has no outcome`);
      }
      for (const id of outcomes.keys()) if (!last.has(id)) v.fail(`outcome ${id} belongs to no traced flow`);
      return v.verdict();
    },
  };
}

/** 5. Holds: each pending hold is posted, voided or expired exactly once. */
export function holdsResolvedOnce(): Invariant {
  const v = failOnce('holds-resolved-once');
  const pending = new Map<string, { from: string; asset: string; amount: bigint; entry: string }>();
  const resolved = new Set<string>();
  return {
    name: 'holds-resolved-once',
    promise: 'every pending hold is posted, voided or expired exactly once, and a void or expiry returns it whole',
    entry(e) {
      if (!e.kind.startsWith('hold.')) return;
      v.count();
      if (e.hold === undefined) return v.fail(`${e.id} (${e.kind} of ${e.flow}) names no hold`);
      if (e.kind === 'hold.pending') {
        if (pending.has(e.hold) || resolved.has(e.hold)) return v.fail(`${e.id}: hold ${e.hold} placed twice`);
        const debit = e.postings.find((p) => p.amount.startsWith('-'));
        if (!debit) return v.fail(`${e.id}: hold ${e.hold} debits no account`);
        pending.set(e.hold, { from: debit.account, asset: debit.asset, amount: -atto(debit.amount), entry: e.id });
        return;
      }
      const hold = pending.get(e.hold);
      if (!hold) return v.fail(`${e.id}: hold ${e.hold} ${e.kind.slice(5)} but it was ${resolved.has(e.hold) ? 'already resolved' : 'never placed'}`);
      pending.delete(e.hold);
      resolved.add(e.hold);
      if (e.kind === 'hold.voided' || e.kind === 'hold.expired') {
        const back = e.postings.filter((p) => p.account === hold.from && p.asset === hold.asset).reduce((s, p) => s + atto(p.amount), 0n);
        if (back !== hold.amount) v.fail(`${e.id}: ${e.kind} of hold ${e.hold} returns ${showAtto(back)}, not the ${showAtto(hold.amount)} held, to ${hold.from}`);
      }
    },
    finish() {
      for (const [id, h] of pending) v.fail(`hold ${id} (placed in ${h.entry}) was never posted, voided or expired`);
      return v.verdict();
    },
  };
}

/**
 * 6. Linked legs: a flow that did not complete leaves no leg behind. A rejected flow moves nothing
 * net; a refunded payment leaves nothing in flight and credits no beneficiary; a settled one
 * credits the beneficiary exactly; nothing of any finished flow stays in holds, custody or transit.
 */
export function linkedLegs(): Invariant {
  const v = failOnce('linked-legs');
  const nets = new Map<string, Map<string, bigint>>();
  const outcomes: OutcomeRecord[] = [];
  return {
    name: 'linked-legs',
    promise: "no flow ends with one leg done and another not: rejected moves nothing of the parties', refunded returns all but booked losses",
    entry(e) {
      let net = nets.get(e.flow);
      if (!net) nets.set(e.flow, (net = new Map<string, bigint>()));
      for (const p of e.postings) net.set(`${p.account} ${p.asset}`, (net.get(`${p.account} ${p.asset}`) ?? 0n) + atto(p.amount));
    },
    outcome(o) {
      outcomes.push(o);
    },
    finish() {
      for (const o of outcomes) {
        v.count();
        const net = nets.get(o.id) ?? new Map<string, bigint>();
        const moved = [...net.entries()].filter(([, x]) => x !== 0n);
        // Holds, transit on a chain, PvP's escrow and NPCS's inbound coin are all in between: a
        // flow that ended leaves nothing in any of them.
        const inFlight = moved.filter(([k]) => /^(npcs:holds|npcs:pvp-escrow|npcs:inbound|chains:[^ ]+) /.test(k));
        if (inFlight.length > 0) v.fail(`${o.id} (${o.status}) left ${showAtto(inFlight[0]![1])} in ${inFlight[0]![0]}`);
        // A PvP payment rejected after its coin was committed leaves the exchange's chain fee spent:
        // a booked cost of the rail's, not a leg of the payment. The parties' accounts must not move.
        const partyMoves = moved.filter(([k]) => ownerOf(k.split(' ')[0]!) !== undefined);
        if (o.status === 'rejected' && partyMoves.length > 0) v.fail(`${o.id} was rejected but moved ${partyMoves[0]![0]} by ${showAtto(partyMoves[0]![1])}`);
        if (o.flow === 'retailPurchase' || o.flow === 'cryptoSale') {
          // A purchase: RUB left the buyer's bank and the coin arrived in custody; a sale, the reverse.
          if (o.status === 'rejected' || !o.partyAccount || !o.rub || !o.coin) continue;
          const [rub] = amountOf(o.rub);
          const [coin, asset] = amountOf(o.coin);
          const sign = o.status === 'purchased' ? 1n : -1n;
          const bank = net.get(`${o.partyAccount} RUB`) ?? 0n;
          const custody = net.get(`custody:${o.party} ${asset}`) ?? 0n;
          if (bank !== -sign * rub) v.fail(`${o.id} ${o.status}: the bank account moved ${showAtto(bank)}, not ${showAtto(-sign * rub)}`);
          if (custody !== sign * coin) v.fail(`${o.id} ${o.status}: custody moved ${showAtto(custody)} ${asset}, not ${showAtto(sign * coin)}`);
          continue;
        }
        if (o.flow === 'crossBorderReceipt') {
          // A receipt: the exporter's RUB only when settled by a sale, and then exactly its proceeds.
          const toExporter = moved.filter(([k]) => ownerOf(k.split(' ')[0]!) === o.counterparty && k.endsWith(' RUB')).reduce((s, [, x]) => s + x, 0n);
          const [rub] = o.rub ? amountOf(o.rub) : [0n];
          if (toExporter !== rub) v.fail(`${o.id} (${o.status}) credited exporter ${o.counterparty} ${showAtto(toExporter)} RUB, not ${showAtto(rub)}`);
          const buyer = moved.filter(([k]) => k.startsWith(`custody:${o.party} `));
          if (o.status === 'rejected' && buyer.length > 0) v.fail(`${o.id} was rejected but moved ${buyer[0]![0]}`);
          continue;
        }
        const credited = moved.filter(([k]) => k.startsWith(`beneficiaries:${o.counterparty} `)).reduce((s, [, x]) => s + x, 0n);
        if (o.status === 'settled') {
          const [want] = amountOf(o.amount);
          if (credited !== want) v.fail(`${o.id} settled but credited ${o.counterparty} ${showAtto(credited)}, not ${showAtto(want)}`);
        } else if (credited !== 0n) v.fail(`${o.id} is ${o.status} but credited ${o.counterparty} ${showAtto(credited)}`);
        if (o.status === 'refunded' && o.coin) {
          // Unwound into coin: the payer paid, and the coin sits in its custody instead of RUB.
          const [kept, asset] = amountOf(o.coin);
          const custody = net.get(`custody:${o.party} ${asset}`) ?? 0n;
          if (custody !== kept) v.fail(`${o.id} refunded in coin: custody moved ${showAtto(custody)} ${asset}, not ${o.coin}`);
        } else if (o.status === 'refunded' && o.partyAccount && o.rub && o.refunded) {
          const payer = net.get(`${o.partyAccount} RUB`) ?? 0n;
          const [paid] = amountOf(o.rub);
          const [back] = amountOf(o.refunded);
          if (payer !== back - paid) v.fail(`${o.id} refunded: the payer's account moved ${showAtto(payer)}, not the refund ${o.refunded} less the ${o.rub} paid`);
          const custody = moved.filter(([k]) => k.startsWith(`custody:${o.party} `));
          if (custody.length > 0) v.fail(`${o.id} refunded but left ${showAtto(custody[0]![1])} in ${custody[0]![0]}`);
        }
      }
      return v.verdict();
    },
  };
}

/** 7. Sanctions: no value reaches a sanctioned party, in any of its accounts, after it is listed. */
export function sanctionsRespected(facts: RunFacts): Invariant {
  const v = failOnce('sanctions');
  const listed = new Map(facts.sanctions.map((s) => [s.party, s.from]));
  return {
    name: 'sanctions',
    promise: 'no value reaches a sanctioned party (bank, custody or beneficiary account) after it is listed',
    entry(e) {
      // Opening balances are the world before the run, not value reaching anyone during it.
      if (e.flow === 'setup') return;
      for (const p of e.postings) {
        const party = ownerOf(p.account);
        if (p.amount.startsWith('-') || party === undefined) continue;
        v.count();
        if (!listed.has(party)) continue;
        const from = listed.get(party);
        if (from === null || from === undefined || e.time >= from) v.fail(`${e.id} (${e.kind} of ${e.flow}) credits ${p.account} at ${e.time}, listed ${from === null || from === undefined ? 'before the run' : `from ${from}`}`);
      }
    },
    finish: () => v.verdict(),
  };
}

/**
 * 8. Caps: no investor's purchases in a calendar year exceed the cap in force. Each purchase's
 * capValue is its exact value (to 10^-18, rounded up) and the sum is exact, so purchases worth
 * fractions of a cent add up; a purchase that paid RUB yet counted zero had its value rounded away.
 */
export function capsRespected(facts: RunFacts): Invariant {
  const v = failOnce('caps');
  const used = new Map<string, { sum: bigint; asset: string; category: string }>();
  return {
    name: 'caps',
    promise: "no investor's purchases in a calendar year exceed the cap in force for their category, each counted at its exact value",
    outcome(o) {
      if (o.capValue === null || o.category === null || o.capYear === null) return;
      v.count();
      const [value, asset] = amountOf(o.capValue);
      if (value === 0n && o.rub !== null && amountOf(o.rub)[0] > 0n) v.fail(`${o.id} paid ${o.rub} but counted ${o.capValue} against ${o.party}'s cap`);
      const key = `${o.party} ${o.capYear}`;
      const u = used.get(key) ?? { sum: 0n, asset, category: o.category };
      u.sum += value;
      used.set(key, u);
    },
    finish() {
      for (const [key, u] of used) {
        const cap = facts.caps[u.category as 'qualified' | 'nonQualified'];
        if (cap === null || cap === undefined) continue;
        const [limit, asset] = amountOf(cap);
        if (asset !== u.asset) v.fail(`${key}: purchases counted in ${u.asset}, the cap is in ${asset}`);
        else if (u.sum > limit) v.fail(`${key} (${u.category}) bought ${showAtto(u.sum)} ${asset} against a cap of ${cap}`);
      }
      return v.verdict();
    },
  };
}

/**
 * 9. Idempotency: a request delivered twice posts nothing twice. Every entry a request posts is
 * counted against the entries of its flow into the states that send that request.
 */
export function idempotency(facts: RunFacts): Invariant {
  const v = failOnce('idempotency');
  const posted = new Map<string, Map<string, { count: number; first: string }>>();
  const entered = new Map<string, Map<string, number>>();
  const machineOf = new Map<string, string>();
  return {
    name: 'idempotency',
    promise: 'a request delivered twice posts nothing twice: no entry kind appears more often than its requests were sent',
    entry(e) {
      let kinds = posted.get(e.flow);
      if (!kinds) posted.set(e.flow, (kinds = new Map<string, { count: number; first: string }>()));
      const k = kinds.get(e.kind);
      if (k) k.count++;
      else kinds.set(e.kind, { count: 1, first: e.id });
    },
    trace(t) {
      machineOf.set(t.flow, t.machine);
      let states = entered.get(t.flow);
      if (!states) entered.set(t.flow, (states = new Map<string, number>()));
      states.set(t.to, (states.get(t.to) ?? 0) + 1);
    },
    finish() {
      for (const [flow, kinds] of posted) {
        const machine = machineOf.get(flow);
        if (!machine) continue;
        const requests = facts.requests[machine] ?? {};
        for (const [kind, states] of Object.entries(requests)) {
          const k = kinds.get(kind);
          if (!k) continue;
          v.count();
          const sent = states.reduce((n, s) => n + (entered.get(flow)?.get(s) ?? 0), 0);
          if (k.count > sent) v.fail(`${flow} posted ${kind} ${k.count} times (first ${k.first}) for ${sent} request${sent === 1 ? '' : 's'} from ${states.join(' or ')}`);
        }
      }
      return v.verdict();
    },
  };
}

/** Every invariant that a run's files allow checking, in the order of the issue that names them. */
export const INVARIANTS: readonly InvariantFactory[] = [
  balancedEntries,
  conservation,
  nonNegativeHoldings,
  finality,
  holdsResolvedOnce,
  linkedLegs,
  sanctionsRespected,
  capsRespected,
  idempotency,
];

export interface RunRecords {
  readonly entries: Iterable<EntryRecord>;
  readonly traces: Iterable<TraceLine>;
  readonly outcomes: Iterable<OutcomeRecord>;
}

/** Checks every invariant over a run's records; one verdict each. */
export function checkRun(records: RunRecords, facts: RunFacts, invariants: readonly InvariantFactory[] = INVARIANTS): Verdict[] {
  const checkers = invariants.map((make) => make(facts));
  for (const e of records.entries) for (const c of checkers) c.entry?.(e);
  for (const t of records.traces) for (const c of checkers) c.trace?.(t);
  for (const o of records.outcomes) for (const c of checkers) c.outcome?.(o);
  return checkers.map((c) => c.finish());
}

/** Checkers fed record by record as a run streams, for a verdict each at the end. */
export function streamingCheck(facts: RunFacts, invariants: readonly InvariantFactory[]) {
  const checkers = invariants.map((make) => make(facts));
  return {
    entry: (e: EntryRecord) => checkers.forEach((c) => c.entry?.(e)),
    trace: (t: TraceLine) => checkers.forEach((c) => c.trace?.(t)),
    outcome: (o: OutcomeRecord) => checkers.forEach((c) => c.outcome?.(o)),
    finish: (): Verdict[] => checkers.map((c) => c.finish()),
  };
}
