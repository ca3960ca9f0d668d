// How the invariants read the records' text: amounts as exact atto counts (atto, with a digit-by-
// digit path for short amounts) and times by arithmetic (isoMs) instead of Date.parse. Each must
// give what the slow, obvious reading gives, for the records' own text and for anything else.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { atto, isoMs } from '../../src/invariants/readers.js';
import { formatMinor } from '../../src/money/index.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('isoMs', () => {
  it('reads every time a run writes as Date.parse does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(isoMs(text)).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Date.parse on texts of the same shape with any digits, and on other texts', () => {
    const shaped = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string(), fc.string({ minLength: 24, maxLength: 24 })), (text) => {
        expect(Object.is(isoMs(text), Date.parse(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    for (const text of ['2024-02-29T12:00:00.000Z', '0050-01-01T00:00:00.000Z', '2024-13-01T00:00:00.000Z', '2024-01-01T24:00:00.000Z', '2024-01-01T23:59:60.000Z', '2024-01-01 23:59:59.000Z', '+002024-01-01T00:00:00.000Z']) {
      expect(Object.is(isoMs(text), Date.parse(text))).toBe(true);
    }
  });
});

describe('atto', () => {
  it('reads every amount a run writes, at any scale and size, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        expect(atto(formatMinor(minor, scale))).toBe(minor * 10n ** BigInt(18 - scale));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads short amounts at the edge of exact doubles and odd shapes as the general path does', () => {
    expect(atto('999999999999999')).toBe(999999999999999n * 10n ** 18n);
    expect(atto('9999999999999999')).toBe(9999999999999999n * 10n ** 18n);
    expect(atto('-99999999999.999')).toBe(-99999999999999n * 10n ** 15n);
    expect(atto('-0.00')).toBe(0n);
    expect(atto('007.50')).toBe(75n * 10n ** 17n);
    expect(atto('1.')).toBe(10n ** 18n);
    expect(atto('+5')).toBe(5n * 10n ** 18n);
  });
});
