// The registry of flows: every flow module the simulator knows, by its machine's id. The runner
// starts work on the flow that carries it, `explain` and `diagram` show them, the finality and
// idempotency invariants read their bounds and requests. A new flow is a module (src/flows/flow.ts)
// and one line here.

import type { OutputFrom } from 'xstate';
import type { AnyFlowModule } from './flow.js';
import { crossBorderPaymentFlow } from './crossBorderPayment.js';
import { crossBorderReceiptFlow } from './crossBorderReceipt.js';
import { retailPurchaseFlow } from './retailPurchase.js';
import { cryptoSaleFlow } from './cryptoSale.js';
import { correspondentPaymentFlow } from './correspondentPayment.js';
import { clearingCycleFlow } from './clearingCycle.js';

/** The flows work is offered to (their outcomes are what a run reports), and the clearing cycle that runs on its own schedule. */
type WorkFlow = typeof crossBorderPaymentFlow | typeof crossBorderReceiptFlow | typeof retailPurchaseFlow | typeof cryptoSaleFlow | typeof correspondentPaymentFlow;
const WORK_FLOWS: readonly WorkFlow[] = [crossBorderPaymentFlow, crossBorderReceiptFlow, retailPurchaseFlow, cryptoSaleFlow, correspondentPaymentFlow];
const MODULES: readonly AnyFlowModule[] = [...WORK_FLOWS, clearingCycleFlow];

/** How a payment or an order ended: the output of whichever flow carried it. */
export type Outcome = OutputFrom<WorkFlow['machine']>;

export const FLOWS: Readonly<Record<string, AnyFlowModule>> = Object.fromEntries(MODULES.map((f) => [f.machine.id, f]));

export type { AnyFlowModule, FlowModule, RunBounds, RetailWork, Services, Work } from './flow.js';
export { toDot, toMermaid } from './diagram.js';
export { meaningOf } from './eventMeanings.js';
