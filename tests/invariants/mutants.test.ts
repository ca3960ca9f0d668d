// Each built-in invariant over small hand-built records, with its whole verdict asserted: whether
// it holds, how many records it looked at (what `verify` prints) and the exact message that names
// the offender. mutations.test.ts breaks real runs; these pin the edges that a mutation run of
// src/invariants (npm run test:mutation) showed no test held: boundaries, counts and messages.

import { describe, expect, it } from 'vitest';
import { SETUP_FLOW } from '../../src/ledger/index.js';
import {
  atto,
  balancedEntries,
  capsRespected,
  checkRun,
  conservation,
  finality,
  holdsResolvedOnce,
  idempotency,
  INVARIANTS,
  linkedLegs,
  nonNegativeHoldings,
  sanctionsRespected,
  showAtto,
  streamingCheck,
  type EntryRecord,
  type InvariantFactory,
  type OutcomeRecord,
  type RunFacts,
} from '../../src/invariants/index.js';
import { FACTS, T0, entry, outcome, run, trace, type Leg } from './handBuilt.js';


const fund = (id: string, account: string, amount: string, flow = SETUP_FLOW): EntryRecord =>
  entry(id, flow, 'funding', [['external:funding', 'RUB', `-${amount}`], [account, 'RUB', amount]]);

describe('atto and showAtto: exact decimals for sums and messages', () => {
  it('reads whole, fractional and negative decimals as counts of 10^-18', () => {
    expect(atto('12')).toBe(12n * 10n ** 18n);
    expect(atto('-1.5')).toBe(-15n * 10n ** 17n);
    expect(atto('0.000000000000000001')).toBe(1n);
    expect(atto('.5')).toBe(5n * 10n ** 17n);
  });

  it('refuses more than 18 decimals instead of dropping them', () => {
    expect(() => atto('0.0000000000000000001')).toThrow('more than 18 decimals: 0.0000000000000000001');
    expect(atto('0.100000000000000000')).toBe(10n ** 17n);
  });

  it('writes counts back as plain decimals without trailing zeros', () => {
    expect(showAtto(15n * 10n ** 17n)).toBe('1.5');
    expect(showAtto(-5n * 10n ** 17n)).toBe('-0.5');
    expect(showAtto(3n * 10n ** 18n)).toBe('3');
    expect(showAtto(0n)).toBe('0');
    expect(showAtto(1n)).toBe('0.000000000000000001');
    expect(showAtto(-1234n * 10n ** 16n)).toBe('-12.34');
  });
});

describe('balanced-entries', () => {
  it('counts every entry and holds when each balances per asset', () => {
    const v = run(balancedEntries(), [
      fund('E1', 'banks:a:x', '5.00'),
      entry('E2', 'f', 'fx', [['banks:a:x', 'RUB', '-5.00'], ['banks:a:y', 'RUB', '5.00'], ['custody:x', 'USDT', '1.000000'], ['exchange:inventory', 'USDT', '-1.000000']]),
    ]);
    expect(v).toEqual({ name: 'balanced-entries', ok: true, checked: 2 });
  });

  it('names the first entry and asset that do not sum to zero, and keeps counting', () => {
    const v = run(balancedEntries(), [
      entry('E1', 'f', 'move', [['banks:a:x', 'RUB', '-5.00'], ['banks:a:y', 'RUB', '4.99'], ['custody:x', 'USDT', '1']]),
      entry('E2', 'g', 'move', [['banks:a:x', 'RUB', '-1.00']]),
    ]);
    expect(v).toEqual({ name: 'balanced-entries', ok: false, checked: 2, detail: 'E1 (move of f): RUB postings do not sum to zero' });
  });
});

