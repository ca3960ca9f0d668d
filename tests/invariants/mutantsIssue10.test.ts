// The invariants issue 10 added or widened, over small hand-built records, each verdict asserted
// whole: the breach with its message, and the legitimate case next to it that must hold.
// mutations.test.ts breaks real runs but is too slow for the mutation run of src/invariants;
// these pin what that run showed no fast test held: the gates of conservation, frozen and
// forfeited legs, the off-ramp's side of a settled payment, credit before confirmation, holds
// resolved after their flow ended, zero-valued purchases and the streaming breach.

import { describe, expect, it } from 'vitest';
import { SETUP_FLOW } from '../../src/ledger/index.js';
import {
  balancedEntries,
  capsRespected,
  conservation,
  creditAfterConfirmation,
  EXTERNAL_GATES,
  finality,
  holdsEndWithFlow,
  linkedLegs,
  parseDeclared,
  streamingCheck,
  type EntryRecord,
  type OutcomeRecord,
  type RunFacts,
  type TraceLine,
} from '../../src/invariants/index.js';
import { FACTS, T0, entry, outcome, run, trace, type Leg } from './handBuilt.js';

const T1 = '2024-09-02T09:00:01.000Z';
const T2 = '2024-09-02T09:00:02.000Z';

describe('conservation: each external gate', () => {
  /** One legitimate crossing of each gate, in the direction and by the kind it allows. */
  const legit: [string, EntryRecord][] = [
    ['opening balances', entry('E1', SETUP_FLOW, 'funding', [['external:funding', 'RUB', '-5.00'], ['banks:a:x', 'RUB', '5.00']])],
    ['block rewards', entry('E1', 'mine', 'mining.reward', [['external:block-rewards', 'USDT', '-1'], ['exchange:inventory', 'USDT', '1']])],
    ['chain fees', entry('E1', 'p1', 'chain.fee', [['exchange:inventory', 'USDT', '-1'], ['external:chain-fees:tron', 'USDT', '1']])],
    ['central-bank credit', entry('E1', 'clearing', 'clearing.credit', [['external:cbr-credit', 'RUB', '-9.00'], ['npcs:settlement', 'RUB', '9.00']])],
    ['the correspondent network, in', entry('E1', 'c1', 'correspondent.credited', [['external:correspondent-network', 'CNY', '-9.00'], ['beneficiaries:b', 'CNY', '9.00']])],
    ['the correspondent network, out', entry('E1', 'c1', 'correspondent.credited', [['banks:a:x', 'RUB', '-9.00'], ['external:correspondent-network', 'RUB', '9.00']])],
  ];

  it.each(legit)('lets %s through', (_, e) => {
    expect(run(conservation(), [e])).toEqual({ name: 'conservation', ok: true, checked: 1 });
  });

  it('lists every external account the simulator opens, with the kinds and flow that may move it', () => {
    expect(EXTERNAL_GATES.map((g) => [g.account, g.kinds, g.way, g.flow])).toEqual([
      ['external:funding', ['funding'], 'in', SETUP_FLOW],
      ['external:block-rewards', ['mining.reward'], 'in', undefined],
      ['external:chain-fees:', ['chain.fee'], 'out', undefined],
      ['external:cbr-credit', ['clearing.credit'], 'in', undefined],
      ['external:correspondent-network', ['correspondent.credited'], 'both', undefined],
    ]);
  });

  const breach = (e: EntryRecord) => run(conservation(), [e]).detail;

  it('fails an external account the rail does not have, also one that only starts like a gate', () => {
    expect(run(conservation(), [entry('E1', 'p1', 'funding', [['external:mystery', 'RUB', '-1.00'], ['banks:a:x', 'RUB', '1.00']])])).toEqual({
      name: 'conservation', ok: false, checked: 1, detail: 'E1 (funding of p1) moves external:mystery, which is not an external account the rail has',
    });
    expect(breach(entry('E1', SETUP_FLOW, 'funding', [['external:funding2', 'RUB', '-1.00'], ['banks:a:x', 'RUB', '1.00']]))).toBe(
      `E1 (funding of ${SETUP_FLOW}) moves external:funding2, which is not an external account the rail has`,
    );
  });

  it.each([
    ['external:funding', 'opening balances move only by funding'],
    ['external:block-rewards', 'block rewards move only by mining.reward'],
    ['external:chain-fees:eth', 'chain fees move only by chain.fee'],
    ['external:cbr-credit', 'central-bank credit move only by clearing.credit'],
    ['external:correspondent-network', 'the correspondent network move only by correspondent.credited'],
  ])('fails %s moved by another kind of entry, naming the kinds it allows', (account, why) => {
    expect(breach(entry('E1', SETUP_FLOW, 'refund', [[account, 'RUB', '-1.00'], ['banks:a:x', 'RUB', '1.00']]))).toBe(`E1 (refund of ${SETUP_FLOW}) moves ${account}: ${why}`);
  });

  it('fails opening balances funded outside the setup flow', () => {
    expect(breach(entry('E1', 'p1', 'funding', [['external:funding', 'RUB', '-1.00'], ['banks:a:x', 'RUB', '1.00']]))).toBe(
      `E1 (funding of p1) moves external:funding: opening balances move only in ${SETUP_FLOW}`,
    );
  });

  it('fails value going the wrong way through a one-way gate', () => {
    expect(breach(entry('E1', SETUP_FLOW, 'funding', [['banks:a:x', 'RUB', '-1.00'], ['external:funding', 'RUB', '1.00']]))).toBe(
      `E1 (funding of ${SETUP_FLOW}) pays value out to external:funding: opening balances only bring value in`,
    );
    expect(breach(entry('E1', 'p1', 'chain.fee', [['external:chain-fees:tron', 'USDT', '-1'], ['exchange:inventory', 'USDT', '1']]))).toBe(
      'E1 (chain.fee of p1) takes value in from external:chain-fees:tron: chain fees only take value out',
    );
  });
});

