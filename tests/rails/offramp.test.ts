import { describe, expect, it } from 'vitest';
import { Offramp } from '../../src/rails/offramp/offramp.js';
import { Ledger, accountId, transfer } from '../../src/ledger/index.js';
import { Dec, amountOf, defineAsset, valueIn } from '../../src/money/index.js';

const CNY = defineAsset('CNY', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const cny = (units: number) => amountOf(CNY, BigInt(units) * 100n);
const T0 = Date.UTC(2024, 8, 2, 9);
const DEPOSITS = accountId('external', 'deposits');

function setup(liquidity = cny(1_000)) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  ledger.open(DEPOSITS, 'external');
  const offramp = new Offramp({ coin: USDT, currency: CNY, mid: new Dec('7.2'), spreadBps: new Dec(100), delayMs: 60_000 }, ledger);
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
    expect(offramp.midRate.value.toString()).toBe('7.2');
    expect(offramp.bidRate.value.toString()).toBe('7.164');
    expect(offramp.bidRate.base.code).toBe('USDT');
    expect(offramp.bidRate.quote.code).toBe('CNY');
  });

  it('coinFor is the coin worth the target at the bid, rounded half-even to the coin minor unit', () => {
    const { offramp } = setup();
    // 1 000 CNY / 7.164 = 139.58682300... USDT
    expect(offramp.coinFor(cny(1_000))).toEqual(amountOf(USDT, 139_586_823n));
    // 716.40 CNY is exactly 100 USDT at the bid
    expect(offramp.coinFor(amountOf(CNY, 71_640n))).toEqual(amountOf(USDT, 100_000_000n));
  });

  it('the coin it asks for is worth the target at its bid to within half a coin minor unit', () => {
    const { offramp } = setup();
    for (const minor of [1n, 99n, 12_345n, 100_000n, 987_654_321n]) {
      const target = amountOf(CNY, minor);
      const coin = offramp.coinFor(target);
      const worth = valueIn(coin, offramp.bidRate, CNY).mul(100); // in fen
      const halfCoinMinor = offramp.bidRate.value.div(2_000_000).mul(100); // in fen
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
});
