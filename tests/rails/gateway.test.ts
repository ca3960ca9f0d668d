import { describe, expect, it } from 'vitest';
import { NpcsGateway, ROUNDING_ACCOUNT } from '../../src/rails/npcs/gateway.js';
import { Exchange } from '../../src/rails/exchange/exchange.js';
import { Banks } from '../../src/rails/bank/bank.js';
import { Ledger, accountId, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const rub = (units: number) => amountOf(RUB, BigInt(units) * 100n);
const usdt = (units: number) => amountOf(USDT, BigInt(units) * 1_000_000n);
const T0 = Date.UTC(2024, 8, 2, 9);
const HOLD_TIMEOUT = 60_000;
const DEPOSITS = accountId('external', 'deposits');
const PAYER = accountId('banks', 'sber', 'acme');
const CUSTODY = accountId('custody', 'acme');

function setup() {
  const holds = accountId('npcs', 'holds');
  const ledger = new Ledger(holds);
  const queue = new EventQueue(T0);
  ledger.open(DEPOSITS, 'external');
  ledger.open(PAYER, 'nonNegative');
  ledger.open(CUSTODY, 'nonNegative');
  const exchange = new Exchange(
    {
      venue: 'spb',
      coin: USDT,
      fiat: RUB,
      mid: new Dec('92.5'),
      spreadBps: new Dec(100),
      slippageBps: new Dec(50),
      quoteTtlMs: 30_000,
      depth: usdt(1_000_000),
    },
    ledger,
  );
  ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, exchange.account, usdt(1_000_000)) });
  ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, PAYER, rub(200_000)) });
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  const banks = new Banks(ledger, queue, HOLD_TIMEOUT);
  const npcs = new NpcsGateway(ledger, banks, new Map([['USDT', exchange]]));
  const bal = (a: typeof PAYER, asset: 'RUB' | 'USDT') => ledger.balance(a, asset);
  return { ledger, queue, exchange, banks, npcs, entries, bal, holds };
}

function advanceTo(queue: EventQueue, time: number): void {
  let reached = false;
  queue.at(time, () => {
    reached = true;
  });
  while (!reached && queue.step()) {
    /* run */
  }
}

/** A quote for 1 000 USDT (cost 92 962.96 RUB) and a hold on its cost. */
function quoteAndHold(s: ReturnType<typeof setup>) {
  const quote = s.npcs.quote('q1', usdt(1_000), s.queue.now)!;
  const hold = s.banks.placeHold('pay-1', PAYER, quote.cost);
  if (!hold.ok) throw new Error('hold refused');
  return { quote, holdId: hold.holdId };
}

describe('NpcsGateway routing and quotes', () => {
  it('routes an order to the exchange for its coin and quotes what that exchange quotes', () => {
    const { npcs, exchange } = setup();
    expect(npcs.route('USDT')).toBe(exchange);
    const q = npcs.quote('q1', usdt(1_000), T0)!;
    expect(q).toEqual(exchange.quoteBuy('q1', usdt(1_000), T0));
    expect(q.cost).toEqual(amountOf(RUB, 9_296_296n));
  });

  it('names the coin it has no route for', () => {
    const { npcs } = setup();
    expect(() => npcs.route('BTC')).toThrow('NPCS has no exchange route for BTC');
  });

  it('passes on the exchange refusing beyond its inventory', () => {
    const { npcs } = setup();
    expect(npcs.quote('q1', usdt(1_000_001), T0)).toBeUndefined();
  });
});

