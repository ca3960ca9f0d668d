// The workload: payments abroad (single or generated) and retail orders (single or generated).

import { z } from 'zod';
import { amountString, assetCode, duration, id, instant } from './fields.js';
import { amountDistributionSchema } from './parties.js';

export const viaSchema = z
  .strictObject({ stablecoin: assetCode, chain: id })
  .meta({ description: 'The coin and the chain a pilot payment travels on (the first declared when omitted).', examples: [{ stablecoin: 'USDT', chain: 'tron' }] });

const railChoice = z.enum(['pilot', 'correspondent']);
const settlementChoice = z.enum(['sequential', 'pvp']);
/**
 * `rail` and `settlement` take one value, or a list to send the same trade once per value (twins
 * with ids suffixed by the value), so one run compares channels or modes on the same book.
 */
const rails = z
  .union([railChoice, z.array(railChoice).min(1)])
  .optional()
  .meta({ description: 'pilot or correspondent, or a list to send the same trade once per channel.', default: 'pilot', examples: [['pilot', 'correspondent']] });
const settlements = z
  .union([settlementChoice, z.array(settlementChoice).min(1)])
  .optional()
  .meta({ description: 'sequential, or pvp (the RUB leg held until the payout is final), or a list of both.', default: 'sequential' });

export const singlePaymentSchema = z.strictObject({
  id: id.optional(),
  from: id.meta({ description: 'The payer.' }),
  to: id.meta({ description: 'The beneficiary.' }),
  amount: amountString.meta({ description: "What the beneficiary is to receive, in its currency.", examples: ['100000.00 CNY'] }),
  via: viaSchema.optional(),
  rail: rails,
  settlement: settlements,
  at: instant,
});

const oneOrMany = z.union([id, z.array(id).min(1)]);

export const generatedPaymentsSchema = z.strictObject({
  generate: z.strictObject({
    count: z.number().int().min(1).max(10_000_000).meta({ description: 'How many payments.' }),
    from: oneOrMany,
    to: oneOrMany,
    amount: amountDistributionSchema,
    via: viaSchema.optional(),
    rail: rails,
    settlement: settlements,
    start: instant.optional().meta({ description: 'When arrivals begin; the scenario start when omitted.' }),
    over: duration.meta({ description: 'Arrivals are spread uniformly at random over this window.' }),
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
