// Checks of a scenario against the figures the simulator brings itself and against prices that
// leave nothing to trade. A declared scale must write every built-in figure it meets exactly (the
// regime preset's caps and AML threshold, a chain preset's fee, the correspondent's default fees):
// "1000000.00 RUB" is fine at scale 0, "1.70 USDT" is not at scale 0. And an off-ramp whose price
// makes every payout round to zero is refused rather than run.

import { Dec } from '../money/index.js';
import { DEFAULT_PRESET, PRESETS } from '../rails/regime/regime.js';
import { DEFAULTS } from './defaults.js';
import { BASELINES, DEFAULT_BASELINE } from '../rails/correspondent/baselines.js';
import { parseMarketKey } from './markets.js';
import type { Scenario } from './schema.js';

type Issue = (path: (string | number)[], message: string) => void;

/** Decimals `num` needs: its fractional digits without trailing zeros. */
function decimalsNeeded(num: string): number {
  return (num.split('.')[1] ?? '').replace(/0+$/, '').length;
}

/** Every built-in figure the scenario uses fits its asset's declared scale, or `issue` names both. */
export function checkBuiltInFigures(s: Scenario, scales: ReadonlyMap<string, number>, chainPresetFees: (preset: string) => Record<string, string>, issue: Issue): void {
  const fits = (path: (string | number)[], what: string, text: string, instead: string) => {
    const [num, code] = text.split(' ') as [string, string];
    const scale = scales.get(code);
    if (scale === undefined) return;
    const need = decimalsNeeded(num);
    if (need <= scale) return;
    issue(path, `${what} ${text} cannot be written in ${code}, which has ${scale} decimal place${scale === 1 ? '' : 's'} (assets.${code}.scale): expected a scale of at least ${need}, or ${instead}`);
  };
  const presetName = s.regime?.preset ?? DEFAULT_PRESET;
  const preset = PRESETS[presetName];
  if (preset) {
    if (!s.regime?.caps) {
      for (const category of ['nonQualified', 'qualified'] as const) {
        const cap = preset.caps[category];
        if (cap !== null) fits(['regime', 'preset'], `the ${presetName} preset's cap for ${category} investors`, cap, 'caps of your own under regime.caps');
      }
    }
    if (!s.regime?.aml) fits(['regime', 'preset'], `the ${presetName} preset's AML threshold`, preset.aml.threshold, 'a threshold of your own under regime.aml');
  }
  for (const [name, c] of Object.entries(s.chains)) {
    if (!c.preset) continue;
    const own = c.fee === undefined ? {} : typeof c.fee === 'string' ? { [c.fee.split(' ')[1]!]: '' } : c.fee;
    for (const [coin, fee] of Object.entries(chainPresetFees(c.preset))) {
      if (coin in own) continue;
      fits(['chains', name, 'preset'], `the ${c.preset} preset's fee`, `${fee} ${coin}`, `a fee of your own under chains.${name}.fee`);
    }
  }
  const usesCorrespondent = s.payments.some((p) => [('generate' in p ? p.generate.rail : p.rail) ?? 'pilot'].flat().includes('correspondent'));
  if (usesCorrespondent) {
    for (const key of ['feeFixed', 'returnFee'] as const) {
      const baseline = s.correspondent?.baseline ?? DEFAULT_BASELINE;
      if (s.correspondent?.[key] === undefined) fits(['correspondent'], `the ${baseline} baseline's ${key}`, BASELINES[baseline][key], `a ${key} of your own under correspondent.${key}`);
    }
  }
  for (const [pair, m] of Object.entries(s.markets)) {
    const { base, quote, venue } = parseMarketKey(pair);
    if (venue && m.depth === undefined) fits(['markets', pair], 'the default depth', `${DEFAULTS.depth} ${base}`, 'a depth of your own');
    if (!venue && m.liquidity === undefined) fits(['markets', pair], 'the default liquidity', `${DEFAULTS.offrampLiquidity} ${quote}`, 'a liquidity of your own');
  }
}

/** Whether `units` of an asset of `scale` decimals rounds half-even to zero minor units. */
function roundsToZero(units: InstanceType<typeof Dec>, scale: number): boolean {
  return units.mul(new Dec(10).pow(scale)).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN).isZero();
}

/**
 * Off-ramps where every payout rounds to zero coin: the off-ramp pays out of the liquidity it
 * starts with and never gains more, so when all of it is worth no minor unit of the coin at its
 * bid, no payout there can ask for any coin. A single payment or order that rounds to zero is a
 * named outcome of the run (`amount.roundsToZero`); this would make every one of them so. (An
 * exchange has no such bound: it buys back coin without limit, so no price of it rounds every
 * order to zero, and a thin one only refuses some.)
 */
export function checkZeroPrices(s: Scenario, scales: ReadonlyMap<string, number>, issue: Issue): void {
  for (const [pair, m] of Object.entries(s.markets)) {
    const { base, quote, venue } = parseMarketKey(pair);
    const baseScale = scales.get(base);
    if (venue || baseScale === undefined || scales.get(quote) === undefined || !/[1-9]/.test(m.mid)) continue;
    const liquidity = m.liquidity ?? DEFAULTS.offrampLiquidity;
    const bid = new Dec(m.mid).mul(new Dec(1).minus(new Dec(m.spreadBps).div(20_000)));
    // An off-ramp with nothing pays nothing (offramp.noLiquidity): that is not rounding.
    if (bid.gt(0) && new Dec(liquidity).gt(0) && roundsToZero(new Dec(liquidity).div(bid), baseScale)) {
      issue(['markets', pair, 'mid'], `at ${m.mid} ${quote} per ${base} the off-ramp's whole liquidity of ${liquidity} ${quote} is worth less than one minor unit of ${base}: every payout here would round to zero coin; expected a lower price, or more liquidity`);
    }
  }
}
