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

/**
 * The correspondent channel when a scenario leaves fields out. Assumptions, anchored where a
 * source exists (docs/sources.md): bank remittance cost ~11.5% (World Bank RPW, small amounts;
 * trade payments pay less, so 1% fees plus a 2% conversion spread here); settlement over days for
 * Russian corridors since 2022 (reported), so one to five days; rejection shares by corridor are
 * assumptions a scenario should set.
 */
export const CORRESPONDENT_DEFAULTS = {
  feeFixed: '2500.00 RUB',
  feeBps: 100,
  fxSpreadBps: 200,
  settlement: { min: 'P1D', max: 'P5D' },
  rejection: {} as Record<string, number>,
  rejectionAfter: { min: 'P1D', max: 'P10D' },
  returnFee: '2500.00 RUB',
} as const;
