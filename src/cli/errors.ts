// The CLI's error classes and exit codes (DESIGN.md): 0 success, 1 an invariant failed, 2 bad input
// (a message and no stack), 3 an internal error (a bug: "please report it").

export class BadInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInput';
  }
}

// Raised by the run itself (app/recordRun.ts), caught here to exit 1.
export { InvariantBroken } from '../app/recordRun.js';

export const EXIT = { ok: 0, invariant: 1, badInput: 2, internal: 3 } as const;

/** How the exit codes read in --help and the README. */
export const EXIT_CODES_HELP = 'Exit codes: 0 success; 1 an invariant failed (built-in or the scenario\'s own; the message names it, the flow and the entry); 2 bad input (a scenario, an argument, a run folder); 3 internal error (a bug: please report it).';
