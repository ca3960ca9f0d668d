// The two retail flows, an individual buying a coin for RUB and an individual or a miner selling
// one, as the rest of the program sees them. They share one folder because they share one rails
// adapter (rails.ts: the bank, NPCS and the exchange, built once a run for both). Outsiders import
// from here, never from the folder's files.

export * from './retailPurchase.js';
export * from './cryptoSale.js';
export { RetailRails, type RetailRailsDeps } from './rails.js';