describe('linked-legs: frozen, forfeited and the off-ramp', () => {
  const legs = (o: OutcomeRecord, ...entries: EntryRecord[]) => run(linkedLegs(), entries, [], [o]);
  const move = (flow: string, ...l: Leg[]) => entry('E1', flow, 'move', l);
  const freeze = (x: string, asset = 'USDT') => move('p1', ['exchange:inventory', asset, `-${x}`], ['compliance:frozen', asset, x]);

  it('fails coin frozen by a flow whose outcome says nothing was frozen', () => {
    expect(legs(outcome('p1', 'refunded'), freeze('5'))).toEqual({
      name: 'linked-legs', ok: false, checked: 1, detail: 'p1 (refunded) put 5 in compliance:frozen USDT but its outcome says nothing was frozen',
    });
  });

  it('holds when the frozen account took exactly what the outcome says, and fails any other amount or asset', () => {
    const o = outcome('p1', 'frozen', { frozen: '5.000000 USDT' });
    expect(legs(o, freeze('5'))).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
    expect(legs(o, freeze('4')).detail).toBe('p1 (frozen) froze 4 USDT in compliance:frozen, not the 5.000000 USDT its outcome says');
    expect(legs(o).detail).toBe('p1 (frozen) froze 0 USDT in compliance:frozen, not the 5.000000 USDT its outcome says');
    expect(legs(o, freeze('5', 'USDC')).detail).toBe('p1 (frozen) froze 0 USDT in compliance:frozen, not the 5.000000 USDT its outcome says');
    expect(legs(o, freeze('5'), freeze('1', 'USDC')).detail).toBe('p1 (frozen) also put 1 in compliance:frozen USDC, which its outcome does not say');
  });

  it('fails a rejected receipt that moved its buyer\'s custody', () => {
    const o = outcome('r1', 'rejected', { flow: 'crossBorderReceipt', party: 'buyer', counterparty: 'exp', amount: '10.000000 USDT' });
    expect(legs(o, move('r1', ['custody:buyer', 'USDT', '-10'], ['exchange:inventory', 'USDT', '10']))).toEqual({
      name: 'linked-legs', ok: false, checked: 1, detail: 'r1 was rejected but moved custody:buyer USDT by -10',
    });
  });

  const payout = (paid: string, ...rest: Leg[]) => move('p1', ['offramps:alipay', 'CNY', `-${paid}`], ['beneficiaries:payee', 'CNY', '10.00'], ...rest);

  it('holds for a settled payment whose off-ramp paid out exactly the beneficiary\'s amount, whatever coin it took in', () => {
    const coinIn = move('p1', ['exchange:inventory', 'USDT', '-1.5'], ['offramps:alipay', 'USDT', '1.5']);
    expect(legs(outcome('p1', 'settled'), coinIn, payout('10.00'))).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
  });

  it('fails a settled payment whose off-ramp paid out more than its beneficiary got', () => {
    expect(legs(outcome('p1', 'settled'), payout('12.00', ['npcs:fees', 'CNY', '2.00']))).toEqual({
      name: 'linked-legs', ok: false, checked: 1, detail: 'p1 settled but its off-ramp paid out 12 CNY, not 10.00 CNY',
    });
  });

  const kept = (x: string, asset = 'USDT') => move('p1', ['exchange:inventory', asset, `-${x}`], ['offramps:alipay', asset, x]);

  it('lets an off-ramp keep exactly the coin the outcome says was forfeited, and nothing else', () => {
    const o = outcome('p1', 'refunded', { forfeited: '0.500000 USDT' });
    expect(legs(o, kept('0.5'))).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
    expect(legs(o, kept('0.6')).detail).toBe('p1 is refunded but left 0.6 with offramps:alipay USDT, not the 0.500000 USDT its outcome says was forfeited');
    expect(legs(o, kept('0.5', 'USDC')).detail).toBe('p1 is refunded but left 0.5 with offramps:alipay USDC, not the 0.500000 USDT its outcome says was forfeited');
  });

  it('fails an off-ramp that kept coin of a payment whose outcome says nothing was forfeited', () => {
    const o = outcome('p1', 'refunded', { forfeited: null, refunded: '0.00 RUB' });
    expect(legs(o, kept('0.5'))).toEqual({ name: 'linked-legs', ok: false, checked: 1, detail: 'p1 is refunded but left 0.5 with offramps:alipay USDT' });
  });

  it('reads a record without `forfeited` as the known gap only in its shape: refunded nothing, coin kept', () => {
    const o = outcome('p1', 'refunded', { refunded: '0.00 RUB' });
    expect(legs(o, kept('0.5'))).toEqual({ name: 'linked-legs', ok: true, checked: 1 });
    const left = (x: OutcomeRecord, e: EntryRecord) => legs(x, e).detail;
    expect(left({ ...o, refunded: '0.01 RUB' }, kept('0.5'))).toBe('p1 is refunded but left 0.5 with offramps:alipay USDT');
    expect(left({ ...o, refunded: null }, kept('0.5'))).toBe('p1 is refunded but left 0.5 with offramps:alipay USDT');
    expect(left({ ...o, status: 'frozen' }, kept('0.5'))).toBe('p1 is frozen but left 0.5 with offramps:alipay USDT');
    expect(left(o, kept('0.5', 'CNY'))).toBe('p1 is refunded but left 0.5 with offramps:alipay CNY');
    expect(left(o, move('p1', ['offramps:alipay', 'USDT', '-0.5'], ['exchange:inventory', 'USDT', '0.5']))).toBe('p1 is refunded but left -0.5 with offramps:alipay USDT');
  });
});