describe('conservation', () => {
  it('holds when value enters from an external account and moves inside', () => {
    const v = run(conservation(), [fund('E1', 'banks:a:x', '5.00'), entry('E2', 'f', 'pay', [['banks:a:x', 'RUB', '-5.00'], ['banks:b:y', 'RUB', '5.00']])]);
    expect(v).toEqual({ name: 'conservation', ok: true, checked: 2 });
  });

  it('lets only exchange entries move the rounding residue, naming the entry and the account', () => {
    const residue = (kind: string) => entry('E1', 'o1', kind, [['rounding:fx', 'RUB', '0.01'], ['exchange:inventory', 'RUB', '-0.01']]);
    expect(run(conservation(), [residue('exchange.fill')]).ok).toBe(true);
    expect(run(conservation(), [residue('refund')])).toEqual({
      name: 'conservation', ok: false, checked: 1, detail: 'E1 (refund of o1) moves rounding:fx, which only conversions may',
    });
  });

  it('fails when the rail holds more than external accounts gave it, saying both figures', () => {
    const v = run(conservation(), [entry('E1', SETUP_FLOW, 'funding', [['external:funding', 'RUB', '-5.00'], ['banks:a:x', 'RUB', '7.50']])]);
    expect(v).toEqual({ name: 'conservation', ok: false, checked: 1, detail: 'RUB: the rail holds 7.5 but external accounts account for 5' });
  });

  it('fails per asset, also when value vanishes from inside', () => {
    const v = run(conservation(), [
      fund('E1', 'banks:a:x', '5.00'),
      entry('E2', 'f', 'chain.fee', [['custody:x', 'USDT', '-2'], ['external:chain-fees:tron', 'USDT', '1']]),
    ]);
    expect(v.ok).toBe(false);
    expect(v.detail).toBe('USDT: the rail holds -2 but external accounts account for -1');
  });
});

describe('non-negative-holdings', () => {
  it('judges each account after the whole entry, per asset, and lets external and rounding accounts go negative', () => {
    const v = run(nonNegativeHoldings(), [
      entry('E1', 'f', 'swap', [['banks:a:x', 'RUB', '-5.00'], ['banks:a:x', 'RUB', '5.00'], ['external:funding', 'RUB', '-1'], ['rounding:fx', 'RUB', '-1'], ['banks:a:y', 'RUB', '2']]),
      fund('E2', 'banks:a:x', '0.01'),
      entry('E3', 'f', 'pay', [['banks:a:x', 'RUB', '-0.01'], ['banks:a:y', 'RUB', '0.01']]),
    ]);
    expect(v).toEqual({ name: 'non-negative-holdings', ok: true, checked: 3 });
  });

  it('names the entry and the account it takes below zero', () => {
    const v = run(nonNegativeHoldings(), [
      fund('E1', 'banks:a:x', '1.00'),
      entry('E2', 'f', 'pay', [['banks:a:x', 'RUB', '-1.01'], ['banks:a:y', 'RUB', '1.01']]),
      entry('E3', 'g', 'pay', [['custody:z', 'USDT', '-1'], ['banks:a:y', 'USDT', '1']]),
    ]);
    expect(v).toEqual({ name: 'non-negative-holdings', ok: false, checked: 3, detail: 'E2 (pay of f) takes banks:a:x RUB below zero' });
  });

  it('keeps assets apart: RUB held does not cover USDT owed', () => {
    const v = run(nonNegativeHoldings(), [fund('E1', 'custody:x', '5'), entry('E2', 'f', 'pay', [['custody:x', 'USDT', '-1'], ['external:chain', 'USDT', '1']])]);
    expect(v.detail).toBe('E2 (pay of f) takes custody:x USDT below zero');
  });
});

