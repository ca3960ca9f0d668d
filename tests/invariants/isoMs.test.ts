// The invariants compare the records' times by arithmetic (isoMs) instead of Date.parse: both
// must give the same instant for every text, the records' own times and anything else.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isoMs } from '../../src/invariants/kit.js';

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
