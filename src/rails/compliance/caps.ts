// Investor caps: how much each investor may buy per calendar year, in the cap's currency. Room
// is reserved when a purchase is quoted and committed when it fills, released if it fails (a
// two-phase hold on the cap), so purchases in flight together can never pass the cap together.
// Use is counted in 10^-18 of the cap's currency (src/money/fine.ts): a purchase worth a fraction
// of a cent counts at that fraction, never as zero.

import { fineOf, formatAmount, type Amount, type FineAmount } from '../../money/index.js';

export type InvestorCategory = 'qualified' | 'nonQualified';

export type Reservation = { ok: true } | { ok: false; reason: 'cap.exceeded'; used: FineAmount; cap: Amount };

/** In 10^-18 of the cap's currency. */
interface Usage {
  used: bigint;
  reserved: bigint;
}

export class InvestorCaps {
  private readonly usage = new Map<string, Usage>();
  private readonly reservations = new Map<string, { key: string; minor: bigint }>();

  constructor(private readonly caps: Readonly<Record<InvestorCategory, Amount | null>>) {}

  capOf(category: InvestorCategory): Amount | null {
    return this.caps[category];
  }

  private key(investor: string, year: number): string {
    return `${investor}|${year}`;
  }

  /** What the investor used of the year's cap, in 10^-18 of its currency. */
  used(investor: string, year: number): bigint {
    return this.usage.get(this.key(investor, year))?.used ?? 0n;
  }

  /** Reserves `value` (in the cap's currency) of the investor's room for `year`, or refuses. */
  reserve(id: string, investor: string, category: InvestorCategory, year: number, value: FineAmount): Reservation {
    const cap = this.caps[category];
    if (cap === null) return { ok: true };
    if (value.asset.code !== cap.asset.code) throw new Error(`cap is in ${cap.asset.code}, value in ${value.asset.code}`);
    if (this.reservations.has(id)) throw new Error(`cap reservation ${id} already exists`);
    const key = this.key(investor, year);
    let u = this.usage.get(key);
    if (!u) this.usage.set(key, (u = { used: 0n, reserved: 0n }));
    if (u.used + u.reserved + value.atto > fineOf(cap).atto) return { ok: false, reason: 'cap.exceeded', used: { asset: cap.asset, atto: u.used }, cap };
    u.reserved += value.atto;
    this.reservations.set(id, { key, minor: value.atto });
    return { ok: true };
  }

  /** The purchase filled: the reserved room is used. No-op for an uncapped investor. */
  commit(id: string): void {
    const r = this.take(id);
    if (!r) return;
    const u = this.usage.get(r.key)!;
    u.reserved -= r.minor;
    u.used += r.minor;
  }

  /** The purchase failed: the reserved room is free again. */
  release(id: string): void {
    const r = this.take(id);
    if (r) this.usage.get(r.key)!.reserved -= r.minor;
  }

  private take(id: string): { key: string; minor: bigint } | undefined {
    const r = this.reservations.get(id);
    this.reservations.delete(id);
    return r;
  }

  /** Every capped investor-year with its use (in 10^-18 of the cap's currency), for the report. */
  *entries(): Generator<{ investor: string; year: number; used: bigint; reserved: bigint }> {
    for (const [key, u] of this.usage) {
      const [investor, year] = key.split('|') as [string, string];
      yield { investor, year: Number(year), used: u.used, reserved: u.reserved };
    }
  }

  describe(category: InvestorCategory): string {
    const cap = this.caps[category];
    return cap === null ? 'no cap' : `${formatAmount(cap)} a year`;
  }
}