describe('finality', () => {
  const facts: RunFacts = { ...FACTS, boundsMs: { pay: 60_000 } };
  const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

  it('holds for a flow that ends in a final state within its bound, with one outcome, counting transitions', () => {
    const v = run(finality(facts), [], [trace('p1', null, 'quoting'), trace('p1', 'quoting', 'settled', at(60))], [outcome('p1', 'settled')]);
    expect(v).toEqual({ name: 'finality', ok: true, checked: 2 });
  });

  it('fails a flow that takes longer than its machine declares, in seconds', () => {
    const v = run(finality(facts), [], [trace('p1', null, 'quoting'), trace('p1', 'quoting', 'settled', at(61))], [outcome('p1', 'settled')]);
    expect(v.detail).toBe('p1 took 61 s to reach settled, past the 60 s its machine pay declares');
  });

  it('measures each flow from its own first state', () => {
    const v = run(finality(facts), [], [trace('p1', null, 'quoting'), trace('p2', null, 'quoting', at(50)), trace('p2', 'quoting', 'settled', at(100)), trace('p1', 'quoting', 'settled', at(30))], [outcome('p1', 'settled'), outcome('p2', 'settled')]);
    expect(v.ok).toBe(true);
  });

  it('has no bound for a machine that declares none', () => {
    const v = run(finality(FACTS), [], [trace('p1', null, 'quoting'), trace('p1', 'quoting', 'settled', at(86_400))], [outcome('p1', 'settled')]);
    expect(v.ok).toBe(true);
  });

  it('fails a move after the final state', () => {
    const v = run(finality(FACTS), [], [trace('p1', null, 'settled'), trace('p1', 'settled', 'refunded', at(5), 'pay', 'OOPS')], [outcome('p1', 'settled')]);
    expect(v).toEqual({ name: 'finality', ok: false, checked: 2, detail: `p1 moved after its final state: settled -> refunded on OOPS at ${at(5)}` });
  });

  it('fails a flow left in a state that is not final, listing the final ones', () => {
    const v = run(finality(FACTS), [], [trace('p1', null, 'quoting', at(3))], [outcome('p1', 'settled')]);
    expect(v.detail).toBe(`p1 (pay) ended in quoting at ${at(3)}, not a final state (settled, refunded)`);
  });

  it('fails a machine the facts do not know', () => {
    const v = run(finality(FACTS), [], [trace('p1', null, 'done', T0, 'ghost')], [outcome('p1', 'settled')]);
    expect(v.detail).toBe('p1: machine ghost is unknown to the run\'s facts');
  });

  it('fails a flow without outcome, a second outcome and an outcome without flow', () => {
    expect(run(finality(FACTS), [], [trace('p1', null, 'settled')], []).detail).toBe('p1 has no outcome');
    expect(run(finality(FACTS), [], [trace('p1', null, 'settled')], [outcome('p1', 'settled'), outcome('p1', 'settled')]).detail).toBe('p1 has more than one outcome');
    expect(run(finality(FACTS), [], [trace('p1', null, 'settled')], [outcome('p1', 'settled'), outcome('p1', 'settled'), outcome('p1', 'settled')]).detail).toBe('p1 has more than one outcome');
    expect(run(finality(FACTS), [], [trace('p1', null, 'settled')], [outcome('p1', 'settled'), outcome('zz', 'settled')]).detail).toBe('outcome zz belongs to no traced flow');
  });
});

