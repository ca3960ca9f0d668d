// What a scenario trades on and moves through: assets, markets (exchanges and off-ramps), fx
// rates and chains, with the chain presets' sourced figures.

import { z } from 'zod';
import { amountString, assetCode, bpsValue, decimalString, duration, positiveDuration } from './fields.js';

export const assetSchema = z.strictObject({
  scale: z.number().int().min(0).max(18),
  peg: assetCode.optional(),
  /**
   * A basket coin: each member currency's share of its value at the start (shares sum to 1). Its
   * value then moves with the members' fx rates against RUB (`fx: {CNY/RUB: ...}`).
   */
  basket: z.record(assetCode, decimalString).optional(),
});

/**
 * A market `BASE/QUOTE`, priced in QUOTE per BASE (`USDT/RUB: {mid: "92.50"}` is 92.50 RUB for
 * one USDT). A market against RUB is an exchange: `USDT/RUB` (or `USDT/RUB@spb`) at St. Petersburg,
 * which NPCS routes foreign-trade orders to, `USDT/RUB@moscow` at Moscow, for domestic orders. One
 * against a foreign currency is a foreign off-ramp paying out that currency.
 */
export const marketSchema = z.strictObject({
  mid: decimalString,
  spreadBps: bpsValue,
  /** Exchange: how long a quote stays valid. */
  quoteTtl: duration.optional(),
  /** Exchange: coin inventory it starts with; orders beyond it are refused. */
  depth: decimalString.optional(),
  /** Exchange: extra bps of price for an order as large as the whole starting depth. */
  slippageBps: bpsValue.optional(),
  /** Off-ramp: typical time from receiving the coin to crediting the beneficiary. */
  delay: duration.optional(),
  /** Off-ramp: local currency it holds to pay out with. */
  liquidity: decimalString.optional(),
  /** Exchange: RUB it holds to buy coin back with (default: depth times mid). */
  fiatDepth: decimalString.optional(),
  /** Off-ramp: how far, in bps, the coin's value may fall between quote and payout before the payout fails. */
  toleranceBps: bpsValue.optional(),
});

/**
 * A chain. `preset: tron | ethereum` fills block time, confirmations and the USDT fee from sourced
 * figures (CHAIN_PRESETS in src/scenario/model.ts); any field given overrides it. The fee is paid in
 * the coin sent: one amount, or one per coin the chain carries (`{USDT: "1.70", AXCNH: "12.20"}`).
 */
export const chainSchema = z.strictObject({
  preset: z.enum(['tron', 'ethereum']).optional(),
  blockTime: positiveDuration.optional(),
  confirmations: z.number().int().min(1).max(10_000).optional(),
  fee: z
    .union([amountString, z.record(assetCode, decimalString)], { error: 'expected an amount as a string, like "2.00 USDT", or fees per coin, like {USDT: "2.00"}' })
    .optional(),
  /** How long a transfer may wait for a block before it is dropped and the payment unwound. */
  inclusionTimeout: duration.optional(),
});

export const fxSchema = z.strictObject({
  mid: decimalString,
  /** Standard deviation of the log rate over an hour, in basis points; 0 keeps it fixed. */
  volatilityBps: z.number().min(0).max(10_000).optional(),
});

/** Figures behind `preset:` on a chain, each with its source (docs/sources.md, "Rails"). */
export const CHAIN_PRESETS = {
  /** Tron docs: ~3 s blocks, "solidified" after 19; USDT fee ~1.7-3.9 USD when TRX is burned (2025 fee analyses, reported). */
  tron: { blockTime: 'PT3S', confirmations: 19, fee: { USDT: '1.70' } },
  /** Ethereum docs: 12 s slots; processors want 12 confirmations; USDT fee ~3-10 USD (2025 fee analyses, reported). */
  ethereum: { blockTime: 'PT12S', confirmations: 12, fee: { USDT: '5.00' } },
} as const;

type ChainInput = z.output<typeof chainSchema>;

/** A chain's fee per coin, as decimal text: its own, on top of its preset's. */
export function chainFeeTexts(c: ChainInput): Record<string, string> {
  const preset = c.preset ? { ...CHAIN_PRESETS[c.preset].fee } : {};
  if (c.fee === undefined) return preset;
  if (typeof c.fee === 'string') {
    const [num, code] = c.fee.split(' ') as [string, string];
    return { ...preset, [code]: num };
  }
  return { ...preset, ...c.fee };
}

/** A chain's block time and confirmations, its own or its preset's (the schema ensures one is there). */
export function chainTiming(c: ChainInput): { blockTime: string; confirmations: number } {
  const preset = c.preset ? CHAIN_PRESETS[c.preset] : undefined;
  return { blockTime: c.blockTime ?? preset!.blockTime, confirmations: c.confirmations ?? preset!.confirmations };
}
