// The scenario format's small field types: decimals, amounts, durations, instants, ids, codes.
// Each refuses a malformed value with a message saying what was expected, like "PT30S".

import { z } from 'zod';
import { parseDuration } from '../../money/index.js';
import { parseInstant } from '../../sim/index.js';

export const DECIMAL = /^\d+(\.\d+)?$/;
/** Signed here so that a negative amount is refused as "not greater than zero", not as malformed. */
export const AMOUNT = /^(-?\d+(?:\.\d+)?) ([A-Z][A-Z0-9]{1,9})$/;
export const ID = /^[a-z0-9][a-z0-9-]*$/;

export const decimalString = z
  .string({ error: 'expected a decimal number as a string, like "92.50"' })
  .regex(DECIMAL, { error: 'expected a non-negative decimal number as a string, like "92.50"' })
  .meta({ description: 'A non-negative decimal number written as a string, so no precision is lost.', examples: ['92.50'] });

export const amountString = z
  .string({ error: 'expected an amount as a string, like "100000.00 CNY"' })
  .regex(AMOUNT, { error: 'expected an amount as a string, like "100000.00 CNY"' })
  .meta({ description: 'An amount and its asset code, as a string.', examples: ['100000.00 CNY', '2.00 USDT'] });

export const duration = z
  .string({ error: 'expected an ISO 8601 duration as a string, like "PT30S" or "PT2H"' })
  .refine((s) => parseDuration(s) !== undefined, { error: 'expected an ISO 8601 duration like "PT30S", "PT2H" or "P1DT6H"' })
  .meta({ description: 'An ISO 8601 duration.', examples: ['PT30S', 'PT2H', 'P1DT6H'] });

/** A duration that must be longer than zero: block intervals, mining schedules. */
export const positiveDuration = duration
  .refine((s) => (parseDuration(s) ?? 0) > 0, { error: 'expected a duration longer than zero, like "PT3S"' })
  .meta({ description: 'An ISO 8601 duration longer than zero.', examples: ['PT3S', 'PT1H'] });

export const instant = z
  .string({ error: 'expected an ISO 8601 date-time as a string, like "2024-09-02T09:05:00Z"' })
  .refine((s) => parseInstant(s) !== undefined, { error: 'expected an ISO 8601 date-time with a zone, like "2024-09-02T09:05:00Z"' })
  .meta({ description: 'An ISO 8601 date-time with its zone (simulated time).', examples: ['2024-09-02T09:05:00Z'] });

export const id = z
  .string({ error: 'expected an id as a string' })
  .regex(ID, { error: 'expected an id of lower-case letters, digits and hyphens, like "importer-msk"' })
  .meta({ description: 'An id of lower-case letters, digits and hyphens.', examples: ['importer-msk'] });

export const assetCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, { error: 'expected an asset code like "USDT"' })
  .meta({ description: 'An asset code: a currency or a coin.', examples: ['USDT', 'RUB', 'CNY'] });

export const bpsValue = z.union([z.number().int().nonnegative(), decimalString], {
  error: 'expected basis points as a whole number or a decimal string, like 50 or "12.5"',
}).meta({ description: 'Basis points (1 bps = 0.01%): a whole number or a decimal string.', examples: [50, '12.5'] });

export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166 two-letter country code like "RU"' })
  .meta({ description: 'An ISO 3166 two-letter country code.', examples: ['RU', 'CN'] });
export const share = z.number().min(0).max(1).meta({ description: 'A share from 0 to 1.', examples: [0.25] });
