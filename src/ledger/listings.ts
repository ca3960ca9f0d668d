// Who is listed at a given moment: the one definition the sanctions rails screen with and the
// sanctions invariant checks against. A party listed twice is listed from its earliest listing,
// and a listing counts from its instant on (inclusive). It sits in the ledger layer because both
// the rails and the invariants may import it, as they both read party ownership from here.

export interface Listing {
  readonly party: string;
  /** Listed from this simulated time on (ms); parties listed before the run use -Infinity. */
  readonly from: number;
}

export class Listings {
  private readonly from = new Map<string, number>();

  constructor(listings: Iterable<Listing>) {
    for (const l of listings) this.from.set(l.party, Math.min(l.from, this.from.get(l.party) ?? Infinity));
  }

  /** When `party` is listed from (-Infinity: before the run), or undefined if it never is. */
  listedFrom(party: string): number | undefined {
    return this.from.get(party);
  }

  isListed(party: string, at: number): boolean {
    const from = this.from.get(party);
    return from !== undefined && from <= at;
  }
}