describe('credit-after-confirmation', () => {
  const submitted = (flow = 'p1') => entry('S1', flow, 'chain.submitted', [['exchange:inventory', 'USDT', '-5'], ['chains:tron', 'USDT', '5']]);
  const credit = (id: string, time: string, account = 'beneficiaries:payee', flow = 'p1') =>
    entry(id, flow, 'offramp.payout', [['offramps:alipay', 'CNY', '-10.00'], [account, 'CNY', '10.00']], { time });
  const confirmed = (time: string, flow = 'p1') => trace(flow, 'onChain', 'confirmed', time, 'pay', 'CHAIN_TX_CONFIRMED');
  const check = (entries: EntryRecord[], traces: TraceLine[], outcomes = [outcome('p1', 'settled')]) => run(creditAfterConfirmation(), entries, traces, outcomes);

  it('holds for a beneficiary credited at or after the first confirmation, counting its credits only', () => {
    const v = check(
      [submitted(), credit('E1', T1), credit('E2', T2), credit('E3', T0, 'banks:a:other'), entry('E4', 'p1', 'refund', [['beneficiaries:payee', 'CNY', '-1.00'], ['offramps:alipay', 'CNY', '1.00']])],
      [trace('p1', 'sent', 'onChain', T0, 'pay', 'SENT'), confirmed(T1), confirmed(T2)],
    );
    expect(v).toEqual({ name: 'credit-after-confirmation', ok: true, checked: 2 });
  });

  it('fails a credit before the confirmation, naming both instants', () => {
    const v = check([submitted(), credit('E1', T0)], [confirmed(T1)]);
    expect(v).toEqual({
      name: 'credit-after-confirmation', ok: false, checked: 1,
      detail: `E1 (offramp.payout of p1) credits beneficiaries:payee at ${T0}, before the transfer carrying the coin was confirmed (at ${T1})`,
    });
  });

  it('dates the confirmation by the first one, not a later repeat', () => {
    expect(check([submitted(), credit('E1', T1)], [confirmed(T0), confirmed(T2)]).ok).toBe(true);
  });

  it('fails a credit when the transfer was never confirmed, and only the flow\'s own confirmation counts', () => {
    const never = `E1 (offramp.payout of p1) credits beneficiaries:payee at ${T1}, before the transfer carrying the coin was confirmed (it never was)`;
    expect(check([submitted(), credit('E1', T1)], []).detail).toBe(never);
    expect(check([submitted(), credit('E1', T1)], [confirmed(T0, 'p2'), trace('p1', 'a', 'b', T0, 'pay', 'CHAIN_TX_SUBMITTED')]).detail).toBe(never);
  });

  it('skips flows that put no coin on a chain and outcomes without a counterparty', () => {
    expect(check([credit('E1', T1)], [])).toEqual({ name: 'credit-after-confirmation', ok: true, checked: 0 });
    expect(check([submitted(), credit('E1', T1)], [], [outcome('p1', 'settled', { counterparty: null })])).toEqual({ name: 'credit-after-confirmation', ok: true, checked: 0 });
    expect(check([submitted('p2'), credit('E1', T1)], [])).toEqual({ name: 'credit-after-confirmation', ok: true, checked: 0 });
  });
});

