// The report's RUB arithmetic in bigint, rounded exactly as decimal.js rounds it with the money
// layer's Dec (40 significant digits, half-even). A settled payment's parts take a division and a
// dozen additions of values up to 40 digits long, into the run's sums and its channel's: decimal.js
// spent about 3.5 us on such a division and 0.85 us on such an addition, most of a payment's fold.
// decimal.js gives each of plus, minus, times and div correctly rounded: the exact result rounded
// once to 40 digits. Here the exact result is a bigint and the rounding is done once, so the value
// is the very one decimal.js holds (tests/report/exact40.test.ts checks it against decimal.js).
// Values are n / 10^k; k may be negative (a large round value) and trailing zeros may stay.

import { Dec, type Amount, type Dec as Decimal } from '../money/index.js';
import { POWERS, pow10, scaledOf, type Scaled } from '../money/exactCost.js';
import { Recent } from '../records/recent.js';

export type { Scaled };

const DIGITS = 40;
const LIMIT = POWERS[DIGITS]!;

export const ZERO: Scaled = { n: 0n, k: 0 };

/** How many digits `a` (>= 0) has. */
function digitsOf(a: bigint): number {
  if (a >= POWERS[160]!) return a.toString().length;
  let [lo, hi] = [1, 160];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a < POWERS[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * n / 10^k rounded half-even to 40 significant digits. `inexact`: the true value lies a little
 * above n (a division's remainder), which breaks a tie upwards; n then has more than 40 digits.
 */
export function round(n: bigint, k: number, inexact = false): Scaled {
  const a = n < 0n ? -n : n;
  if (a < LIMIT) return { n, k };
  const drop = digitsOf(a) - DIGITS;
  const p = pow10(drop);
  let q = a / p;
  const twice = (a - q * p) * 2n;
  if (twice > p || (twice === p && (inexact || (q & 1n) === 1n))) q += 1n;
  return { n: n < 0n ? -q : q, k: k - drop };
}

export function plus(x: Scaled, y: Scaled): Scaled {
  if (x.k === y.k) return round(x.n + y.n, x.k);
  return x.k > y.k ? round(x.n + y.n * pow10(x.k - y.k), x.k) : round(x.n * pow10(y.k - x.k) + y.n, y.k);
}

export const minus = (x: Scaled, y: Scaled): Scaled => plus(x, { n: -y.n, k: y.k });

export const times = (x: Scaled, y: Scaled): Scaled => round(x.n * y.n, x.k + y.k);

export function div(x: Scaled, y: Scaled): Scaled {
  if (y.n === 0n) throw new Error('division by zero');
  if (x.n === 0n) return ZERO;
  const a = x.n < 0n ? -x.n : x.n;
  const b = y.n < 0n ? -y.n : y.n;
  // Scaled so the quotient has at least 41 digits: the 40th is then rounded with the remainder known.
  const shift = Math.max(0, DIGITS + 1 + digitsOf(b) - digitsOf(a));
  const num = a * pow10(shift);
  const q = num / b;
  const r = round(q, shift + x.k - y.k, num !== q * b);
  return (x.n < 0n) !== (y.n < 0n) ? { n: -r.n, k: r.k } : r;
}

/** An amount in whole units, as `toUnits` gives it (an amount of more than 40 digits rounded to 40). */
export const amountUnits = (a: Amount): Scaled => round(a.minor, a.asset.scale);

/** A whole number of ms (or any JavaScript number), exactly as decimal.js reads it. */
export const numberOf = (x: number): Scaled => (Number.isSafeInteger(x) ? { n: BigInt(x), k: 0 } : scaledOf(new Dec(x)));

/** The decimal of the same value. */
export const decOf = (s: Scaled): Decimal => new Dec(s.k === 0 ? s.n.toString() : `${s.n}e${-s.k}`);

/** Decimals' values as n / 10^k, the last few kept by identity: a run's payments mostly share the same few price objects. */
export class ScaledMemo extends Recent<Decimal, Scaled> {
  constructor() {
    super(scaledOf);
  }
}
