import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { accountId, sumsByAsset, transfer, unbalanced, type Posting } from '../../src/ledger/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const a = accountId('a');
const b = accountId('b');
const c = accountId('c');

const p = (account: typeof a, asset: typeof RUB, minor: bigint): Posting => ({ account, amount: amountOf(asset, minor) });

describe('transfer', () => {
  it('takes the amount from one account and gives it to the other', () => {
    expect(transfer(a, b, amountOf(RUB, 500n))).toEqual([p(a, RUB, -500n), p(b, RUB, 500n)]);
  });

  it('makes no postings for a zero amount', () => {
    expect(transfer(a, b, amountOf(RUB, 0n))).toEqual([]);
  });

  it('always balances for any non-zero amount', () => {
    fc.assert(
      fc.property(fc.bigInt().filter((n) => n !== 0n), (minor) => {
        expect(unbalanced(transfer(a, b, amountOf(USDT, minor)))).toBeUndefined();
      }),
    );
  });
});

describe('sumsByAsset', () => {
  it('sums postings per asset code', () => {
    const sums = sumsByAsset([p(a, RUB, -100n), p(b, RUB, 30n), p(c, USDT, 7n), p(c, RUB, 5n)]);
    expect([...sums.keys()]).toEqual(['RUB', 'USDT']);
    expect(sums.get('RUB')).toEqual({ asset: RUB, minor: -65n });
    expect(sums.get('USDT')).toEqual({ asset: USDT, minor: 7n });
  });

  it('does not change the postings it sums', () => {
    const postings = [p(a, RUB, -100n), p(b, RUB, 30n)];
    sumsByAsset(postings);
    sumsByAsset(postings);
    expect(postings[0]!.amount.minor).toBe(-100n);
  });
});

describe('unbalanced', () => {
  it('accepts postings that sum to zero in every asset', () => {
    expect(unbalanced([p(a, RUB, -100n), p(b, RUB, 60n), p(c, RUB, 40n), p(c, USDT, -1n), p(a, USDT, 1n)])).toBeUndefined();
  });

  it('needs at least two postings', () => {
    expect(unbalanced([])).toBe('an entry needs at least two postings');
    expect(unbalanced([p(a, RUB, 1n)])).toBe('an entry needs at least two postings');
  });

  it('refuses a zero posting', () => {
    expect(unbalanced([p(a, RUB, 0n), p(b, RUB, 0n)])).toBe('zero posting to a');
  });

  it('says which asset does not balance and by how much', () => {
    expect(unbalanced([p(a, RUB, -100n), p(b, RUB, 101n)])).toBe('RUB postings sum to 0.01, not 0');
    expect(unbalanced([p(a, RUB, -100n), p(b, RUB, 100n), p(a, USDT, -1n), p(b, USDT, 3n)])).toBe('USDT postings sum to 0.000002, not 0');
  });

  it('does not let one asset pay for another', () => {
    // Numerically zero in total, but 1 kopeck is not 1 micro-USDT.
    expect(unbalanced([p(a, RUB, -1n), p(b, USDT, 1n)])).toMatch(/^RUB postings sum to -0.01, not 0$/);
  });

  it('finds any single-unit imbalance in a generated entry', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 20n }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (amounts, at) => {
        const postings = amounts.flatMap((m) => transfer(a, b, amountOf(RUB, m)));
        expect(unbalanced(postings)).toBeUndefined();
        // Bump a credit (odd index) by one kopeck: never makes a zero posting.
        const i = 2 * (at % amounts.length) + 1;
        const bumped = postings.map((q, j) => (j === i ? { ...q, amount: amountOf(RUB, q.amount.minor + 1n) } : q));
        expect(unbalanced(bumped)).toBe('RUB postings sum to 0.01, not 0');
      }),
    );
  });
});
