// Both sides of every boundary in time, as the README states them: a period is [from, to), good
// from its first instant and gone at its last; a time-out of T started at t fires at t + T.

import { describe, expect, it } from 'vitest';
import { Banks } from '../../src/rails/bank/bank.js';
import { Chain } from '../../src/rails/chain/chain.js';
import { Exchange } from '../../src/rails/exchange/exchange.js';
import { Offramp } from '../../src/rails/offramp/offramp.js';
import { SanctionsList } from '../../src/rails/compliance/sanctions.js';
import { Ledger, accountId, transfer } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset, fixed, unsignedZero } from '../../src/money/index.js';
import { sanctionsRespected, type EntryRecord, type RunFacts } from '../../src/invariants/index.js';
import { percent } from '../../src/report/report.js';
import { runEdge, expectInvariantsHold } from './run.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const CNY = defineAsset('CNY', 2);
const T0 = Date.UTC(2024, 8, 10, 9);

describe('hold time-out', () => {
  it('a hold placed at t with time-out T is pending at t + T - 1 and expired at t + T', () => {
    const ledger = new Ledger(accountId('npcs', 'holds'));
    const queue = new EventQueue(T0);
    const payer = accountId('banks', 'bank-a', 'anna');
    ledger.open(accountId('external', 'funding'), 'external');
    ledger.open(payer, 'nonNegative');
    ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(accountId('external', 'funding'), payer, amountOf(RUB, 100n)) });
    const banks = new Banks(ledger, queue, 60_000);
    const hold = banks.placeHold('f', payer, amountOf(RUB, 100n));
    if (!hold.ok) throw new Error('refused');
    // The flow's own request for the fill, sent after the hold: it arrives after the expiry at the same instant.
    const seen: [number, boolean][] = [];
    queue.at(T0 + 59_999, () => seen.push([queue.now - T0, banks.isPending(hold.holdId)]));
    queue.at(T0 + 60_000, () => seen.push([queue.now - T0, banks.isPending(hold.holdId)]));
    while (queue.step()) {
      /* run */
    }
    expect(seen).toEqual([
      [59_999, true],
      [60_000, false],
    ]);
  });
});

describe('halts and outages are [from, to)', () => {
  const ledger = () => new Ledger(accountId('npcs', 'holds'));
  it('a block due at the instant a halt starts is not produced; one due at the instant it ends is', () => {
    const chain = new Chain({ id: 'tron', blockTimeMs: 5_000, confirmations: 1, fees: new Map([['USDT', amountOf(USDT, 1n)]]), halts: [{ from: T0 + 15_000, to: T0 + 45_000 }], epoch: T0 }, ledger(), new EventQueue(T0));
    expect(chain.nextBlockAfter(T0 + 9_999)).toBe(T0 + 10_000);
    expect(chain.nextBlockAfter(T0 + 10_000)).toBe(T0 + 45_000);
    expect(chain.nextBlockAfter(T0 + 44_999)).toBe(T0 + 45_000);
  });

  it('an exchange is closed from the first instant of its outage to the last before its end', () => {
    const e = new Exchange({ venue: 'spb', coin: USDT, fiat: RUB, mid: new Dec('92.5'), spreadBps: new Dec(50), slippageBps: new Dec(0), quoteTtlMs: 30_000, depth: amountOf(USDT, 0n), outages: [{ from: T0 + 1_000, to: T0 + 2_000 }] }, ledger());
    expect([999, 1_000, 1_999, 2_000].map((t) => e.closedUntil(T0 + t))).toEqual([undefined, T0 + 2_000, T0 + 2_000, undefined]);
  });

  it('an off-ramp is out from the first instant of its outage to the last before its end', () => {
    const o = new Offramp({ coin: USDT, currency: CNY, mid: new Dec('7.1'), spreadBps: new Dec(30), delayMs: 0, toleranceBps: new Dec(50), outages: [{ from: T0 + 1_000, to: T0 + 2_000 }] }, ledger());
    expect([999, 1_000, 1_999, 2_000].map((t) => o.isOut(T0 + t))).toEqual([false, true, true, false]);
  });
});

