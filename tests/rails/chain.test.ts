import { describe, expect, it } from 'vitest';
import { Chain, type ChainParams } from '../../src/rails/chain/chain.js';
import { Ledger, accountId, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset, type Amount } from '../../src/money/index.js';

const USDT = defineAsset('USDT', 6, 'USD');
const usdt = (units: number): Amount => amountOf(USDT, BigInt(units) * 1_000_000n);

/** 2024-09-02T09:00:00Z, on the block grid (it is the epoch). */
const T0 = Date.UTC(2024, 8, 2, 9);
const BLOCK = 10_000;

const DEPOSITS = accountId('external', 'deposits');
const SENDER = accountId('custody', 'acme');
const RECEIVER = accountId('offramps', 'usdt-cny');

function setup(params: Partial<ChainParams> = {}, start = T0) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  const queue = new EventQueue(start);
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  ledger.open(DEPOSITS, 'external');
  ledger.open(SENDER, 'nonNegative');
  ledger.open(RECEIVER, 'nonNegative');
  ledger.post({ time: start, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, SENDER, usdt(1_000)) });
  entries.length = 0;
  const chain = new Chain(
    { id: 'tron', blockTimeMs: BLOCK, confirmations: 3, fees: new Map([['USDT', usdt(1)]]), halts: [], epoch: T0, ...params },
    ledger,
    queue,
  );
  const events: { what: 'included' | 'confirmed'; at: number; block?: number }[] = [];
  const send = (amount: Amount, fee: Amount = chain.feeAt('USDT', T0)) =>
    chain.send('pay-1', SENDER, RECEIVER, amount, fee, {
      included: (block) => events.push({ what: 'included', at: queue.now, block }),
      confirmed: () => events.push({ what: 'confirmed', at: queue.now }),
    });
  const bal = (account: typeof SENDER) => ledger.balance(account, 'USDT');
  return { ledger, queue, chain, entries, events, send, bal };
}

/** Runs every event due up to and including `time`, then stops there. */
function advanceTo(queue: EventQueue, time: number): void {
  let reached = false;
  queue.at(time, () => {
    reached = true;
  });
  while (!reached && queue.step()) {
    /* run */
  }
}

function runAll(queue: EventQueue): void {
  while (queue.step()) {
    /* run */
  }
}

describe('Chain block schedule', () => {
  it('includes a transfer in the next block and makes it final after N confirmations', () => {
    const { chain } = setup();
    expect(chain.schedule(T0 + 3_000, usdt(1))).toEqual({ included: T0 + 10_000, final: T0 + 30_000 });
  });

  it('a transfer sent exactly at a block time waits for the next block', () => {
    const { chain } = setup();
    expect(chain.nextBlockAfter(T0 + 20_000)).toBe(T0 + 30_000);
    expect(chain.schedule(T0 + 20_000, usdt(1))).toEqual({ included: T0 + 30_000, final: T0 + 50_000 });
  });

  it('counts blocks from the epoch, not from multiples of the block time', () => {
    const { chain } = setup({ epoch: T0 + 2_500 });
    expect(chain.nextBlockAfter(T0 + 3_000)).toBe(T0 + 12_500);
    expect(chain.nextBlockAfter(T0 + 1_000)).toBe(T0 + 2_500);
  });

  it('one confirmation means final in the inclusion block', () => {
    const { chain } = setup({ confirmations: 1 });
    expect(chain.schedule(T0 + 1, usdt(1))).toEqual({ included: T0 + 10_000, final: T0 + 10_000 });
  });

  it('produces no block during a halt: the first block is on the grid at or after the halt ends', () => {
    const { chain } = setup({ halts: [{ from: T0 + 15_000, to: T0 + 45_000 }] });
    // sent during the halt
    expect(chain.schedule(T0 + 16_000, usdt(1))).toEqual({ included: T0 + 50_000, final: T0 + 70_000 });
    // included before the halt, confirmations wait for it to end
    expect(chain.schedule(T0 + 3_000, usdt(1))).toEqual({ included: T0 + 10_000, final: T0 + 60_000 });
  });

  it('a halt ending on the grid lets the block at its end through (halts are [from, to))', () => {
    const { chain } = setup({ halts: [{ from: T0 + 15_000, to: T0 + 40_000 }] });
    expect(chain.nextBlockAfter(T0 + 10_000)).toBe(T0 + 40_000);
    // the block at `from` itself is halted when on the grid
    const { chain: c2 } = setup({ halts: [{ from: T0 + 20_000, to: T0 + 30_000 }] });
    expect(c2.nextBlockAfter(T0 + 10_000)).toBe(T0 + 30_000);
  });

  it('back-to-back halts are skipped together', () => {
    const { chain } = setup({
      halts: [
        { from: T0 + 15_000, to: T0 + 40_000 },
        { from: T0 + 40_000, to: T0 + 55_000 },
      ],
    });
    expect(chain.nextBlockAfter(T0 + 12_000)).toBe(T0 + 60_000);
  });
});

