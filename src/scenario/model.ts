// A validated scenario turned into the values the rails take: assets with scales, amounts as
// minor units, prices as decimals, times in ms. Defaults live here, each labelled as what it is.

import { Dec, KNOWN_ASSETS, defineAsset, parseMinor, type Amount, type Asset } from '../money/index.js';
import { parseDuration, parseInstant } from '../sim/index.js';
import { DEFAULT_PRESET, PRESETS, Regime } from '../rails/regime/regime.js';
import { flowBounds } from '../flows/bounds.js';
import { correspondentBoundMs } from '../rails/correspondent/correspondent.js';
import { chainFeeTexts, chainTiming, type Scenario } from './schema.js';

import { CORRESPONDENT_DEFAULTS, DEFAULTS } from './defaults.js';

export { CORRESPONDENT_DEFAULTS, DEFAULTS };

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
    // Figures the simulator brings (presets, defaults) are written with cents; a declared scale
    // that writes one exactly takes it ("1000000.00" at scale 0 is 1000000). The schema refuses
    // scenarios whose scales cannot (src/scenario/figures.ts), and a scenario's own amounts.
    const minor = parseMinor(withoutSpareZeros(num, asset.scale), asset);
    if (typeof minor === 'string') throw new Error(minor);
    return { asset, minor };
  }
}

/** `num` with trailing fractional zeros beyond `scale` dropped: "1000000.00" at scale 0 -> "1000000". */
export function withoutSpareZeros(num: string, scale: number): string {
  const [whole, frac] = num.split('.');
  if (frac === undefined || frac.length <= scale) return num;
  const kept = frac.slice(0, scale);
  if (!/^0*$/.test(frac.slice(scale))) return num;
  return kept ? `${whole}.${kept}` : whole!;
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
