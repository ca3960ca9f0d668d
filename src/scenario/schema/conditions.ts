// The conditions of a run: the legal regime, faults, rail latencies and limits, the
// correspondent baseline and NPCS clearing.

import { z } from 'zod';
import { amlSchema, capsSchema, ruleSchema } from '../../rails/regime/schema.js';
import { VENUES } from '../markets.js';
import { DEFAULTS } from '../defaults.js';
import { BASELINE_NAMES, DEFAULT_BASELINE } from '../../rails/correspondent/baselines.js';
import { ID, amountString, assetCode, bpsValue, decimalString, duration, id, instant, positiveDuration, share } from './fields.js';

export const regimeChoiceSchema = z.strictObject({
  preset: z.enum(['as-reported-2024', 'dfa-law', 'concept-2025']).optional().meta({ description: 'The legal regime preset (src/rails/regime/presets).', default: 'as-reported-2024' }),
  rules: z.array(ruleSchema).optional().meta({ description: 'Rules replacing the preset\'s rule of the same id, or added to them.' }),
  caps: capsSchema.optional(),
  aml: amlSchema.optional(),
});
const factor = z.number().int().min(1).max(1000);

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('chainHalt'), chain: id, at: instant, for: duration }).meta({ description: 'The chain produces no blocks from `at` for `for`.' }),
  z.strictObject({ kind: z.literal('chainCongestion'), chain: id, at: instant, for: duration, blockTimeFactor: factor, feeFactor: factor }).meta({ description: 'Blocks every `blockTimeFactor` intervals, each demanding `feeFactor` times the fee.' }),
  z.strictObject({ kind: z.literal('exchangeOutage'), venue: z.enum(VENUES), at: instant, for: duration }).meta({ description: 'An exchange venue takes no orders.' }),
  z.strictObject({ kind: z.literal('offrampOutage'), market: z.string(), at: instant, for: duration }).meta({ description: 'An off-ramp (`USDT/CNY`) fails the payouts that fall in the window.' }),
  z.strictObject({ kind: z.literal('depeg'), coin: assetCode, by: decimalString, at: instant, for: duration }).meta({ description: 'A stablecoin trades `by` (a fraction, "0.03" is 3%) below its peg or basket value.' }),
  z.strictObject({ kind: z.literal('duplicateMessages'), share: z.number().min(0).max(1), at: instant, for: duration }).meta({ description: 'Requests to the rails delivered twice (a retry after a lost acknowledgement): `share` of them, from `at` for `for`.' }),
]).meta({ description: 'A fault in a window of simulated time.', examples: [{ kind: 'chainHalt', chain: 'tron', at: '2024-09-02T10:00:00Z', for: 'PT2H' }] });

export const railsSchema = z.strictObject({
  screeningLatency: duration.optional().meta({ description: 'Typical time for a sanctions screening answer.', default: DEFAULTS.screeningLatency }),
  bankLatency: duration.optional().meta({ description: 'Typical time for a bank to place a hold.', default: DEFAULTS.bankLatency }),
  exchangeLatency: duration.optional().meta({ description: 'Typical time for NPCS and the exchange to answer a quote or fill an order.', default: DEFAULTS.exchangeLatency }),
  holdTimeout: duration.optional().meta({ description: 'How long a RUB hold may stay pending before it expires.', default: DEFAULTS.holdTimeout }),
  maxQuoteAttempts: z.number().int().min(1).max(20).optional().meta({ description: 'Quotes tried before a payment is rejected for expired quotes.', default: DEFAULTS.maxQuoteAttempts }),
  pvpHoldTimeout: duration.optional().meta({ description: 'How long a PvP payment\'s RUB hold may stay pending: it must outlast the chain leg and the payout.', default: DEFAULTS.pvpHoldTimeout }),
  npcsFeeBps: bpsValue.optional().meta({ description: 'NPCS\'s charge on the RUB leg of a foreign-trade conversion, bps. None is sourced: 0 unless a scenario assumes one.', default: DEFAULTS.npcsFeeBps }),
});

