// What a flow module declares so the runner, `explain`, `diagram` and the invariants can use it
// without knowing it by name: its machine, which work it carries, how it builds its ports from
// the world's services and its input from one piece of work, and the most time it may take.
// Each flow's folder exports its module; the registry (src/flows/index.ts) lists them.

import type { AnyStateMachine } from 'xstate';
import type { Dec } from '../money/index.js';
import type { Messenger, RandomStreams } from '../sim/index.js';
import type { ClearingBook } from '../rails/npcs/clearing.js';
import type { CorrespondentParams } from '../rails/correspondent/correspondent.js';
import type { BoundParams } from './bounds.js';
import type { CrossBorderRailsDeps } from './crossBorderPayment/index.js';
import type { RetailRailsDeps } from './retail/index.js';
import type { PaymentSpec } from './payment.js';
import type { OrderSpec } from './order.js';

/**
 * The rails and services of one run, built once by the world; each flow makes its ports from them.
 * They are what the flows' rails take (their deps), less what each flow sets for itself.
 */
export interface Services extends Omit<CrossBorderRailsDeps, 'messenger' | 'pvpHoldTimeoutMs' | 'npcsFeeBps'>, Omit<RetailRailsDeps, 'messenger'> {
  readonly streams: RandomStreams;
  /** A messenger with its own latency and duplicate streams, named `rails/<name>`; counted for dropped duplicates. */
  readonly messenger: (name: string) => Messenger;
  /** One object per name for the run: rails two flows share (retail purchase and sale) are built once. */
  readonly shared: <T>(name: string, build: () => T) => T;
  readonly limits: {
    readonly maxQuoteAttempts: number;
    readonly pvpHoldTimeoutMs: number;
    readonly npcsFeeBps: Dec;
    /** How long a transfer may wait for a block, by chain. */
    readonly inclusionTimeoutMs: ReadonlyMap<string, number>;
  };
  /** The correspondent channel's parameters, when some payment uses it. */
  readonly correspondent: CorrespondentParams | undefined;
  /** NPCS clearing, when the scenario has it. */
  readonly clearing: ClearingBook | undefined;
}

/** A retail order, with which way it goes. */
export interface RetailWork extends OrderSpec {
  readonly side: 'buy' | 'sell';
}

/** One piece of work offered to the flows: a trade abroad (one variant of it) or a retail order. */
export type Work = PaymentSpec | RetailWork;

export function isPayment(work: Work): work is PaymentSpec {
  return 'payer' in work;
}

/** A run's parameters every flow's time bound may read. */
export interface RunBounds extends BoundParams {
  readonly correspondent: Pick<CorrespondentParams, 'toBankMs' | 'toCustomerMs' | 'rejectionAfterMs'>;
  readonly clearingCycleMs: number;
}

export interface FlowModule<Ports = unknown, M extends AnyStateMachine = AnyStateMachine> {
  readonly machine: M;
  readonly summary: string;
  readonly eventMeanings: Readonly<Record<string, string>>;
  /**
   * Which journal entry kinds a request from which states posts: each entry into one of those
   * states sends one request, so a kind may appear at most that many times for a flow. This is
   * what the idempotency invariant counts against.
   */
  readonly requests: Readonly<Record<string, readonly string[]>>;
  /** The most time one run of the flow may take, in ms. */
  readonly bound: (p: RunBounds) => number;
  /** This flow's ports, built once per run; undefined when the run has no use for the flow. */
  readonly ports?: (services: Services) => Ports | undefined;
  /** Whether this flow carries `work`; the flows' answers never overlap. Absent: started otherwise (clearing cycles). */
  readonly carries?: (work: Work) => boolean;
  /** The machine's input for one piece of work it carries. */
  readonly input?: (work: Work, ports: Ports, services: Services) => unknown;
}

/** A module with its type parameter erased, for the registry's list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds modules of different port types; each module is checked against its own
export type AnyFlowModule = FlowModule<any>;
