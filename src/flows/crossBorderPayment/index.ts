// The cross-border payment flow, as the rest of the program sees it: a Russian importer pays a
// supplier abroad in a stablecoin bought with RUB. Outsiders import from here, never from the
// folder's files, so the folder may be rearranged without touching them.

export * from './machine.js';
export { CrossBorderRails, type CrossBorderRailsDeps } from './rails.js';
export { CROSS_BORDER_EVENT_MEANINGS } from './eventMeanings.js';