describe('holds-end-with-flow', () => {
  const resolve = (id: string, kind: string, time: string, hold: string | null = 'h1', flow = 'p1') =>
    entry(id, flow, kind, [['npcs:holds', 'RUB', '-1.00'], ['banks:a:payer', 'RUB', '1.00']], { time, ...(hold !== null ? { hold } : {}) });

  it('holds for holds resolved no later than the flow ended, counting resolutions of ended flows', () => {
    const v = run(holdsEndWithFlow(), [resolve('E1', 'hold.posted', T0), resolve('E2', 'hold.voided', T1), resolve('E3', 'hold.expired', T2, 'h2', 'p2')], [], [outcome('p1', 'refunded', { finalAt: T1 })]);
    expect(v).toEqual({ name: 'holds-end-with-flow', ok: true, checked: 2 });
  });

  it('fails a hold resolved after its flow ended, saying how and when', () => {
    const v = run(holdsEndWithFlow(), [resolve('E1', 'hold.expired', T2)], [], [outcome('p1', 'refunded', { finalAt: T1 })]);
    expect(v).toEqual({ name: 'holds-end-with-flow', ok: false, checked: 1, detail: `E1: hold h1 of p1 expired at ${T2}, after p1 ended at ${T1}` });
  });

  it('does not count placing a hold, entries of no hold, or other kinds naming a hold', () => {
    const v = run(holdsEndWithFlow(), [resolve('E1', 'hold.pending', T2), resolve('E2', 'hold.posted', T2, null), resolve('E3', 'transfer', T2), resolve('E4', 'unhold.', T2)], [], [outcome('p1', 'refunded', { finalAt: T1 })]);
    expect(v).toEqual({ name: 'holds-end-with-flow', ok: true, checked: 0 });
  });
});

