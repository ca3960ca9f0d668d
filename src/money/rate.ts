// Prices, FX rates and their conversions on decimal.js, rounded half-even at the target scale.
// A conversion that leaves a remainder says so, so the ledger can book it by name.

import { Decimal } from 'decimal.js';
import type { Asset } from './asset.js';
import type { Amount } from './amount.js';
import { dividedExact, scaledOf, scaledOfText, timesExact, type Scaled } from './exactCost.js';

/** Decimal with enough precision that no conversion of a realistic amount is rounded early. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

/** A price: how many units of `quote` one unit of `base` costs (USDT/RUB 92.50). */
export interface Rate {
  readonly base: Asset;
  readonly quote: Asset;
  readonly value: Decimal;
  /** `value` as an integer over a power of ten, kept by a rate built once and used at every conversion. */
  readonly scaled?: Scaled;
}

export function rate(base: Asset, quote: Asset, value: Decimal.Value): Rate {
  const v = new Dec(value);
  if (!v.isFinite() || v.lte(0)) throw new Error(`rate ${base.code}/${quote.code} must be positive, got ${v.toString()}`);
  return { base, quote, value: v };
}

/** A rate a rail builds once and converts at many times (a fixed bid or ask): read into bigint once. */
export function fixedRate(base: Asset, quote: Asset, value: Decimal.Value): Rate {
  const r = rate(base, quote, value);
  return { ...r, scaled: scaledOf(r.value) };
}

/** 10^0 .. 10^40, exact: built once rather than at every conversion (a hot path of every run). */
const POWERS_OF_TEN: readonly Decimal[] = Array.from({ length: 41 }, (_, i) => new Dec(10).pow(i));
const tenTo = (scale: number): Decimal => POWERS_OF_TEN[scale] ?? new Dec(10).pow(scale);

/** The amount as a decimal count of whole units. */
export function toUnits(amount: Amount): Decimal {
  const digits = amount.minor.toString();
  // Parsed with its exponent ("1234567e-2"), not divided: the same exact value at a fraction of
  // the cost (a hot path of every run's metrics). A division rounds past 40 digits, so an amount
  // that long (none is realistic) still divides, to stay the same decimal.
  return digits.length <= 40 ? new Dec(`${digits}e-${amount.asset.scale}`) : new Dec(digits).div(tenTo(amount.asset.scale));
}

/** Whole units of `asset` rounded half-even to its minor unit. */
export function fromUnits(units: Decimal, asset: Asset): Amount {
  const minor = units.mul(tenTo(asset.scale)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  return { asset, minor: BigInt(minor.toFixed(0)) };
}

/** The value of `amount` in `to` at rate `r`, unrounded. Divides rather than multiplying by an
 * inverse: 1/96 is not exact in any precision, and a tie (312.5) must stay a tie to round half-even. */
export function valueIn(amount: Amount, r: Rate, to: Asset): Decimal {
  const units = toUnits(amount);
  if (r.base.code === amount.asset.code && r.quote.code === to.code) return units.mul(r.value);
  if (r.base.code === to.code && r.quote.code === amount.asset.code) return units.div(r.value);
  throw new Error(`rate ${r.base.code}/${r.quote.code} does not convert ${amount.asset.code} to ${to.code}`);
}

export interface Conversion {
  /** What the source buys, rounded half-even to the target's minor unit. */
  readonly target: Amount;
  /** The part of the source that rounding left unbought (negative: got for free); book it. */
  readonly residue: Amount;
}

/**
 * Converts a fixed source amount. The target is rounded half-even; the residue is the source minus
 * what the rounded target costs at the same rate, so source = cost(target) + residue exactly.
 */
export function convert(source: Amount, r: Rate, to: Asset): Conversion {
  const target = { asset: to, minor: minorIn(source, r, to) };
  const spent = minorIn(target, r, source.asset);
  return { target, residue: { asset: source.asset, minor: source.minor - spent } };
}

/** What a fixed target costs in `from` at rate `r`, rounded half-even to `from`'s minor unit. */
export function costOf(target: Amount, r: Rate, from: Asset): Amount {
  return { asset: from, minor: minorIn(target, r, from) };
}

/**
 * `valueIn` rounded half-even to `to`'s minor unit: in bigint arithmetic where that gives what
 * decimal.js gives (src/money/exactCost.ts), which is nearly always, else by decimal.js.
 */
function minorIn(amount: Amount, r: Rate, to: Asset): bigint {
  const from = amount.asset;
  const exact =
    r.base.code === from.code && r.quote.code === to.code
      ? timesExact(amount.minor, from.scale, r.scaled ?? scaledOf(r.value), to.scale)
      : r.base.code === to.code && r.quote.code === from.code
        ? dividedExact(amount.minor, from.scale, r.scaled ?? scaledOf(r.value), to.scale)
        : undefined;
  return exact ?? fromUnits(valueIn(amount, r, to), to).minor;
}

/**
 * `amount` times `factor` (a decimal, or its text as JavaScript writes a number), rounded
 * half-even to its minor unit: a fee in basis points, a drawn size.
 */
export function times(amount: Amount, factor: Decimal | string): Amount {
  const scaled = typeof factor === 'string' ? scaledOfText(factor) : scaledOf(factor);
  const exact = timesExact(amount.minor, amount.asset.scale, scaled, amount.asset.scale);
  return exact === undefined ? fromUnits(toUnits(amount).mul(factor), amount.asset) : { asset: amount.asset, minor: exact };
}

/** Basis points as a fraction: 50 bps -> 0.005. */
export function bps(n: Decimal.Value): Decimal {
  return new Dec(n).div(10_000);
}

/** `text` without the minus of a negative zero: "-0.00" -> "0.00"; anything else unchanged. */
export function unsignedZero(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A decimal to `dp` places, half-even, for people and reports: a value that rounds to zero prints
 * "0.00", never "-0.00" (decimal.js keeps the sign of -0.001 rounded to two places).
 */
export function fixed(d: Decimal.Value, dp: number): string {
  return unsignedZero(new Dec(d).toFixed(dp, Decimal.ROUND_HALF_EVEN));
}
