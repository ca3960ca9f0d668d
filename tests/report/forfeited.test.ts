// Coin an off-ramp kept because the fee of the transfer back exceeded it (the `forfeited` field of
// a line of outcomes.jsonl, when the run writes one): a loss of the payment, attributed to the
// off-ramps in the losses and in the flow of funds, valued at the mid of the payment's end.

import { describe, expect, it } from 'vitest';
import { RunMetrics, flowOfFunds, nodeBalances, type MidAt } from '../../src/report/index.js';
import type { PaymentOutcome } from '../../src/flows/payment.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import { Dec, amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const T0 = Date.UTC(2024, 9, 1, 9);
const party = (id: string, country: string): Participant => ({ id: id as ParticipantId, kind: 'company', country });

/** 92.50 RUB per USDT at the start, 90.00 from an hour on. */
const midAt: MidAt = (base, quote, t) => new Dec(quote === 'RUB' ? (t >= T0 + 3_600_000 ? '90.00' : '92.50') : '7.10');

function refundedWithNothingBack(): PaymentOutcome {
  return {
    flow: 'crossBorderPayment',
    id: 'p1',
    status: 'refunded',
    reason: 'offramp.noLiquidity',
    payment: { id: 'p1', payer: party('acme', 'RU'), payee: party('wei', 'CN'), amount: amountOf(CNY, 7_100n), rail: 'pilot', settlement: 'sequential', coin: 'USDT', chain: 'tron', initiatedAt: T0 },
    paid: amountOf(RUB, 2_000_00n),
    paidAt: T0,
    fillMid: new Dec('92.50'),
    quotedOfframpMid: null,
    marks: null,
    bought: amountOf(USDT, 2_100_000n),
    delivered: null,
    npcsFee: null,
    chainFee: amountOf(USDT, 1_000_000n),
    keptCoin: null,
    refunded: amountOf(RUB, 0n),
    frozen: null,
    forfeited: null,
  };
}

describe('coin kept by an off-ramp', () => {
  it('is a loss of the refunded payment, attributed, at the mid of its end', () => {
    const m = new RunMetrics((b, q) => midAt(b, q, T0), midAt);
    m.add(refundedWithNothingBack(), T0 + 2 * 3_600_000, { forfeited: '1.100000 USDT' });
    expect(m.forfeited.toFixed(2)).toBe('99.00');
    expect(m.forfeitedCount).toBe(1);
    expect(m.refundedForfeited.toFixed(2)).toBe('99.00');
    const g = flowOfFunds({
      settled: { paid: '0.00', exchangeSpread: '0.00', chainFees: '0.00', offrampSpread: '0.00', npcsFees: '0.00', fxResidue: '0.00', deliveredToBeneficiaries: '0.00' },
      refunded: { paid: '200.00', refundedToPayers: '0.00', lostOnRefunds: '200.00', forfeitedToOfframps: m.refundedForfeited.toFixed(2) },
      frozen: { paid: '0.00', exchangeSpread: '0.00', chainFees: '0.00', npcsFees: '0.00', fxResidue: '0.00', frozenAtMid: '0.00' },
    });
    expect(g.links).toEqual([
      { from: 'payers', to: 'refunded', rub: '200.00' },
      { from: 'refunded', to: 'forfeited', rub: '99.00' },
      { from: 'refunded', to: 'refundLoss', rub: '101.00' },
    ]);
    for (const b of nodeBalances(g)) if (b.kind === 'outcome') expect(b.out.eq(b.in)).toBe(true);
  });

  it('reads a line without the field as nothing kept', () => {
    const m = new RunMetrics((b, q) => midAt(b, q, T0), midAt);
    m.add(refundedWithNothingBack(), T0, {});
    m.add(refundedWithNothingBack(), T0, { forfeited: null });
    expect(m.forfeitedCount).toBe(0);
    expect(m.forfeited.isZero()).toBe(true);
  });
});
