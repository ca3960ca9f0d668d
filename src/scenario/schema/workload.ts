// The workload: payments abroad (single or generated) and retail orders (single or generated).

import { z } from 'zod';
import { amountString, assetCode, duration, id, instant } from './fields.js';
import { amountDistributionSchema } from './parties.js';

export const viaSchema = z.strictObject({ stablecoin: assetCode, chain: id });

const railChoice = z.enum(['pilot', 'correspondent']);
const settlementChoice = z.enum(['sequential', 'pvp']);
/**
 * `rail` and `settlement` take one value, or a list to send the same trade once per value (twins
 * with ids suffixed by the value), so one run compares channels or modes on the same book.
 */
const rails = z.union([railChoice, z.array(railChoice).min(1)]).optional();
const settlements = z.union([settlementChoice, z.array(settlementChoice).min(1)]).optional();

export const singlePaymentSchema = z.strictObject({
  id: id.optional(),
  from: id,
  to: id,
  amount: amountString,
  via: viaSchema.optional(),
  rail: rails,
  settlement: settlements,
  at: instant,
});

const oneOrMany = z.union([id, z.array(id).min(1)]);

export const generatedPaymentsSchema = z.strictObject({
  generate: z.strictObject({
    count: z.number().int().min(1).max(10_000_000),
    from: oneOrMany,
    to: oneOrMany,
    amount: amountDistributionSchema,
    via: viaSchema.optional(),
    rail: rails,
    settlement: settlements,
    /** When arrivals begin; the scenario start when omitted. */
    start: instant.optional(),
    /** Arrivals are spread uniformly at random over this window. */
    over: duration,
  }),
});

const orderTarget = z.union([id, z.array(id).min(1), z.strictObject({ population: id })], {
  error: 'expected a participant id, a list of them, or {population: <prefix>}',
});

/** A purchase (`buy` a coin, `spend` RUB) or a sale (`sell` an amount of coin) by an individual or miner. */
export const singleOrderSchema = z.union([
  z.strictObject({ id: id.optional(), by: id, buy: assetCode, spend: amountString, at: instant }),
  z.strictObject({ id: id.optional(), by: id, sell: amountString, at: instant }),
]);

export const generatedOrdersSchema = z.strictObject({
  generate: z.union([
    z.strictObject({ count: z.number().int().min(1).max(10_000_000), by: orderTarget, buy: assetCode, spend: amountDistributionSchema, start: instant.optional(), over: duration }),
    z.strictObject({ count: z.number().int().min(1).max(10_000_000), by: orderTarget, sell: amountDistributionSchema, start: instant.optional(), over: duration }),
  ]),
});
