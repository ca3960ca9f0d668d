// The conditions of a run: the legal regime, faults, rail latencies and limits, the
// correspondent baseline and NPCS clearing.

import { z } from 'zod';
import { amlSchema, capsSchema, ruleSchema } from '../../rails/regime/schema.js';
import { VENUES } from '../markets.js';
import { ID, amountString, assetCode, bpsValue, decimalString, duration, id, instant, positiveDuration, share } from './fields.js';

export const regimeChoiceSchema = z.strictObject({
  /** as-reported-2024 (default), dfa-law or concept-2025. */
  preset: z.enum(['as-reported-2024', 'dfa-law', 'concept-2025']).optional(),
  /** Rules replacing the preset's rule of the same id, or added to them. */
  rules: z.array(ruleSchema).optional(),
  caps: capsSchema.optional(),
  aml: amlSchema.optional(),
});
const factor = z.number().int().min(1).max(1000);

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('chainHalt'), chain: id, at: instant, for: duration }),
  /** Blocks every `blockTimeFactor` intervals, each demanding `feeFactor` times the fee. */
  z.strictObject({ kind: z.literal('chainCongestion'), chain: id, at: instant, for: duration, blockTimeFactor: factor, feeFactor: factor }),
  /** An exchange venue takes no orders. */
  z.strictObject({ kind: z.literal('exchangeOutage'), venue: z.enum(VENUES), at: instant, for: duration }),
  /** An off-ramp (`USDT/CNY`) fails the payouts that fall in the window. */
  z.strictObject({ kind: z.literal('offrampOutage'), market: z.string(), at: instant, for: duration }),
  /** A stablecoin trades `by` (a fraction, "0.03" is 3%) below its peg or basket value. */
  z.strictObject({ kind: z.literal('depeg'), coin: assetCode, by: decimalString, at: instant, for: duration }),
  /** Requests to the rails delivered twice (a retry after a lost acknowledgement): `share` of them, from `at` for `for`. */
  z.strictObject({ kind: z.literal('duplicateMessages'), share: z.number().min(0).max(1), at: instant, for: duration }),
]);

export const railsSchema = z.strictObject({
  /** Typical time for a sanctions screening answer. */
  screeningLatency: duration.optional(),
  /** Typical time for a bank to place a hold. */
  bankLatency: duration.optional(),
  /** Typical time for NPCS and the exchange to answer a quote or fill an order. */
  exchangeLatency: duration.optional(),
  /** How long a RUB hold may stay pending before it expires. */
  holdTimeout: duration.optional(),
  /** Quotes tried before a payment is rejected for expired quotes. */
  maxQuoteAttempts: z.number().int().min(1).max(20).optional(),
  /** How long a PvP payment's RUB hold may stay pending: it must outlast the chain leg and the payout. */
  pvpHoldTimeout: duration.optional(),
  /** NPCS's charge on the RUB leg of a foreign-trade conversion, bps. None is sourced: 0 unless a scenario assumes one. */
  npcsFeeBps: bpsValue.optional(),
});

const msWindow = z.strictObject({ min: duration, max: duration });

/** The correspondent-banking channel the pilot bypasses, as a baseline for `rail: correspondent`. */
export const correspondentSchema = z.strictObject({
  /** Sending bank's flat fee. */
  feeFixed: amountString.optional(),
  /** Fees of the correspondents along the chain, bps of the RUB principal. */
  feeBps: bpsValue.optional(),
  /** Full spread of the bank's RUB to local-currency conversion. */
  fxSpreadBps: bpsValue.optional(),
  /** From sending to the beneficiary's credit, drawn uniformly. */
  settlement: msWindow.optional(),
  /** Probability a correspondent rejects a payment, by the payee's country (de-risking of sanctioned corridors). */
  rejection: z.record(z.string().regex(/^[A-Z]{2}$/, { error: 'expected a country code like "CN"' }), share).optional(),
  /** When a rejection arrives after sending, drawn uniformly. */
  rejectionAfter: msWindow.optional(),
  /** RUB withheld from a returned payment. */
  returnFee: amountString.optional(),
});

/** NPCS clearing: obligations between member banks netted over each cycle, nets settled at its end. */
export const clearingSchema = z.strictObject({
  cycle: positiveDuration,
  /** Each member's opening reserve at the central bank. */
  reserve: amountString,
  /** Reserves of particular members (banks by id, exchanges as `exchange-spb`, `exchange-moscow`). */
  reserves: z.record(z.string().regex(ID, { error: 'expected a member id' }), decimalString).optional(),
});
