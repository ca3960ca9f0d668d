// The cross-border receipt flow, as the rest of the program sees it: a foreign buyer pays a
// Russian exporter in a stablecoin. Outsiders import from here, never from the folder's files.

export * from './machine.js';
export { CrossBorderReceiptRails, type ReceiptRailsDeps } from './rails.js';
