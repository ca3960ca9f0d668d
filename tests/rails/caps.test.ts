// Investor caps as a two-phase hold on yearly room: reservations in flight count against the cap,
// a commit makes room used, a release frees it, and an uncapped category is never refused. The
// model-based test drives reserve/commit/release in any order against a tiny model.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvestorCaps, type InvestorCategory } from '../../src/rails/compliance/caps.js';
import { amountOf, defineAsset, fineOf } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USD = defineAsset('USD', 2);
const rub = (kopecks: bigint) => amountOf(RUB, kopecks);
const usd = (cents: bigint) => amountOf(USD, cents);
/** Use is counted in 10^-18 of the cap's currency: one kopeck or cent is 10^16 of those. */
const U = 10n ** 16n;
const rf = (kopecks: bigint) => fineOf(rub(kopecks));
const uf = (cents: bigint) => fineOf(usd(cents));

/** 600,000.00 RUB for non-qualified investors, no cap for qualified ones (the dfa-law reading). */
const dfa = () => new InvestorCaps({ nonQualified: rub(60_000_000n), qualified: null });

function rows(caps: InvestorCaps) {
  return [...caps.entries()].sort((a, b) => (a.investor + a.year < b.investor + b.year ? -1 : 1));
}

describe('InvestorCaps', () => {
  it('reserve leaves room used at zero until the commit; the commit makes it used', () => {
    const caps = dfa();
    expect(caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(10_000_000n))).toEqual({ ok: true });
    expect(caps.used('anna', 2024)).toBe(0n);
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 0n, reserved: 10_000_000n * U }]);
    caps.commit('o1');
    expect(caps.used('anna', 2024)).toBe(10_000_000n * U);
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 10_000_000n * U, reserved: 0n }]);
  });

  it('two reservations in flight that together pass the cap: the second is refused', () => {
    const caps = dfa();
    expect(caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(40_000_000n)).ok).toBe(true);
    const second = caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(30_000_000n));
    // nothing is committed yet: the refusal comes from the reservation in flight
    expect(second).toEqual({ ok: false, reason: 'cap.exceeded', used: rf(0n), cap: rub(60_000_000n) });
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 0n, reserved: 40_000_000n * U }]);
  });

  it('the cap itself may be reached exactly, not passed by one kopeck', () => {
    const caps = dfa();
    expect(caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(59_999_999n)).ok).toBe(true);
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(2n)).ok).toBe(false);
    expect(caps.reserve('o3', 'anna', 'nonQualified', 2024, rf(1n)).ok).toBe(true);
    caps.commit('o1');
    caps.commit('o3');
    expect(caps.used('anna', 2024)).toBe(60_000_000n * U);
    expect(caps.reserve('o4', 'anna', 'nonQualified', 2024, rf(1n))).toEqual({ ok: false, reason: 'cap.exceeded', used: rf(60_000_000n), cap: rub(60_000_000n) });
  });

  it('counts fractions of a kopeck: a cap full to the kopeck refuses a purchase worth 10^-18 of one', () => {
    const caps = dfa();
    expect(caps.reserve('o1', 'anna', 'nonQualified', 2024, { asset: RUB, atto: 60_000_000n * U - 1n }).ok).toBe(true);
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, { asset: RUB, atto: 2n }).ok).toBe(false);
    expect(caps.reserve('o3', 'anna', 'nonQualified', 2024, { asset: RUB, atto: 1n }).ok).toBe(true);
  });

  it('a single purchase larger than the cap is refused outright', () => {
    expect(dfa().reserve('o1', 'anna', 'nonQualified', 2024, rf(60_000_001n)).ok).toBe(false);
  });

  it('release frees the reserved room for the next purchase', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(40_000_000n));
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(30_000_000n)).ok).toBe(false);
    caps.release('o1');
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 0n, reserved: 0n }]);
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(30_000_000n)).ok).toBe(true);
  });

  it('a refused reservation takes no room and leaves nothing to release', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(50_000_000n));
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(20_000_000n)).ok).toBe(false);
    caps.release('o2'); // the flow releases on its way out; it must not free o1's room
    caps.commit('o2');
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 0n, reserved: 50_000_000n * U }]);
    // and the refused id may be used again
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(10_000_000n)).ok).toBe(true);
  });

  it('committed room is never given back: a release or a second commit after the commit changes nothing', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(25_000_000n));
    caps.commit('o1');
    caps.release('o1');
    caps.commit('o1');
    expect(rows(caps)).toEqual([{ investor: 'anna', year: 2024, used: 25_000_000n * U, reserved: 0n }]);
  });

  it('an uncapped category is always ok, whatever the amount, and is not tracked', () => {
    const caps = dfa();
    for (let i = 0; i < 3; i++) expect(caps.reserve(`q${i}`, 'boris', 'qualified', 2024, rf(10n ** 15n))).toEqual({ ok: true });
    caps.commit('q0');
    caps.release('q1');
    expect(caps.used('boris', 2024)).toBe(0n);
    expect(rows(caps)).toEqual([]);
    expect(caps.capOf('qualified')).toBeNull();
  });

  it('an uncapped category takes a value in any currency', () => {
    expect(dfa().reserve('q1', 'boris', 'qualified', 2024, uf(1n)).ok).toBe(true);
  });

  it('caps count per calendar year: a full 2024 does not limit 2025', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(60_000_000n));
    caps.commit('o1');
    expect(caps.reserve('o2', 'anna', 'nonQualified', 2024, rf(1n)).ok).toBe(false);
    expect(caps.reserve('o3', 'anna', 'nonQualified', 2025, rf(60_000_000n)).ok).toBe(true);
    caps.commit('o3');
    expect(caps.used('anna', 2024)).toBe(60_000_000n * U);
    expect(caps.used('anna', 2025)).toBe(60_000_000n * U);
  });

  it('each investor has their own room', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(60_000_000n));
    expect(caps.reserve('o2', 'vera', 'nonQualified', 2024, rf(60_000_000n)).ok).toBe(true);
  });

  it('the category decides the cap: qualified and non-qualified caps in USD', () => {
    const caps = new InvestorCaps({ nonQualified: usd(60_000n), qualified: usd(700_000n) });
    expect(caps.reserve('a', 'anna', 'nonQualified', 2024, uf(60_001n)).ok).toBe(false);
    expect(caps.reserve('b', 'boris', 'qualified', 2024, uf(60_001n)).ok).toBe(true);
    expect(caps.reserve('c', 'boris', 'qualified', 2024, uf(640_000n)).ok).toBe(false);
  });

  it('a value in another currency than the cap is a programmer error, not a silent comparison', () => {
    expect(() => dfa().reserve('o1', 'anna', 'nonQualified', 2024, uf(100n))).toThrow(/RUB/);
  });

  it('a reservation id in flight cannot be reserved twice', () => {
    const caps = dfa();
    caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(1n));
    expect(() => caps.reserve('o1', 'anna', 'nonQualified', 2024, rf(1n))).toThrow(/o1/);
  });

  it('describes each category for the report', () => {
    const caps = new InvestorCaps({ nonQualified: usd(60_000n), qualified: null });
    expect(caps.describe('nonQualified')).toBe('600.00 USD a year');
    expect(caps.describe('qualified')).toBe('no cap');
    expect(caps.capOf('nonQualified')).toEqual(usd(60_000n));
  });
});

