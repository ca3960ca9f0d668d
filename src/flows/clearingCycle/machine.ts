// One NPCS clearing cycle: interbank RUB obligations accumulate for the cycle's length, then NPCS
// nets them and settles only the nets through the members' reserve accounts at the Bank of
// Russia. The machine only decides when; the clearing rails do the netting and the posting,
// through the ports it is given, and answer by events on the simulated clock.

import { assign, setup } from 'xstate';
import type { Amount } from '../../money/index.js';
import type { FlowModule } from '../flow.js';
import { ClearingRails } from './rails.js';

export type ClearingCycleEvent =
  | { type: 'NETTED'; obligations: number; gross: Amount; netDebits: Amount; saved: Amount }
  | { type: 'SETTLED'; creditDrawn: Amount };

export type ClearingReply = (event: ClearingCycleEvent) => void;

/** What the machine asks of the clearing rails. Each request answers later with one event. */
export interface ClearingPorts {
  /** Closes the cycle's book (later obligations belong to the next cycle): NETTED with its figures. */
  net(cycleId: string, reply: ClearingReply): void;
  /** Settles the nets of the cycle just netted: SETTLED with the central-bank credit members drew. */
  settle(cycleId: string, reply: ClearingReply): void;
}

export interface ClearingCycleInput {
  readonly cycleId: string;
  /** How long obligations are collected before the cycle is netted. */
  readonly cycleMs: number;
  readonly ports: ClearingPorts;
}

export type ClearingCycleStatus = 'settled' | 'settledWithCredit';

export interface ClearingCycleOutcome {
  readonly flow: 'clearingCycle';
  readonly id: string;
  readonly status: ClearingCycleStatus;
  readonly obligations: number;
  readonly gross: Amount;
  readonly netDebits: Amount;
  readonly saved: Amount;
  readonly creditDrawn: Amount;
}

export interface ClearingCycleContext extends ClearingCycleInput {
  obligations?: number;
  gross?: Amount;
  netDebits?: Amount;
  saved?: Amount;
  creditDrawn?: Amount;
  status?: ClearingCycleStatus;
}

/** Every state carries a `description`: the diagrams, `railpilot explain` and the docs read it. */
export const clearingCycle = setup({
  types: {
    context: {} as ClearingCycleContext,
    events: {} as ClearingCycleEvent,
    input: {} as ClearingCycleInput,
    output: {} as ClearingCycleOutcome,
  },
  delays: {
    cycleLength: ({ context }) => context.cycleMs,
  },
  guards: {
    creditWasDrawn: ({ event }) => event.type === 'SETTLED' && event.creditDrawn.minor > 0n,
  },
  actions: {
    requestNetting: ({ context, self }) => context.ports.net(context.cycleId, (e) => self.send(e)),
    keepFigures: assign(({ event }) =>
      event.type === 'NETTED' ? { obligations: event.obligations, gross: event.gross, netDebits: event.netDebits, saved: event.saved } : {},
    ),
    requestSettlement: ({ context, self }) => context.ports.settle(context.cycleId, (e) => self.send(e)),
    keepCredit: assign(({ event }) => (event.type === 'SETTLED' ? { creditDrawn: event.creditDrawn } : {})),
    finish: assign((_, params: { status: ClearingCycleStatus }) => ({ status: params.status })),
  },
}).createMachine({
  id: 'clearingCycle',
  context: ({ input }) => ({ ...input }),
  initial: 'collecting',
  states: {
    collecting: {
      description: "Member banks' RUB obligations to each other accumulate; customers were already credited, banks settle later.",
      after: { cycleLength: 'netting' },
    },
    netting: {
      description: "The cycle is closed: NPCS nets each member's obligations into one position, owed or owing.",
      entry: 'requestNetting',
      on: { NETTED: { target: 'settling', actions: 'keepFigures' } },
    },
    settling: {
      description: "Net debtors' central-bank reserves move through NPCS's settlement account to the net creditors; a member short of reserves draws central-bank credit first.",
      entry: 'requestSettlement',
      on: {
        SETTLED: [
          { guard: 'creditWasDrawn', target: 'settledWithCredit', actions: 'keepCredit' },
          { target: 'settled', actions: 'keepCredit' },
        ],
      },
    },
    settled: {
      description: "Every net position is settled out of the members' own reserves; NPCS's settlement account is back at zero.",
      type: 'final',
      entry: { type: 'finish', params: { status: 'settled' } },
    },
    settledWithCredit: {
      description: 'Settled, but at least one member covered its net debit with central-bank credit it must repay.',
      type: 'final',
      entry: { type: 'finish', params: { status: 'settledWithCredit' } },
    },
  },
  output: ({ context }) => ({
    flow: 'clearingCycle' as const,
    id: context.cycleId,
    status: context.status!,
    obligations: context.obligations!,
    gross: context.gross!,
    netDebits: context.netDebits!,
    saved: context.saved!,
    creditDrawn: context.creditDrawn!,
  }),
});

/** What each event of a clearing cycle means, for `railpilot explain` and the diagrams. */
export const CLEARING_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: 'NPCS opens a clearing cycle: obligations between member banks accumulate without moving central-bank money.',
  NETTED: "The cycle's time is up: NPCS sums each member's obligations into one net position, owed or owing.",
  SETTLED: "The nets move between the members' central-bank accounts; a member short of reserves draws central-bank credit.",
};

/** NPCS's clearing cycles: started one after another on the clock, not by work (src/scenario/cycles.ts). */
export const clearingCycleFlow: FlowModule<ClearingRails, typeof clearingCycle> = {
  machine: clearingCycle,
  summary: "NPCS nets its members' RUB obligations over a cycle and settles only the nets through their central-bank accounts.",
  eventMeanings: CLEARING_EVENT_MEANINGS,
  requests: { 'clearing.credit': ['settling'], 'clearing.settled': ['settling'] },
  // A cycle ends when its time is up; netting and settling take no simulated time.
  bound: (p) => p.clearingCycleMs,
  // Netting and settling take no simulated time.
  ports: (s) => (s.clearing ? new ClearingRails(s.clearing, s.queue, 0) : undefined),
};
