// The flows the simulator knows, by name: what `railpilot diagram` and `explain` can show.

import type { AnyStateMachine } from 'xstate';
import { crossBorderPayment } from './crossBorderPayment.js';
import { CROSS_BORDER_EVENT_MEANINGS } from './eventMeanings.js';

export interface FlowInfo {
  readonly machine: AnyStateMachine;
  readonly summary: string;
  readonly eventMeanings: Readonly<Record<string, string>>;
}

export const FLOWS: Readonly<Record<string, FlowInfo>> = {
  crossBorderPayment: {
    machine: crossBorderPayment,
    summary: "A Russian payer's RUB become a stablecoin through NPCS, cross a chain, and a foreign off-ramp pays the beneficiary.",
    eventMeanings: CROSS_BORDER_EVENT_MEANINGS,
  },
};

export { toDot, toMermaid } from './diagram.js';
export { meaningOf } from './eventMeanings.js';
