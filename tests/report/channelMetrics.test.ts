// Payments by channel, from outcomes built by hand: the settlement risk per participant (CPSS
// 1996: RUB paid irrevocably until the bought leg is final), the channel keys, and the cost of
// the correspondent baseline and of receipts from abroad, each to the kopeck.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChannelMetrics } from '../../src/report/channelMetrics.js';
import type { MidPrice } from '../../src/report/metrics.js';
import type { PaymentOutcome, PaymentSpec } from '../../src/flows/payment.js';
import type { CorrespondentOutcome } from '../../src/flows/correspondentPayment/index.js';
import type { ReceiptOutcome } from '../../src/flows/crossBorderReceipt/index.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import { Dec, amountOf, defineAsset, type Amount } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const BRICS = defineAsset('BRICS', 6);
const T0 = Date.UTC(2024, 9, 1, 9);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const MIDS: Record<string, string> = { 'USDT/RUB': '92.5', 'USDT/CNY': '7.2', 'BRICS/RUB': '10' };
const mid: MidPrice = (base, quote) => {
  const m = MIDS[`${base}/${quote}`];
  if (m === undefined) throw new Error(`no mid ${base}/${quote}`);
  return new Dec(m);
};

const party = (id: string, country: string, bank?: string): Participant => ({ id: id as ParticipantId, kind: 'company', country, ...(bank ? { bank } : {}) });
const ACME = party('acme', 'RU', 'sber');
const BETA = party('beta', 'RU', 'vtb');
const WEI = party('wei-trading', 'CN');
const rub = (kopecks: bigint): Amount => amountOf(RUB, kopecks);

function spec(id: string, payer: Participant, over: Partial<PaymentSpec> = {}): PaymentSpec {
  return { id, payer, payee: WEI, amount: amountOf(CNY, 10_000_000n), rail: 'pilot', settlement: 'sequential', coin: 'USDT', chain: 'tron', initiatedAt: T0, ...over };
}

/** A settled pilot payment that paid `paid` at `paidAt`; the rest is only what RunMetrics needs. */
function settled(id: string, payer: Participant, paid: Amount, paidAt: number, over: Partial<PaymentSpec> = {}): PaymentOutcome {
  return {
    flow: 'crossBorderPayment',
    id,
    status: 'settled',
    reason: null,
    payment: spec(id, payer, over),
    paid,
    paidAt,
    npcsFee: null,
    keptCoin: null,
    fillMid: new Dec('92.5'),
    marks: { at: paidAt, coinLocal: new Dec('7.2'), coinRub: new Dec('92.5') },
    quotedOfframpMid: new Dec('7.2'),
    bought: amountOf(USDT, 14_000_000_000n),
    delivered: amountOf(USDT, 13_888_889_000n),
    chainFee: amountOf(USDT, 2_000_000n),
    refunded: null,
    frozen: null,
    forfeited: null,
  };
}

function rejected(id: string, payer: Participant): PaymentOutcome {
  return {
    flow: 'crossBorderPayment',
    id,
    status: 'rejected',
    reason: 'funds.insufficient',
    payment: spec(id, payer),
    paid: null,
    paidAt: null,
    npcsFee: null,
    keptCoin: null,
    fillMid: null,
    marks: null,
    quotedOfframpMid: null,
    bought: null,
    delivered: null,
    chainFee: null,
    refunded: null,
    frozen: null,
    forfeited: null,
  };
}

/** The section of one channel. */
function channel(m: ChannelMetrics, key: string) {
  const s = m.section().find((c) => c.channel === key);
  if (!s) throw new Error(`no channel ${key}; channels are ${m.section().map((c) => c.channel).join(', ')}`);
  return s;
}

