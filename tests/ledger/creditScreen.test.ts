// The ledger's credit screen: the one place every credit passes, so a listed party's account is
// credited nothing whichever rail posts the entry; a hold is never released to a listed party.

import { describe, expect, it } from 'vitest';
import { accountId, divertedParty, Ledger, transfer, type CreditScreen, type JournalEntry } from '../../src/ledger/index.js';
import { SanctionsList } from '../../src/rails/compliance/sanctions.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const rub = (minor: bigint) => amountOf(RUB, minor);
const funding = accountId('external', 'funding');
const anna = accountId('banks', 'bank-a', 'anna');
const boris = accountId('banks', 'bank-a', 'boris');
const fees = accountId('npcs', 'fees');
const frozen = accountId('compliance', 'frozen');
const LISTED_AT = 1_000;

function setup(): { ledger: Ledger; entries: JournalEntry[] } {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  for (const a of [anna, boris, fees, frozen]) ledger.open(a, 'nonNegative');
  ledger.open(funding, 'external');
  ledger.post({ time: 0, flow: 'setup', kind: 'funding', postings: transfer(funding, anna, rub(10_000n)) });
  const screen: CreditScreen = new SanctionsList([{ party: 'boris', from: LISTED_AT }, { party: 'anna', from: LISTED_AT }]).creditScreen();
  ledger.screenCredits(screen);
  return { ledger, entries };
}

describe('the credit screen', () => {
  it('credits a party one millisecond before its listing, and diverts the credit at the listing instant', () => {
    const { ledger } = setup();
    const before = ledger.post({ time: LISTED_AT - 1, flow: 'f', kind: 'pay', postings: transfer(anna, boris, rub(100n)) });
    expect(divertedParty(before)).toBeUndefined();
    const at = ledger.post({ time: LISTED_AT, flow: 'f', kind: 'pay', postings: transfer(funding, boris, rub(100n)), memo: 'paid' });
    expect(at.postings.map((p) => p.account)).toEqual([funding, frozen]);
    expect(at.diverted).toEqual([{ party: 'boris', account: boris, amount: rub(100n) }]);
    expect(at.memo).toBe('paid [to compliance:frozen: boris listed]');
    expect(ledger.balance(boris, 'RUB')).toBe(100n);
    expect(ledger.balance(frozen, 'RUB')).toBe(100n);
  });

  it('never screens a debit: a listed party still pays out of its account', () => {
    const { ledger } = setup();
    const e = ledger.post({ time: LISTED_AT, flow: 'f', kind: 'pay', postings: transfer(anna, fees, rub(100n)) });
    expect(e.diverted).toBeUndefined();
    expect(ledger.balance(fees, 'RUB')).toBe(100n);
  });

  it.each([
    ['voided', (l: Ledger, id: string, t: number) => l.voidHold(id, t)],
    ['expired', (l: Ledger, id: string, t: number) => l.expireHold(id, t)],
  ] as const)('a hold %s at the listing instant is posted whole to the frozen account, not released', (_, release) => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(4_000n));
    const e = release(ledger, 'h1', LISTED_AT);
    expect(e.kind).toBe('hold.posted');
    expect(e.postings.find((p) => p.amount.minor > 0n)!.account).toBe(frozen);
    expect(divertedParty(e)).toBe('anna');
    expect(ledger.balance(anna, 'RUB')).toBe(6_000n);
    expect(ledger.balance(frozen, 'RUB')).toBe(4_000n);
    expect(ledger.isPending('h1')).toBe(false);
  });

  it('a hold voided one millisecond before the listing returns to the payer', () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(4_000n));
    expect(ledger.voidHold('h1', LISTED_AT - 1).kind).toBe('hold.voided');
    expect(ledger.balance(anna, 'RUB')).toBe(10_000n);
  });

  it("posts a hold's fee leg from the hold itself, so nothing passes back through the payer", () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(4_000n));
    const e = ledger.postHold('h1', LISTED_AT, boris, rub(3_000n), 'leg', { to: fees, amount: rub(500n) });
    // boris is listed: his part is diverted; the fee is NPCS's; the rest would return to anna, listed too.
    expect(e.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      ['npcs:holds', -4_000n],
      [frozen, 3_000n],
      [fees, 500n],
      [frozen, 500n],
    ]);
    expect(e.diverted!.map((d) => d.party)).toEqual(['boris', 'anna']);
  });

  it('refuses a fee leg that, with the posted amount, exceeds the hold', () => {
    const { ledger } = setup();
    ledger.hold('h1', 0, 'f', anna, rub(4_000n));
    expect(() => ledger.postHold('h1', 0, boris, rub(3_600n), '', { to: fees, amount: rub(500n) })).toThrow(/cannot post/);
    expect(ledger.isPending('h1')).toBe(true);
  });
});
