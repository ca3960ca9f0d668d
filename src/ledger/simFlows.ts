// The flows the simulator makes itself (opening balances, mining rewards, clearing cycles), named
// in a namespace no scenario id can enter: scenario ids are lower-case letters, digits and hyphens,
// so a `/` keeps a payment called `setup` or `cycle-0001`, or an order named like a miner, apart
// from the simulator's flows. It lives here, in the lowest layer every entry passes through, so
// the runner that names these flows and the invariants that recognise them share one definition.

const PREFIX = 'sim/';

/** The opening balances and inventories, before any payment or order. */
export const SETUP_FLOW = `${PREFIX}setup`;

/** The rewards one miner receives. */
export function miningFlow(miner: string): string {
  return `${PREFIX}mining/${miner}`;
}

/** The n-th clearing cycle of NPCS (1-based). */
export function clearingCycleFlow(n: number): string {
  return `${PREFIX}cycle-${String(n).padStart(4, '0')}`;
}

/** Whether a flow is one of the simulator's own rather than a payment or order of the scenario. */
export function isSimulatorFlow(flow: string): boolean {
  return flow.startsWith(PREFIX);
}
