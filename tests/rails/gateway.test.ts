import { describe, expect, it } from 'vitest';
import { NpcsGateway, ROUNDING_ACCOUNT } from '../../src/rails/npcs/gateway.js';
import { Exchange, type ExchangeParams, type Quote } from '../../src/rails/exchange/exchange.js';
import { Banks } from '../../src/rails/bank/bank.js';
import { Ledger, accountId, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const rub = (units: number) => amountOf(RUB, BigInt(units) * 100n);
const USDC = defineAsset('USDC', 6, 'USD');
const usdt = (units: number) => amountOf(USDT, BigInt(units) * 1_000_000n);
const T0 = Date.UTC(2024, 8, 2, 9);
const HOLD_TIMEOUT = 60_000;
const DEPOSITS = accountId('external', 'deposits');
const PAYER = accountId('banks', 'sber', 'acme');
const CUSTODY = accountId('custody', 'acme');

/**
 * An NPCS gateway over one St. Petersburg exchange for USDT (with `params` on top), and any
 * `others`, each funded with its depth of its coin.
 */
function setup(params: Partial<ExchangeParams> = {}, others: Partial<ExchangeParams>[] = []) {
  const holds = accountId('npcs', 'holds');
  const ledger = new Ledger(holds);
  const queue = new EventQueue(T0);
  ledger.open(DEPOSITS, 'external');
  ledger.open(PAYER, 'nonNegative');
  ledger.open(CUSTODY, 'nonNegative');
  const open = (p: Partial<ExchangeParams>) => {
    const e = new Exchange(
      {
        venue: 'spb',
        coin: USDT,
        fiat: RUB,
        mid: new Dec('92.5'),
        spreadBps: new Dec(100),
        slippageBps: new Dec(50),
        quoteTtlMs: 30_000,
        depth: usdt(1_000_000),
        ...p,
      },
      ledger,
    );
    ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, e.account, e.params.depth) });
    return e;
  };
  const exchange = open(params);
  const rest = others.map(open);
  ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, PAYER, rub(200_000)) });
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  const banks = new Banks(ledger, queue, HOLD_TIMEOUT);
  const npcs = new NpcsGateway(ledger, banks, [exchange, ...rest]);
  const bal = (a: typeof PAYER, asset: 'RUB' | 'USDT' | 'USDC') => ledger.balance(a, asset);
  return { ledger, queue, exchange, others: rest, banks, npcs, entries, bal, holds };
}

/** The quote out of a quote result, failing the test when there is none. */
function quoted(r: ReturnType<NpcsGateway['quote']>): Quote {
  if (!r.ok) throw new Error(`no quote: ${r.reason}`);
  return r.quote;
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
  const quote = quoted(s.npcs.quote('q1', usdt(1_000), s.queue.now, 'foreignTrade'));
  const hold = s.banks.placeHold('pay-1', PAYER, quote.cost);
  if (!hold.ok) throw new Error('hold refused');
  return { quote, holdId: hold.holdId };
}

