// Mutation testing of the money, ledger and invariants layers (npm run test:mutation). Not part of
// `npm test` or .ci/run: it runs the unit tests of those folders once per mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/money/**/*.ts', 'src/ledger/**/*.ts', 'src/invariants/**/*.ts', '!src/**/index.ts'],
  // Per-test coverage runs only the tests that reach a mutant, the largest saving there is.
  coverageAnalysis: 'perTest',
  // Two cores, shared: one runner each.
  concurrency: 2,
  // Reuses the previous result for mutants whose code and covering tests did not change.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
