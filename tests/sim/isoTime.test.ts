import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isoTime } from '../../src/money/isoTime.js';

describe('isoTime', () => {
  it('writes every instant of years 0000-9999 exactly as Date#toISOString does', () => {
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => isoTime(ms) === new Date(ms).toISOString()), { numRuns: 20_000 });
  });

  it('agrees at the edges: epoch, leap days, century rules, ends of years', () => {
    for (const text of ['1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '2100-03-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z']) {
      expect(isoTime(Date.parse(text))).toBe(text);
    }
  });

  it('leaves fractional ms and times outside 0000-9999 to Date', () => {
    expect(isoTime(1.5)).toBe(new Date(1.5).toISOString());
    expect(isoTime(253_402_300_800_000)).toBe(new Date(253_402_300_800_000).toISOString());
  });
});
