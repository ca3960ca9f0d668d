// Money as the record files write it, and its zod forms: amounts as "12.340000 USDT" (the digits
// after the point are the asset's scale, so the text alone gives back the exact Amount) and
// prices as exact decimal strings.

import { z } from 'zod';
import { Dec, defineAsset, formatAmount, parseMinor, type Amount, type Dec as Decimal } from '../money/index.js';

const AMOUNT = /^-?\d+(?:\.(\d+))? ([A-Z][A-Z0-9]{1,9})$/;

export const amountText = z.string().regex(AMOUNT, 'expected an amount like "12.34 RUB"');
export const decimalText = z.string().regex(/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/, 'expected a decimal number');

/** "12.340000 USDT" as an Amount of USDT at scale 6. */
export function amountFrom(text: string): Amount {
  const m = AMOUNT.exec(text);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const asset = defineAsset(m[2]!, m[1]?.length ?? 0);
  return { asset, minor: parseMinor(text.slice(0, text.indexOf(' ')), asset) as bigint };
}

export const amountOrNull = (text: string | null): Amount | null => (text === null ? null : amountFrom(text));
export const decOrNull = (text: string | null): Decimal | null => (text === null ? null : new Dec(text));

/** An Amount as the records write it, null staying null. */
export const textOrNull = (a: Amount | null): string | null => (a === null ? null : formatAmount(a));
