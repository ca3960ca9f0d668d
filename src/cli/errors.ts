// The CLI's error classes: bad input (exit 2, a message and no stack) versus everything else
// (exit 1, an internal error).

export class BadInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInput';
  }
}

export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;
