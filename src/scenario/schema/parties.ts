// Who takes part: named participants, populations of individuals, and the sanctions list.

import { z } from 'zod';
import { amountString, assetCode, country, decimalString, id, instant, positiveDuration, share } from './fields.js';

export const amountDistributionSchema = z.union([
  z.strictObject({ fixed: amountString }),
  z.strictObject({
    logNormal: z.strictObject({
      median: amountString,
      sigma: z.number().min(0).max(5),
    }),
  }),
]);

const investorCategory = z.enum(['qualified', 'nonQualified']);

export const participantSchema = z.strictObject({
  id,
  kind: z.enum(['company', 'individual', 'miner']),
  country,
  bank: id.optional(),
  balances: z.record(assetCode, decimalString).optional(),
  /** False while the bank has not completed KYC; complete when omitted. */
  kyc: z.boolean().optional(),
  /** For individuals who buy crypto: their category, and for non-qualified ones the knowledge test. */
  investor: z.strictObject({ category: investorCategory, passedTest: z.boolean() }).optional(),
  /** For miners: entered in the miners' registry (Law 221-FZ). */
  registered: z.boolean().optional(),
  /** For miners: mined coin credited to custody on a schedule, drawn from the seeded stream. */
  mining: z.strictObject({ every: positiveDuration, reward: amountDistributionSchema }).optional(),
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
});

export const sanctionSchema = z.union([id, z.strictObject({ party: id, from: instant })], {
  error: 'expected a participant id, or {party: <id>, from: <ISO date-time>} for a listing during the run',
});
