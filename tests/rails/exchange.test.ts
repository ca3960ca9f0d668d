import { describe, expect, it } from 'vitest';
import { Exchange, type ExchangeParams } from '../../src/rails/exchange/exchange.js';
import { Ledger, accountId, transfer } from '../../src/ledger/index.js';
import { Dec, amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const usdt = (units: number) => amountOf(USDT, BigInt(units) * 1_000_000n);
const DEPOSITS = accountId('external', 'deposits');
const T0 = Date.UTC(2024, 8, 2, 9);

function setup(params: Partial<ExchangeParams> = {}) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  ledger.open(DEPOSITS, 'external');
  const depth = params.depth ?? usdt(1_000_000);
  const exchange = new Exchange(
    {
      venue: 'spb',
      coin: USDT,
      fiat: RUB,
      mid: new Dec('92.5'),
      spreadBps: new Dec(100),
      slippageBps: new Dec(50),
      quoteTtlMs: 30_000,
      depth,
      ...params,
    },
    ledger,
  );
  ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, exchange.account, depth) });
  return { ledger, exchange };
}

describe('Exchange quotes', () => {
  it('names its inventory account after venue and pair and holds the initial depth', () => {
    const { exchange } = setup();
    expect(exchange.account).toBe('exchanges:spb:usdt-rub');
    expect(exchange.inventory(USDT)).toBe(usdt(1_000_000).minor);
  });

  it('prices a buy at mid * (1 + spread/2) when there is no slippage', () => {
    const { exchange } = setup({ slippageBps: new Dec(0) });
    const q = exchange.quoteBuy('q1', usdt(1_000), T0)!;
    expect(q.price.toString()).toBe('92.9625');
    expect(q.cost).toEqual(amountOf(RUB, 9_296_250n)); // 92 962.50 RUB
    expect(q.coin).toEqual(usdt(1_000));
    expect(q.id).toBe('q1');
  });

  it('adds slippage in proportion to the order size over the initial depth', () => {
    const { exchange } = setup();
    // 1 000 of 1 000 000: 50 bps * 0.001 = 0.000005 on top of half the spread
    const small = exchange.quoteBuy('q1', usdt(1_000), T0)!;
    expect(small.price.toString()).toBe('92.9629625');
    expect(small.cost).toEqual(amountOf(RUB, 9_296_296n)); // 92 962.9625 rounded half-even to kopecks
    // 100 000 of 1 000 000: 0.0005 on top
    const large = exchange.quoteBuy('q2', usdt(100_000), T0)!;
    expect(large.price.toString()).toBe('93.00875');
    expect(large.cost).toEqual(amountOf(RUB, 930_087_500n));
    expect(large.price.gt(small.price)).toBe(true);
  });

  it('quotes expire quoteTtlMs after they are given', () => {
    const { exchange } = setup();
    expect(exchange.quoteBuy('q1', usdt(1), T0 + 5_000)!.expiresAt).toBe(T0 + 35_000);
  });

  it('refuses to quote beyond its inventory, and quotes exactly all of it', () => {
    const { exchange } = setup({ depth: usdt(500) });
    expect(exchange.quoteBuy('q1', amountOf(USDT, usdt(500).minor + 1n), T0)).toBeUndefined();
    expect(exchange.quoteBuy('q2', usdt(500), T0)).toBeDefined();
  });

  it('quotes against the inventory left, not the initial depth', () => {
    const { ledger, exchange } = setup({ depth: usdt(500) });
    const custody = accountId('custody', 'acme');
    ledger.open(custody, 'nonNegative');
    ledger.post({ time: T0, flow: 'pay-1', kind: 'exchange.filled', postings: transfer(exchange.account, custody, usdt(300)) });
    expect(exchange.inventory(USDT)).toBe(usdt(200).minor);
    expect(exchange.quoteBuy('q1', usdt(201), T0)).toBeUndefined();
    expect(exchange.quoteBuy('q2', usdt(200), T0)).toBeDefined();
  });

  it('exposes its mid as a coin/fiat rate', () => {
    const { exchange } = setup();
    expect(exchange.midRate(T0).base.code).toBe('USDT');
    expect(exchange.midRate(T0).quote.code).toBe('RUB');
    expect(exchange.midRate(T0).value.toString()).toBe('92.5');
  });
});

