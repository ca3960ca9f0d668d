// The NPCS clearing cycle, as the rest of the program sees it: the flow that runs on its own
// schedule rather than carrying work. Outsiders import from here, never from the folder's files.

export * from './machine.js';
export { ClearingRails } from './rails.js';
