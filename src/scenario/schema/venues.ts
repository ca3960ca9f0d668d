// What a scenario trades on and moves through: assets, markets (exchanges and off-ramps), fx
// rates and chains, with the chain presets' sourced figures.

import { z } from 'zod';
import { DEFAULTS } from '../defaults.js';
import { amountString, assetCode, bpsValue, decimalString, duration, positiveDuration } from './fields.js';

export const assetSchema = z.strictObject({
  scale: z.number().int().min(0).max(18).meta({ description: 'Decimal places of its minor unit (RUB 2, USDT 6, BTC 8).', examples: [6] }),
  peg: assetCode.optional().meta({ description: 'A stablecoin: the currency it is pegged to.', examples: ['USD'] }),
  basket: z
    .record(assetCode, decimalString)
    .optional()
    .meta({
      description: "A basket coin: each member currency's share of its value at the start (shares sum to 1). Its value then moves with the members' fx rates against RUB (`fx: {CNY/RUB: ...}`).",
      examples: [{ CNY: '0.4', INR: '0.3', RUB: '0.3' }],
    }),
}).meta({ description: 'An asset the simulator does not know already (it knows RUB, USDT, BTC and the common currencies).' });

/** A market (exchange or off-ramp); its description is in the schema's metadata. */
export const marketSchema = z.strictObject({
  mid: decimalString.meta({ description: 'Mid price, in QUOTE for one BASE.', examples: ['92.50'] }),
  spreadBps: bpsValue.meta({ description: 'Full bid-ask spread in bps; a buyer pays mid plus half of it.', examples: [50] }),
  quoteTtl: duration.optional().meta({ description: 'Exchange: how long a quote stays valid.', default: DEFAULTS.quoteTtl }),
  depth: decimalString.optional().meta({ description: 'Exchange: coin inventory it starts with; orders beyond it are refused.', default: DEFAULTS.depth }),
  slippageBps: bpsValue.optional().meta({ description: 'Exchange: extra bps of price for an order as large as the whole starting depth.', default: DEFAULTS.slippageBps }),
  delay: duration.optional().meta({ description: 'Off-ramp: typical time from receiving the coin to crediting the beneficiary.', default: DEFAULTS.offrampDelay }),
  liquidity: decimalString.optional().meta({ description: 'Off-ramp: local currency it holds to pay out with.', default: DEFAULTS.offrampLiquidity }),
  fiatDepth: decimalString.optional().meta({ description: 'Exchange: RUB it holds to buy coin back with (default: depth times mid).' }),
  toleranceBps: bpsValue.optional().meta({ description: "Off-ramp: how far, in bps, the coin's value may fall between quote and payout before the payout fails.", default: DEFAULTS.offrampToleranceBps }),
}).meta({
  description:
    'A market `BASE/QUOTE`, priced in QUOTE per BASE. Against RUB it is an exchange (`USDT/RUB` or `USDT/RUB@spb` at St. Petersburg for foreign trade, `USDT/RUB@moscow` for domestic orders); against a foreign currency, an off-ramp paying out that currency.',
  examples: [{ mid: '92.50', spreadBps: 50, depth: '20000000' }],
});

/** A chain; CHAIN_PRESETS below holds the sourced figures behind `preset`. */
export const chainSchema = z.strictObject({
  preset: z.enum(['tron', 'ethereum']).optional().meta({ description: 'Sourced block time, confirmations and USDT fee: tron (3 s, 19, 1.70 USDT) or ethereum (12 s, 12, 5.00 USDT).' }),
  blockTime: positiveDuration.optional().meta({ description: "Time between blocks (the preset's when omitted)." }),
  confirmations: z.number().int().min(1).max(10_000).optional().meta({ description: 'Blocks after inclusion before the receiver treats a transfer as final.', examples: [19] }),
  fee: z
    .union([amountString, z.record(assetCode, decimalString)], { error: 'expected an amount as a string, like "2.00 USDT", or fees per coin, like {USDT: "2.00"}' })
    .optional()
    .meta({ description: 'Transfer fee, paid in the coin sent: one amount, or one per coin.', examples: ['2.00 USDT', { USDT: '1.70', AXCNH: '12.20' }] }),
  inclusionTimeout: duration.optional().meta({ description: 'How long a transfer may wait for a block before it is dropped and the payment unwound.', default: DEFAULTS.inclusionTimeout }),
}).meta({
  description: 'A chain. `preset` fills block time, confirmations and the USDT fee from sourced figures; any field given overrides it.',
  examples: [{ preset: 'tron', fee: '2.00 USDT' }],
});

export const fxSchema = z.strictObject({
  mid: decimalString.meta({ description: 'RUB for one unit of the currency at the start.', examples: ['13.03'] }),
  volatilityBps: z.number().min(0).max(10_000).optional().meta({ description: 'Standard deviation of the log rate over an hour, in basis points; 0 keeps it fixed.' }),
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
