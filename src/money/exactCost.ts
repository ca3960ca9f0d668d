// Conversions at a rate in bigint arithmetic, giving the very minor units decimal.js gives: every
// quote and payout converts (an off-ramp twice a payment), and decimal.js's division at 40 digits
// was a tenth of a run's decimal work. decimal.js rounds a conversion twice, to 40 significant
// digits and then half-even to the minor unit; the two roundings differ from one only when the
// exact value lies within half a 40th digit of a tie without being one, and there (as for an
// amount of more than 40 digits) the caller falls back to decimal.js.

import type { Dec as Decimal } from './rate.js';

const TEN = 10n;
/** 10^0 .. 10^160, built once: the powers conversions scale by (and the report's 40-digit sums, report/exact40.ts). */
export const POWERS: readonly bigint[] = Array.from({ length: 161 }, (_, i) => TEN ** BigInt(i));
export const pow10 = (e: number): bigint => POWERS[e] ?? TEN ** BigInt(e);
const LIMIT = pow10(40);

/** Whether an integer has fewer than 40 digits: decimal.js at 40 digits holds it, and sums or products of it, exactly. */
export const withinFortyDigits = (x: bigint): boolean => x < LIMIT && -x < LIMIT;

/** A finite decimal as an integer and a power of ten (92.5 is 925 / 10^1), exactly. */
export interface Scaled {
  readonly n: bigint;
  readonly k: number;
}

export function scaledOf(d: Decimal): Scaled {
  return scaledOfText(d.toFixed());
}

const NUMBER = /^(-?\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** A decimal's text ("1.5", "-2.50e-7", as JavaScript writes numbers) as an integer and a power of ten. */
export function scaledOfText(text: string): Scaled {
  const m = NUMBER.exec(text);
  if (!m) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  const frac = m[2] ?? '';
  const k = frac.length - Number(m[3] ?? 0);
  const n = BigInt(m[1]! + frac);
  return k >= 0 ? { n, k } : { n: n * pow10(-k), k: 0 };
}

/**
 * round_half_even(round40(a / b) * 10^scale) for b > 0, as decimal.js computes it at precision 40,
 * or undefined when that may differ from rounding once (then decimal.js must answer).
 */
export function roundedQuotient(a: bigint, b: bigint, scale: number): bigint | undefined {
  const negative = a < 0n;
  const x = (negative ? -a : a) * pow10(scale);
  const n = x / b;
  const rem = x - n * b;
  const twice = rem + rem;
  let digits = 1;
  while (digits < 40 && n >= POWERS[digits]!) digits++;
  if (digits >= 39) return undefined;
  let r: bigint;
  if (twice === b) r = n % 2n === 0n ? n : n + 1n;
  else {
    // Not a tie: within half a 40th significant digit of one, the 40-digit rounding may land on it.
    const off = twice > b ? twice - b : b - twice;
    if (off * pow10(40 - digits) <= b) return undefined;
    r = twice > b ? n + 1n : n;
  }
  return negative ? -r : r;
}

/** Minor units at `toScale` of `minor` (at `fromScale`) times `v`, or undefined where decimal.js must answer. */
export function timesExact(minor: bigint, fromScale: number, v: Scaled, toScale: number): bigint | undefined {
  if (!withinFortyDigits(minor)) return undefined;
  return roundedQuotient(minor * v.n, pow10(fromScale + v.k), toScale);
}

/** Minor units at `toScale` of `minor` (at `fromScale`) divided by `v` (> 0), or undefined where decimal.js must answer. */
export function dividedExact(minor: bigint, fromScale: number, v: Scaled, toScale: number): bigint | undefined {
  if (!withinFortyDigits(minor)) return undefined;
  return roundedQuotient(minor * pow10(v.k), v.n * pow10(fromScale), toScale);
}
