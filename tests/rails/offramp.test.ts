import { describe, expect, it } from 'vitest';
import { Offramp, type OfframpParams } from '../../src/rails/offramp/offramp.js';
import { Ledger, accountId, transfer } from '../../src/ledger/index.js';
import { Dec, amountOf, defineAsset, valueIn } from '../../src/money/index.js';

const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const cny = (units: number) => amountOf(CNY, BigInt(units) * 100n);
const T0 = Date.UTC(2024, 8, 2, 9);
const DEPOSITS = accountId('external', 'deposits');

function setup(liquidity = cny(1_000), params: Partial<OfframpParams> = {}) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  ledger.open(DEPOSITS, 'external');
  const offramp = new Offramp({ coin: USDT, currency: CNY, mid: new Dec('7.2'), spreadBps: new Dec(100), delayMs: 60_000, toleranceBps: new Dec(100), ...params }, ledger);
  if (liquidity.minor > 0n) {
    ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, offramp.account, liquidity) });
  }
  return { ledger, offramp };
}

describe('Offramp', () => {
  it('names its account after the pair', () => {
    expect(setup().offramp.account).toBe('offramps:usdt-cny');
  });

  it('buys the coin half a spread below mid', () => {
    const { offramp } = setup();
    expect(offramp.midRate(T0).value.toString()).toBe('7.2');
    expect(offramp.bidRate(T0).value.toString()).toBe('7.164');
    expect(offramp.bidRate(T0).base.code).toBe('USDT');
    expect(offramp.bidRate(T0).quote.code).toBe('CNY');
  });

  it('coinFor is the coin worth the target at the bid, rounded half-even to the coin minor unit', () => {
    const { offramp } = setup();
    // 1 000 CNY / 7.164 = 139.58682300... USDT
    expect(offramp.coinFor(cny(1_000), T0)).toEqual(amountOf(USDT, 139_586_823n));
    // 716.40 CNY is exactly 100 USDT at the bid
    expect(offramp.coinFor(amountOf(CNY, 71_640n), T0)).toEqual(amountOf(USDT, 100_000_000n));
  });

  it('the coin it asks for is worth the target at its bid to within half a coin minor unit', () => {
    const { offramp } = setup();
    for (const minor of [1n, 99n, 12_345n, 100_000n, 987_654_321n]) {
      const target = amountOf(CNY, minor);
      const coin = offramp.coinFor(target, T0);
      const worth = valueIn(coin, offramp.bidRate(T0), CNY).mul(100); // in fen
      const halfCoinMinor = offramp.bidRate(T0).value.div(2_000_000).mul(100); // in fen
      expect(worth.minus(minor.toString()).abs().lte(halfCoinMinor)).toBe(true);
    }
  });

  it('canPay while its local-currency liquidity covers the target', () => {
    const { offramp } = setup(cny(1_000));
    expect(offramp.canPay(cny(1_000))).toBe(true);
    expect(offramp.canPay(amountOf(CNY, cny(1_000).minor + 1n))).toBe(false);
    expect(setup(cny(0)).offramp.canPay(amountOf(CNY, 1n))).toBe(false);
  });

  it('canPay follows the balance as payouts leave', () => {
    const { ledger, offramp } = setup(cny(1_000));
    const beneficiary = accountId('beneficiaries', 'wei');
    ledger.open(beneficiary, 'nonNegative');
    ledger.post({ time: T0, flow: 'pay-1', kind: 'offramp.paid', postings: transfer(offramp.account, beneficiary, cny(600)) });
    expect(offramp.canPay(cny(400))).toBe(true);
    expect(offramp.canPay(cny(401))).toBe(false);
  });

  describe('covers: the coin quoted earlier still pays the target, within the tolerance', () => {
    /** What the off-ramp asks for 1 000 CNY at T0, and that less 0.5%: 139.586823 * 0.995 = 138.888888885 USDT. */
    const NEEDED = amountOf(USDT, 139_586_823n);
    const SHORT = amountOf(USDT, 138_888_889n);

    it('the coin asked for covers the target exactly, at any tolerance', () => {
      expect(setup(cny(1_000), { toleranceBps: new Dec(0) }).offramp.covers(NEEDED, cny(1_000), T0)).toBe(true);
      expect(setup(cny(1_000), { toleranceBps: new Dec(0) }).offramp.covers(amountOf(USDT, NEEDED.minor - 1n), cny(1_000), T0)).toBe(false);
    });

    it('a coin 0.5% short passes at 100 bps and fails at 10 bps', () => {
      expect(setup(cny(1_000), { toleranceBps: new Dec(100) }).offramp.covers(SHORT, cny(1_000), T0)).toBe(true);
      expect(setup(cny(1_000), { toleranceBps: new Dec(10) }).offramp.covers(SHORT, cny(1_000), T0)).toBe(false);
    });

    it('the tolerance is a floor of needed * (1 - tolerance): 139.586823 * 0.99 = 138.19095477 USDT', () => {
      const { offramp } = setup(cny(1_000), { toleranceBps: new Dec(100) });
      expect(offramp.covers(amountOf(USDT, 138_190_955n), cny(1_000), T0)).toBe(true);
      expect(offramp.covers(amountOf(USDT, 138_190_954n), cny(1_000), T0)).toBe(false);
    });

    it('fails after a depeg drift of 0.97: the coin quoted before no longer covers the target, even at 100 bps', () => {
      const DEPEG = T0 + 60_000;
      const { offramp } = setup(cny(1_000), { toleranceBps: new Dec(100), drift: (t) => new Dec(t < DEPEG ? 1 : '0.97') });
      expect(offramp.covers(NEEDED, cny(1_000), DEPEG - 1)).toBe(true);
      // the bid falls to 7.164 * 0.97 = 6.94908 CNY, so 1 000 CNY needs 143.903912... USDT
      expect(offramp.midAt(DEPEG).toString()).toBe('6.984');
      expect(offramp.bidRate(DEPEG).value.toString()).toBe('6.94908');
      expect(offramp.coinFor(cny(1_000), DEPEG)).toEqual(amountOf(USDT, 143_903_941n));
      expect(offramp.covers(NEEDED, cny(1_000), DEPEG)).toBe(false);
    });
  });

  describe('isOut: payouts fail inside an outage window [from, to)', () => {
    it('is out from the start of a window up to, not including, its end', () => {
      const { offramp } = setup(cny(1_000), { outages: [{ from: T0 + 1_000, to: T0 + 2_000 }] });
      expect(offramp.isOut(T0 + 999)).toBe(false);
      expect(offramp.isOut(T0 + 1_000)).toBe(true);
      expect(offramp.isOut(T0 + 1_999)).toBe(true);
      expect(offramp.isOut(T0 + 2_000)).toBe(false);
    });

    it('honours every window, and is never out without one', () => {
      const { offramp } = setup(cny(1_000), { outages: [{ from: T0, to: T0 + 10 }, { from: T0 + 100, to: T0 + 200 }] });
      expect([T0, T0 + 10, T0 + 99, T0 + 100, T0 + 150, T0 + 200].map((t) => offramp.isOut(t))).toEqual([true, false, false, true, true, false]);
      expect(setup().offramp.isOut(T0)).toBe(false);
    });
  });
});
