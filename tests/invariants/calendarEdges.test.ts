// isoTime writes times with days-to-civil arithmetic and isoMs reads them back with its inverse
// (days_from_civil) instead of Date: the leap rules (every 4th year, not every 100th, every
// 400th: 1900 and 2100 have no Feb 29, 2000 has) and month ends must come out as Date has them
// for every year the records can carry, not only for the instants a random sample happens to hit.

import { describe, expect, it } from 'vitest';
import { isoMs } from '../../src/invariants/readers.js';
import { isoTime } from '../../src/money/isoTime.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Month and day pairs around the ends of months where the leap rules and day counts bite. */
const DAYS: readonly (readonly [number, number])[] = [[1, 1], [1, 31], [2, 28], [2, 29], [3, 1], [4, 30], [4, 31], [12, 31]];

describe('calendar edges of isoTime and isoMs', () => {
  it('isoMs reads every year 0000-9999 at month ends as Date.parse does (invalid dates included)', () => {
    const wrong: string[] = [];
    for (let y = 0; y <= 9999; y++) {
      for (const [m, d] of DAYS) {
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T23:59:59.999Z`;
        if (!Object.is(isoMs(text), Date.parse(text))) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('isoTime writes the last and first ms of every day of 1970-9999 that ends a month as Date does', () => {
    const wrong: number[] = [];
    for (let y = 1970; y <= 9999; y++) {
      for (let m = 0; m < 12; m++) {
        // Day 0 of the next month is the last of this one.
        const end = Date.UTC(y, m + 1, 0, 23, 59, 59, 999);
        for (const ms of [end, end + 1]) if (ms < 253_402_300_800_000 && isoTime(ms) !== new Date(ms).toISOString()) wrong.push(ms);
      }
    }
    expect(wrong).toEqual([]);
  });
});
