// The report's bigint arithmetic (src/report/exact40.ts) gives the very decimals decimal.js gives
// at the money layer's precision (40 digits, half-even): each operation at the edges (values of
// 1 to 90 digits, tiny and huge exponents, exact ties and near-ties of the 40th digit), long
// chains of additions, and the run's sums of payments' parts against the decimal.js computation
// they replaced.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, amountOf, defineAsset, toUnits, type Amount, type Dec as Decimal } from '../../src/money/index.js';
import { decOf, div, minus, numberOf, plus, times, amountUnits, type Scaled } from '../../src/report/exact40.js';
import { RunMetrics, type MidPrice } from '../../src/report/metrics.js';
import type { PaymentOutcomeView } from '../../src/records/index.js';

const text = (s: Scaled): string => `${s.n}e${-s.k}`;
function same(got: Scaled, want: Decimal): void {
  expect(decOf(got).toFixed()).toBe(want.toFixed());
}

/** An integer of 1 to `max` digits, either sign. */
const integer = (max: number) =>
  fc
    .tuple(fc.integer({ min: 1, max }), fc.boolean())
    .chain(([d, neg]) => fc.bigInt({ min: 10n ** BigInt(d - 1), max: 10n ** BigInt(d) - 1n }).map((n) => (neg ? -n : n)));

/** Around a tie of the 40th digit: 40 digits, then a 5, then zeros, nudged by -1, 0 or +1. */
const nearTie = fc
  .tuple(fc.bigInt({ min: 10n ** 39n, max: 10n ** 40n - 1n }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -1, max: 1 }), fc.boolean())
  .map(([x, j, nudge, neg]) => {
    const n = x * 10n ** BigInt(j) + 5n * 10n ** BigInt(j - 1) + BigInt(nudge);
    return neg ? -n : n;
  });

const value: fc.Arbitrary<Scaled> = fc.record({
  n: fc.oneof(integer(12), integer(42), integer(90), nearTie, fc.constant(0n)),
  k: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: -60, max: 120 })),
});
const nonZero = value.filter((v) => v.n !== 0n);
const runs = { numRuns: 3000 };

describe('40-digit half-even arithmetic in bigint', () => {
  it('adds, subtracts and multiplies as decimal.js does', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        const [a, b] = [new Dec(text(x)), new Dec(text(y))];
        same(plus(x, y), a.plus(b));
        same(minus(x, y), a.minus(b));
        same(times(x, y), a.mul(b));
      }),
      runs,
    );
  });

  it('divides as decimal.js does, a remainder breaking a tie upwards', () => {
    fc.assert(
      fc.property(value, nonZero, (x, y) => same(div(x, y), new Dec(text(x)).div(new Dec(text(y))))),
      runs,
    );
    // Quotients whose 41st digit is an exact 5, and those a hair above or below it.
    fc.assert(
      fc.property(nearTie, fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: -1, max: 1 }), (t, b, off) => {
        const x = { n: t * b + BigInt(off), k: 3 };
        const y = { n: b, k: 0 };
        same(div(x, y), new Dec(text(x)).div(new Dec(text(y))));
      }),
      runs,
    );
  });

  it('sums hundreds of 40-digit values of different sizes as decimal.js does, rounding at each step', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 50, maxLength: 400 }), (xs) => {
        let [got, want] = [{ n: 0n, k: 0 } as Scaled, new Dec(0)];
        for (const x of xs) [got, want] = [plus(got, x), want.plus(new Dec(text(x)))];
        same(got, want);
      }),
      { numRuns: 200 },
    );
  });

  it('reads amounts and numbers as toUnits and decimal.js read them, an amount of more than 40 digits rounded', () => {
    fc.assert(
      fc.property(fc.oneof(integer(38), integer(60), nearTie), fc.integer({ min: 0, max: 18 }), (minor, scale) => {
        const a = amountOf(defineAsset('RUB', scale), minor);
        same(amountUnits(a), toUnits(a));
      }),
      runs,
    );
    for (const x of [0, 3_600_000, 2 ** 53 + 2, 1e21, 0.1, -1.5e-7]) same(numberOf(x), new Dec(x));
  });
});

// ---- The run's sums against the decimal.js computation they replaced ----

const CNY = defineAsset('CNY', 2);
const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6);

