// The tests StrykerJS runs against each mutant (npm run test:mutation): only the unit tests of the
// mutated folders. The rest of the suite runs whole scenarios through the CLI or the runner, slow
// on two cores and, for the CLI, run from dist/ rather than from the mutated source.
// Two files are left out. hledger.test.ts runs a scenario in beforeAll, outside any test, so every
// line that run touches counts as "static" for Stryker and is tested against every test (78% of
// the run's time); exporters.test.ts covers the journal line by line. mutations.test.ts runs whole
// shipped scenarios, seconds per mutant on a shared machine; mutants.test.ts pins the same
// invariants on hand-built records. The score is therefore a lower bound for the full suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/money/**/*.test.ts', 'tests/ledger/**/*.test.ts', 'tests/invariants/**/*.test.ts'],
    exclude: ['tests/ledger/hledger.test.ts', 'tests/invariants/mutations.test.ts'],
    testTimeout: 60_000,
    // Counts a test file that fails to load as a failed test; see the reporter's header.
    reporters: ['default', './tests/mutation/unloadableFileReporter.ts'],
  },
});
