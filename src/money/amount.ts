// Amounts as integer counts of an asset's minor unit (bigint), as TigerBeetle and Rafiki keep
// them: exact addition, no float ever, and a scale that cannot be mixed up.

import type { Asset } from './asset.js';

export interface Amount {
  readonly asset: Asset;
  /** Count of minor units (kopecks, micro-USDT, satoshis); may be negative in postings. */
  readonly minor: bigint;
}

export function amountOf(asset: Asset, minor: bigint): Amount {
  return { asset, minor };
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a decimal string such as "100000.00" as minor units of `asset`. Returns an error message
 * instead of rounding when the string has more decimals than the asset's scale.
 */
export function parseMinor(text: string, asset: Asset): bigint | string {
  const m = DECIMAL.exec(text.trim());
  if (!m) return `expected a decimal number like "1234.56", got ${JSON.stringify(text)}`;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > asset.scale) {
    return `${asset.code} has ${asset.scale} decimal places; ${JSON.stringify(text)} has ${frac.length}`;
  }
  const minor = BigInt(whole! + frac.padEnd(asset.scale, '0'));
  return sign ? -minor : minor;
}

/** Formats minor units as a plain decimal string with exactly the asset's scale: "-9250000.00". */
export function formatMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative ? '-' : '') + whole + frac;
}

export function formatAmount(amount: Amount): string {
  return `${formatMinor(amount.minor, amount.asset.scale)} ${amount.asset.code}`;
}

function sameAsset(a: Amount, b: Amount): void {
  if (a.asset.code !== b.asset.code) {
    throw new Error(`cannot combine ${a.asset.code} with ${b.asset.code}`);
  }
}

export function add(a: Amount, b: Amount): Amount {
  sameAsset(a, b);
  return { asset: a.asset, minor: a.minor + b.minor };
}

export function sub(a: Amount, b: Amount): Amount {
  sameAsset(a, b);
  return { asset: a.asset, minor: a.minor - b.minor };
}

export function zero(asset: Asset): Amount {
  return { asset, minor: 0n };
}
