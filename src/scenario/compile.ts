// The compile step: a validated scenario becomes the one resolved, typed model the world builder,
// the run loop and the report read (src/scenario/model.ts). Every figure written as text is read
// here, once; every default applied is noted as an assumption.

import { FLOWS, type RunBounds } from '../flows/index.js';
import type { CorrespondentParams } from '../rails/correspondent/correspondent.js';
import { Assets } from './assets.js';
import type { ChainModel, FaultModel, Model, OfframpModel } from './model.js';
import type { Scenario } from './schema.js';
import { compileChains, compileFaults, compileMarkets, compilePrices } from './compile/venues.js';
import { compileOrders, compileParticipants, compilePayments, compilePopulations, resolver } from './compile/parties.js';
import { compileClearing, compileCorrespondent, compileDeclared, compileRails, compileRegime, compileSanctions } from './compile/conditions.js';
import { Reader, at } from './compile/read.js';

export function compileScenario(s: Scenario): Model {
  const r = new Reader(new Assets(s.assets), at(s.start));
  const faults = compileFaults(s, r);
  const { exchanges, offramps, mids } = compileMarkets(s, r, faults);
  const chains = compileChains(s, r, faults);
  const rails = compileRails(s, r);
  const correspondent = compileCorrespondent(s, r);
  const clearing = compileClearing(s, r);
  const participants = compileParticipants(s, r);
  const resolve = resolver(participants);
  return {
    source: s,
    name: s.name,
    description: s.description,
    seed: s.seed,
    startMs: r.startMs,
    assets: r.assets,
    participants,
    populations: compilePopulations(s, r),
    exchanges,
    offramps,
    mids,
    chains,
    prices: compilePrices(s, r, faults),
    faults,
    sanctions: compileSanctions(s),
    rails,
    ...compileRegime(s, r),
    correspondent: correspondent.used ? correspondent.params : undefined,
    clearing,
    payments: compilePayments(s, r, resolve),
    orders: compileOrders(s, r, resolve),
    declared: compileDeclared(s),
    boundsMs: boundsOf({ chains, faults, offramps, rails, correspondent: correspondent.params, clearing }),
    assumptions: r.assumptions,
  };
}

/** The most time each flow of this scenario may take: each flow's own bound (src/flows/index.ts) over the run's parameters. */
function boundsOf(m: Pick<Model, 'chains' | 'faults' | 'offramps' | 'rails' | 'clearing'> & { correspondent: CorrespondentParams }): Record<string, number> {
  const finality = (c: ChainModel) => (c.confirmations + 1) * c.blockTimeMs;
  // Halts and outages delay by their length; congestion by its length (an underpriced transfer
  // waits it out) plus a finality on its slower blocks.
  const slowest = Math.max(0, ...m.chains.map(finality));
  const halts = m.faults.reduce((sum, f: FaultModel) => {
    if (f.kind === 'chainHalt' || f.kind === 'exchangeOutage') return sum + (f.to - f.from);
    if (f.kind === 'chainCongestion') return sum + (f.to - f.from) + slowest * f.blockTimeFactor;
    return sum;
  }, 0);
  const params: RunBounds = {
    screeningMs: m.rails.screeningMs,
    bankMs: m.rails.bankMs,
    exchangeMs: m.rails.exchangeMs,
    maxQuoteAttempts: m.rails.maxQuoteAttempts,
    inclusionTimeoutMs: Math.max(0, ...m.chains.map((c) => c.inclusionTimeoutMs)),
    // Inclusion may wait one block, then the confirmations.
    finalityMs: slowest,
    haltsMs: halts,
    offrampDelayMs: Math.max(0, ...m.offramps.map((o: OfframpModel) => o.delayMs)),
    correspondent: m.correspondent,
    clearingCycleMs: m.clearing ? m.clearing.cycleMs : 0,
  };
  return Object.fromEntries(Object.values(FLOWS).map((f) => [f.machine.id, f.bound(params)]));
}
