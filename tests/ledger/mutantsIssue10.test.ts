// Pins what issue 10 added to the ledger layer and its mutation run left untested: the credit
// screen's memo and its treatment of zero credits, a refused post of a hold with a fee leaving the
// hold pending, the diverted release's memo, divertedParty on entries of any shape, and the
// simulator's flow names.

import { describe, expect, it } from 'vitest';
import {
  SETUP_FLOW,
  accountId,
  clearingCycleFlow,
  divertedParty,
  isSimulatorFlow,
  Ledger,
  miningFlow,
  transfer,
  type CreditScreen,
  type JournalEntry,
} from '../../src/ledger/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const rub = (minor: bigint) => amountOf(RUB, minor);
const holds = accountId('npcs', 'holds');
const funding = accountId('external', 'funding');
const anna = accountId('banks', 'bank-a', 'anna');
const boris = accountId('banks', 'bank-a', 'boris');
const vera = accountId('banks', 'bank-b', 'vera');
const fees = accountId('npcs', 'fees');
const frozen = accountId('compliance', 'frozen');
const nowhere = accountId('npcs', 'never-opened');
const LISTED_AT = 1_000;

/** Boris and Vera listed from LISTED_AT; Anna funded with 100.00 RUB and 1 USDT before. */
function setup(): { ledger: Ledger; entries: JournalEntry[] } {
  const ledger = new Ledger(holds);
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  for (const a of [anna, boris, vera, fees, frozen]) ledger.open(a, 'nonNegative');
  ledger.open(funding, 'external');
  ledger.post({ time: 0, flow: 'setup', kind: 'funding', postings: transfer(funding, anna, rub(10_000n)) });
  ledger.post({ time: 0, flow: 'setup', kind: 'funding', postings: transfer(funding, anna, amountOf(USDT, 1_000_000n)) });
  const owners = new Map<string, string>([
    [boris, 'boris'],
    [vera, 'vera'],
  ]);
  const screen: CreditScreen = {
    blocked: (account, time) => (time >= LISTED_AT ? owners.get(account) : undefined),
    divertTo: frozen,
  };
  ledger.screenCredits(screen);
  return { ledger, entries };
}

describe('the credit screen names what it diverted', () => {
  it('an entry without a memo gets only the bracket, with no leading space', () => {
    const { ledger } = setup();
    const e = ledger.post({ time: LISTED_AT, flow: 'f', kind: 'pay', postings: transfer(anna, boris, rub(100n)) });
    expect(e.memo).toBe('[to compliance:frozen: boris listed]');
  });

  it('names each listed party once, in the order of their credits, separated by a comma', () => {
    const { ledger } = setup();
    const e = ledger.post({
      time: LISTED_AT,
      flow: 'f',
      kind: 'split',
      postings: [
        { account: anna, amount: rub(-300n) },
        { account: boris, amount: rub(100n) },
        { account: vera, amount: rub(100n) },
        { account: boris, amount: rub(100n) },
      ],
      memo: 'split',
    });
    expect(e.memo).toBe('split [to compliance:frozen: boris listed, vera listed]');
    expect(e.diverted!.map((d) => d.party)).toEqual(['boris', 'vera', 'boris']);
    expect(ledger.balance(frozen, 'RUB')).toBe(300n);
  });
});

describe('a diverted release of a hold says why in its memo', () => {
  it.each([
    ['voided', (l: Ledger) => l.voidHold('h1', LISTED_AT, 'ignored memo')],
    ['expired', (l: Ledger) => l.expireHold('h1', LISTED_AT)],
  ] as const)('%s', (state, release) => {
    const ledger = new Ledger(holds);
    for (const a of [boris, frozen]) ledger.open(a, 'nonNegative');
    ledger.open(funding, 'external');
    ledger.post({ time: 0, flow: 'setup', kind: 'funding', postings: transfer(funding, boris, rub(500n)) });
    ledger.screenCredits({ blocked: (a, t) => (a === boris && t >= LISTED_AT ? 'boris' : undefined), divertTo: frozen });
    ledger.hold('h1', 0, 'f', boris, rub(400n));
    const e = release(ledger);
    expect(e.memo).toBe(`boris listed: hold h1 posted to compliance:frozen, not ${state}`);
    expect(e.diverted).toEqual([{ party: 'boris', account: boris, amount: rub(400n) }]);
  });
});