/** The parts as decimal.js computed them before (src/report/metrics.ts at 3991a50). */
function referenceParts(o: PaymentOutcomeView, mid: MidPrice) {
  const p = o.payment;
  const coinLocal = o.marks?.coinLocal ?? mid(p.coin, p.amount.asset.code);
  const coinRub = o.marks?.coinRub ?? mid(p.coin, 'RUB');
  const amount = toUnits(p.amount);
  const principal = amount.div(coinLocal).mul(coinRub);
  const paid = toUnits(o.paid!);
  const fillMid = o.fillMid ?? mid(p.coin, 'RUB');
  const npcs = o.npcsFee ? toUnits(o.npcsFee) : new Dec(0);
  const spread = paid.minus(npcs).minus(toUnits(o.bought!).mul(fillMid));
  const fee = toUnits(o.chainFee!).mul(fillMid);
  const quotedMid = o.quotedOfframpMid ?? coinLocal;
  const principalAtFill = quotedMid.eq(coinLocal) && fillMid.eq(coinRub) ? principal : amount.div(quotedMid).mul(fillMid);
  const offramp = toUnits(o.delivered!).mul(fillMid).minus(principalAtFill);
  const residue = paid.minus(npcs).minus(spread).minus(fee).minus(offramp).minus(principal);
  return { principal, paid, npcs, spread, fee, offramp, residue };
}

const positive = (max: number) => integer(max).map((n) => (n < 0n ? -n : n));
/** A price of up to 45 significant digits, as a run's moving mids may be. */
const price = fc.tuple(positive(45), fc.integer({ min: 0, max: 44 })).map(([n, k]) => new Dec(`${n}e-${k}`));
const amount = (asset: typeof RUB, max = 20) => positive(max).map((n): Amount => amountOf(asset, n));

const payment = fc
  .record({
    amount: amount(CNY, 42),
    paid: amount(RUB),
    bought: amount(USDT),
    delivered: amount(USDT),
    chainFee: amount(USDT, 8),
    npcsFee: fc.option(amount(RUB, 8)),
    fillMid: fc.option(price),
    quotedOfframpMid: fc.option(price),
    marks: fc.option(fc.record({ coinLocal: price, coinRub: price })),
  })
  .map(
    (r): PaymentOutcomeView =>
      ({
        flow: 'crossBorderPayment',
        id: 'p',
        status: 'settled',
        reason: null,
        paidAt: 0,
        keptCoin: null,
        refunded: null,
        frozen: null,
        forfeited: null,
        ...r,
        marks: r.marks && { at: 0, ...r.marks },
        payment: { id: 'p', payer: { id: 'acme' }, payee: { id: 'wei' }, amount: r.amount, rail: 'pilot', settlement: 'sequential', coin: 'USDT', chain: 'tron', initiatedAt: 0 },
      }),
  );

describe("a run's sums of its payments' parts", () => {
  it('are the decimals decimal.js summed, to the last of 40 digits', () => {
    const mids: Record<string, Decimal> = { 'USDT/CNY': new Dec('7.123456789'), 'USDT/RUB': new Dec('92.5') };
    const mid: MidPrice = (b, q) => mids[`${b}/${q}`]!;
    fc.assert(
      fc.property(fc.array(payment, { minLength: 1, maxLength: 60 }), (os) => {
        const m = new RunMetrics(mid);
        const want = { principal: new Dec(0), paid: new Dec(0), npcs: new Dec(0), spread: new Dec(0), fee: new Dec(0), offramp: new Dec(0), residue: new Dec(0) };
        for (const o of os) {
          m.add(o, 60_000);
          const parts = referenceParts(o, mid);
          for (const key of Object.keys(want) as (keyof typeof want)[]) want[key] = want[key].plus(parts[key]);
        }
        const c = m.cost;
        const got = { principal: m.principalSettled, paid: m.settledPaid, npcs: c.npcsFee, spread: c.exchangeSpread, fee: c.chainFee, offramp: c.offrampSpread, residue: c.fxResidue };
        for (const key of Object.keys(want) as (keyof typeof want)[]) expect([key, got[key].toFixed()]).toEqual([key, want[key].toFixed()]);
        expect(m.principalAll.toFixed()).toBe(want.principal.toFixed());
      }),
      { numRuns: 300 },
    );
  });
});
