// railpilot's public face: what a user imports to write a scenario in code, run it, and check
// its results in a property test of their own.
export * from './money/index.js';
export * from './ledger/index.js';
export * from './sim/index.js';
export { crossBorderPayment, type CrossBorderEvent, type CrossBorderPorts } from './flows/crossBorderPayment/index.js';
export type { PaymentOutcome, PaymentSpec, PaymentStatus } from './flows/payment.js';
export { scenarioSchema, scenarioJsonSchema, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { parseScenario, formatProblems, type LoadResult, type Problem } from './scenario/load.js';
export { loadScenario, loadScenarioFile } from './cli/readScenario.js';
export { compileScenario } from './scenario/compile.js';
export type { Model } from './scenario/model.js';
export { runScenario, type Outcome, type RunListeners, type RunOptions, type RunResult } from './scenario/runner.js';
export * from './report/index.js';
export * from './app/index.js';
export { assertInvariantsHold } from './cli/invariantProperty.js';
export * from './invariants/index.js';
export { retailPurchase, cryptoSale } from './flows/retail/index.js';
export type { OrderOutcome, OrderSpec } from './flows/order.js';
export { PRESETS, Regime } from './rails/regime/regime.js';
export { arbScenario, arbScenarioInput, type ArbScenarioOptions } from './scenario/arbitrary.js';
export { defineScenario } from './scenario/define.js';