describe('postHold with a fee (also)', () => {
  it('ignores a zero fee entirely: its account is neither checked nor posted to', () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(1_000n));
    const e = ledger.postHold('h1', 1, fees, rub(600n), '', { to: nowhere, amount: rub(0n) });
    expect(e.postings).toEqual([
      { account: holds, amount: rub(-1_000n) },
      { account: fees, amount: rub(600n) },
      { account: anna, amount: rub(400n) },
    ]);
    expect(ledger.isPending('h1')).toBe(false);
  });

  it('ignores a zero fee in another asset: it cannot make the post fail', () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(1_000n));
    const e = ledger.postHold('h1', 1, fees, undefined, 'done', { to: fees, amount: amountOf(USDT, 0n) });
    expect(e.memo).toBe('done');
    expect(e.postings).toEqual([
      { account: holds, amount: rub(-1_000n) },
      { account: fees, amount: rub(1_000n) },
    ]);
  });

  it('refuses a fee in another asset than the hold, naming both amounts, and leaves the hold pending', () => {
    const { ledger, entries } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(1_000n));
    const before = entries.length;
    expect(() => ledger.postHold('h1', 1, boris, rub(100n), '', { to: fees, amount: amountOf(USDT, 1n) })).toThrow(
      new Error('hold h1: cannot post 1.00 RUB and 0.000001 USDT of 10.00 RUB'),
    );
    expect(ledger.isPending('h1')).toBe(true);
    expect(entries.length).toBe(before);
  });

  it('refuses a fee that with the amount exceeds the hold, naming the fee', () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(1_000n));
    expect(() => ledger.postHold('h1', 1, boris, rub(900n), '', { to: fees, amount: rub(101n) })).toThrow(
      new Error('hold h1: cannot post 9.00 RUB and 1.01 RUB of 10.00 RUB'),
    );
    expect(ledger.isPending('h1')).toBe(true);
  });

  it('refuses a fee to an account that is not open before resolving, so the hold stays pending', () => {
    const { ledger, entries } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(1_000n));
    const before = entries.length;
    expect(() => ledger.postHold('h1', 1, boris, rub(100n), '', { to: nowhere, amount: rub(1n) })).toThrow(
      new Error('hold h1: account npcs:never-opened is not open'),
    );
    expect(() => ledger.postHold('h1', 1, boris, rub(100n), '', { to: holds, amount: rub(1n) })).toThrow(
      new Error('hold h1: cannot post into the holds account itself'),
    );
    expect(ledger.isPending('h1')).toBe(true);
    expect(entries.length).toBe(before);
    expect(ledger.balance(anna, 'RUB')).toBe(9_000n);
  });
});

describe('divertedParty reads entries of any shape', () => {
  it('is undefined for no entry, an entry without diversions, and an empty diversion list', () => {
    const plain: JournalEntry = { id: 'E1', time: 0, flow: 'f', kind: 'pay', postings: [], memo: '' };
    expect(divertedParty(undefined)).toBeUndefined();
    expect(divertedParty(plain)).toBeUndefined();
    expect(divertedParty({ ...plain, diverted: [] })).toBeUndefined();
    expect(divertedParty({ ...plain, diverted: [{ party: 'vera', account: vera, amount: rub(1n) }] })).toBe('vera');
  });
});

describe("the simulator's own flows", () => {
  it('live under sim/, apart from any scenario id', () => {
    expect(SETUP_FLOW).toBe('sim/setup');
    expect(miningFlow('miner-1')).toBe('sim/mining/miner-1');
    expect(clearingCycleFlow(7)).toBe('sim/cycle-0007');
    expect(clearingCycleFlow(12345)).toBe('sim/cycle-12345');
  });

  it('are recognised by the prefix alone', () => {
    expect(isSimulatorFlow(SETUP_FLOW)).toBe(true);
    expect(isSimulatorFlow(miningFlow('m'))).toBe(true);
    expect(isSimulatorFlow(clearingCycleFlow(1))).toBe(true);
    expect(isSimulatorFlow('setup')).toBe(false);
    expect(isSimulatorFlow('cycle-0001')).toBe(false);
    expect(isSimulatorFlow('pay-sim/')).toBe(false);
    expect(isSimulatorFlow('')).toBe(false);
  });
});