// ---- model-based: reserve / commit / release in any order --------------------------------------

/** In 10^-18 RUB: the cap is 10.00 RUB; reservations are any fine values around it. */
const CAP: Record<InvestorCategory, bigint | null> = { nonQualified: 1_000n * U, qualified: null };
const INVESTORS: Record<string, InvestorCategory> = { anna: 'nonQualified', vera: 'nonQualified', boris: 'qualified' };
const IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];

interface Model {
  /** used+reserved per `investor|year`, capped investors only. */
  usage: Map<string, { used: bigint; reserved: bigint }>;
  /** Reservations in flight that hold room. */
  open: Map<string, { key: string; minor: bigint }>;
  /** Ids reserved by an uncapped investor and not yet committed or released (they hold no room). */
  uncapped: Set<string>;
}

interface Real {
  caps: InvestorCaps;
}

function checkAgainst(m: Model, r: Real): void {
  const expected = [...m.usage].map(([key, u]) => {
    const [investor, year] = key.split('|') as [string, string];
    return { investor, year: Number(year), used: u.used, reserved: u.reserved };
  });
  expect(rows(r.caps)).toEqual(expected.sort((a, b) => (a.investor + a.year < b.investor + b.year ? -1 : 1)));
  for (const e of rows(r.caps)) {
    const cap = CAP[INVESTORS[e.investor]!]!;
    expect(e.used + e.reserved <= cap, `${e.investor} ${e.year}: ${e.used}+${e.reserved} > ${cap}`).toBe(true);
    expect(e.used >= 0n && e.reserved >= 0n).toBe(true);
    expect(r.caps.used(e.investor, e.year)).toBe(e.used);
  }
}

