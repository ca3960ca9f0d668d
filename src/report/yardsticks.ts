// The targets a run is measured against, with their source (docs/sources.md, "Yardsticks").

/** FSB, G20 targets for cross-border payments (2021): 75% credited within 1 hour, retail cost <= 1%. */
export const G20 = { withinOneHourShare: 0.75, retailCostShare: 0.01, source: 'FSB, G20 targets for enhancing cross-border payments, final report, 2021-10-13' } as const;
