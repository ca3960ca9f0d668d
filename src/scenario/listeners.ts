// What a run tells its caller as it happens, what it takes, and what it returns at the end.

import type { JournalEntry, Ledger } from '../ledger/index.js';
import type { TraceRecord } from '../sim/index.js';
import type { Participant } from '../rails/participants/participant.js';
import type { InvestorCaps } from '../rails/compliance/caps.js';
import type { Prices } from '../rails/stablecoin/prices.js';
import type { ClearingBook } from '../rails/npcs/clearing.js';
import type { Regime } from '../rails/regime/regime.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle/index.js';
import type { Outcome } from '../flows/index.js';

export type { Outcome };

export interface RunListeners {
  entry?(entry: JournalEntry): void;
  trace?(record: TraceRecord): void;
  outcome?(outcome: Outcome, finalAt: number): void;
  /** Called once, before any flow starts, with the run's prices: what a listener values at a flow's end. */
  prices?(prices: Prices): void;
  /** A clearing cycle settled (scenarios with `clearing`). */
  cycle?(outcome: ClearingCycleOutcome, finalAt: number): void;
  /** Called every `progressEvery` finished flows, and once at the end. */
  progress?(p: { time: number; started: number; finished: number }): void;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly progressEvery?: number;
}

export interface RunResult {
  readonly seed: number;
  readonly started: number;
  readonly finished: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly entries: number;
  readonly balances: ReturnType<Ledger['allBalances']>;
  readonly regime: Regime;
  readonly caps: InvestorCaps;
  readonly participants: ReadonlyMap<string, Participant>;
  /** Requests a duplicateMessages fault delivered twice, whose repeat the rails dropped. */
  readonly duplicatesDropped: number;
  /** What each asset was worth in RUB relative to the start, readable at any moment of the run. */
  readonly prices: Prices;
  /** NPCS clearing, when the scenario has it. */
  readonly clearing: ClearingBook | undefined;
}