describe('the listing instant', () => {
  it('a party is listed from `from` inclusive, for the rails and for the sanctions invariant alike', () => {
    const list = new SanctionsList([{ party: 'supplier-sz', from: T0 }]);
    expect(list.isListed('supplier-sz', T0 - 1)).toBe(false);
    expect(list.isListed('supplier-sz', T0)).toBe(true);
    const facts = { sanctions: [{ party: 'supplier-sz', from: new Date(T0).toISOString() }] } as unknown as RunFacts;
    const credit = (time: number): EntryRecord => ({
      id: 'e1', time: new Date(time).toISOString(), flow: 'p1', kind: 'offramp.paidOut', memo: '',
      postings: [{ account: 'offramps:usdt-cny', asset: 'CNY', amount: '-1.00' }, { account: 'beneficiaries:supplier-sz', asset: 'CNY', amount: '1.00' }],
    });
    const verdictAt = (time: number) => {
      const inv = sanctionsRespected(facts);
      inv.entry!(credit(time));
      return inv.finish().ok;
    };
    expect(verdictAt(T0 - 1)).toBe(true);
    expect(verdictAt(T0)).toBe(false);
  });
});

describe('the inclusion time-out', () => {
  /** One payment on a chain with a block every millisecond, halted from the start until `haltEnd`. */
  const scenario = (haltEnd: string) => `name: inclusion
description: a block at the inclusion time-out, and one each side of it
seed: 1
start: 2024-09-10T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT1M, liquidity: "900000000.00"}
chains:
  tron: {blockTime: PT0.001S, confirmations: 1, fee: "2.00 USDT", inclusionTimeout: PT10M}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:00Z, for: ${haltEnd}}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", at: 2024-09-10T09:00:00Z}
`;
  const iso = (ms: number) => `PT${(ms / 1000).toFixed(3)}S`;

  it('a block at the very instant of the time-out still includes the transfer; one 1 ms later is too late', () => {
    // When was the transfer sent? The halt does not change anything before it.
    const probe = runEdge(scenario('PT1H'));
    const sent = Date.parse(probe.entries.find((e) => e.flow === 'p1' && e.kind === 'chain.submitted')!.time);
    const timeout = sent + 10 * 60_000 - T0;

    const atTimeout = runEdge(scenario(iso(timeout)));
    expect(atTimeout.record('p1')).toMatchObject({ status: 'settled' });
    const fee = atTimeout.entries.find((e) => e.flow === 'p1' && e.kind === 'chain.fee')!;
    expect(Date.parse(fee.time)).toBe(sent + 10 * 60_000);
    expectInvariantsHold(atTimeout);

    const late = runEdge(scenario(iso(timeout + 1)));
    expect(late.record('p1')).toMatchObject({ status: 'refunded', reason: 'chain.notIncluded' });
    expect(late.entries.some((e) => e.flow === 'p1' && e.kind === 'chain.fee')).toBe(false);
    expectInvariantsHold(late);
  });
});

describe('zero prints 0.00, never -0.00', () => {
  it('a value that rounds to zero loses its minus sign, anything else keeps it', () => {
    expect(new Dec('-0.001').toFixed(2)).toBe('-0.00'); // what decimal.js does on its own
    expect(fixed(new Dec('-0.001'), 2)).toBe('0.00');
    expect(fixed(new Dec('-0.005'), 2)).toBe('0.00');
    expect(fixed(new Dec('-0.006'), 2)).toBe('-0.01');
    expect(fixed('-0.004', 0)).toBe('0');
    expect(unsignedZero((-0.0001).toFixed(3))).toBe('0.000');
    expect(percent(-0.000001, 1)).toBe('0.0%');
    expect(percent(-0.01, 1)).toBe('-1.0%');
  });
});
