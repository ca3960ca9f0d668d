// Compiling what a scenario trades on and moves through: exchanges and off-ramps from its
// markets, chains with their presets, and the facts the run's prices are made of.

import { DEFAULTS } from '../defaults.js';
import { parseMarketKey } from '../markets.js';
import { chainFeeTexts, chainTiming } from '../schema/venues.js';
import type { Scenario } from '../schema.js';
import type { ChainModel, ExchangeModel, FaultModel, OfframpModel, PriceFacts } from '../model.js';
import { dec, ms, type Reader } from './read.js';

export function compileMarkets(s: Scenario, r: Reader, faults: readonly FaultModel[]) {
  const exchanges: ExchangeModel[] = [];
  const offramps: OfframpModel[] = [];
  const mids = new Map(Object.entries(s.markets).map(([key, m]) => [key, dec(m.mid)]));
  for (const [key, m] of Object.entries(s.markets)) {
    const { base, quote, venue } = parseMarketKey(key);
    const path = `markets.${key}`;
    if (venue) {
      const depth = r.or(m.depth, DEFAULTS.depth, `${path}.depth`);
      // RUB to buy coin back with; by default what the starting inventory is worth at mid.
      const fiatDepth = m.fiatDepth ?? dec(depth).mul(dec(m.mid)).toFixed(r.assets.get(quote).scale);
      exchanges.push({
        key,
        venue,
        coin: r.assets.get(base),
        fiat: r.assets.get(quote),
        mid: dec(m.mid),
        spreadBps: dec(m.spreadBps),
        slippageBps: dec(r.or(m.slippageBps, DEFAULTS.slippageBps, `${path}.slippageBps`)),
        quoteTtlMs: ms(r.or(m.quoteTtl, DEFAULTS.quoteTtl, `${path}.quoteTtl`)),
        depth: r.assets.value(depth, base),
        fiatDepth: r.assets.value(fiatDepth, quote),
        outages: faults.flatMap((f) => (f.kind === 'exchangeOutage' && f.venue === venue ? [{ from: f.from, to: f.to }] : [])),
      });
    } else {
      offramps.push({
        key,
        coin: r.assets.get(base),
        currency: r.assets.get(quote),
        mid: dec(m.mid),
        spreadBps: dec(m.spreadBps),
        delayMs: ms(r.or(m.delay, DEFAULTS.offrampDelay, `${path}.delay`)),
        toleranceBps: dec(r.or(m.toleranceBps, DEFAULTS.offrampToleranceBps, `${path}.toleranceBps`)),
        liquidity: r.assets.value(r.or(m.liquidity, DEFAULTS.offrampLiquidity, `${path}.liquidity`), quote),
        outages: faults.flatMap((f) => (f.kind === 'offrampOutage' && f.market === key ? [{ from: f.from, to: f.to }] : [])),
      });
    }
  }
  return { exchanges, offramps, mids };
}

export function compileChains(s: Scenario, r: Reader, faults: readonly FaultModel[]): ChainModel[] {
  return Object.entries(s.chains).map(([name, c]) => {
    const timing = chainTiming(c);
    return {
      name,
      blockTimeMs: ms(timing.blockTime),
      confirmations: timing.confirmations,
      fees: new Map(Object.entries(chainFeeTexts(c)).map(([coin, v]) => [coin, r.assets.value(v, coin)])),
      inclusionTimeoutMs: ms(r.or(c.inclusionTimeout, DEFAULTS.inclusionTimeout, `chains.${name}.inclusionTimeout`)),
      halts: faults.flatMap((f) => (f.kind === 'chainHalt' && f.chain === name ? [{ from: f.from, to: f.to }] : [])),
      congestion: faults.flatMap((f) => (f.kind === 'chainCongestion' && f.chain === name ? [{ from: f.from, to: f.to, blockTimeFactor: f.blockTimeFactor, feeFactor: f.feeFactor }] : [])),
    };
  });
}

/** Stablecoins and the currency each is pegged to, from the known assets and the scenario's own. */
function pegsOf(s: Scenario, r: Reader): Map<string, string> {
  const pegs = new Map<string, string>();
  const codes = new Set([...Object.keys(s.assets ?? {}), ...Object.keys(s.markets).map((k) => parseMarketKey(k).base)]);
  for (const code of codes) {
    const peg = r.assets.get(code).peg;
    if (peg && code !== 'RUB') pegs.set(code, peg);
  }
  return pegs;
}

export function compilePrices(s: Scenario, r: Reader, faults: readonly FaultModel[]): PriceFacts {
  return {
    fx: Object.entries(s.fx ?? {}).map(([pair, f]) => ({ pair, mid: dec(f.mid), volatilityBps: f.volatilityBps ?? 0 })),
    pegs: pegsOf(s, r),
    baskets: new Map(Object.entries(s.assets ?? {}).flatMap(([code, a]) => (a.basket ? [[code, new Map(Object.entries(a.basket).map(([m, w]) => [m, dec(w)]))] as const] : []))),
    depegs: faults.flatMap((f) => (f.kind === 'depeg' ? [{ coin: f.coin, by: f.by, from: f.from, to: f.to }] : [])),
  };
}

/** Faults with their windows in ms. */
export function compileFaults(s: Scenario, r: Reader): FaultModel[] {
  return (s.faults ?? []).map((f) => {
    const { at: _at, for: _for, ...rest } = f;
    const window = r.window(f);
    return rest.kind === 'depeg' ? { ...rest, by: dec(rest.by), ...window } : { ...rest, ...window };
  });
}
