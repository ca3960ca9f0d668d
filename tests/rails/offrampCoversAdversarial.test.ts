import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { Offramp } from '../../src/rails/offramp/offramp.js';
import { Ledger, accountId } from '../../src/ledger/index.js';
import { costOf, defineAsset, rate } from '../../src/money/index.js';

// `covers` now compares in minor units while the product is exact, and the bid of an off-ramp
// that never drifts is built once. Against the decimal.js comparison it replaced (written out here
// with the project's Dec settings): coin exactly at the tolerance floor and a minor unit either side,
// tolerances with long decimals, above 100% (a negative floor) and zero, targets past 10^40.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
const COIN = defineAsset('USDT', 6, 'USD');
const LOCAL = defineAsset('CNY', 2);

describe('Offramp.covers against the decimal.js comparison it replaced', () => {
  it('agrees at the tolerance floor, either side of it, and for any tolerance', () => {
    const tolerance = fc.oneof(fc.integer({ min: 0, max: 20_000 }).map(String), fc.tuple(fc.nat(9_999), fc.bigInt({ min: 1n, max: 10n ** 30n })).map(([w, f]) => `${w}.${f}`));
    const target = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 10n ** 36n, max: 10n ** 44n }));
    fc.assert(
      fc.property(tolerance, target, fc.constantFrom('7.2', '0.000001', '123456.789'), fc.integer({ min: -2, max: 2 }), (tol, minor, mid, nudge) => {
        const offramp = new Offramp({ coin: COIN, currency: LOCAL, mid: new D(mid), spreadBps: new D(100), delayMs: 0, toleranceBps: new D(tol) }, new Ledger(accountId('npcs', 'holds')));
        const goal = { asset: LOCAL, minor };
        // The old code: the bid rebuilt at each call, the coin needed times (1 - tolerance) at 40 digits.
        const bid = rate(COIN, LOCAL, new D(mid).mul(new D(1).minus(new D(100).div(10_000).div(2))));
        const needed = new D(costOf(goal, bid, COIN).minor.toString());
        const floor = needed.mul(new D(1).minus(new D(tol).div(10_000)));
        const at = BigInt(floor.toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0)) + BigInt(nudge);
        expect(offramp.coinFor(goal, 0).minor).toBe(costOf(goal, bid, COIN).minor);
        expect(offramp.covers({ asset: COIN, minor: at }, goal, 0)).toBe(new D(at.toString()).gte(floor));
      }),
      { numRuns: 3000 },
    );
  });
});
