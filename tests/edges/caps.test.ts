// A USD cap counts every purchase at its exact value: purchases worth under half a cent each
// used to count as zero, so any number of them passed a full cap. The `caps` invariant adds the
// exact values the outcomes carry, so it catches a rail that rounds them away.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvestorCaps } from '../../src/rails/compliance/caps.js';
import { capsRespected } from '../../src/invariants/index.js';
import type { OutcomeRecord, RunFacts } from '../../src/invariants/index.js';
import { expectInvariantsHold, runEdge } from './run.js';

/** Anna, with a one-cent cap, buys ten times for 0.40 RUB: each is worth ~0.0043 USD at 92.00. */
const TINY_BUYS = `name: tiny-buys
description: purchases worth under half a cent each against a one-cent cap
seed: 3
start: 2024-09-02T09:00:00Z
regime:
  caps: {nonQualified: "0.01 USD", qualified: null, source: "test: a one-cent cap"}
fx: {USD/RUB: {mid: "92.00"}}
markets:
  USDT/RUB@moscow: {mid: "92.50", spreadBps: 100, depth: "1000000"}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, investor: {category: nonQualified, passedTest: true}, balances: {RUB: "1000.00"}}
orders:
${Array.from({ length: 10 }, (_, i) => `  - {id: buy-${i}, by: anna, buy: USDT, spend: "0.40 RUB", at: 2024-09-02T10:${String(i).padStart(2, '0')}:00Z}`).join('\n')}
`;

describe('a USD cap against purchases worth less than half a cent', () => {
  it('counts each at its exact value: two fit a one-cent cap, the third is refused', () => {
    const r = runEdge(TINY_BUYS);
    const purchased = r.records.filter((o) => o.status === 'purchased');
    expect(purchased.map((o) => o.id)).toEqual(['buy-0', 'buy-1']);
    expect(r.records.filter((o) => o.status === 'rejected').every((o) => o.reason === 'cap.exceeded')).toBe(true);
    expectInvariantsHold(r);
  });

  it("records the exact value counted in the outcome's capValue, never rounded down", () => {
    const r = runEdge(TINY_BUYS);
    const o = r.record('buy-0');
    // 0.40 RUB at 92.00 RUB per USD, to 18 decimals, rounded up: 0.004347826086956521739...
    expect(o.rub).toBe('0.40 RUB');
    expect(o.capValue).toBe('0.004347826086956522 USD');
  });

  it('the caps invariant fails on a run whose rails round each purchase to the cent', () => {
    // The old rule, put back into the rails: each purchase reserved at its value rounded half-even
    // to the cent, which is zero here. The outcomes still say what each was worth.
    const { reserve } = Object.getOwnPropertyDescriptors(InvestorCaps.prototype);
    vi.spyOn(InvestorCaps.prototype, 'reserve').mockImplementation(function (this: InvestorCaps, id, investor, category, year, value) {
      const cent = 10n ** 16n;
      const rounded = ((value.atto + cent / 2n) / cent) * cent;
      return (reserve.value as InvestorCaps['reserve']).call(this, id, investor, category, year, { ...value, atto: rounded });
    });
    const r = runEdge(TINY_BUYS);
    expect(r.records.filter((o) => o.status === 'purchased')).toHaveLength(10);
    const caps = r.verdicts.find((v) => v.name === 'caps')!;
    expect(caps.ok).toBe(false);
    expect(caps.detail).toMatch(/anna 2024 \(nonQualified\) bought 0\.04347826086956522 USD against a cap of 0\.01 USD/);
  });
});

afterEach(() => vi.restoreAllMocks());

describe('the caps invariant on hand-built outcomes', () => {
  const facts = { caps: { nonQualified: '0.01 USD', qualified: null } } as unknown as RunFacts;
  const purchase = (id: string, capValue: string, rub = '0.40 RUB'): OutcomeRecord => ({
    flow: 'retailPurchase', id, status: 'purchased', reason: null, initiatedAt: '2024-09-02T10:00:00.000Z', finalAt: '2024-09-02T10:00:01.000Z',
    party: 'anna', partyAccount: 'banks:bank-a:anna', counterparty: null, amount: '0.40 RUB', rub, coin: '0.004313 USDT',
    refunded: null, frozen: null, capValue, category: 'nonQualified', capYear: 2024,
  });
  const verdict = (outcomes: OutcomeRecord[]) => {
    const c = capsRespected(facts);
    outcomes.forEach((o) => c.outcome!(o));
    return c.finish();
  };

  it('adds exact values: three purchases of 0.004 USD pass a one-cent cap', () => {
    expect(verdict([1, 2, 3].map((i) => purchase(`b${i}`, '0.004347826086956522 USD'))).ok).toBe(false);
    expect(verdict([1, 2].map((i) => purchase(`b${i}`, '0.004347826086956522 USD'))).ok).toBe(true);
  });

  it('refuses a purchase that paid RUB but counted nothing against a cap (a value rounded away)', () => {
    const v = verdict([purchase('b1', '0.00 USD')]);
    expect(v.ok).toBe(false);
    expect(v.detail).toMatch(/b1 paid 0\.40 RUB but counted 0\.00 USD/);
  });
});
