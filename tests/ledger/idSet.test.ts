import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdSet } from '../../src/ledger/idSet.js';

describe('IdSet: the compact set of ids a long run remembers', () => {
  it('tells apart ids that differ anywhere: shape, prefix, the ten characters, suffix, counter', () => {
    const ids = ['pay-0a1b2c3d4e', 'ord-0a1b2c3d4e', 'pay-0a1b2c3d4f', 'pay-0a1b2c3d4e-h1', 'pay-0a1b2c3d4e-h12', 'pay-0a1b2c3d4e-pvp-h1', 'pay-0a1b2c3d4e-pvp', 'pay-000000001', 'pay-0000000001', 'pay-0000000001-h01', 'first-order', 'h1'];
    const set = new IdSet();
    for (const id of ids) expect(set.add(id)).toBe(true);
    for (const id of ids) expect(set.has(id)).toBe(true);
    for (const id of ids) expect(set.add(id)).toBe(false);
    expect(set.size).toBe(ids.length);
    for (const id of ['pay-0a1b2c3d4g', 'pay-0a1b2c3d4e-h2', 'pay-0a1b2c3d4e-h', 'pay-1', 'first-order-1', 'PAY-0a1b2c3d4e']) expect(set.has(id)).toBe(false);
  });

  it('keeps every one of many ids (its tables grow) and nothing else', () => {
    const set = new IdSet();
    const id = (i: number) => `pay-${i.toString(36).padStart(10, '0')}-h${i + 1}`;
    for (let i = 0; i < 50_000; i += 2) set.add(id(i));
    expect(set.size).toBe(25_000);
    for (let i = 0; i < 50_000; i++) expect(set.has(id(i))).toBe(i % 2 === 0);
  });

  it("agrees with a Set of strings on 300,000 random ids of every shape, repeats and one flow's many holds included", () => {
    // A seeded stream, so a failure repeats: ids a run makes (random ten characters, some with a
    // counter), a few hand-written ones, and every tenth id one seen before.
    let x = 0x2545f491;
    const next = () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    const ten = () => Math.floor(next() * 36 ** 10).toString(36).padStart(10, '0');
    const made: string[] = [];
    // Holds of a few flows share their ten characters, so some land in one bucket differing only in the counter.
    const flows = Array.from({ length: 8 }, ten);
    const set = new IdSet();
    const strings = new Set<string>();
    const wrong: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const r = next();
      const id =
        r < 0.1 && made.length > 0 ? made[Math.floor(next() * made.length)]!
        : r < 0.5 ? `pay-${ten()}`
        : r < 0.7 ? `pay-${ten()}-h${1 + Math.floor(next() * 1e6)}`
        : r < 0.9 ? `pay-${flows[Math.floor(next() * flows.length)]}-h${1 + Math.floor(next() * 20_000)}`
        : r < 0.95 ? `ord-${ten()}-pvp-h${1 + Math.floor(next() * 50)}`
        : `trade-${Math.floor(next() * 5000)}`;
      made.push(id);
      if (set.has(id) !== strings.has(id) || set.add(id) === strings.has(id)) wrong.push(id);
      strings.add(id);
    }
    for (let i = 0; i < 20_000; i++) {
      const probe = i % 2 === 0 ? `pay-${ten()}` : `pay-${ten()}-h${1 + (i % 997)}`;
      if (set.has(probe) !== strings.has(probe)) wrong.push(probe);
    }
    expect(wrong).toEqual([]);
    expect(set.size).toBe(strings.size);
  });

  it('agrees with a Set of strings on near-miss ids: leading zeros, capitals, nine or eleven characters, 15 and 16-digit counters', () => {
    const ten = fc.stringMatching(/^[0-9a-z]{10}$/);
    const part = fc.oneof(
      fc.constantFrom('pay-', 'ord-', 'PAY-', '-', 'p1-', 'pay--', ''),
      ten,
      fc.stringMatching(/^[0-9a-zA-Z]{9,11}$/),
      fc.constantFrom('-h', '-pvp-h', '-', '-H', '-h-', '-1'),
      fc.stringMatching(/^[0-9]{1,16}$/),
      fc.constantFrom('999999999999999', '1000000000000000', '9007199254740992', '0', '01'),
    );
    const shaped = fc.tuple(fc.constantFrom('pay-', 'ord-'), ten, fc.constantFrom('', '-h', '-pvp-h'), fc.constantFrom('1', '17', '999999999999999', '9007199254740992')).map(([p, t, h, c]) => (h ? p + t + h + c : p + t));
    const id = fc.oneof(shaped, fc.array(part, { minLength: 1, maxLength: 5 }).map((ps) => ps.join('')));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        const set = new IdSet();
        const strings = new Set<string>();
        // Each id beside the ids a careless reading would take for it: capitals, a leading zero in
        // the counter, the next counter (past 2^53 two 16-digit counters share a double).
        const near = (x: string) => [x, x.toUpperCase(), x.replace(/(-[A-Za-z-]*)(\d+)$/, (_, suffix: string, d: string) => `${suffix}0${d}`), x.replace(/\d+$/, (d) => (BigInt(d) + 1n).toString())];
        for (const x of ids.flatMap(near)) {
          expect(set.has(x)).toBe(strings.has(x));
          expect(set.add(x)).toBe(!strings.has(x));
          strings.add(x);
        }
        expect(set.size).toBe(strings.size);
      }),
      { numRuns: 500 },
    );
  });

  it('two sets share nothing', () => {
    const a = new IdSet();
    const b = new IdSet();
    a.add('pay-0a1b2c3d4e');
    expect(b.has('pay-0a1b2c3d4e')).toBe(false);
    expect(b.size).toBe(0);
  });
});
