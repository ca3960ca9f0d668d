import { describe, expect, it } from 'vitest';
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

  it('two sets share nothing', () => {
    const a = new IdSet();
    const b = new IdSet();
    a.add('pay-0a1b2c3d4e');
    expect(b.has('pay-0a1b2c3d4e')).toBe(false);
    expect(b.size).toBe(0);
  });
});
