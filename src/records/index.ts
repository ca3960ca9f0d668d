// The records of a run's outputs, with their zod schemas: what `run` writes, what `report`,
// `verify` and the invariants read back. Nothing here knows flows, rails or the runner.
export * from './facts.js';
export * from './lines.js';
export * from './detail.js';
export * from './cycle.js';
export * from './graph.js';
export * from './run.js';
export * from './regime.js';
export * from './text.js';
export * from './parse.js';
/** Times in the records are ISO strings with milliseconds, in UTC. */
export { isoTime } from '../ledger/index.js';
