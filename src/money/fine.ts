// Values finer than any asset's minor unit: counts of 10^-18 of an asset (atto units), as bigint.
// A purchase valued against a cap in another currency is a division whose result rarely ends;
// rounding it to the cent lets a purchase worth under half a cent count as zero. A fixed 18
// decimals, rounded up, keeps sums exact (bigint addition) and errs only towards counting more,
// by at most 10^-18 a purchase; decimal.js would carry significant digits, not a fixed point, so
// a large sum plus a tiny value could round the tiny one away. 18 is also what the invariants'
// `atto()` reads back from outcomes.jsonl.

import type { Decimal } from 'decimal.js';
import type { Asset } from './asset.js';
import type { Amount } from './amount.js';
import { formatMinor } from './amount.js';

export const FINE_DECIMALS = 18;

/** A value in `asset` as a count of 10^-18 of it. */
export interface FineAmount {
  readonly asset: Asset;
  readonly atto: bigint;
}

/** An amount as a fine value: exact, since no asset has more than 18 decimals. */
export function fineOf(amount: Amount): FineAmount {
  return { asset: amount.asset, atto: amount.minor * 10n ** BigInt(FINE_DECIMALS - amount.asset.scale) };
}

/** A finite decimal as numerator and power-of-ten denominator, exactly. */
function fraction(d: Decimal): [bigint, bigint] {
  const text = d.toFixed();
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const n = BigInt(whole + frac);
  return [negative ? -n : n, 10n ** BigInt(frac.length)];
}

/**
 * `amount` divided by `price` (units of `amount` per unit of `to`), in `to`, rounded up to 10^-18:
 * never less than the exact value, so a cap counted in these can never be passed by rounding.
 */
export function valueUpIn(amount: Amount, price: Decimal, to: Asset): FineAmount {
  const [n, den] = fraction(price);
  if (n <= 0n) throw new Error(`price must be positive, got ${price.toString()}`);
  const num = amount.minor * 10n ** BigInt(FINE_DECIMALS - amount.asset.scale) * den;
  // bigint division truncates towards zero: up for a negative value, one more for a positive remainder.
  const q = num / n;
  return { asset: to, atto: num % n > 0n ? q + 1n : q };
}

/** "0.004347826086956522 USD": every significant decimal, and never fewer than the asset's scale. */
export function formatFine(f: FineAmount): string {
  const full = formatMinor(f.atto, FINE_DECIMALS);
  const [whole, frac = ''] = full.split('.');
  let keep = frac.replace(/0+$/, '');
  if (keep.length < f.asset.scale) keep = keep.padEnd(f.asset.scale, '0');
  return `${keep ? `${whole}.${keep}` : whole} ${f.asset.code}`;
}
