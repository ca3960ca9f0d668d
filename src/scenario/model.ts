// The compiled scenario: the one resolved, typed model every part after the loader reads. Times
// are ms since the epoch, durations ms, amounts `Amount`s (bigint minor units of an asset),
// prices and rates decimals, names resolved to what they name, defaults applied. Nothing after
// src/scenario/compile.ts parses text; the file's own words stay in `source`, for the outputs
// that echo them (names, the description, a basket's weights as written) and nothing else.

import type { Amount, Dec } from '../money/index.js';
import type { Window } from '../sim/index.js';
import type { Participant } from '../rails/participants/participant.js';
import type { ExchangeParams } from '../rails/exchange/exchange.js';
import type { OfframpParams } from '../rails/offramp/offramp.js';
import type { Congestion } from '../rails/chain/chain.js';
import type { CorrespondentParams } from '../rails/correspondent/correspondent.js';
import type { Depeg } from '../rails/stablecoin/prices.js';
import type { Regime } from '../rails/regime/regime.js';
import type { DeclaredInvariant } from '../invariants/expressions.js';
import type { PaymentRail, SettlementMode } from '../flows/payment.js';
import type { Assets } from './assets.js';
import type { Venue } from './markets.js';
import type { Scenario } from './schema.js';

/** Amounts drawn around a median: fixed when `sigma` is 0, log-normal otherwise. */
export interface AmountDistribution {
  readonly median: Amount;
  readonly sigma: number;
}

/** A named participant: the one object every flow of theirs refers to, with what they start with. */
export interface ParticipantModel {
  readonly participant: Participant;
  /** Opening balances, RUB at the bank and coin in custody. */
  readonly balances: readonly Amount[];
  readonly mining?: { readonly everyMs: number; readonly reward: AmountDistribution };
}

export interface PopulationModel {
  readonly prefix: string;
  readonly count: number;
  readonly country: string;
  readonly banks: readonly string[];
  readonly qualifiedShare: number;
  readonly passedTestShare: number;
  readonly balance: AmountDistribution;
}

/** An exchange (a market against RUB), with the inventory it starts with; its drift comes from the run's prices. */
export interface ExchangeModel extends Omit<ExchangeParams, 'drift' | 'venue'> {
  readonly key: string;
  readonly venue: Venue;
  readonly fiatDepth: Amount;
  readonly outages: readonly Window[];
}

/** A foreign off-ramp (a market against another currency), with its payout liquidity. */
export interface OfframpModel extends Omit<OfframpParams, 'drift'> {
  readonly key: string;
  readonly liquidity: Amount;
  readonly outages: readonly Window[];
}

export interface ChainModel {
  readonly name: string;
  readonly blockTimeMs: number;
  readonly confirmations: number;
  readonly fees: ReadonlyMap<string, Amount>;
  readonly inclusionTimeoutMs: number;
  readonly halts: readonly Window[];
  readonly congestion: readonly Congestion[];
}

export interface FxModel {
  readonly pair: string;
  readonly mid: Dec;
  readonly volatilityBps: number;
}

/** What the run's prices are made of: fx paths, pegs, baskets and depegs. */
export interface PriceFacts {
  readonly fx: readonly FxModel[];
  readonly pegs: ReadonlyMap<string, string>;
  readonly baskets: ReadonlyMap<string, ReadonlyMap<string, Dec>>;
  readonly depegs: readonly Depeg[];
}

export interface RailTimings {
  readonly screeningMs: number;
  readonly bankMs: number;
  readonly exchangeMs: number;
  readonly holdTimeoutMs: number;
  readonly pvpHoldTimeoutMs: number;
  readonly npcsFeeBps: Dec;
  readonly maxQuoteAttempts: number;
}

type FaultText = NonNullable<Scenario['faults']>[number];
type Timed<F> = F extends { kind: 'depeg' } ? Omit<F, 'at' | 'for' | 'by'> & Window & { readonly by: Dec } : F extends unknown ? Omit<F, 'at' | 'for'> & Window : never;
/** A fault with its window in ms: [from, to). */
export type FaultModel = Timed<FaultText>;

/** A sanctions listing; `from` is -Infinity for a party listed before the run. */
export interface SanctionModel {
  readonly party: string;
  readonly from: number;
}

export interface ClearingModel {
  readonly cycleMs: number;
  /** Every member's reserve unless `reserves` names it. */
  readonly reserve: Amount;
  readonly reserves: ReadonlyMap<string, Amount>;
}

/** One way of sending a trade; `tag` suffixes the twin's id, empty when there is one way only. */
export interface Variant {
  readonly rail: PaymentRail;
  readonly settlement: SettlementMode;
  readonly tag: string;
}

/** How a payment travels on the pilot: the coin and the chain ('' when it never touches one). */
interface Route {
  readonly coin: string;
  readonly chain: string;
  readonly variants: readonly Variant[];
}

/** Arrivals spread uniformly over [startMs, startMs + overMs); `index` names their random streams. */
interface Generated {
  readonly index: number;
  readonly count: number;
  readonly startMs: number;
  readonly overMs: number;
}

export type PaymentModel =
  | (Route & { readonly kind: 'single'; readonly id?: string; readonly from: Participant; readonly to: Participant; readonly amount: Amount; readonly at: number })
  | (Route & Generated & { readonly kind: 'generated'; readonly from: readonly Participant[]; readonly to: readonly Participant[]; readonly amount: AmountDistribution });

export type OrderModel =
  | { readonly kind: 'single'; readonly id?: string; readonly by: Participant; readonly side: 'buy' | 'sell'; readonly coin: string; readonly amount: Amount; readonly at: number }
  | (Generated & {
      readonly kind: 'generated';
      /** Named participants, or a population's individuals (drawn from the run's seed). */
      readonly by: readonly Participant[] | { readonly population: string };
      readonly side: 'buy' | 'sell';
      /** The coin bought; a sale sells the coin of its amounts. */
      readonly buy?: string;
      readonly amount: AmountDistribution;
    });

export interface Model {
  /** The file as validated, for outputs that echo its words; no figure is read from it. */
  readonly source: Scenario;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly startMs: number;
  readonly assets: Assets;
  readonly participants: readonly ParticipantModel[];
  readonly populations: readonly PopulationModel[];
  readonly exchanges: readonly ExchangeModel[];
  readonly offramps: readonly OfframpModel[];
  /** Mid of every market by its key as written (`USDT/RUB`, `USDT/RUB@moscow`, `USDT/CNY`). */
  readonly mids: ReadonlyMap<string, Dec>;
  readonly chains: readonly ChainModel[];
  readonly prices: PriceFacts;
  readonly faults: readonly FaultModel[];
  readonly sanctions: readonly SanctionModel[];
  readonly rails: RailTimings;
  readonly regime: Regime;
  readonly caps: { readonly nonQualified: Amount | null; readonly qualified: Amount | null };
  readonly amlThreshold: Amount;
  /** The correspondent channel's parameters, when some payment uses it. */
  readonly correspondent: CorrespondentParams | undefined;
  readonly clearing: ClearingModel | undefined;
  readonly payments: readonly PaymentModel[];
  readonly orders: readonly OrderModel[];
  readonly declared: readonly DeclaredInvariant[];
  /** The most time each flow may take in this scenario (see each flow's bound). */
  readonly boundsMs: Readonly<Record<string, number>>;
  /** Every default the scenario relied on, as `field: value`: assumptions of this project, not facts. */
  readonly assumptions: readonly string[];
}
