// The ledger layer's public face.
export * from './account.js';
export * from './entry.js';
export * from './ledger.js';
export * from './exporters.js';
export * from './simFlows.js';
export * from './listings.js';