describe('holds-resolved-once', () => {
  const place = (id: string, hold: string, amount = '5.00') => entry(id, 'f', 'hold.pending', [['banks:a:x', 'RUB', `-${amount}`], ['npcs:holds', 'RUB', amount]], { hold });
  const back = (id: string, kind: string, hold: string, amount = '5.00') => entry(id, 'f', kind, [['npcs:holds', 'RUB', `-${amount}`], ['banks:a:x', 'RUB', amount]], { hold });

  it('counts hold entries only and holds when each is resolved once', () => {
    const v = run(holdsResolvedOnce(), [fund('E0', 'banks:a:x', '20.00'), place('E1', 'h1'), back('E2', 'hold.voided', 'h1'), place('E3', 'h2'), back('E4', 'hold.expired', 'h2'), place('E5', 'h3'), entry('E6', 'f', 'hold.posted', [['npcs:holds', 'RUB', '-5.00'], ['banks:b:y', 'RUB', '5.00']], { hold: 'h3' })]);
    expect(v).toEqual({ name: 'holds-resolved-once', ok: true, checked: 6 });
  });

  it('names each way a hold goes wrong', () => {
    const detail = (entries: EntryRecord[]) => run(holdsResolvedOnce(), entries).detail;
    expect(detail([entry('E1', 'f', 'hold.pending', [['banks:a:x', 'RUB', '-5'], ['npcs:holds', 'RUB', '5']])])).toBe('E1 (hold.pending of f) names no hold');
    expect(detail([place('E1', 'h1'), place('E2', 'h1')])).toBe('E2: hold h1 placed twice');
    expect(detail([place('E1', 'h1'), back('E2', 'hold.voided', 'h1'), place('E3', 'h1')])).toBe('E3: hold h1 placed twice');
    expect(detail([entry('E1', 'f', 'hold.pending', [['npcs:holds', 'RUB', '5'], ['banks:a:x', 'RUB', '5']], { hold: 'h1' })])).toBe('E1: hold h1 debits no account');
    expect(detail([back('E1', 'hold.voided', 'h9')])).toBe('E1: hold h9 voided but it was never placed');
    expect(detail([place('E1', 'h1'), back('E2', 'hold.expired', 'h1'), back('E3', 'hold.posted', 'h1')])).toBe('E3: hold h1 posted but it was already resolved');
    expect(detail([place('E1', 'h1', '5.00'), back('E2', 'hold.voided', 'h1', '4.99')])).toBe('E2: hold.voided of hold h1 returns 4.99, not the 5 held, to banks:a:x');
    expect(detail([place('E1', 'h1', '5.00'), back('E2', 'hold.expired', 'h1', '4.99')])).toBe('E2: hold.expired of hold h1 returns 4.99, not the 5 held, to banks:a:x');
    expect(detail([place('E1', 'h1'), place('E2', 'h2'), back('E3', 'hold.voided', 'h2')])).toBe('hold h1 (placed in E1) was never posted, voided or expired');
  });

  it('checks the returned amount in the held asset only, and not for a post', () => {
    const voidMixed = entry('E2', 'f', 'hold.voided', [['npcs:holds', 'RUB', '-5.00'], ['banks:a:x', 'RUB', '5.00'], ['banks:a:x', 'USDT', '1'], ['custody:x', 'USDT', '-1']], { hold: 'h1' });
    expect(run(holdsResolvedOnce(), [place('E1', 'h1'), voidMixed]).ok).toBe(true);
    const partPost = entry('E2', 'f', 'hold.posted', [['npcs:holds', 'RUB', '-5.00'], ['banks:b:y', 'RUB', '4.00'], ['banks:a:x', 'RUB', '1.00']], { hold: 'h1' });
    expect(run(holdsResolvedOnce(), [place('E1', 'h1'), partPost]).ok).toBe(true);
  });
});

describe('sanctions', () => {
  const facts: RunFacts = { ...FACTS, sanctions: [{ party: 'bad', from: '2024-09-02T10:00:00.000Z' }, { party: 'worse', from: null }] };
  const credit = (id: string, account: string, time: string, flow = 'p1') => entry(id, flow, 'credit', [['external:funding', 'RUB', '-1.00'], [account, 'RUB', '1.00']], { time });

  it('counts credits to parties, not debits, rail accounts or opening balances', () => {
    const v = run(sanctionsRespected(facts), [
      credit('E1', 'banks:a:worse', T0, SETUP_FLOW),
      credit('E2', 'banks:a:ok', T0),
      entry('E3', 'p1', 'debit', [['banks:a:worse', 'RUB', '-1.00'], ['npcs:fees', 'RUB', '1.00']]),
      credit('E4', 'beneficiaries:bad', '2024-09-02T09:59:59.999Z'),
    ]);
    expect(v).toEqual({ name: 'sanctions', ok: true, checked: 2 });
  });

  it('fails a credit at the very instant of the listing', () => {
    const v = run(sanctionsRespected(facts), [credit('E1', 'custody:bad', '2024-09-02T10:00:00.000Z')]);
    expect(v).toEqual({ name: 'sanctions', ok: false, checked: 1, detail: 'E1 (credit of p1) credits custody:bad at 2024-09-02T10:00:00.000Z, listed from 2024-09-02T10:00:00.000Z' });
  });

  it('fails any credit to a party listed before the run', () => {
    const v = run(sanctionsRespected(facts), [credit('E1', 'beneficiaries:worse', T0)]);
    expect(v.detail).toBe(`E1 (credit of p1) credits beneficiaries:worse at ${T0}, listed before the run`);
  });
});