describe('Chain transfers on the queue', () => {
  it('fires included and confirmed at the block times and books amount, fee and arrival at the right moments', () => {
    const { queue, chain, entries, events, send, bal } = setup();
    advanceTo(queue, T0 + 3_000);
    send(usdt(100));
    // submitted: amount and fee leave the sender into transit
    expect(bal(SENDER)).toBe(usdt(899).minor);
    expect(bal(chain.transit)).toBe(usdt(101).minor);
    expect(bal(chain.feeAccount)).toBe(0n);

    advanceTo(queue, T0 + 9_999);
    expect(events).toEqual([]);
    expect(bal(chain.feeAccount)).toBe(0n);

    advanceTo(queue, T0 + 10_000);
    expect(events).toEqual([{ what: 'included', at: T0 + 10_000, block: T0 + 10_000 }]);
    // the fee leaves at inclusion, the amount waits for finality
    expect(bal(chain.feeAccount)).toBe(usdt(1).minor);
    expect(bal(chain.transit)).toBe(usdt(100).minor);
    expect(bal(RECEIVER)).toBe(0n);

    advanceTo(queue, T0 + 29_999);
    expect(bal(RECEIVER)).toBe(0n);
    runAll(queue);
    expect(events).toEqual([
      { what: 'included', at: T0 + 10_000, block: T0 + 10_000 },
      { what: 'confirmed', at: T0 + 30_000 },
    ]);
    expect(bal(RECEIVER)).toBe(usdt(100).minor);
    expect(bal(chain.transit)).toBe(0n);
    expect(bal(SENDER)).toBe(usdt(899).minor);
    expect(entries.map((e) => [e.kind, e.time, e.flow])).toEqual([
      ['chain.submitted', T0 + 3_000, 'pay-1'],
      ['chain.fee', T0 + 10_000, 'pay-1'],
      ['chain.confirmed', T0 + 30_000, 'pay-1'],
    ]);
  });

  it('a halt delays inclusion of a transfer sent during it', () => {
    const { queue, events, send } = setup({ halts: [{ from: T0, to: T0 + 35_000 }] });
    advanceTo(queue, T0 + 5_000);
    send(usdt(10));
    runAll(queue);
    expect(events).toEqual([
      { what: 'included', at: T0 + 40_000, block: T0 + 40_000 },
      { what: 'confirmed', at: T0 + 60_000 },
    ]);
  });

  it('with one confirmation, included comes before confirmed in the same block', () => {
    const { queue, events, send } = setup({ confirmations: 1 });
    send(usdt(10));
    runAll(queue);
    expect(events).toEqual([
      { what: 'included', at: T0 + 10_000, block: T0 + 10_000 },
      { what: 'confirmed', at: T0 + 10_000 },
    ]);
  });

  it('books no fee entry when the fee is zero', () => {
    const { queue, entries, send, bal, chain } = setup({ fees: new Map([['USDT', amountOf(USDT, 0n)]]) });
    send(usdt(10));
    runAll(queue);
    expect(entries.map((e) => e.kind)).toEqual(['chain.submitted', 'chain.confirmed']);
    expect(bal(RECEIVER)).toBe(usdt(10).minor);
    expect(bal(SENDER)).toBe(usdt(990).minor);
    expect(bal(chain.feeAccount)).toBe(0n);
  });

  it('refuses to send more than the sender has, amount plus fee', () => {
    const { send, bal } = setup();
    expect(() => send(usdt(1_000))).toThrow(/below zero/);
    expect(bal(SENDER)).toBe(usdt(1_000).minor);
  });

  it('gives each transfer its own id', () => {
    const { send } = setup();
    const a = send(usdt(1));
    const b = send(usdt(1));
    expect(a).not.toBe(b);
  });

});

