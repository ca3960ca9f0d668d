// Defaults for fields a scenario leaves out, apart from the model so the schema's checks can read
// them without importing the model that imports the schema.

/**
 * Values used when a scenario leaves a field out. All are assumptions of this project, not
 * measurements of the pilot; scenarios that claim realism set their own and cite them.
 */
export const DEFAULTS = {
  quoteTtl: 'PT30S',
  depth: '1000000',
  slippageBps: 0,
  offrampDelay: 'PT10M',
  offrampLiquidity: '1000000000',
  inclusionTimeout: 'PT30M',
  screeningLatency: 'PT1S',
  bankLatency: 'PT2S',
  exchangeLatency: 'PT1S',
  holdTimeout: 'PT15M',
  pvpHoldTimeout: 'PT2H',
  npcsFeeBps: 0,
  maxQuoteAttempts: 3,
  offrampToleranceBps: 100,
} as const;

// The correspondent channel's defaults are its baselines: src/rails/correspondent/baselines.ts.