describe('caps', () => {
  const facts: RunFacts = { ...FACTS, caps: { nonQualified: '600.00 USD', qualified: null } };
  const buy = (id: string, party: string, value: string, year = 2024, category = 'nonQualified') =>
    outcome(id, 'purchased', { flow: 'retailPurchase', party, capValue: value, category, capYear: year });

  it('adds a buyer\'s purchases per calendar year and allows exactly the cap', () => {
    const v = run(capsRespected(facts), [], [], [buy('o1', 'ann', '400.00 USD'), buy('o2', 'ann', '200.00 USD'), buy('o3', 'ann', '599.99 USD', 2025), buy('o4', 'bob', '600.00 USD')]);
    expect(v).toEqual({ name: 'caps', ok: true, checked: 4 });
  });

  it('fails a buyer over the cap, naming buyer, year, category and sum', () => {
    const v = run(capsRespected(facts), [], [], [buy('o1', 'ann', '400.00 USD'), buy('o2', 'ann', '200.01 USD')]);
    expect(v).toEqual({ name: 'caps', ok: false, checked: 2, detail: 'ann 2024 (nonQualified) bought 600.01 USD against a cap of 600.00 USD' });
  });

  it('skips outcomes that count against no cap, and categories without a cap', () => {
    const v = run(capsRespected(facts), [], [], [
      outcome('o1', 'purchased', { capValue: '900.00 USD', category: null, capYear: 2024 }),
      outcome('o2', 'purchased', { capValue: null, category: 'nonQualified', capYear: 2024 }),
      outcome('o3', 'purchased', { capValue: '900.00 USD', category: 'nonQualified', capYear: null }),
      buy('o4', 'q', '1000000.00 USD', 2024, 'qualified'),
    ]);
    expect(v).toEqual({ name: 'caps', ok: true, checked: 1 });
  });

  it('fails purchases counted in another asset than the cap', () => {
    const v = run(capsRespected(facts), [], [], [buy('o1', 'ann', '1.00 RUB')]);
    expect(v.detail).toBe('ann 2024: purchases counted in RUB, the cap is in USD');
  });
});

describe('idempotency', () => {
  const facts: RunFacts = { ...FACTS, requests: { pay: { 'bank.debit': ['debiting'], 'chain.send': ['sending', 'resending'] } } };
  const e = (id: string, flow: string, kind: string) => entry(id, flow, kind, [['banks:a:x', 'RUB', '-1'], ['npcs:holds', 'RUB', '1']]);

  it('holds when each request kind is posted no more often than its states were entered, and counts kinds checked', () => {
    const v = run(idempotency(facts), [e('E1', 'p1', 'bank.debit'), e('E2', 'p1', 'chain.send'), e('E3', 'p1', 'chain.send'), e('E4', 'p1', 'other'), e('E5', 'p2', 'bank.debit')],
      [trace('p1', null, 'debiting'), trace('p1', 'debiting', 'sending'), trace('p1', 'sending', 'resending')]);
    expect(v).toEqual({ name: 'idempotency', ok: true, checked: 2 });
  });

  it('names the flow, kind, count, first entry and the states that send the request', () => {
    const v = run(idempotency(facts), [e('E1', 'p1', 'chain.send'), e('E2', 'p1', 'chain.send')], [trace('p1', null, 'sending')]);
    expect(v).toEqual({ name: 'idempotency', ok: false, checked: 1, detail: 'p1 posted chain.send 2 times (first E1) for 1 request from sending or resending' });
    const none = run(idempotency(facts), [e('E1', 'p1', 'bank.debit')], [trace('p1', null, 'quoting')]);
    expect(none.detail).toBe('p1 posted bank.debit 1 times (first E1) for 0 requests from debiting');
    const twice = run(idempotency(facts), [e('E1', 'p1', 'bank.debit'), e('E2', 'p1', 'bank.debit'), e('E3', 'p1', 'bank.debit')], [trace('p1', null, 'debiting'), trace('p1', 'debiting', 'debiting')]);
    expect(twice.detail).toBe('p1 posted bank.debit 3 times (first E1) for 2 requests from debiting');
  });

  it('skips machines without declared requests', () => {
    const v = run(idempotency(facts), [e('E1', 'o1', 'bank.debit'), e('E2', 'o1', 'bank.debit')], [trace('o1', null, 'debiting', T0, 'order')]);
    expect(v).toEqual({ name: 'idempotency', ok: true, checked: 0 });
  });
});