class Reserve implements fc.Command<Model, Real> {
  constructor(
    readonly id: string,
    readonly investor: string,
    readonly year: number,
    readonly minor: bigint,
  ) {}
  check(m: Readonly<Model>): boolean {
    return !m.open.has(this.id) && !m.uncapped.has(this.id);
  }
  run(m: Model, r: Real): void {
    const category = INVESTORS[this.investor]!;
    const cap = CAP[category];
    const result = r.caps.reserve(this.id, this.investor, category, this.year, { asset: RUB, atto: this.minor });
    if (cap === null) {
      expect(result).toEqual({ ok: true });
      m.uncapped.add(this.id);
    } else {
      const key = `${this.investor}|${this.year}`;
      let u = m.usage.get(key);
      if (!u) m.usage.set(key, (u = { used: 0n, reserved: 0n }));
      if (u.used + u.reserved + this.minor > cap) {
        expect(result).toEqual({ ok: false, reason: 'cap.exceeded', used: { asset: RUB, atto: u.used }, cap: rub(cap / U) });
      } else {
        expect(result).toEqual({ ok: true });
        u.reserved += this.minor;
        m.open.set(this.id, { key, minor: this.minor });
      }
    }
    checkAgainst(m, r);
  }
  toString(): string {
    return `reserve(${this.id}, ${this.investor}, ${this.year}, ${this.minor})`;
  }
}

class Commit implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    r.caps.commit(this.id);
    const o = m.open.get(this.id);
    if (o) {
      const u = m.usage.get(o.key)!;
      u.reserved -= o.minor;
      u.used += o.minor;
      m.open.delete(this.id);
    }
    m.uncapped.delete(this.id);
    checkAgainst(m, r);
  }
  toString(): string {
    return `commit(${this.id})`;
  }
}

class Release implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    r.caps.release(this.id);
    const o = m.open.get(this.id);
    if (o) {
      m.usage.get(o.key)!.reserved -= o.minor;
      m.open.delete(this.id);
    }
    m.uncapped.delete(this.id);
    checkAgainst(m, r);
  }
  toString(): string {
    return `release(${this.id})`;
  }
}

describe('InvestorCaps, model-based', () => {
  it('used+reserved never passes the cap, and the caps agree with a tiny model, in any order of commands', () => {
    const id = fc.constantFrom(...IDS);
    const commands = [
      fc
        .record({
          id,
          investor: fc.constantFrom(...Object.keys(INVESTORS)),
          year: fc.constantFrom(2024, 2025),
          minor: fc.oneof(fc.bigInt({ min: 1n, max: 400n * U }), fc.bigInt({ min: 1n, max: 1_200n * U }), fc.constant(1_000n * U), fc.bigInt({ min: 1n, max: U })),
        })
        .map((g) => new Reserve(g.id, g.investor, g.year, g.minor)),
      id.map((i) => new Commit(i)),
      id.map((i) => new Release(i)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const model: Model = { usage: new Map(), open: new Map(), uncapped: new Set() };
        const real: Real = { caps: new InvestorCaps({ nonQualified: rub(CAP.nonQualified! / U), qualified: null }) };
        fc.modelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
