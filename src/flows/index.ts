// The registry of flows: every flow module the simulator knows, by its machine's id. The runner
// starts work on the flow that carries it, `explain` and `diagram` show them, the finality and
// idempotency invariants read their bounds and requests. A new flow is a folder of its own
// (src/flows/<flow>/, whose index.ts exports its module, src/flows/flow.ts), its import here and its
// entry in the list below.

import type { OutputFrom } from 'xstate';
import type { AnyFlowModule } from './flow.js';
import { crossBorderPaymentFlow } from './crossBorderPayment/index.js';
import { crossBorderReceiptFlow } from './crossBorderReceipt/index.js';
import { retailPurchaseFlow, cryptoSaleFlow } from './retail/index.js';
import { correspondentPaymentFlow } from './correspondentPayment/index.js';
import { clearingCycleFlow } from './clearingCycle/index.js';

/** The flows work is offered to (their outcomes are what a run reports), and the clearing cycle that runs on its own schedule. */
const WORK_FLOWS = [crossBorderPaymentFlow, crossBorderReceiptFlow, retailPurchaseFlow, cryptoSaleFlow, correspondentPaymentFlow] as const;
/** Derived from the list, so a new flow is one entry there and its outcome joins `Outcome` with it. */
type WorkFlow = (typeof WORK_FLOWS)[number];
const MODULES: readonly AnyFlowModule[] = [...WORK_FLOWS, clearingCycleFlow];

/** How a payment or an order ended: the output of whichever flow carried it. */
export type Outcome = OutputFrom<WorkFlow['machine']>;

export const FLOWS: Readonly<Record<string, AnyFlowModule>> = Object.fromEntries(MODULES.map((f) => [f.machine.id, f]));

export type { AnyFlowModule, FlowModule, RunBounds, RetailWork, Services, Work } from './flow.js';
export { toDot, toMermaid } from './diagram.js';
export { meaningOf } from './eventMeanings.js';