describe('checkRun and streamingCheck', () => {
  const records = { entries: [fund('E1', 'banks:a:x', '5.00')], traces: [trace('f', null, 'settled')], outcomes: [outcome('f', 'settled', { counterparty: null, amount: '0.00 RUB' })] };

  it('names each built-in invariant as its verdict does, each with a promise of its own', () => {
    const made = INVARIANTS.map((make) => make(FACTS));
    const verdicts = checkRun({ entries: [], traces: [], outcomes: [] }, FACTS);
    expect(made.map((i) => i.name)).toEqual(verdicts.map((v) => v.name));
    const promises = made.map((i) => i.promise);
    expect(new Set(promises).size).toBe(INVARIANTS.length);
    for (const p of promises) expect(p.length).toBeGreaterThan(20);
    for (const v of verdicts) expect(Object.keys(v)).toEqual(['name', 'ok', 'checked']);
  });

  it('runs the eleven built-in invariants by default and gives one verdict each, in order', () => {
    const vs = checkRun(records, FACTS);
    expect(vs.map((v) => v.name)).toEqual([
      'balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions', 'caps', 'idempotency', 'holds-end-with-flow', 'credit-after-confirmation',
    ]);
    expect(vs.length).toBe(INVARIANTS.length);
  });

  it('streams records to every checker and agrees with checkRun', () => {
    const s = streamingCheck(FACTS, INVARIANTS);
    for (const e of records.entries) s.entry(e);
    for (const t of records.traces) s.trace(t);
    for (const o of records.outcomes) s.outcome(o);
    expect(s.finish()).toEqual(checkRun(records, FACTS));
  });

  it('feeds each checker entries, traces and outcomes', () => {
    const seen: string[] = [];
    const spy: InvariantFactory = () => ({
      name: 'spy', promise: 'sees all',
      entry: (e) => seen.push(`e:${e.id}`), trace: (t) => seen.push(`t:${t.to}`), outcome: (o) => seen.push(`o:${o.id}`),
      finish: () => ({ name: 'spy', ok: true, checked: seen.length }),
    });
    expect(checkRun(records, FACTS, [spy])).toEqual([{ name: 'spy', ok: true, checked: 3 }]);
    seen.length = 0;
    const s = streamingCheck(FACTS, [spy]);
    s.entry(records.entries[0]!);
    s.trace(records.traces[0]!);
    s.outcome(records.outcomes[0]!);
    expect(seen).toEqual(['e:E1', 't:settled', 'o:f']);
  });
});