const msWindow = z.strictObject({ min: duration, max: duration }).meta({ description: 'A wait drawn uniformly between min and max.', examples: [{ min: 'P1D', max: 'P5D' }] });
const shareWindow = z.strictObject({ share: z.number().gt(0).max(1), min: duration, max: duration });
/** One window, or windows picked with their shares (summing to 1), for waits like "90% within an hour". */
const waitSchema = z
  .union([msWindow, z.array(shareWindow).min(1)], { error: 'expected {min, max} durations, or a list of {share, min, max} whose shares sum to 1' })
  .refine((w) => !Array.isArray(w) || Math.abs(w.reduce((a, x) => a + x.share, 0) - 1) < 1e-9, { error: 'expected the shares of the windows to sum to 1' })
  .meta({
    description: 'A wait: one window drawn uniformly, or windows picked with their shares (summing to 1), then a time uniformly inside.',
    examples: [{ min: 'P1D', max: 'P5D' }, [{ share: 0.9, min: 'PT30S', max: 'PT30M' }, { share: 0.1, min: 'PT1H', max: 'P2D' }]],
  });

export const correspondentSchema = z
  .strictObject({
    baseline: z
      .enum(BASELINE_NAMES)
      .optional()
      .meta({
        description:
          "The sourced preset the other fields override (src/rails/correspondent/baselines.ts): swift-2024, an ordinary corridor at Swift's 2024 speed; russia-china-sanctioned, the Russia-China corridor under sanctions risk as reported in 2024-25; assumptions, the project's unsourced defaults.",
        default: DEFAULT_BASELINE,
        examples: ['russia-china-sanctioned'],
      }),
    feeFixed: amountString.optional().meta({ description: "Sending bank's flat fee." }),
    feeBps: bpsValue.optional().meta({ description: 'Fees of the correspondents (or payment agents) along the chain, bps of the RUB principal.' }),
    fxSpreadBps: bpsValue.optional().meta({ description: "Full spread of the bank's RUB to local-currency conversion." }),
    toBeneficiaryBank: waitSchema.optional().meta({ description: "From the debit to the payment reaching the beneficiary's bank." }),
    toCustomer: waitSchema.optional().meta({ description: "From reaching the beneficiary's bank to the credit on the customer's account." }),
    settlement: msWindow
      .optional()
      .meta({ description: "From sending to the beneficiary's credit, drawn uniformly: shorthand for toBeneficiaryBank with an immediate credit (toCustomer PT0S)." }),
    rejection: z
      .record(z.string().regex(/^[A-Z]{2}$/, { error: 'expected a country code like "CN"' }), share)
      .optional()
      .meta({ description: "Probability a correspondent rejects a payment, by the payee's country (de-risking of sanctioned corridors); merged over the baseline's, country by country.", examples: [{ CN: 0.75 }] }),
    rejectionAfter: msWindow.optional().meta({ description: 'When a rejection arrives after sending, drawn uniformly.' }),
    returnFee: amountString.optional().meta({ description: 'RUB withheld from a returned payment.' }),
  })
  .meta({ description: 'The correspondent-banking channel the pilot bypasses, as a baseline for `rail: correspondent`.', examples: [{ baseline: 'russia-china-sanctioned', rejection: { IN: 0.1 } }] });

export const clearingSchema = z.strictObject({
  cycle: positiveDuration.meta({ description: 'Length of one clearing cycle.', examples: ['PT1H'] }),
  reserve: amountString.meta({ description: 'Each member\'s opening reserve at the central bank.' }),
  reserves: z.record(z.string().regex(ID, { error: 'expected a member id' }), decimalString).optional().meta({ description: 'Reserves of particular members (banks by id, exchanges as `exchange-spb`, `exchange-moscow`).' }),
}).meta({ description: 'NPCS clearing: obligations between member banks netted over each cycle, nets settled at its end.' });
