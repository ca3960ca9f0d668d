// Who takes part: named participants, populations of individuals, and the sanctions list.

import { z } from 'zod';
import { amountString, assetCode, country, decimalString, id, instant, positiveDuration, share } from './fields.js';

export const amountDistributionSchema = z
  .union([
    z.strictObject({ fixed: amountString }),
    z.strictObject({
      logNormal: z.strictObject({
        median: amountString,
        sigma: z.number().min(0).max(5).meta({ description: 'Standard deviation of the log amount; 0 gives the median every time.', examples: [0.6] }),
      }),
    }),
  ])
  .meta({ description: 'Amounts drawn for each item: one fixed amount, or log-normal around a median.', examples: [{ fixed: '1000.00 USDT' }, { logNormal: { median: '60000.00 CNY', sigma: 0.6 } }] });

const investorCategory = z.enum(['qualified', 'nonQualified']);

export const participantSchema = z.strictObject({
  id,
  kind: z.enum(['company', 'individual', 'miner']),
  country,
  bank: id.optional().meta({ description: 'The bank (an NPCS member) holding its RUB account.', examples: ['bank-a'] }),
  balances: z.record(assetCode, decimalString).optional().meta({ description: 'Opening balances by asset, in major units.', examples: [{ RUB: '3000000000.00' }] }),
  kyc: z.boolean().optional().meta({ description: 'False while the bank has not completed KYC; complete when omitted.' }),
  investor: z.strictObject({ category: investorCategory, passedTest: z.boolean() }).optional().meta({ description: 'For individuals who buy crypto: their category, and for non-qualified ones the knowledge test.' }),
  registered: z.boolean().optional().meta({ description: 'For miners: entered in the miners\' registry (Law 221-FZ).' }),
  mining: z.strictObject({ every: positiveDuration, reward: amountDistributionSchema }).optional().meta({ description: 'For miners: mined coin credited to custody on a schedule, drawn from the seeded stream.' }),
});

/** Many individuals at once, with ids `<prefix>-00001`..., for retail activity at volume. */
export const populationSchema = z.strictObject({
  prefix: id,
  count: z.number().int().min(1).max(1_000_000),
  country: country.optional(),
  banks: z.array(id).min(1),
  qualifiedShare: share,
  passedTestShare: share,
  balance: amountDistributionSchema,
}).meta({ description: 'Many individuals at once, with ids `<prefix>-00001`..., for retail activity at volume.' });

export const sanctionSchema = z
  .union([id, z.strictObject({ party: id, from: instant })], {
    error: 'expected a participant id, or {party: <id>, from: <ISO date-time>} for a listing during the run',
  })
  .meta({ description: 'A listed party: listed from the start, or from an instant during the run.', examples: ['supplier-sz', { party: 'supplier-sz', from: '2024-09-02T12:00:00Z' }] });
