// Money as the record files write it, and its zod forms: amounts as "12.340000 USDT" (the digits
// after the point are the asset's scale, so the text alone gives back the exact Amount) and
// prices as exact decimal strings.

import { z } from 'zod';
import { Dec, defineAsset, formatAmount, type Amount, type Dec as Decimal } from '../money/index.js';
import { Recent } from './recent.js';

const AMOUNT = /^-?\d+(?:\.(\d+))? ([A-Z][A-Z0-9]{1,9})$/;

export const amountText = z.string().regex(AMOUNT, 'expected an amount like "12.34 RUB"');
export const decimalText = z.string().regex(/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/, 'expected a decimal number');

/** "12.340000 USDT" as an Amount of USDT at scale 6. */
export function amountFrom(text: string): Amount {
  const m = AMOUNT.exec(text);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const asset = defineAsset(m[2]!, m[1]?.length ?? 0);
  // The pattern already checked the number, and its scale is its own digits after the point: the
  // minor units are those digits without the point.
  const number = text.slice(0, text.indexOf(' '));
  const dot = number.indexOf('.');
  return { asset, minor: BigInt(dot < 0 ? number : number.slice(0, dot) + number.slice(dot + 1)) };
}

export const amountOrNull = (text: string | null): Amount | null => (text === null ? null : amountFrom(text));

/** Prices read from text, the last few kept (see recent.ts); null stays null. */
export class RecentDecimals {
  private readonly recent = new Recent((text: string) => new Dec(text));

  of(text: string | null): Decimal | null {
    return text === null ? null : this.recent.of(text);
  }
}

/** An Amount as the records write it, null staying null. */
export const textOrNull = (a: Amount | null): string | null => (a === null ? null : formatAmount(a));
