// The property kit as users call it: generated scenarios are run and checked, and a failing one is
// written, shrunk, to a YAML file that `railpilot run` replays (app/invariantProperty.ts does the
// checking; writing the file is the edge's).

import { writeFileSync } from 'node:fs';
import type fc from 'fast-check';
import type { Scenario } from '../scenario/schema.js';
import { invariantsHold, type InvariantPropertyOptions } from '../app/invariantProperty.js';

export { scenarioToYaml, type InvariantPropertyOptions } from '../app/invariantProperty.js';

/** Throws, with the seed, the path and the failing invariants, if any generated scenario breaks one. */
export function assertInvariantsHold(scenarios: fc.Arbitrary<Scenario>, options: InvariantPropertyOptions = {}): void {
  invariantsHold(scenarios, options, (file, yaml) => writeFileSync(file, yaml));
}
