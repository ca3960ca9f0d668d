// The records a run writes read back to what was written: amounts as text give back the exact
// Amount, every outcome's details line and run.json pass their schemas after a JSON round trip,
// the typed view of a details line carries the outcome's own money and prices, and a bad line is
// named by its field.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineAsset, formatAmount } from '../../src/money/index.js';
import { amountFrom, cycleRecordSchema, detailSchema, parseRecord, runRecordSchema, viewOf, writtenOutcomeSchema, type OutcomeDetail } from '../../src/records/index.js';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runScenario, type Outcome } from '../../src/scenario/runner.js';
import { cycleRecord, detailRecord, runRecord, runStart } from '../../src/app/runRecord.js';

describe('amounts as text', () => {
  it('give back the exact amount and scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 18 }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (scale, minor) => {
        const a = { asset: defineAsset('USDT', scale), minor };
        const back = amountFrom(formatAmount(a));
        expect(back.minor).toBe(minor);
        expect(back.asset.scale).toBe(scale);
        expect(back.asset.code).toBe('USDT');
      }),
    );
  });
});

/** A shipped scenario run in memory, its outcomes with their details lines, read back as JSON. */
function run(file: string) {
  const r = loadScenario(`scenarios/${file}`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const outcomes: { o: Outcome; detail: OutcomeDetail }[] = [];
  const cycles: unknown[] = [];
  const result = runScenario(r.scenario, {
    outcome: (o, finalAt) => outcomes.push({ o, detail: JSON.parse(JSON.stringify(detailRecord(o, finalAt))) as OutcomeDetail }),
    cycle: (c, finalAt) => cycles.push(JSON.parse(JSON.stringify(cycleRecord(c, finalAt)))),
  });
  return { s: r.scenario, result, outcomes, cycles };
}

describe('details.jsonl', () => {
  for (const file of ['usdt-depeg-in-flight.yaml', 'pilot-vs-correspondent.yaml', 'exporter-paid-in-brics-coin.yaml', 'retail-cap-as-reported-2024.yaml']) {
    it(`reads back what ${file}'s flows ended with`, () => {
      const { outcomes } = run(file);
      expect(outcomes.length).toBeGreaterThan(0);
      for (const { o, detail } of outcomes) {
        expect(detailSchema.safeParse(detail).success, `${o.flow} ${o.id}`).toBe(true);
        const v = viewOf(detail);
        expect(v.id).toBe(o.id);
        expect(v.status).toBe(o.status);
        if (o.flow === 'crossBorderPayment' && v.flow === 'crossBorderPayment') {
          expect(v.paid?.minor ?? null).toBe(o.paid?.minor ?? null);
          expect(v.bought?.minor ?? null).toBe(o.bought?.minor ?? null);
          expect(v.fillMid?.eq(o.fillMid!) ?? o.fillMid === null).toBe(true);
          expect(v.marks?.coinRub.eq(o.marks!.coinRub) ?? o.marks === null).toBe(true);
          expect(v.payment.amount).toEqual({ asset: { code: o.payment.amount.asset.code, scale: o.payment.amount.asset.scale }, minor: o.payment.amount.minor });
          expect(v.payment.initiatedAt).toBe(o.payment.initiatedAt);
        }
        if (o.flow === 'crossBorderReceipt' && v.flow === 'crossBorderReceipt') expect(v.saleMid?.eq(o.saleMid!) ?? o.saleMid === null).toBe(true);
        if ((o.flow === 'retailPurchase' || o.flow === 'cryptoSale') && (v.flow === 'retailPurchase' || v.flow === 'cryptoSale')) {
          expect(v.order.participant.investor?.category).toBe(o.order.participant.investor?.category);
          expect(v.rub?.minor ?? null).toBe(o.rub?.minor ?? null);
        }
      }
    });
  }
});

describe('run.json and cycles.jsonl', () => {
  it('pass their schemas after a JSON round trip', () => {
    const { s, result, cycles } = run('clearing-day-many-banks.yaml');
    expect(cycles.length).toBeGreaterThan(0);
    for (const c of cycles) expect(cycleRecordSchema.safeParse(c).success).toBe(true);
    const record = JSON.parse(JSON.stringify(runRecord(runStart(s), result, [], null))) as unknown;
    const parsed = runRecordSchema.safeParse(record);
    expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
  });
});

describe('parseRecord', () => {
  it('names the field and what was expected, or a line that is not JSON', () => {
    const bad = parseRecord(writtenOutcomeSchema, JSON.stringify({ flow: 'x', id: 'p1', status: 'settled', reason: null, initiatedAt: '2024-09-02T09:00:00.000Z', finalAt: 'yesterday' }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/^finalAt: expected an ISO time/);
    expect(parseRecord(writtenOutcomeSchema, '{"flow":')).toEqual({ ok: false, problem: 'not valid JSON' });
  });

  it('keeps the text\'s own key order', () => {
    const text = JSON.stringify({ id: 'c1', status: 'settled', obligations: 0, gross: '0.00 RUB', netDebits: '0.00 RUB', saved: '0.00 RUB', creditDrawn: '0.00 RUB', at: 0, creditByMember: {} });
    const r = parseRecord(cycleRecordSchema, text);
    expect(r.ok && JSON.stringify(r.value)).toBe(text);
  });
});
