// NPCS's clearing book over a real ledger: netting figures worked out by hand, the settlement
// entries and the reserves they leave, central-bank credit for a member short of reserves, and
// properties over random obligations (nets sum to zero, net never exceeds gross, value conserved).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CBR_CREDIT_ACCOUNT, ClearingBook, NPCS_CLEARING_ACCOUNT } from '../../src/rails/npcs/clearing.js';
import { Ledger, accountId, sumsByAsset, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USD = defineAsset('USD', 2);
const rub = (units: number) => amountOf(RUB, BigInt(units) * 100n);
const T0 = Date.UTC(2025, 2, 3, 18);
const DEPOSITS = accountId('external', 'deposits');
const MEMBERS = ['sber', 'vtb', 'alfa', 'exchange-spb'] as const;

function setup(reserves: Readonly<Record<string, number>>, members: readonly string[] = MEMBERS) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  ledger.open(DEPOSITS, 'external');
  const book = new ClearingBook(ledger, members, RUB);
  for (const [m, units] of Object.entries(reserves)) {
    if (units > 0) ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, book.reserveAccount(m), rub(units)) });
  }
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  const reserve = (m: string) => ledger.balance(book.reserveAccount(m), 'RUB');
  return { ledger, book, entries, reserve };
}

/**
 * Conversions through the St. Petersburg exchange, both ways, and one payment inside a bank.
 * By hand, in RUB:
 *   sber          -1 000 000 + 300 000                      = -700 000
 *   alfa            -250 000 +  50 000                      = -200 000
 *   exchange-spb  +1 000 000 + 250 000 - 600 000 - 300 000 + 150 000 = +500 000
 *   vtb             +600 000 - 150 000 -  50 000            = +400 000
 * gross 2 350 000, net debits 900 000, saved 1 450 000.
 */
function recordDay(book: ClearingBook): void {
  book.record('p1', 'sber', 'exchange-spb', rub(1_000_000));
  book.record('p2', 'alfa', 'exchange-spb', rub(250_000));
  book.record('p3', 'exchange-spb', 'vtb', rub(600_000));
  book.record('p4', 'exchange-spb', 'sber', rub(300_000));
  book.record('p5', 'vtb', 'exchange-spb', rub(150_000));
  book.record('p6', 'vtb', 'alfa', rub(50_000));
  expect(book.record('p7', 'sber', 'sber', rub(70_000))).toBe(false);
}

const DAY_NET = new Map([
  ['sber', -70_000_000n],
  ['vtb', 40_000_000n],
  ['alfa', -20_000_000n],
  ['exchange-spb', 50_000_000n],
]);

function expectBalanced(entries: readonly JournalEntry[]): void {
  for (const e of entries) for (const [code, s] of sumsByAsset(e.postings)) expect(s.minor, `${e.id} ${code}`).toBe(0n);
}

