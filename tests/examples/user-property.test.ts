// What a user writes to property-test the settlement invariants on scenarios of their own:
// import from the package, generate scenarios, assert the kit holds. (This file imports
// `railpilot` itself, the built package, exactly as a user's project would.)

import { it } from 'vitest';
import { arbScenario, assertInvariantsHold } from 'railpilot';

it('every settlement invariant holds on generated cross-border and retail scenarios', () => {
  assertInvariantsHold(arbScenario({ size: 10, faults: true, retail: true }), { numRuns: 30 });
});
