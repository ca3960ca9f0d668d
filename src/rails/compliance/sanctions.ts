// Sanctions screening: a list of parties, each listed from a given moment. Screening before funds
// move rejects; a party found listed while funds are in flight has those funds frozen.

import { accountId, type AccountId } from '../../ledger/index.js';

export interface Listing {
  readonly party: string;
  /** Listed from this simulated time on (ms); parties listed before the run use -Infinity. */
  readonly from: number;
}

export const FROZEN_ACCOUNT: AccountId = accountId('compliance', 'frozen');

export class SanctionsList {
  private readonly listings = new Map<string, number>();

  constructor(listings: readonly Listing[]) {
    for (const l of listings) this.listings.set(l.party, Math.min(l.from, this.listings.get(l.party) ?? Infinity));
  }

  isListed(party: string, at: number): boolean {
    const from = this.listings.get(party);
    return from !== undefined && from <= at;
  }

  /** The first of `parties` listed at time `at`, if any. */
  firstListed(parties: readonly string[], at: number): string | undefined {
    return parties.find((p) => this.isListed(p, at));
  }
}