describe('NpcsGateway routing and quotes', () => {
  it('routes an order to the exchange for its coin and quotes what that exchange quotes', () => {
    const { npcs, exchange } = setup();
    expect(npcs.route('USDT', 'foreignTrade')).toBe(exchange);
    const q = quoted(npcs.quote('q1', usdt(1_000), T0, 'foreignTrade'));
    expect(q).toEqual(exchange.quoteBuy('q1', usdt(1_000), T0));
    expect(q.cost).toEqual(amountOf(RUB, 9_296_296n));
    expect(q.venue).toBe('spb');
  });

  it('names the coin it has no route for', () => {
    const { npcs } = setup();
    expect(() => npcs.route('BTC', 'foreignTrade')).toThrow('NPCS has no exchange route for BTC');
    expect(() => npcs.route('BTC', 'domestic')).toThrow('NPCS has no exchange route for BTC');
  });

  it('passes on the exchange refusing beyond its inventory', () => {
    const { npcs } = setup();
    expect(npcs.quote('q1', usdt(1_000_001), T0, 'foreignTrade')).toEqual({ ok: false, reason: 'exchange.noLiquidity' });
  });

  it('with both venues listing the coin, foreign-trade orders go to St. Petersburg and domestic ones to Moscow', () => {
    const { npcs, exchange: spb, others } = setup({}, [{ venue: 'moscow', mid: new Dec('90') }]);
    const moscow = others[0]!;
    expect(npcs.route('USDT', 'foreignTrade')).toBe(spb);
    expect(npcs.route('USDT', 'domestic')).toBe(moscow);
    // each quote is the routed venue's price, and names that venue
    const foreign = quoted(npcs.quote('q1', usdt(1_000), T0, 'foreignTrade'));
    expect([foreign.venue, foreign.cost]).toEqual(['spb', amountOf(RUB, 9_296_296n)]);
    // 90 * (1 + 0.005 + 0.000005) = 90.45045 -> 90 450.45 RUB
    const domestic = quoted(npcs.quote('q2', usdt(1_000), T0, 'domestic'));
    expect([domestic.venue, domestic.cost, domestic.price.toString()]).toEqual(['moscow', amountOf(RUB, 9_045_045n), '90.45045']);
  });

  it('a quote fills at the venue that gave it: the Moscow quote posts the RUB leg to Moscow and takes its coin', () => {
    const s = setup({}, [{ venue: 'moscow', mid: new Dec('90') }]);
    const moscow = s.others[0]!;
    const quote = quoted(s.npcs.quote('q1', usdt(1_000), T0, 'domestic'));
    const hold = s.banks.placeHold('ord-1', PAYER, quote.cost);
    if (!hold.ok) throw new Error('hold refused');
    expect(s.npcs.convert('ord-1', quote, hold.holdId, CUSTODY, T0)).toMatchObject({ ok: true, coin: usdt(1_000), paid: amountOf(RUB, 9_045_045n) });
    expect(s.bal(moscow.account, 'RUB')).toBe(9_045_045n);
    expect(s.bal(moscow.account, 'USDT')).toBe(usdt(999_000).minor);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor);
  });

  it('a coin only one venue lists is routed there whatever the order type', () => {
    // St. Petersburg lists USDT only, Moscow USDC only
    const { npcs, exchange: spb, others } = setup({}, [{ venue: 'moscow', coin: USDC, depth: amountOf(USDC, 1_000_000_000_000n) }]);
    const moscowUsdc = others[0]!;
    expect(npcs.route('USDT', 'foreignTrade')).toBe(spb);
    expect(npcs.route('USDT', 'domestic')).toBe(spb);
    expect(npcs.route('USDC', 'foreignTrade')).toBe(moscowUsdc);
    expect(npcs.route('USDC', 'domestic')).toBe(moscowUsdc);
    expect(quoted(npcs.quote('q1', amountOf(USDC, 1_000_000n), T0, 'foreignTrade')).venue).toBe('moscow');
  });

  it('a pilot with one exchange routes both order types to it', () => {
    const { npcs, exchange } = setup();
    expect(npcs.route('USDT', 'domestic')).toBe(exchange);
    expect(quoted(npcs.quote('q1', usdt(1_000), T0, 'domestic'))).toEqual(quoted(npcs.quote('q1', usdt(1_000), T0, 'foreignTrade')));
  });

  it('quotes at the drifted mid: a drift of 0.5 halves the price', () => {
    const { npcs } = setup({ drift: () => new Dec('0.5') });
    const q = quoted(npcs.quote('q1', usdt(1_000), T0, 'foreignTrade'));
    // 92.9629625 / 2; 1 000 USDT cost 46 481.48125 -> 46 481.48 RUB
    expect(q.price.toString()).toBe('46.48148125');
    expect(q.cost).toEqual(amountOf(RUB, 4_648_148n));
  });

  it('quotes at the mid the drift gives at the moment asked', () => {
    const { npcs } = setup({ drift: (t) => new Dec(t < T0 + 60_000 ? 1 : '0.5') });
    expect(quoted(npcs.quote('q1', usdt(1_000), T0 + 59_999, 'foreignTrade')).price.toString()).toBe('92.9629625');
    expect(quoted(npcs.quote('q2', usdt(1_000), T0 + 60_000, 'foreignTrade')).price.toString()).toBe('46.48148125');
  });
});

describe('NpcsGateway in an exchange outage', () => {
  const OUTAGE = { from: T0 + 10_000, to: T0 + 20_000 };

  it('quote answers exchange.outage while the routed exchange is closed, [from, to)', () => {
    const { npcs } = setup({ outages: [OUTAGE] });
    expect(npcs.quote('q1', usdt(1_000), OUTAGE.from - 1, 'foreignTrade').ok).toBe(true);
    expect(npcs.quote('q2', usdt(1_000), OUTAGE.from, 'foreignTrade')).toEqual({ ok: false, reason: 'exchange.outage' });
    expect(npcs.quote('q3', usdt(1_000), OUTAGE.to - 1, 'foreignTrade')).toEqual({ ok: false, reason: 'exchange.outage' });
    expect(npcs.quote('q4', usdt(1_000), OUTAGE.to, 'foreignTrade').ok).toBe(true);
  });

  it('convert answers exchange.outage, moves nothing and leaves the hold pending', () => {
    const s = setup({ outages: [OUTAGE] });
    const { quote, holdId } = quoteAndHold(s);
    const before = s.entries.length;
    advanceTo(s.queue, OUTAGE.from + 5_000);
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now)).toEqual({ ok: false, reason: 'exchange.outage' });
    expect(s.banks.isPending(holdId)).toBe(true);
    expect(s.entries).toHaveLength(before);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(0n);
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor - quote.cost.minor);
    // after the outage (the quote still alive) the same hold fills
    advanceTo(s.queue, OUTAGE.to);
    expect(s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now)).toMatchObject({ ok: true, paid: quote.cost });
  });
});

