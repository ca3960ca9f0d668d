// A property test of the settlement invariants in one call: generated scenarios are run and
// checked; on a failure the shrunk scenario is handed over as YAML to be saved (the CLI writes it
// to a file that `railpilot run` replays), and the error names the seed and path that reproduce it.

import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import type { InvariantFactory } from '../invariants/index.js';
import { checkScenario } from './checkScenario.js';
import { compileScenario } from '../scenario/compile.js';

export interface InvariantPropertyOptions {
  readonly numRuns?: number;
  /** Replays a failure: the seed and path fast-check printed. */
  readonly seed?: number;
  readonly path?: string;
  /** Where the shrunk failing scenario is written (YAML); `failing-scenario.yaml` by default. */
  readonly saveTo?: string;
  /** The invariants to hold; the whole kit by default. */
  readonly invariants?: readonly InvariantFactory[];
}

/** A scenario as YAML text that `railpilot run` and `check` read back. */
export function scenarioToYaml(s: Scenario): string {
  return `# written by railpilot: a scenario that broke an invariant\n${stringify(s, { lineWidth: 0 })}`;
}

/** Where a failing scenario goes: the CLI's `assertInvariantsHold` writes it to a file (cli/invariantProperty.ts). */
export type SaveScenario = (file: string, yaml: string) => void;

/**
 * Throws, with the seed, the path and the failing invariants, if any generated scenario breaks
 * one; the shrunk scenario is handed to `save` first, as YAML, with the file it should go to.
 */
export function invariantsHold(scenarios: fc.Arbitrary<Scenario>, options: InvariantPropertyOptions, save: SaveScenario): void {
  const result = fc.check(
    fc.property(scenarios, (s) => checkScenario(compileScenario(s), {}, options.invariants).failures.length === 0),
    {
      numRuns: options.numRuns ?? 100,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.path !== undefined ? { path: options.path } : {}),
    },
  );
  if (!result.failed || !result.counterexample) return;
  const [shrunk] = result.counterexample;
  const file = options.saveTo ?? 'failing-scenario.yaml';
  save(file, scenarioToYaml(shrunk));
  const failures = checkScenario(compileScenario(shrunk), {}, options.invariants).failures.map((f) => `  ${f.name}: ${f.detail}`).join('\n');
  throw new Error(
    `an invariant failed after ${result.numRuns} runs (seed ${result.seed}, path "${result.counterexamplePath}")\n${failures}\n` +
      `the shrunk scenario is in ${file}: replay it with railpilot run ${file}`,
  );
}