describe('NpcsGateway.convert', () => {
  it('fills a live quote against a pending hold: the RUB leg goes to the exchange, the coin to custody', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    advanceTo(s.queue, T0 + 10_000);
    const r = s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now);
    expect(r).toEqual({ ok: true, coin: usdt(1_000), paid: amountOf(RUB, 9_296_296n) });
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor - 9_296_296n);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(9_296_296n);
    expect(s.bal(s.holds, 'RUB')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(999_000).minor);
    expect(s.bal(CUSTODY, 'USDT')).toBe(usdt(1_000).minor);
    expect(s.banks.isPending(holdId)).toBe(false);
    expect(s.entries.map((e) => [e.kind, e.time, e.flow])).toEqual([
      ['hold.pending', T0, 'pay-1'],
      ['hold.posted', T0 + 10_000, 'pay-1'],
      ['exchange.filled', T0 + 10_000, 'pay-1'],
    ]);
    // the hold's expiry was cancelled: nothing more happens
    while (s.queue.step()) {
      /* run */
    }
    expect(s.entries).toHaveLength(3);
  });

  it('accepts a quote at the very instant it expires', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, quote.expiresAt).ok).toBe(true);
  });

  it('refuses an expired quote and leaves the hold pending for the flow to void', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    advanceTo(s.queue, quote.expiresAt + 1);
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now)).toEqual({ ok: false, reason: 'quote.expired' });
    expect(s.banks.isPending(holdId)).toBe(true);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor);
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor - quote.cost.minor);
    s.banks.voidHold(holdId, 'flow voids');
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor);
  });

  it('refuses an expired hold (even with a live quote) and moves nothing', () => {
    const s = setup();
    // a quote that outlives the hold
    const quote = { ...s.npcs.quote('q1', usdt(1_000), T0)!, expiresAt: T0 + 10 * HOLD_TIMEOUT };
    const hold = s.banks.placeHold('pay-1', PAYER, quote.cost);
    if (!hold.ok) throw new Error('hold refused');
    advanceTo(s.queue, T0 + HOLD_TIMEOUT);
    expect(s.npcs.convert('pay-1', quote, hold.holdId, CUSTODY, s.queue.now)).toEqual({ ok: false, reason: 'hold.expired' });
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.entries.map((e) => e.kind)).toEqual(['hold.pending', 'hold.expired']);
  });

  it('reports an expired hold before an expired quote', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    advanceTo(s.queue, T0 + HOLD_TIMEOUT);
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now)).toEqual({ ok: false, reason: 'hold.expired' });
  });

  it('refuses when the inventory can no longer cover the quote, leaving the hold pending', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    const other = accountId('custody', 'other');
    s.ledger.open(other, 'nonNegative');
    s.ledger.post({ time: T0, flow: 'pay-0', kind: 'exchange.filled', postings: transfer(s.exchange.account, other, usdt(999_500)) });
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now)).toEqual({ ok: false, reason: 'exchange.noLiquidity' });
    expect(s.banks.isPending(holdId)).toBe(true);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(0n);
  });
});

describe('NpcsGateway.sellBack', () => {
  it('sells custody coin at the bid, credits the payer and books the rounding residue', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    s.npcs.convert('pay-1', quote, holdId, CUSTODY, T0);
    const before = s.bal(PAYER, 'RUB');
    const fiat = s.npcs.sellBack('pay-1', CUSTODY, usdt(1_000), PAYER, T0 + 1_000);
    // 1 000 USDT at 92.0370375 -> 92 037.04 RUB; rounding took 27 micro-USDT from the rounding account
    expect(fiat).toEqual(amountOf(RUB, 9_203_704n));
    expect(s.bal(PAYER, 'RUB') - before).toBe(9_203_704n);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(ROUNDING_ACCOUNT, 'USDT')).toBe(-27n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor + 27n);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(9_296_296n - 9_203_704n);
    const last = s.entries.at(-1)!;
    expect([last.kind, last.time, last.flow]).toEqual(['exchange.soldBack', T0 + 1_000, 'pay-1']);
  });

  it('books a positive residue (coin rounding left unsold) to the rounding account', () => {
    const s = setup();
    s.ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, s.exchange.account, rub(1_000)) });
    s.ledger.post({ time: T0, flow: 'pay-1', kind: 'exchange.filled', postings: transfer(s.exchange.account, CUSTODY, usdt(3)) });
    const fiat = s.npcs.sellBack('pay-1', CUSTODY, usdt(3), PAYER, T0);
    expect(fiat).toEqual(amountOf(RUB, 27_611n));
    expect(s.bal(ROUNDING_ACCOUNT, 'USDT')).toBe(27n);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor - 27n);
  });
});