describe('NpcsGateway.convert', () => {
  it('fills a live quote against a pending hold: the RUB leg goes to the exchange, the coin to custody', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    advanceTo(s.queue, T0 + 10_000);
    const r = s.npcs.convert('pay-1', quote, holdId, CUSTODY, s.queue.now);
    expect(r).toMatchObject({ ok: true, coin: usdt(1_000), paid: amountOf(RUB, 9_296_296n) });
    // the mid at the fill, for valuing the payment
    expect(r.ok && r.mid.toString()).toBe('92.5');
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

  it("takes NPCS's fee, held with the quoted cost, from the payer to npcs:fees; the exchange gets exactly the cost", () => {
    const s = setup();
    const quote = quoted(s.npcs.quote('q1', usdt(1_000), s.queue.now, 'foreignTrade'));
    const fee = amountOf(RUB, 9_296n);
    const hold = s.banks.placeHold('pay-1', PAYER, amountOf(RUB, quote.cost.minor + fee.minor));
    if (!hold.ok) throw new Error('hold refused');
    const r = s.npcs.convert('pay-1', quote, hold.holdId, CUSTODY, s.queue.now, fee);
    expect(r).toMatchObject({ ok: true, paid: amountOf(RUB, quote.cost.minor + fee.minor) });
    expect(s.bal(PAYER, 'RUB')).toBe(rub(200_000).minor - quote.cost.minor - fee.minor);
    expect(s.bal(s.exchange.account, 'RUB')).toBe(quote.cost.minor);
    expect(s.bal(accountId('npcs', 'fees'), 'RUB')).toBe(fee.minor);
    expect(s.bal(s.holds, 'RUB')).toBe(0n);
    // The fee leaves the hold with the cost, in one entry: it never passes back through the payer.
    expect(s.entries.map((e) => e.kind)).toEqual(['hold.pending', 'hold.posted', 'exchange.filled']);
    expect(s.entries[1]!.postings.some((p) => p.account === PAYER)).toBe(false);
  });

  it('a quote is good for t < expiresAt: it fills one ms before, and is expired at the very instant', () => {
    const before = setup();
    const a = quoteAndHold(before);
    expect(before.npcs.convert('pay-1', a.quote, a.holdId, CUSTODY, a.quote.expiresAt - 1).ok).toBe(true);
    const at = setup();
    const b = quoteAndHold(at);
    expect(at.npcs.convert('pay-1', b.quote, b.holdId, CUSTODY, b.quote.expiresAt)).toEqual({ ok: false, reason: 'quote.expired' });
    expect(at.npcs.lock(b.quote, b.holdId, b.quote.expiresAt)).toEqual({ ok: false, reason: 'quote.expired' });
  });

  it('refuses an expired quote and leaves the hold pending for the flow to void', () => {
    const s = setup();
    const { quote, holdId } = quoteAndHold(s);
    advanceTo(s.queue, quote.expiresAt);
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
    const quote = { ...quoted(s.npcs.quote('q1', usdt(1_000), T0, 'foreignTrade')), expiresAt: T0 + 10 * HOLD_TIMEOUT };
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
    const fiat = s.npcs.sellBack('pay-1', s.exchange, CUSTODY, usdt(1_000), PAYER, T0 + 1_000).rub;
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
    const fiat = s.npcs.sellBack('pay-1', s.exchange, CUSTODY, usdt(3), PAYER, T0).rub;
    expect(fiat).toEqual(amountOf(RUB, 27_611n));
    expect(s.bal(ROUNDING_ACCOUNT, 'USDT')).toBe(27n);
    expect(s.bal(CUSTODY, 'USDT')).toBe(0n);
    expect(s.bal(s.exchange.account, 'USDT')).toBe(usdt(1_000_000).minor - 27n);
  });
});