describe('Exchange sell-back', () => {
  it('bids half a spread below mid when it started with no inventory (slippage needs a depth)', () => {
    // Found by the soak: a zero starting depth made the slippage term 0/0 and the bid NaN.
    const ledger = new Ledger(accountId('npcs', 'holds'));
    const empty = new Exchange(
      { venue: 'moscow', coin: USDT, fiat: RUB, mid: new Dec('92.5'), spreadBps: new Dec(100), slippageBps: new Dec(50), quoteTtlMs: 30_000, depth: usdt(0) },
      ledger,
    );
    expect(empty.bidRate(usdt(10), T0).value.toString()).toBe('92.0375');
    expect(empty.sellProceeds(usdt(10), T0).fiat.minor).toBe(92038n);
  });

  it('bids half a spread and the impact below mid', () => {
    const { exchange } = setup();
    expect(exchange.bidRate(usdt(1_000), T0).value.toString()).toBe('92.0370375');
    const { exchange: flat } = setup({ slippageBps: new Dec(0) });
    expect(flat.bidRate(usdt(1_000), T0).value.toString()).toBe('92.0375');
  });

  it('pays the proceeds at the bid rounded to kopecks and returns the coin residue (negative: rounded up)', () => {
    const { exchange } = setup();
    // 1 000 USDT * 92.0370375 = 92 037.0375 -> 92 037.04 RUB, which costs 1 000.000027 USDT at the bid
    expect(exchange.sellProceeds(usdt(1_000), T0)).toEqual({ fiat: amountOf(RUB, 9_203_704n), residue: amountOf(USDT, -27n) });
  });

  it('returns a positive residue when rounding leaves coin unsold', () => {
    const { exchange } = setup();
    // 3 USDT * 92.0374986125 = 276.1124958... -> 276.11 RUB, which costs 2.999973 USDT at the bid
    expect(exchange.sellProceeds(usdt(3), T0)).toEqual({ fiat: amountOf(RUB, 27_611n), residue: amountOf(USDT, 27n) });
  });

  it('a round trip loses the spread: selling back what a quote bought yields less than its cost', () => {
    const { exchange } = setup();
    const q = exchange.quoteBuy('q1', usdt(1_000), T0)!;
    const back = exchange.sellProceeds(q.coin, T0).fiat;
    // cost 92 962.96, back 92 037.04: the full spread plus twice the impact
    expect(q.cost.minor - back.minor).toBe(92_592n);
  });
});

describe('Exchange drift and outages', () => {
  it('its mid follows the drift at the moment asked, and quotes and bids with it', () => {
    const MOVE = T0 + 60_000;
    const { exchange } = setup({ slippageBps: new Dec(0), drift: (t) => new Dec(t < MOVE ? 1 : '0.97') });
    expect(exchange.midAt(MOVE - 1).toString()).toBe('92.5');
    expect(exchange.midAt(MOVE).toString()).toBe('89.725');
    expect(exchange.midRate(MOVE).value.toString()).toBe('89.725');
    // 89.725 * 1.005 = 90.173625; 89.725 * 0.995 = 89.276375
    expect(exchange.quoteBuy('q1', usdt(1_000), MOVE)!.price.toString()).toBe('90.173625');
    expect(exchange.bidRate(usdt(1_000), MOVE).value.toString()).toBe('89.276375');
    expect(exchange.askPrice(MOVE).toString()).toBe('90.173625');
  });

  it('is closed in each outage [from, to) and says when it opens again', () => {
    const { exchange } = setup({ outages: [{ from: T0 + 1_000, to: T0 + 2_000 }, { from: T0 + 5_000, to: T0 + 6_000 }] });
    expect(exchange.closedUntil(T0 + 999)).toBeUndefined();
    expect(exchange.closedUntil(T0 + 1_000)).toBe(T0 + 2_000);
    expect(exchange.closedUntil(T0 + 1_999)).toBe(T0 + 2_000);
    expect(exchange.closedUntil(T0 + 2_000)).toBeUndefined();
    expect(exchange.closedUntil(T0 + 5_500)).toBe(T0 + 6_000);
    expect(setup().exchange.closedUntil(T0)).toBeUndefined();
  });
});
