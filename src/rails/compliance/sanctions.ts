// Sanctions screening: a list of parties, each listed from a given moment. Screening before funds
// move rejects; a party found listed while funds are in flight has those funds frozen; and the
// ledger asks the list at every credit (see `creditScreen`), so no value reaches a listed party's
// own account whichever flow or rail moves it: it goes to the frozen account instead.

import type { Amount } from '../../money/index.js';
import { Listings, accountId, ownerOf, transfer, type AccountId, type CreditScreen, type Ledger } from '../../ledger/index.js';

export type { Listing } from '../../ledger/index.js';

export const FROZEN_ACCOUNT: AccountId = accountId('compliance', 'frozen');

/** The listings the rails screen with; what "listed at t" means is the ledger's `Listings`. */
export class SanctionsList extends Listings {
  /** The first of `parties` listed at time `at`, if any. */
  firstListed(parties: readonly string[], at: number): string | undefined {
    return parties.find((p) => this.isListed(p, at));
  }

  /** The screen a ledger applies to every credit: a listed party's account is credited nothing. */
  creditScreen(): CreditScreen {
    return {
      divertTo: FROZEN_ACCOUNT,
      blocked: (account, time) => {
        const party = ownerOf(account);
        return party !== undefined && this.isListed(party, time) ? party : undefined;
      },
    };
  }
}

export interface FreezeCheck {
  readonly flow: string;
  readonly parties: readonly string[];
  readonly time: number;
  /** Where the funds wait, and how much of them a listing freezes. */
  readonly from: AccountId;
  readonly amount: Amount;
  /** Completes the memo after the party: "listed while the coin travelled". */
  readonly why: string;
}

/**
 * Screens at a moment of credit: if one of the parties is listed, the waiting funds go to the
 * frozen account instead, and that party is returned. Every credit after a wait goes through here.
 */
export function freezeIfListed(sanctions: SanctionsList, ledger: Ledger, c: FreezeCheck): string | undefined {
  const party = sanctions.firstListed(c.parties, c.time);
  if (party !== undefined) {
    ledger.post({ time: c.time, flow: c.flow, kind: 'compliance.frozen', postings: transfer(c.from, FROZEN_ACCOUNT, c.amount), memo: `${party} ${c.why}` });
  }
  return party;
}
