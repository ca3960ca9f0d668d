// Prices read through the fold's memo of recent texts (RecentDecimals) are the prices the texts
// state, however many distinct prices come and in whatever order: the memo only saves reading.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecentDecimals } from '../../src/records/index.js';

describe('RecentDecimals', () => {
  it('gives each text its own value, past the eight it keeps and back again', () => {
    const text = fc.oneof(fc.integer({ min: 0, max: 11 }).map((i) => `92.${i}`), fc.constant('1e-7'), fc.constant('-0.5'));
    fc.assert(
      fc.property(fc.array(fc.option(text), { maxLength: 200 }), (texts) => {
        const memo = new RecentDecimals();
        for (const t of texts) expect(memo.of(t)?.toString() ?? null).toBe(t === null ? null : String(Number(t)));
      }),
    );
  });
});