describe('linked-legs', () => {
  const legs = (o: OutcomeRecord, ...entries: EntryRecord[]) => run(linkedLegs(), entries, [], [o]);
  const move = (flow: string, ...l: Leg[]) => entry('E1', flow, 'move', l);

  it('holds for a settled payment that credits its beneficiary exactly, counting outcomes', () => {
    const v = run(linkedLegs(), [
      move('p1', ['banks:a:payer', 'RUB', '-100.00'], ['npcs:fees', 'RUB', '100.00']),
      move('p1', ['offramp:cny', 'CNY', '-10.00'], ['beneficiaries:payee', 'CNY', '10.00']),
      move('p2', ['offramp:cny', 'CNY', '-1.00'], ['beneficiaries:other', 'CNY', '1.00']),
    ], [], [outcome('p1', 'settled'), outcome('p2', 'refunded')]);
    expect(v).toEqual({ name: 'linked-legs', ok: true, checked: 2 });
  });

  it('fails a settled payment that credits another amount', () => {
    expect(legs(outcome('p1', 'settled'), move('p1', ['offramp:cny', 'CNY', '-9.99'], ['beneficiaries:payee', 'CNY', '9.99'])).detail).toBe('p1 settled but credited payee 9.99, not 10');
  });

  it.each(['npcs:holds', 'npcs:pvp-escrow', 'npcs:inbound', 'chains:tron'])('fails a finished flow that leaves value in %s', (account) => {
    const v = legs(outcome('p1', 'refunded'), move('p1', ['exchange:inventory', 'USDT', '-5'], [account, 'USDT', '5']));
    expect(v).toEqual({ name: 'linked-legs', ok: false, checked: 1, detail: `p1 (refunded) left 5 in ${account} USDT` });
  });

  it('does not count what passed through in-flight accounts and came back out', () => {
    const v = legs(outcome('p1', 'rejected'),
      move('p1', ['exchange:inventory', 'USDT', '-5'], ['chains:tron', 'USDT', '5']),
      move('p1', ['chains:tron', 'USDT', '-5'], ['exchange:inventory', 'USDT', '5']));
    expect(v.ok).toBe(true);
  });

  it('fails a rejected flow that moved a party\'s account, but not one that only spent a rail fee', () => {
    expect(legs(outcome('p1', 'rejected'), move('p1', ['banks:a:payer', 'RUB', '-1.00'], ['npcs:fees', 'RUB', '1.00'])).detail).toBe('p1 was rejected but moved banks:a:payer RUB by -1');
    expect(legs(outcome('p1', 'rejected'), move('p1', ['exchange:inventory', 'USDT', '-2'], ['external:chain-fees', 'USDT', '2'])).ok).toBe(true);
  });

  it('fails a payment that did not settle but credited its beneficiary', () => {
    expect(legs(outcome('p1', 'refunded'), move('p1', ['offramp:cny', 'CNY', '-1.00'], ['beneficiaries:payee', 'CNY', '1.00'])).detail).toBe('p1 is refunded but credited payee 1');
  });

  it('checks an unwind into coin against the coin in the payer\'s custody', () => {
    const o = outcome('p1', 'refunded', { coin: '5.000000 USDT', partyAccount: 'banks:a:payer', rub: '500.00 RUB', refunded: '0.00 RUB' });
    expect(legs(o, move('p1', ['banks:a:payer', 'RUB', '-500.00'], ['npcs:fees', 'RUB', '500.00']), move('p1', ['exchange:inventory', 'USDT', '-5'], ['custody:payer', 'USDT', '5'])).ok).toBe(true);
    expect(legs(o, move('p1', ['exchange:inventory', 'USDT', '-4'], ['custody:payer', 'USDT', '4'])).detail).toBe('p1 refunded in coin: custody moved 4 USDT, not 5.000000 USDT');
  });

  it('checks a refund in RUB against what was paid and what came back, and leaves the payer no coin', () => {
    const o = outcome('p1', 'refunded', { partyAccount: 'banks:a:payer', rub: '500.00 RUB', refunded: '490.00 RUB' });
    const paid = move('p1', ['banks:a:payer', 'RUB', '-500.00'], ['npcs:fees', 'RUB', '500.00']);
    const back = (x: string) => move('p1', ['npcs:fees', 'RUB', `-${x}`], ['banks:a:payer', 'RUB', x]);
    expect(legs(o, paid, back('490.00')).ok).toBe(true);
    expect(legs(o, paid, back('480.00')).detail).toBe("p1 refunded: the payer's account moved -20, not the refund 490.00 RUB less the 500.00 RUB paid");
    expect(legs(o, paid, back('490.00'), move('p1', ['exchange:inventory', 'USDT', '-1'], ['custody:payer', 'USDT', '1'])).detail).toBe('p1 refunded but left 1 in custody:payer USDT');
    expect(legs(outcome('p1', 'refunded', { partyAccount: 'banks:a:payer', rub: '500.00 RUB' }), paid).ok).toBe(true);
  });

  it('checks a retail purchase and a sale leg by leg', () => {
    const buy = outcome('o1', 'purchased', { flow: 'retailPurchase', party: 'ann', partyAccount: 'banks:a:ann', counterparty: null, rub: '925.00 RUB', coin: '10.000000 USDT' });
    const rubLeg = (x: string) => move('o1', ['banks:a:ann', 'RUB', x], ['exchange:rub', 'RUB', x.startsWith('-') ? x.slice(1) : `-${x}`]);
    const coinLeg = (x: string) => move('o1', ['custody:ann', 'USDT', x], ['exchange:inventory', 'USDT', x.startsWith('-') ? x.slice(1) : `-${x}`]);
    expect(legs(buy, rubLeg('-925.00'), coinLeg('10')).ok).toBe(true);
    expect(legs(buy, rubLeg('-924.00'), coinLeg('10')).detail).toBe('o1 purchased: the bank account moved -924, not -925');
    expect(legs(buy, rubLeg('-925.00'), coinLeg('9')).detail).toBe('o1 purchased: custody moved 9 USDT, not 10');
    const sell = { ...buy, flow: 'cryptoSale', status: 'sold' };
    expect(legs(sell, rubLeg('925.00'), coinLeg('-10')).ok).toBe(true);
    expect(legs(sell, rubLeg('-925.00'), coinLeg('10')).detail).toBe('o1 sold: the bank account moved -925, not 925');
    expect(legs({ ...buy, coin: null }, rubLeg('-1.00')).ok).toBe(true);
    expect(legs({ ...buy, rub: null }, rubLeg('-1.00')).ok).toBe(true);
    expect(legs({ ...buy, partyAccount: null }, rubLeg('-1.00')).ok).toBe(true);
  });

  it('counts as in flight only accounts whose name starts with an in-flight account', () => {
    expect(legs(outcome('p1', 'refunded'), move('p1', ['exchange:inventory', 'USDT', '-5'], ['compliance:chains:tron', 'USDT', '5'])).ok).toBe(true);
  });

  it('does not check the legs of a rejected order, which moved nothing', () => {
    const o = outcome('o1', 'rejected', { flow: 'retailPurchase', party: 'ann', partyAccount: 'banks:a:ann', counterparty: null, rub: '925.00 RUB', coin: '10.000000 USDT' });
    expect(legs(o)).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
  });

  it('checks a receipt\'s buyer only when the receipt was rejected, and only the buyer\'s custody', () => {
    const o = outcome('r1', 'settled', { flow: 'crossBorderReceipt', party: 'buyer', counterparty: 'exp', rub: null, amount: '10.000000 USDT' });
    expect(legs(o, move('r1', ['custody:buyer', 'USDT', '-10'], ['npcs:fees', 'USDT', '10'])).ok).toBe(true);
    expect(legs({ ...o, status: 'rejected' }, move('r1', ['exchange:inventory', 'USDT', '-2'], ['external:chain-fees', 'USDT', '2']))).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
  });

  it('checks coin and RUB refunds only on refunded payments', () => {
    const paid = move('p1', ['banks:a:payer', 'RUB', '-500.00'], ['npcs:fees', 'RUB', '500.00']);
    expect(legs(outcome('p1', 'settled', { coin: '5.000000 USDT', amount: '0.00 CNY' }), paid).ok).toBe(true);
    expect(legs(outcome('p1', 'frozen', { partyAccount: 'banks:a:payer', rub: '500.00 RUB', refunded: '10.00 RUB' }), paid).ok).toBe(true);
    expect(legs(outcome('p1', 'frozen', { partyAccount: null, rub: '500.00 RUB', refunded: '10.00 RUB' }), paid).ok).toBe(true);
  });

  it('checks a receipt: the exporter gets exactly the proceeds in RUB, whatever else it holds', () => {
    const o = outcome('r1', 'settled', { flow: 'crossBorderReceipt', party: 'buyer', counterparty: 'exp', rub: '900.00 RUB', amount: '10.000000 USDT' });
    const pay = (x: string, account = 'banks:b:exp') => move('r1', ['npcs:fees', 'RUB', `-${x}`], [account, 'RUB', x]);
    expect(legs(o, pay('900.00'), move('r1', ['exchange:inventory', 'USDT', '-1'], ['custody:exp', 'USDT', '1'])).ok).toBe(true);
    expect(legs(o, pay('899.00')).detail).toBe('r1 (settled) credited exporter exp 899 RUB, not 900');
    expect(legs(o, pay('450.00'), pay('450.00', 'custody:exp')).ok).toBe(true);
    expect(legs({ ...o, status: 'returned', rub: null }, pay('1.00')).detail).toBe('r1 (returned) credited exporter exp 1 RUB, not 0');
    expect(legs({ ...o, status: 'returned', rub: null }).ok).toBe(true);
  });
});