describe('Chain drop', () => {
  it('drops a transfer not yet in a block: amount and fee go back and no handler ever fires', () => {
    const { queue, chain, entries, events, send, bal } = setup({ halts: [{ from: T0, to: T0 + 100_000 }] });
    const id = send(usdt(100));
    advanceTo(queue, T0 + 60_000);
    chain.drop(id);
    expect(bal(SENDER)).toBe(usdt(1_000).minor);
    expect(bal(chain.transit)).toBe(0n);
    runAll(queue);
    expect(events).toEqual([]);
    expect(bal(chain.feeAccount)).toBe(0n);
    expect(bal(RECEIVER)).toBe(0n);
    expect(entries.map((e) => [e.kind, e.time])).toEqual([
      ['chain.submitted', T0],
      ['chain.dropped', T0 + 60_000],
    ]);
    const dropped = entries[1]!;
    expect(dropped.postings).toEqual(transfer(chain.transit, SENDER, usdt(101)));
  });

  it('refuses to drop a transfer already in a block, which then still completes', () => {
    const { queue, chain, events, send, bal } = setup();
    const id = send(usdt(100));
    advanceTo(queue, T0 + 10_000);
    expect(() => chain.drop(id)).toThrow(/already in a block/);
    runAll(queue);
    expect(events.map((e) => e.what)).toEqual(['included', 'confirmed']);
    expect(bal(RECEIVER)).toBe(usdt(100).minor);
    expect(bal(chain.feeAccount)).toBe(usdt(1).minor);
  });

  it('refuses to drop a final transfer or one already dropped', () => {
    const { queue, chain, send } = setup();
    const final = send(usdt(1));
    runAll(queue);
    expect(() => chain.drop(final)).toThrow(/cannot be dropped/);
    const once = send(usdt(1));
    chain.drop(once);
    expect(() => chain.drop(once)).toThrow(/cannot be dropped/);
  });

});

describe('congestion', () => {
  const congested = { congestion: [{ from: T0 + 15_000, to: T0 + 100_000, blockTimeFactor: 4, feeFactor: 5 }] };

  it('slows blocks to every blockTimeFactor intervals from the start of the window, then back to the grid', () => {
    const { chain } = setup(congested);
    expect(chain.nextBlockAfter(T0)).toBe(T0 + BLOCK);
    // Inside the window a block comes every 4 intervals (40 s), counted from its start.
    expect(chain.nextBlockAfter(T0 + 15_000)).toBe(T0 + 55_000);
    expect(chain.nextBlockAfter(T0 + 55_000)).toBe(T0 + 95_000);
    // No slow block fits before the window ends: the next is the first on the normal grid after it.
    expect(chain.nextBlockAfter(T0 + 96_000)).toBe(T0 + 100_000);
  });

  it('demands feeFactor times the fee inside the window only', () => {
    const { chain } = setup(congested);
    expect(chain.feeAt('USDT', T0).minor).toBe(usdt(1).minor);
    expect(chain.feeAt('USDT', T0 + 20_000).minor).toBe(usdt(5).minor);
    expect(chain.feeAt('USDT', T0 + 100_000).minor).toBe(usdt(1).minor);
  });

  it('leaves an underpriced transfer waiting until the congestion is over, and includes one that pays the congested fee', () => {
    const cheap = setup(congested);
    advanceTo(cheap.queue, T0 + 16_000);
    cheap.send(usdt(10));
    while (cheap.queue.step());
    expect(cheap.events[0]).toEqual({ what: 'included', at: T0 + 100_000, block: T0 + 100_000 });

    const paying = setup(congested);
    advanceTo(paying.queue, T0 + 16_000);
    paying.send(usdt(10), usdt(5));
    while (paying.queue.step());
    expect(paying.events[0]!.at).toBe(T0 + 55_000);
    expect(paying.bal(paying.chain.feeAccount)).toBe(usdt(5).minor);
  });
});