describe('caps: a purchase counted at zero', () => {
  const facts: RunFacts = { ...FACTS, caps: { nonQualified: '600.00 USD', qualified: null } };
  const buy = (value: string, rub: string | null, category = 'nonQualified') =>
    outcome('o1', 'purchased', { flow: 'retailPurchase', party: 'ann', rub, capValue: value, category, capYear: 2024 });

  it('fails a purchase that paid RUB yet counted nothing against the cap', () => {
    expect(run(capsRespected(facts), [], [], [buy('0.00 USD', '0.01 RUB')])).toEqual({ name: 'caps', ok: false, checked: 1, detail: "o1 paid 0.01 RUB but counted 0.00 USD against ann's cap" });
  });

  it('holds for a zero count when no RUB was paid, and for a purchase counted at its value', () => {
    expect(run(capsRespected(facts), [], [], [buy('0.00 USD', null)])).toEqual({ name: 'caps', ok: true, checked: 1 });
    expect(run(capsRespected(facts), [], [], [buy('0.00 USD', '0.00 RUB')])).toEqual({ name: 'caps', ok: true, checked: 1 });
    expect(run(capsRespected(facts), [], [], [buy('0.000000000000000001 USD', '0.01 RUB')])).toEqual({ name: 'caps', ok: true, checked: 1 });
  });

  it('skips a category the facts name no cap for', () => {
    expect(run(capsRespected(facts), [], [], [buy('900.00 USD', '90000.00 RUB', 'institutional')])).toEqual({ name: 'caps', ok: true, checked: 1 });
  });
});

describe('finality: facts without bounds', () => {
  it('reads facts written before machines declared bounds as bounding nothing', () => {
    const facts = { ...FACTS, boundsMs: undefined } as unknown as RunFacts;
    const v = run(finality(facts), [], [trace('p1', null, 'sent', T0), trace('p1', 'sent', 'settled', T2)], [outcome('p1', 'settled')]);
    expect(v).toEqual({ name: 'finality', ok: true, checked: 2 });
  });
});

describe('streamingCheck: the first breach while records stream', () => {
  it('names no breach while every checker holds, then the first checker that knows it fails', () => {
    // caps has no `broken`: a checker that cannot tell early is passed over, not taken for broken.
    const s = streamingCheck(FACTS, [capsRespected, conservation, balancedEntries]);
    s.entry(entry('E1', SETUP_FLOW, 'funding', [['external:funding', 'RUB', '-1.00'], ['banks:a:x', 'RUB', '1.00']]));
    expect(s.breach()).toBeUndefined();
    s.entry(entry('E2', 'p1', 'move', [['banks:a:x', 'RUB', '-1.00'], ['banks:a:y', 'RUB', '0.50']]));
    expect(s.breach()).toEqual({ name: 'balanced-entries', detail: 'E2 (move of p1): RUB postings do not sum to zero' });
  });
});

describe('declared invariants: a duration that names no time', () => {
  it('refuses "within P" and "within PT" instead of reading them as no time at all', () => {
    expect(parseDeclared('share settled within P >= 0.5')).toMatch(/^expected one of: /);
    expect(parseDeclared('share settled within PT >= 0.5')).toBe('"PT" is not a duration like PT1H');
    expect(parseDeclared('share settled within P1D >= 0.5')).toMatchObject({ metric: { kind: 'share', status: 'settled', withinMs: 86_400_000 } });
  });
});