describe('ClearingBook', () => {
  it('opens a reserve account per member, NPCS settlement and central-bank credit, and funds nothing', () => {
    const { ledger, book } = setup({});
    expect(MEMBERS.map((m) => book.reserveAccount(m))).toEqual(['cbr:sber', 'cbr:vtb', 'cbr:alfa', 'cbr:exchange-spb']);
    for (const m of MEMBERS) expect(ledger.kindOf(book.reserveAccount(m))).toBe('nonNegative');
    expect(NPCS_CLEARING_ACCOUNT).toBe('cbr:npcs-clearing');
    expect(ledger.kindOf(NPCS_CLEARING_ACCOUNT)).toBe('nonNegative');
    expect(CBR_CREDIT_ACCOUNT).toBe('external:cbr-credit');
    expect(ledger.kindOf(CBR_CREDIT_ACCOUNT)).toBe('external');
    expect(ledger.allBalances()).toEqual([]);
    expect(() => book.reserveAccount('gazprombank')).toThrow(/not an NPCS clearing member/);
  });

  it('nets a day of conversions both ways: gross, nets, net debits and saved exactly', () => {
    const { book } = setup({});
    recordDay(book);
    expect(book.pending).toBe(6);
    const figures = book.close();
    expect(figures).toEqual({
      obligations: 6,
      gross: rub(2_350_000),
      net: DAY_NET,
      netDebits: rub(900_000),
      saved: rub(1_450_000),
    });
    expect([...figures.net.keys()]).toEqual([...MEMBERS]);
    expect([...figures.net.values()].reduce((a, b) => a + b, 0n)).toBe(0n);
    expect(book.pending).toBe(0);
  });

  it('settles from sufficient reserves in one balanced entry; NPCS settlement account ends at zero', () => {
    const { ledger, book, entries, reserve } = setup({ sber: 1_000_000, alfa: 200_000, vtb: 10_000 });
    recordDay(book);
    const { net } = book.close();
    const result = book.settle('cycle-1', net, T0 + 3_600_000);
    expect(result).toEqual({ creditDrawn: rub(0), creditByMember: new Map() });
    expect(entries.map((e) => [e.kind, e.flow, e.time])).toEqual([['clearing.settled', 'cycle-1', T0 + 3_600_000]]);
    expect(entries[0]!.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      ['cbr:sber', -70_000_000n],
      ['cbr:npcs-clearing', 70_000_000n],
      ['cbr:alfa', -20_000_000n],
      ['cbr:npcs-clearing', 20_000_000n],
      ['cbr:npcs-clearing', -40_000_000n],
      ['cbr:vtb', 40_000_000n],
      ['cbr:npcs-clearing', -50_000_000n],
      ['cbr:exchange-spb', 50_000_000n],
    ]);
    expectBalanced(entries);
    expect(reserve('sber')).toBe(30_000_000n);
    expect(reserve('alfa')).toBe(0n);
    expect(reserve('vtb')).toBe(41_000_000n);
    expect(reserve('exchange-spb')).toBe(50_000_000n);
    expect(ledger.balance(NPCS_CLEARING_ACCOUNT, 'RUB')).toBe(0n);
    expect(ledger.balance(CBR_CREDIT_ACCOUNT, 'RUB')).toBe(0n);
  });

  it('a member short of reserves draws the shortfall as central-bank credit first', () => {
    const { ledger, book, entries, reserve } = setup({ sber: 1_000_000, alfa: 120_000, vtb: 10_000 });
    recordDay(book);
    const result = book.settle('cycle-1', book.close().net, T0);
    expect(result).toEqual({ creditDrawn: rub(80_000), creditByMember: new Map([['alfa', 8_000_000n]]) });
    expect(entries.map((e) => e.kind)).toEqual(['clearing.credit', 'clearing.settled']);
    expect(entries[0]!.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      ['external:cbr-credit', -8_000_000n],
      ['cbr:alfa', 8_000_000n],
    ]);
    expectBalanced(entries);
    expect(reserve('alfa')).toBe(0n);
    expect(reserve('sber')).toBe(30_000_000n);
    expect(reserve('vtb')).toBe(41_000_000n);
    expect(reserve('exchange-spb')).toBe(50_000_000n);
    expect(ledger.balance(CBR_CREDIT_ACCOUNT, 'RUB')).toBe(-8_000_000n);
    expect(ledger.balance(NPCS_CLEARING_ACCOUNT, 'RUB')).toBe(0n);
  });

  it('several short members draw in one credit entry, each exactly its shortfall', () => {
    const { book, entries, reserve } = setup({ sber: 650_000 });
    recordDay(book);
    const result = book.settle('cycle-1', book.close().net, T0);
    // sber owes 700 000 with 650 000; alfa owes 200 000 with nothing.
    expect(result).toEqual({ creditDrawn: rub(250_000), creditByMember: new Map([['sber', 5_000_000n], ['alfa', 20_000_000n]]) });
    expect(entries.map((e) => e.kind)).toEqual(['clearing.credit', 'clearing.settled']);
    expect(entries[0]!.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      ['external:cbr-credit', -5_000_000n],
      ['cbr:sber', 5_000_000n],
      ['external:cbr-credit', -20_000_000n],
      ['cbr:alfa', 20_000_000n],
    ]);
    expect(reserve('sber')).toBe(0n);
    expect(reserve('alfa')).toBe(0n);
    expect(book.memberTotals('sber').creditDrawn).toEqual(rub(50_000));
  });

  it('payments inside one bank make no obligation, even at a bank that is not a member', () => {
    const { book } = setup({});
    expect(book.record('p1', 'sber', 'sber', rub(5))).toBe(false);
    expect(book.record('p2', 'tinkoff', 'tinkoff', rub(5))).toBe(false);
    expect(book.record('p3', 'sber', 'vtb', rub(5))).toBe(true);
    expect(book.close()).toMatchObject({ obligations: 1, gross: rub(5), netDebits: rub(5), saved: rub(0) });
    expect(book.memberTotals('sber')).toEqual({ paid: rub(5), received: rub(0), peakNetDebit: rub(5), creditDrawn: rub(0) });
  });

  it('a cycle with no obligations, or with obligations that cancel out, posts nothing', () => {
    const { book, entries } = setup({});
    const empty = book.close();
    expect(empty).toEqual({ obligations: 0, gross: rub(0), net: new Map(MEMBERS.map((m) => [m, 0n])), netDebits: rub(0), saved: rub(0) });
    expect(book.settle('cycle-1', empty.net, T0)).toEqual({ creditDrawn: rub(0), creditByMember: new Map() });
    book.record('p1', 'sber', 'vtb', rub(100));
    book.record('p2', 'vtb', 'sber', rub(100));
    const cancelled = book.close();
    expect(cancelled).toMatchObject({ obligations: 2, gross: rub(200), netDebits: rub(0), saved: rub(200) });
    book.settle('cycle-2', cancelled.net, T0);
    expect(entries).toEqual([]);
  });

  it('refuses programmer errors: other assets, non-positive amounts, unknown members, bad nets, settling twice', () => {
    const { book } = setup({ sber: 10 });
    expect(() => book.record('p1', 'sber', 'vtb', amountOf(USD, 100n))).toThrow(/RUB only/);
    expect(() => book.record('p1', 'sber', 'vtb', rub(0))).toThrow(/positive/);
    expect(() => book.record('p1', 'sber', 'vtb', amountOf(RUB, -1n))).toThrow(/positive/);
    expect(() => book.record('p1', 'sber', 'tinkoff', rub(1))).toThrow(/"tinkoff" is not an NPCS clearing member/);
    expect(() => book.record('p1', 'tinkoff', 'sber', rub(1))).toThrow(/not an NPCS clearing member/);
    expect(book.pending).toBe(0);
    expect(() => book.settle('c', new Map([['sber', -1n]]), T0)).toThrow(/nets sum to -1, not 0/);
    expect(() => book.settle('c', new Map([['sber', -1n], ['tinkoff', 1n]]), T0)).toThrow(/not an NPCS clearing member/);
    book.settle('c', new Map([['sber', -1n], ['vtb', 1n]]), T0);
    expect(() => book.settle('c', new Map(), T0)).toThrow(/already settled/);
    expect(() => new ClearingBook(new Ledger(accountId('npcs', 'holds')), ['sber', 'sber'])).toThrow(/twice/);
    expect(() => new ClearingBook(new Ledger(accountId('npcs', 'holds')), ['npcs-clearing'])).toThrow(/may not be called/);
    expect(() => new ClearingBook(new Ledger(accountId('npcs', 'holds')), ['sber'], USD)).toThrow(/RUB only/);
  });

  it('keeps running totals across cycles and each member gross and peak net debit', () => {
    const { book } = setup({ sber: 1_000_000, alfa: 120_000 });
    recordDay(book);
    book.settle('cycle-1', book.close().net, T0);
    // Cycle 2: sber owes more than in cycle 1 (800 000 net), alfa is a creditor this time.
    book.record('q1', 'sber', 'exchange-spb', rub(800_000));
    book.record('q2', 'exchange-spb', 'alfa', rub(100_000));
    const second = book.close();
    expect(second).toMatchObject({ obligations: 2, gross: rub(900_000), netDebits: rub(800_000), saved: rub(100_000) });
    // sber has 300 000 left after cycle 1: draws 500 000.
    expect(book.settle('cycle-2', second.net, T0 + 1).creditDrawn).toEqual(rub(500_000));
    expect(book.totals()).toEqual({
      cycles: 2,
      obligations: 8,
      gross: rub(3_250_000),
      netDebits: rub(1_700_000),
      saved: rub(1_550_000),
      creditDrawn: rub(580_000),
    });
    expect(book.memberTotals('sber')).toEqual({ paid: rub(1_800_000), received: rub(300_000), peakNetDebit: rub(800_000), creditDrawn: rub(500_000) });
    expect(book.memberTotals('alfa')).toEqual({ paid: rub(250_000), received: rub(150_000), peakNetDebit: rub(200_000), creditDrawn: rub(80_000) });
    expect(book.memberTotals('exchange-spb')).toEqual({ paid: rub(1_000_000), received: rub(2_200_000), peakNetDebit: rub(0), creditDrawn: rub(0) });
  });

  it('property: nets sum to zero, net debits never exceed gross, reserves plus credit are conserved', () => {
    const members = ['m0', 'm1', 'm2', 'm3', 'm4'];
    const obligation = fc.record({
      from: fc.constantFrom(...members),
      to: fc.constantFrom(...members),
      minor: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: members.length, maxLength: members.length }),
        fc.array(obligation, { maxLength: 30 }),
        (reserves, obligations) => {
          const { ledger, book, entries, reserve } = setup({}, members);
          members.forEach((m, i) => {
            if (reserves[i]! > 0n) ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, book.reserveAccount(m), amountOf(RUB, reserves[i]!)) });
          });
          entries.length = 0;
          let gross = 0n;
          let count = 0;
          for (const [i, o] of obligations.entries()) {
            if (book.record(`p${i}`, o.from, o.to, amountOf(RUB, o.minor))) {
              gross += o.minor;
              count++;
            }
          }
          const before = members.map(reserve);
          const f = book.close();
          expect(f.obligations).toBe(count);
          expect(f.gross.minor).toBe(gross);
          expect([...f.net.values()].reduce((a, b) => a + b, 0n)).toBe(0n);
          expect(f.netDebits.minor).toBeGreaterThanOrEqual(0n);
          expect(f.netDebits.minor).toBeLessThanOrEqual(f.gross.minor);
          expect(f.saved.minor).toBe(f.gross.minor - f.netDebits.minor);
          const { creditDrawn, creditByMember } = book.settle('cycle', f.net, T0);
          const after = members.map(reserve);
          // What the members hold now is what they held plus what the central bank lent.
          expect(after.reduce((a, b) => a + b, 0n)).toBe(before.reduce((a, b) => a + b, 0n) + creditDrawn.minor);
          members.forEach((m, i) => {
            const n = f.net.get(m)!;
            const lent = creditByMember.get(m) ?? 0n;
            expect(lent).toBe(n < 0n && -n > before[i]! ? -n - before[i]! : 0n);
            expect(after[i]).toBe(before[i]! + lent + n);
          });
          expect(ledger.balance(NPCS_CLEARING_ACCOUNT, 'RUB')).toBe(0n);
          expect(ledger.balance(CBR_CREDIT_ACCOUNT, 'RUB')).toBe(-creditDrawn.minor);
          expectBalanced(entries);
          expect(entries.length).toBe((creditDrawn.minor > 0n ? 1 : 0) + (f.netDebits.minor > 0n ? 1 : 0));
        },
      ),
      { numRuns: 200 },
    );
  });
});
