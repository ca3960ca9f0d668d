// A validated scenario turned into the values the rails take: assets with scales, amounts as
// minor units, prices as decimals, times in ms. Defaults live here, each labelled as what it is.

import { Dec, KNOWN_ASSETS, defineAsset, parseMinor, type Amount, type Asset } from '../money/index.js';
import { parseDuration, parseInstant } from '../sim/index.js';
import { DEFAULT_PRESET, PRESETS, Regime } from '../rails/regime/regime.js';
import { flowBounds } from '../flows/bounds.js';
import { correspondentBoundMs } from '../rails/correspondent/correspondent.js';
import { chainFeeTexts, chainTiming, type Scenario } from './schema.js';

/**
 * Values used when a scenario leaves a field out. All are assumptions of this project, not
 * measurements of the pilot; scenarios that claim realism set their own and cite them.
 */
export const DEFAULTS = {
  quoteTtl: 'PT30S',
  depth: '1000000',
  slippageBps: 0,
  offrampDelay: 'PT10M',
  offrampLiquidity: '1000000000',
  inclusionTimeout: 'PT30M',
  screeningLatency: 'PT1S',
  bankLatency: 'PT2S',
  exchangeLatency: 'PT1S',
  holdTimeout: 'PT15M',
  pvpHoldTimeout: 'PT2H',
  npcsFeeBps: 0,
  maxQuoteAttempts: 3,
  offrampToleranceBps: 100,
} as const;

/**
 * The correspondent channel when a scenario leaves fields out. Assumptions, anchored where a
 * source exists (docs/sources.md): bank remittance cost ~11.5% (World Bank RPW, small amounts;
 * trade payments pay less, so 1% fees plus a 2% conversion spread here); settlement over days for
 * Russian corridors since 2022 (reported), so one to five days; rejection shares by corridor are
 * assumptions a scenario should set.
 */
export const CORRESPONDENT_DEFAULTS = {
  feeFixed: '2500.00 RUB',
  feeBps: 100,
  fxSpreadBps: 200,
  settlement: { min: 'P1D', max: 'P5D' },
  rejection: {} as Record<string, number>,
  rejectionAfter: { min: 'P1D', max: 'P10D' },
  returnFee: '2500.00 RUB',
} as const;

export class Assets {
  private readonly byCode = new Map<string, Asset>();

  constructor(declared: Scenario['assets']) {
    for (const a of KNOWN_ASSETS) this.byCode.set(a.code, a);
    for (const [code, a] of Object.entries(declared ?? {})) this.byCode.set(code, defineAsset(code, a.scale, a.peg));
  }

  get(code: string): Asset {
    const a = this.byCode.get(code);
    if (!a) throw new Error(`unknown asset ${code} (the schema should have refused it)`);
    return a;
  }

  /** `"100000.00 CNY"` as an amount; the schema has already checked the form and the scale. */
  amount(text: string): Amount {
    const [num, code] = text.split(' ') as [string, string];
    return this.value(num, code);
  }

  value(num: string, code: string): Amount {
    const asset = this.get(code);
    const minor = parseMinor(num, asset);
    if (typeof minor === 'string') throw new Error(minor);
    return { asset, minor };
  }
}

export function ms(durationText: string): number {
  const v = parseDuration(durationText);
  if (v === undefined) throw new Error(`not a duration: ${durationText}`);
  return v;
}

export function at(instantText: string): number {
  const v = parseInstant(instantText);
  if (v === undefined) throw new Error(`not an instant: ${instantText}`);
  return v;
}

export function dec(v: string | number): InstanceType<typeof Dec> {
  return new Dec(v);
}

/** The coin a payment without `via` uses: the first its first chain has a fee for. */
export function defaultVia(s: Scenario): { stablecoin: string; chain: string } | undefined {
  const first = Object.entries(s.chains)[0];
  if (!first) return undefined;
  const [chain, params] = first;
  return { stablecoin: Object.keys(chainFeeTexts(params))[0]!, chain };
}

/** The regime in force for a scenario: its preset with the scenario's overrides. */
export function regimeFor(s: Scenario): Regime {
  const choice = s.regime ?? {};
  return new Regime(PRESETS[choice.preset ?? DEFAULT_PRESET]!, {
    ...(choice.rules ? { rules: choice.rules } : {}),
    ...(choice.caps ? { caps: choice.caps } : {}),
    ...(choice.aml ? { aml: choice.aml } : {}),
  });
}

/** The most time each flow of this scenario may take (see src/flows/bounds.ts). */
export function boundsFor(s: Scenario): Record<string, number> {
  const rails = s.rails ?? {};
  const chains = Object.values(s.chains);
  const offramps = Object.entries(s.markets).filter(([pair]) => !pair.includes('/RUB'));
  // Halts and outages delay by their length; congestion by its length (an underpriced transfer
  // waits it out) plus a finality on its slower blocks.
  const slowest = Math.max(0, ...chains.map((c) => (chainTiming(c).confirmations + 1) * ms(chainTiming(c).blockTime)));
  const halts = (s.faults ?? []).reduce((sum, f) => {
    if (f.kind === 'chainHalt' || f.kind === 'exchangeOutage') return sum + ms(f.for);
    if (f.kind === 'chainCongestion') return sum + ms(f.for) + slowest * f.blockTimeFactor;
    return sum;
  }, 0);
  const c = { ...CORRESPONDENT_DEFAULTS, ...s.correspondent };
  const bounds = flowBounds({
    screeningMs: ms(rails.screeningLatency ?? DEFAULTS.screeningLatency),
    bankMs: ms(rails.bankLatency ?? DEFAULTS.bankLatency),
    exchangeMs: ms(rails.exchangeLatency ?? DEFAULTS.exchangeLatency),
    maxQuoteAttempts: rails.maxQuoteAttempts ?? DEFAULTS.maxQuoteAttempts,
    inclusionTimeoutMs: Math.max(0, ...chains.map((c) => ms(c.inclusionTimeout ?? DEFAULTS.inclusionTimeout))),
    // Inclusion may wait one block, then the confirmations.
    finalityMs: Math.max(0, ...chains.map((c) => (chainTiming(c).confirmations + 1) * ms(chainTiming(c).blockTime))),
    haltsMs: halts,
    offrampDelayMs: Math.max(0, ...offramps.map(([, m]) => ms(m.delay ?? DEFAULTS.offrampDelay))),
  });
  const window = (w: { min: string; max: string }) => ({ min: ms(w.min), max: ms(w.max) });
  return {
    ...bounds,
    correspondentPayment: correspondentBoundMs(
      { settlementMs: window(c.settlement), rejectionAfterMs: window(c.rejectionAfter) },
      { screeningMs: ms(rails.screeningLatency ?? DEFAULTS.screeningLatency), bankMs: ms(rails.bankLatency ?? DEFAULTS.bankLatency) },
    ),
    // A cycle ends when its time is up; netting and settling take no simulated time.
    clearingCycle: s.clearing ? ms(s.clearing.cycle) : 0,
  };
}
