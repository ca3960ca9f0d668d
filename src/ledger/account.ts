// Ledger accounts: colon-separated names (valid in ledger-cli and hledger) and the rule each obeys.

declare const accountBrand: unique symbol;
export type AccountId = string & { readonly [accountBrand]: true };

/**
 * - `external`: where value enters or leaves the rail (deposits from outside, chain fees paid to
 *   validators); may go negative, and conservation is measured against these.
 * - `nonNegative`: holdings of someone (participants, custody, exchange inventory, holds in flight);
 *   going below zero is a bug, so the ledger refuses it.
 * - `system`: signed bookkeeping inside the rail (FX rounding residue).
 */
export type AccountKind = 'external' | 'nonNegative' | 'system';

const SEGMENT = /^[a-z0-9][a-z0-9-]*$/;

export function accountId(...segments: string[]): AccountId {
  for (const s of segments) {
    if (!SEGMENT.test(s)) throw new Error(`account name segment ${JSON.stringify(s)} must be lower-case letters, digits and hyphens`);
  }
  return segments.join(':') as AccountId;
}

/**
 * The kind an account has by its name, the convention every run follows: `external:` accounts
 * are where value enters or leaves, `rounding:` holds signed residue, everything else is someone's
 * holding. Lets a run read back from its files be checked without the simulator.
 */
export function kindByName(account: string): AccountKind {
  if (account.startsWith('external:')) return 'external';
  if (account.startsWith('rounding:')) return 'system';
  return 'nonNegative';
}

const PARTY_ACCOUNT = /^(?:banks:[^:]+|custody|beneficiaries):([^:]+)$/;

/**
 * The participant an account belongs to, by the same naming convention: banks:<bank>:<id>,
 * custody:<id> and beneficiaries:<id> are a party's own; every other account is the rail's.
 */
export function ownerOf(account: string): string | undefined {
  return PARTY_ACCOUNT.exec(account)?.[1];
}
