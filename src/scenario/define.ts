// Scenario scripts in TypeScript: a module whose default export is `defineScenario({...})` is a
// scenario like a YAML file, typed from the same zod schema and validated the same way, so a
// user can compute a trade book in code instead of listing it. Running the script is the CLI's
// (src/cli/scriptScenario.ts, in a child process): this module stays free of the platform.

import type { ScenarioInput } from './schema.js';

/** Types a scenario written in code; validation happens when it is loaded. */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  return input;
}
