// Compiling the conditions of a run: rail latencies and limits, the legal regime and its caps,
// sanctions listings, the correspondent baseline and NPCS clearing, with defaults applied.

import { DEFAULT_PRESET, PRESETS, Regime } from '../../rails/regime/regime.js';
import type { CorrespondentParams, TimeMix } from '../../rails/correspondent/correspondent.js';
import { BASELINES, DEFAULT_BASELINE, type BaselineText } from '../../rails/correspondent/baselines.js';
import { parseDeclared, type DeclaredInvariant } from '../../invariants/expressions.js';
import { DEFAULTS } from '../defaults.js';
import type { Scenario } from '../schema.js';
import type { ClearingModel, RailTimings, SanctionModel } from '../model.js';
import { at, dec, ms, type Reader } from './read.js';

export function compileRails(s: Scenario, r: Reader): RailTimings {
  const rails = s.rails ?? {};
  return {
    screeningMs: ms(r.or(rails.screeningLatency, DEFAULTS.screeningLatency, 'rails.screeningLatency')),
    bankMs: ms(r.or(rails.bankLatency, DEFAULTS.bankLatency, 'rails.bankLatency')),
    exchangeMs: ms(r.or(rails.exchangeLatency, DEFAULTS.exchangeLatency, 'rails.exchangeLatency')),
    holdTimeoutMs: ms(r.or(rails.holdTimeout, DEFAULTS.holdTimeout, 'rails.holdTimeout')),
    pvpHoldTimeoutMs: ms(r.or(rails.pvpHoldTimeout, DEFAULTS.pvpHoldTimeout, 'rails.pvpHoldTimeout')),
    npcsFeeBps: dec(r.or(rails.npcsFeeBps, DEFAULTS.npcsFeeBps, 'rails.npcsFeeBps')),
    maxQuoteAttempts: r.or(rails.maxQuoteAttempts, DEFAULTS.maxQuoteAttempts, 'rails.maxQuoteAttempts'),
  };
}

/** The regime in force: its preset with the scenario's overrides, and its caps and AML threshold as amounts. */
export function compileRegime(s: Scenario, r: Reader) {
  const choice = s.regime ?? {};
  const regime = new Regime(PRESETS[r.or(choice.preset, DEFAULT_PRESET, 'regime.preset')]!, {
    ...(choice.rules ? { rules: choice.rules } : {}),
    ...(choice.caps ? { caps: choice.caps } : {}),
    ...(choice.aml ? { aml: choice.aml } : {}),
  });
  const cap = (text: string | null) => (text === null ? null : r.assets.amount(text));
  return { regime, caps: { nonQualified: cap(regime.caps.nonQualified), qualified: cap(regime.caps.qualified) }, amlThreshold: r.assets.amount(regime.aml.threshold) };
}

export function compileSanctions(s: Scenario): SanctionModel[] {
  return (s.sanctions ?? []).map((e) => (typeof e === 'string' ? { party: e, from: -Infinity } : { party: e.party, from: at(e.from) }));
}

/**
 * The correspondent channel: the scenario's baseline (src/rails/correspondent/baselines.ts) with
 * its own fields over it, and whether any payment uses it (its time bound is stated either way).
 * Rejection shares merge country by country; `settlement` stands for both legs at once.
 */
export function compileCorrespondent(s: Scenario, r: Reader): { params: CorrespondentParams; used: boolean } {
  const used = s.payments.some((p) => [('generate' in p ? p.generate.rail : p.rail) ?? 'pilot'].flat().includes('correspondent'));
  const given = s.correspondent ?? {};
  const name = used ? r.or(given.baseline, DEFAULT_BASELINE, 'correspondent.baseline') : (given.baseline ?? DEFAULT_BASELINE);
  const base: BaselineText = BASELINES[name];
  const window = (w: { min: string; max: string }) => ({ min: ms(w.min), max: ms(w.max) });
  type Wait = { min: string; max: string } | readonly { share: number; min: string; max: string }[];
  const isMix = (w: Wait): w is readonly { share: number; min: string; max: string }[] => Array.isArray(w);
  const mix = (w: Wait): TimeMix => (isMix(w) ? w.map((x) => ({ share: x.share, ...window(x) })) : [{ share: 1, ...window(w) }]);
  const legs = given.settlement
    ? { toBank: given.settlement, toCustomer: { min: 'PT0S', max: 'PT0S' } }
    : { toBank: given.toBeneficiaryBank ?? base.toBeneficiaryBank, toCustomer: given.toCustomer ?? base.toCustomer };
  const params: CorrespondentParams = {
    baseline: name,
    overrides: Object.keys(given).filter((k) => k !== 'baseline').sort(),
    feeFixed: r.assets.amount(given.feeFixed ?? base.feeFixed),
    feeBps: dec(given.feeBps ?? base.feeBps),
    fxSpreadBps: dec(given.fxSpreadBps ?? base.fxSpreadBps),
    toBankMs: mix(legs.toBank),
    toCustomerMs: mix(legs.toCustomer),
    rejection: { ...base.rejection, ...given.rejection },
    rejectionAfterMs: window(given.rejectionAfter ?? base.rejectionAfter),
    returnFee: r.assets.amount(given.returnFee ?? base.returnFee),
  };
  return { params, used };
}

export function compileClearing(s: Scenario, r: Reader): ClearingModel | undefined {
  if (!s.clearing) return undefined;
  return {
    cycleMs: ms(s.clearing.cycle),
    reserve: r.assets.amount(s.clearing.reserve),
    reserves: new Map(Object.entries(s.clearing.reserves ?? {}).map(([member, v]) => [member, r.assets.value(v, 'RUB')])),
  };
}

/** The scenario's own promises, read once (the schema has refused any that do not parse). */
export function compileDeclared(s: Scenario): DeclaredInvariant[] {
  return (s.invariants ?? []).map((text) => {
    const d = parseDeclared(text);
    if (typeof d === 'string') throw new Error(`${text}: ${d} (the schema should have refused it)`);
    return d;
  });
}