describe('ChannelMetrics', () => {
  describe('settlement risk per participant', () => {
    it('two overlapping intervals of one payer: the peak is their sum, RUB-hours the sum of amount x hours', () => {
      const m = new ChannelMetrics(mid);
      // acme: 1,000,000.00 RUB at risk for 2 h from T0, and 500,000.00 for 3 h from T0 + 1 h (overlap 1 h to 2 h)
      m.add(settled('a1', ACME, rub(100_000_000n), T0), T0 + 2 * HOUR);
      m.add(settled('a2', ACME, rub(50_000_000n), T0 + HOUR, { initiatedAt: T0 + HOUR }), T0 + 4 * HOUR);
      // beta: 300,000.00 RUB for half an hour
      m.add(settled('b1', BETA, rub(30_000_000n), T0), T0 + HOUR / 2);
      expect(channel(m, 'pilot sequential USDT').settlementRisk).toEqual({
        peakRub: '1500000.00',
        // 1,000,000 x 2 + 500,000 x 3 + 300,000 x 0.5
        rubHours: '3650000.00',
        byParticipant: [
          { participant: 'acme', peakRub: '1500000.00', rubHours: '3500000.00' },
          { participant: 'beta', peakRub: '300000.00', rubHours: '150000.00' },
        ],
      });
    });

    it('the channel peak is the largest participant peak, not the sum across participants', () => {
      const m = new ChannelMetrics(mid);
      m.add(settled('a1', ACME, rub(100_000_000n), T0), T0 + HOUR);
      m.add(settled('b1', BETA, rub(70_000_000n), T0), T0 + HOUR);
      expect(channel(m, 'pilot sequential USDT').settlementRisk.peakRub).toBe('1000000.00');
    });

    it('touching intervals (one ends exactly as the next starts) do not add to the peak, in either order of adding', () => {
      for (const order of [0, 1]) {
        const m = new ChannelMetrics(mid);
        const first = (): void => m.add(settled('a1', ACME, rub(100_000_000n), T0), T0 + HOUR);
        const second = (): void => m.add(settled('a2', ACME, rub(40_000_000n), T0 + HOUR), T0 + 3 * HOUR);
        if (order === 0) {
          first();
          second();
        } else {
          second();
          first();
        }
        expect(channel(m, 'pilot sequential USDT').settlementRisk).toEqual({
          peakRub: '1000000.00',
          rubHours: '1800000.00',
          byParticipant: [{ participant: 'acme', peakRub: '1000000.00', rubHours: '1800000.00' }],
        });
      }
    });

    it('a rejected payment adds nothing at risk', () => {
      const m = new ChannelMetrics(mid);
      m.add(rejected('r1', ACME), T0 + HOUR);
      const s = channel(m, 'pilot sequential USDT');
      expect(s.payments).toBe(1);
      expect(s.byStatus).toEqual({ settled: 0, rejected: 1, refunded: 0, frozen: 0 });
      expect(s.settlementRisk).toEqual({ peakRub: '0.00', rubHours: '0.00', byParticipant: [] });
      m.add(settled('a1', ACME, rub(20_000_000n), T0), T0 + 3 * HOUR);
      expect(channel(m, 'pilot sequential USDT').settlementRisk).toEqual({
        peakRub: '200000.00',
        rubHours: '600000.00',
        byParticipant: [{ participant: 'acme', peakRub: '200000.00', rubHours: '600000.00' }],
      });
    });

    it('PvP: paid in the same instant as final, so zero RUB-hours and no peak', () => {
      const m = new ChannelMetrics(mid);
      const at = T0 + 20 * 60_000;
      m.add(settled('p1', ACME, rub(100_000_000n), at, { settlement: 'pvp' }), at);
      expect(channel(m, 'pilot pvp USDT').settlementRisk).toEqual({
        peakRub: '0.00',
        rubHours: '0.00',
        byParticipant: [{ participant: 'acme', peakRub: '0.00', rubHours: '0.00' }],
      });
    });

    it('PvP and sequential are separate channels: a PvP payment does not add to the sequential peak', () => {
      const m = new ChannelMetrics(mid);
      m.add(settled('s1', ACME, rub(100_000_000n), T0), T0 + 2 * HOUR);
      m.add(settled('p1', ACME, rub(100_000_000n), T0 + HOUR, { settlement: 'pvp' }), T0 + HOUR);
      expect(channel(m, 'pilot sequential USDT').settlementRisk.peakRub).toBe('1000000.00');
      expect(channel(m, 'pilot sequential USDT').settlementRisk.rubHours).toBe('2000000.00');
      expect(channel(m, 'pilot pvp USDT').settlementRisk.peakRub).toBe('0.00');
    });

    it('the peak is the most RUB paid and not yet final at any one instant, whatever order the payments end in', () => {
      // Minutes on a small grid, so starts and ends often share an instant.
      const interval = fc.record({ start: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 0, max: 10 }), kopecks: fc.bigInt({ min: 0n, max: 10n ** 12n }) });
      fc.assert(
        fc.property(fc.array(interval, { maxLength: 40 }), fc.boolean(), (xs, byEnd) => {
          const m = new ChannelMetrics(mid);
          const added = byEnd ? [...xs].sort((a, b) => a.start + a.length - (b.start + b.length)) : xs;
          added.forEach((x, k) => m.add(settled(`a${k}`, ACME, rub(x.kopecks), T0 + x.start * 60_000), T0 + (x.start + x.length) * 60_000));
          // At risk at minute t: paid at or before t, final after t.
          let peak = 0n;
          for (let t = 0; t <= 30; t++) {
            const atRisk = xs.filter((x) => x.start <= t && t < x.start + x.length).reduce((sum, x) => sum + x.kopecks, 0n);
            if (atRisk > peak) peak = atRisk;
          }
          const expected = `${peak / 100n}.${String(peak % 100n).padStart(2, '0')}`;
          expect(xs.length === 0 ? '0.00' : channel(m, 'pilot sequential USDT').settlementRisk.peakRub).toBe(expected);
        }),
      );
    });
  });

  describe('settlement risk over many intervals', () => {
    it.each([
      ['in the order they end', false],
      ['in no order (starts and ends each sorted in blocks and merged)', true],
    ])('ten thousand intervals of one payer, added %s: the peak and RUB-hours are those counted minute by minute', (_, shuffled) => {
      const m = new ChannelMetrics(mid);
      // Interval k: paid at minute k, final 1 to 5 minutes later; one large payment at 9,000.
      const xs = Array.from({ length: 10_000 }, (_, k) => ({ start: k, length: 1 + (k % 5), kopecks: k === 9_000 ? 5_000_000_000n : BigInt(100 * (1 + (k % 7))) }));
      // A fixed shuffle: the intervals of one block end up far from their neighbours in time.
      const byEnd = shuffled ? xs.map((x, k) => ({ x, key: (k * 7919) % 10_007 })).sort((a, b) => a.key - b.key).map(({ x }) => x) : [...xs].sort((a, b) => a.start + a.length - (b.start + b.length) || a.start - b.start);
      byEnd.forEach((x, k) => m.add(settled(`a${k}`, ACME, rub(x.kopecks), T0 + x.start * 60_000), T0 + (x.start + x.length) * 60_000));
      const change = new Map<number, bigint>();
      for (const x of xs) {
        change.set(x.start, (change.get(x.start) ?? 0n) + x.kopecks);
        change.set(x.start + x.length, (change.get(x.start + x.length) ?? 0n) - x.kopecks);
      }
      let [now, peak] = [0n, 0n];
      for (let t = 0; t <= 10_010; t++) {
        now += change.get(t) ?? 0n;
        if (now > peak) peak = now;
      }
      // Kopeck-minutes / 60 / 100 = RUB-hours.
      const kopeckMinutes = xs.reduce((sum, x) => sum + x.kopecks * BigInt(x.length), 0n);
      const risk = channel(m, 'pilot sequential USDT').settlementRisk;
      expect(risk.peakRub).toBe(`${peak / 100n}.${String(peak % 100n).padStart(2, '0')}`);
      expect(risk.rubHours).toBe(new Dec(kopeckMinutes.toString()).div(6000).toFixed(2));
    });
  });

  describe('channel keys', () => {
    const correspondent: CorrespondentOutcome = {
      flow: 'correspondentPayment',
      id: 'c1',
      status: 'settled',
      reason: null,
      payment: spec('c1', ACME, { rail: 'correspondent' }),
      paid: rub(129_623_920n),
      fees: rub(343_920n),
      fxSpread: rub(1_280_000n),
      paidAt: T0 + 250,
      refunded: null,
      frozen: null,
    };
    const receipt: ReceiptOutcome = {
      flow: 'crossBorderReceipt',
      id: 'in1',
      status: 'settled',
      reason: null,
      payment: { ...spec('in1', WEI), payee: ACME, amount: amountOf(BRICS, 10_000_000_000n), coin: 'BRICS', chain: 'ethereum' },
      chainFee: amountOf(BRICS, 50_000_000n),
      rub: rub(10_106_689n),
      saleMid: new Dec('10.137'),
      soldAt: T0 + HOUR,
      frozen: null,
    };

    it('names each kind of outcome by rail, settlement and coin', () => {
      expect(ChannelMetrics.keyOf(settled('s1', ACME, rub(1n), T0))).toBe('pilot sequential USDT');
      expect(ChannelMetrics.keyOf(settled('p1', ACME, rub(1n), T0, { settlement: 'pvp' }))).toBe('pilot pvp USDT');
      expect(ChannelMetrics.keyOf(correspondent)).toBe('correspondent');
      expect(ChannelMetrics.keyOf(receipt)).toBe('pilot inbound BRICS');
    });

    it('lists pilot channels, then receipts, then the correspondent baseline, one section each', () => {
      const m = new ChannelMetrics(mid);
      m.add(correspondent, T0 + 2 * DAY);
      m.add(receipt, T0 + HOUR);
      m.add(settled('s1', ACME, rub(1_000n), T0), T0 + HOUR);
      m.add(settled('p1', ACME, rub(1_000n), T0 + HOUR, { settlement: 'pvp' }), T0 + HOUR);
      expect(m.size).toBe(4);
      expect(m.section().map((s) => [s.channel, s.rail, s.settlement, s.stablecoin])).toEqual([
        ['pilot pvp USDT', 'pilot', 'pvp', 'USDT'],
        ['pilot sequential USDT', 'pilot', 'sequential', 'USDT'],
        ['pilot inbound BRICS', 'pilot', 'inbound', 'BRICS'],
        ['correspondent', 'correspondent', 'sequential', null],
      ]);
    });
  });

  describe('correspondent baseline', () => {
    it('cost percent = (fees + fxSpread) / (paid - fees - fxSpread) x 100, and its RUB leg is at risk from the debit to the credit', () => {
      const m = new ChannelMetrics(mid);
      const debitedAt = T0 + 250;
      const ok: CorrespondentOutcome = {
        flow: 'correspondentPayment',
        id: 'c1',
        status: 'settled',
        reason: null,
        payment: spec('c1', ACME, { rail: 'correspondent' }),
        paid: rub(129_623_920n),
        fees: rub(343_920n),
        fxSpread: rub(1_280_000n),
        paidAt: debitedAt,
        refunded: null,
        frozen: null,
      };
      m.add(ok, debitedAt + 2 * DAY);
      m.add({ ...ok, id: 'c2', status: 'rejected', reason: 'sanctions.blocked:wei-trading', paid: null, fees: null, fxSpread: null, paidAt: null }, T0 + 100);
      const s = channel(m, 'correspondent');
      expect(s.payments).toBe(2);
      expect(s.byStatus).toEqual({ settled: 1, rejected: 1, refunded: 0, frozen: 0 });
      expect(s.byReason).toEqual({ 'sanctions.blocked:wei-trading': 1 });
      // 1,296,239.20 - 3,439.20 - 12,800.00
      expect(s.settledPrincipalRub).toBe('1280000.00');
      expect(s.costRub).toEqual({
        exchangeSpread: '0.00',
        chainFee: '0.00',
        offrampSpread: '0.00',
        npcsFee: '0.00',
        correspondentFees: '3439.20',
        fxSpread: '12800.00',
        fxResidue: '0.00',
        total: '16239.20',
      });
      // 16,239.20 / 1,280,000.00 x 100 = 1.2686875
      expect(s.costPercentOfPrincipal).toBe(1.2687);
      expect(s.settledSeconds).toEqual({ p50: (250 + 2 * DAY) / 1000, p95: (250 + 2 * DAY) / 1000, p99: (250 + 2 * DAY) / 1000 });
      expect(s.creditedWithinOneHourShare).toBe(0);
      // the principal sent (1,296,239.20 paid less 3,439.20 fees) for 48 h; the fees are spent whatever happens
      expect(s.settlementRisk).toEqual({
        peakRub: '1292800.00',
        rubHours: '62054400.00',
        byParticipant: [{ participant: 'acme', peakRub: '1292800.00', rubHours: '62054400.00' }],
      });
    });
  });

  describe('receipts from abroad', () => {
    const base: ReceiptOutcome = {
      flow: 'crossBorderReceipt',
      id: 'in1',
      status: 'settled',
      reason: null,
      payment: { ...spec('in1', WEI), payee: ACME, amount: amountOf(BRICS, 10_000_000_000n), coin: 'BRICS', chain: 'ethereum' },
      chainFee: amountOf(BRICS, 50_000_000n),
      rub: rub(10_106_689n),
      saleMid: new Dec('10.137'),
      soldAt: T0 + 40 * 60_000,
      frozen: null,
    };

    it('exchangeSpread = amount x saleMid - rub; the chain fee valued at the sale mid; no RUB leg at risk', () => {
      const m = new ChannelMetrics(mid);
      m.add(base, T0 + 40 * 60_000);
      // kept in coin: settled for the counts, but nothing sold, so no cost or principal
      m.add({ ...base, id: 'in2', reason: 'exchange.noLiquidity', rub: null, saleMid: null, soldAt: null }, T0 + 2 * HOUR);
      m.add({ ...base, id: 'in3', status: 'rejected', reason: 'sanctions.blocked:wei-trading', chainFee: null, rub: null, saleMid: null, soldAt: null }, T0 + 100);
      const s = channel(m, 'pilot inbound BRICS');
      expect(s.payments).toBe(3);
      expect(s.byStatus).toEqual({ settled: 2, rejected: 1, refunded: 0, frozen: 0 });
      expect(s.byReason).toEqual({ 'exchange.noLiquidity': 1, 'sanctions.blocked:wei-trading': 1 });
      // 10,000 BRICS x 10.137
      expect(s.settledPrincipalRub).toBe('101370.00');
      expect(s.costRub).toEqual({
        exchangeSpread: '303.11', // 101,370.00 - 101,066.89
        chainFee: '506.85', // 50 BRICS x 10.137
        offrampSpread: '0.00',
        npcsFee: '0.00',
        correspondentFees: '0.00',
        fxSpread: '0.00',
        fxResidue: '0.00',
        total: '809.96',
      });
      // 809.96 / 101,370.00 x 100 = 0.79901...
      expect(s.costPercentOfPrincipal).toBe(0.799);
      expect(s.settledSeconds).toEqual({ p50: 2400, p95: 2400, p99: 2400 });
      expect(s.creditedWithinOneHourShare).toBe(0.333333);
      expect(s.settlementRisk).toEqual({ peakRub: '0.00', rubHours: '0.00', byParticipant: [] });
    });

    it('a receipt adds no exposure to any pilot channel', () => {
      const m = new ChannelMetrics(mid);
      m.add(base, T0 + 40 * 60_000);
      expect(m.size).toBe(1);
      expect(m.section().map((s) => s.channel)).toEqual(['pilot inbound BRICS']);
    });
  });
});
