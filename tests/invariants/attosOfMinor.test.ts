// A run hands its checkers the postings' amounts computed from the entry's minor units
// (attosOfMinor) instead of reading back the text it just wrote (atto of formatMinor). For any
// amount and scale, huge, negative, zero, past 15 digits and a double's reach, the two must agree,
// or fail alike for a scale no asset may have. And balanced-entries' one-asset path must reach the
// verdict the sum per asset reaches.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atto, attosOfMinor } from '../../src/invariants/readers.js';
import { balancedEntries } from '../../src/invariants/index.js';
import { formatMinor } from '../../src/money/index.js';
import { entry, run, type Leg } from './handBuilt.js';

/** What a call gives, or the error it throws, as comparable text. */
function outcome(f: () => unknown): string {
  try {
    return JSON.stringify(f(), (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

const posting = (minor: bigint, scale: number) => ({ amount: { minor, asset: { scale } } });
/** Amounts of every size: a few minor units, a double's edge (2^53), 40 digits and more. */
const minor = fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }));

describe('attosOfMinor', () => {
  it('gives what reading back the written amount gives, for any amount and scale 0-18', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(minor, fc.integer({ min: 0, max: 18 })), { maxLength: 6 }), (ps) => {
        expect(attosOfMinor(ps.map(([m, s]) => posting(m, s)))).toEqual(ps.map(([m, s]) => atto(formatMinor(m, s))));
      }),
      { numRuns: 5_000 },
    );
  });

  it('at the edges: zero, one atto, 2^53 and next, -0 written as 0, the largest scale', () => {
    for (const [m, s] of [[0n, 0], [0n, 18], [1n, 18], [-1n, 18], [2n ** 53n, 2], [2n ** 53n + 1n, 2], [-(2n ** 53n) - 1n, 0], [10n ** 40n - 1n, 6], [-925000000n, 2]] as const) {
      expect(attosOfMinor([posting(m, s)])).toEqual([atto(formatMinor(m, s))]);
    }
  });

  it('a scale no asset may have (past 18) fails as reading its text does', () => {
    for (const s of [19, 25]) expect(outcome(() => attosOfMinor([posting(5n, s)]))).toBe(outcome(() => [atto(formatMinor(5n, s))]));
  });
});

/** balanced-entries as it summed before: per asset in a map, the first asset off zero named. */
function balancedBefore(legs: Leg[]): string | undefined {
  const sums = new Map<string, bigint>();
  for (const [, asset, amount] of legs) sums.set(asset, (sums.get(asset) ?? 0n) + atto(amount));
  for (const [asset, sum] of sums) if (sum !== 0n) return `E1 (move of f): ${asset} postings do not sum to zero`;
  return undefined;
}

describe('balanced-entries, one asset or several', () => {
  it('fails or holds as the sum per asset does, naming the same asset', () => {
    const leg = fc.tuple(fc.constantFrom('banks:a:x', 'custody:y'), fc.constantFrom('RUB', 'USDT', 'A7A5'), fc.constantFrom('-5.00', '5.00', '-4.99', '1', '0.01', '-1'));
    fc.assert(
      fc.property(fc.array(leg, { maxLength: 5 }), (legs) => {
        const v = run(balancedEntries(), [entry('E1', 'f', 'move', legs)]);
        expect(v.detail).toBe(balancedBefore(legs as Leg[]));
      }),
      { numRuns: 3_000 },
    );
  });
});
