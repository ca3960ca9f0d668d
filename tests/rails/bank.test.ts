import { describe, expect, it } from 'vitest';
import { Banks } from '../../src/rails/bank/bank.js';
import { Ledger, accountId, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const rub = (units: number) => amountOf(RUB, BigInt(units) * 100n);
const T0 = Date.UTC(2024, 8, 2, 9);
const TIMEOUT = 60_000;
const DEPOSITS = accountId('external', 'deposits');
const PAYER = accountId('banks', 'sber', 'acme');
const EXCHANGE = accountId('exchanges', 'spb', 'usdt-rub');

function setup() {
  const holds = accountId('npcs', 'holds');
  const ledger = new Ledger(holds);
  const queue = new EventQueue(T0);
  const entries: JournalEntry[] = [];
  ledger.open(DEPOSITS, 'external');
  ledger.open(PAYER, 'nonNegative');
  ledger.open(EXCHANGE, 'nonNegative');
  ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, PAYER, rub(10_000)) });
  ledger.onEntry((e) => entries.push(e));
  const banks = new Banks(ledger, queue, TIMEOUT);
  const bal = (a: typeof PAYER) => ledger.balance(a, 'RUB');
  return { ledger, queue, banks, entries, bal, holds };
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

function runAll(queue: EventQueue): void {
  while (queue.step()) {
    /* run */
  }
}

function place(banks: Banks, units: number): string {
  const r = banks.placeHold('pay-1', PAYER, rub(units));
  if (!r.ok) throw new Error(`hold refused: ${r.reason}`);
  return r.holdId;
}

describe('Banks holds', () => {
  it('a hold moves the amount out of the payer account into the holds account', () => {
    const { banks, bal, holds, ledger } = setup();
    const id = place(banks, 3_000);
    expect(banks.isPending(id)).toBe(true);
    expect(ledger.isPending(id)).toBe(true);
    expect(bal(PAYER)).toBe(rub(7_000).minor);
    expect(bal(holds)).toBe(rub(3_000).minor);
  });

  it('refuses a hold larger than the balance, moving nothing and scheduling nothing', () => {
    const { banks, bal, queue, entries } = setup();
    expect(banks.placeHold('pay-1', PAYER, rub(10_001))).toEqual({ ok: false, reason: 'funds.insufficient' });
    expect(bal(PAYER)).toBe(rub(10_000).minor);
    expect(entries).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it('accepts a hold of the whole balance', () => {
    const { banks, bal } = setup();
    place(banks, 10_000);
    expect(bal(PAYER)).toBe(0n);
  });

  it('gives each hold its own id, named after the flow', () => {
    const { banks } = setup();
    const a = place(banks, 1);
    const b = place(banks, 1);
    expect(a).not.toBe(b);
    expect(a.startsWith('pay-1')).toBe(true);
  });

  it('a hold left pending expires exactly holdTimeoutMs after it was placed and the funds return', () => {
    const { banks, queue, bal, holds, entries } = setup();
    advanceTo(queue, T0 + 5_000);
    const id = place(banks, 3_000);
    advanceTo(queue, T0 + 5_000 + TIMEOUT - 1);
    expect(banks.isPending(id)).toBe(true);
    expect(bal(PAYER)).toBe(rub(7_000).minor);
    advanceTo(queue, T0 + 5_000 + TIMEOUT);
    expect(banks.isPending(id)).toBe(false);
    expect(bal(PAYER)).toBe(rub(10_000).minor);
    expect(bal(holds)).toBe(0n);
    expect(entries.map((e) => [e.kind, e.time])).toEqual([
      ['hold.pending', T0 + 5_000],
      ['hold.expired', T0 + 5_000 + TIMEOUT],
    ]);
  });

  it('posting a hold pays the target and cancels its expiry', () => {
    const { banks, queue, bal, holds, entries } = setup();
    const id = place(banks, 3_000);
    advanceTo(queue, T0 + 1_000);
    banks.postHold(id, EXCHANGE, 'RUB leg');
    expect(banks.isPending(id)).toBe(false);
    expect(bal(EXCHANGE)).toBe(rub(3_000).minor);
    expect(bal(PAYER)).toBe(rub(7_000).minor);
    expect(bal(holds)).toBe(0n);
    expect(queue.size).toBe(0);
    runAll(queue);
    expect(entries.map((e) => [e.kind, e.time, e.memo])).toEqual([
      ['hold.pending', T0, `hold ${id}`],
      ['hold.posted', T0 + 1_000, 'RUB leg'],
    ]);
  });

  it('voiding a hold returns the funds and cancels its expiry', () => {
    const { banks, queue, bal, holds, entries } = setup();
    const id = place(banks, 3_000);
    advanceTo(queue, T0 + 2_000);
    banks.voidHold(id, 'void hold of pay-1');
    expect(banks.isPending(id)).toBe(false);
    expect(bal(PAYER)).toBe(rub(10_000).minor);
    expect(bal(holds)).toBe(0n);
    runAll(queue);
    expect(entries.map((e) => [e.kind, e.time])).toEqual([
      ['hold.pending', T0],
      ['hold.voided', T0 + 2_000],
    ]);
  });

  it('refuses to post or void an expired hold, and to settle a hold twice', () => {
    const { banks, queue } = setup();
    const expired = place(banks, 100);
    runAll(queue);
    expect(() => banks.postHold(expired, EXCHANGE, 'late')).toThrow(/not pending/);
    expect(() => banks.voidHold(expired, 'late')).toThrow(/not pending/);
    const voided = place(banks, 100);
    banks.voidHold(voided, 'once');
    expect(() => banks.voidHold(voided, 'twice')).toThrow(/not pending/);
    expect(() => banks.postHold(voided, EXCHANGE, 'after void')).toThrow(/not pending/);
  });

  it('expires each hold on its own timer', () => {
    const { banks, queue, bal } = setup();
    const first = place(banks, 1_000);
    advanceTo(queue, T0 + 30_000);
    const second = place(banks, 2_000);
    advanceTo(queue, T0 + TIMEOUT);
    expect(banks.isPending(first)).toBe(false);
    expect(banks.isPending(second)).toBe(true);
    expect(bal(PAYER)).toBe(rub(8_000).minor);
    advanceTo(queue, T0 + 30_000 + TIMEOUT);
    expect(banks.isPending(second)).toBe(false);
    expect(bal(PAYER)).toBe(rub(10_000).minor);
  });
});
