// The correspondent-bank payment flow, as the rest of the program sees it: the channel the pilot
// is compared with. Outsiders import from here, never from the folder's files.

export * from './machine.js';
export { CorrespondentRails, type CorrespondentRailsDeps } from './rails.js';
