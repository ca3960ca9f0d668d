// The clearing cycle machine on its own, driven on the simulated clock: first with a scripted
// fake of its ports, then over the real clearing rails (a clearing book on a ledger), where the
// cycle must end exactly at its start plus its length plus the netting time.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import { clearingCycle, type ClearingCycleEvent, type ClearingCycleOutcome, type ClearingPorts, type ClearingReply } from '../../src/flows/clearingCycle/index.js';
import { ClearingRails } from '../../src/flows/clearingCycle/index.js';
import { ClearingBook, NPCS_CLEARING_ACCOUNT } from '../../src/rails/npcs/clearing.js';
import { Ledger, accountId, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const rub = (units: number) => amountOf(RUB, BigInt(units) * 100n);
const T0 = Date.UTC(2025, 2, 3, 9);
const HOUR = 3_600_000;
const LAT = { net: 2_000, settle: 500 };

const NETTED: ClearingCycleEvent = { type: 'NETTED', obligations: 3, gross: rub(1_300_000), netDebits: rub(700_000), saved: rub(600_000) };

type Port = keyof ClearingPorts;

class FakeRails implements ClearingPorts {
  readonly calls: { port: Port; cycleId: string; at: number }[] = [];

  constructor(
    private readonly queue: EventQueue,
    private readonly credit: number,
  ) {}

  net(cycleId: string, reply: ClearingReply): void {
    this.calls.push({ port: 'net', cycleId, at: this.queue.now });
    this.queue.after(LAT.net, () => reply(NETTED));
  }

  settle(cycleId: string, reply: ClearingReply): void {
    this.calls.push({ port: 'settle', cycleId, at: this.queue.now });
    this.queue.after(LAT.settle, () => reply({ type: 'SETTLED', creditDrawn: rub(this.credit) }));
  }
}

const reachedFinals = new Set<string>();

function run(machineInput: { cycleId: string; cycleMs: number; ports: ClearingPorts }, queue: EventQueue) {
  const result = runToEnd<ClearingCycleOutcome>(clearingCycle, machineInput, queue);
  reachedFinals.add(result.finalState);
  return result;
}

/** A real book and rails: sber and alfa pay the exchange, the exchange pays vtb. */
function realRails(nettingMs: number, reserves: { sber: number; alfa: number }) {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  const deposits = accountId('external', 'deposits');
  ledger.open(deposits, 'external');
  const book = new ClearingBook(ledger, ['sber', 'vtb', 'alfa', 'exchange-spb'], RUB);
  for (const [m, units] of Object.entries(reserves)) {
    ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(deposits, book.reserveAccount(m), rub(units)) });
  }
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  const queue = new EventQueue(T0);
  const rails = new ClearingRails(book, queue, nettingMs);
  // Obligations arrive during the cycle as payments settle at customer level.
  queue.at(T0 + 10 * 60_000, () => book.record('p1', 'sber', 'exchange-spb', rub(500_000)));
  queue.at(T0 + 20 * 60_000, () => book.record('p2', 'alfa', 'exchange-spb', rub(200_000)));
  queue.at(T0 + 30 * 60_000, () => book.record('p3', 'exchange-spb', 'vtb', rub(600_000)));
  queue.at(T0 + 40 * 60_000, () => book.record('p4', 'vtb', 'vtb', rub(1_000)));
  return { ledger, book, entries, queue, rails };
}

describe('clearingCycle', () => {
  it('settled: collects for the cycle length, nets, settles, and reports the figures', () => {
    const queue = new EventQueue(T0);
    const rails = new FakeRails(queue, 0);
    const { output, finalState, doneAt } = run({ cycleId: 'cycle-1', cycleMs: HOUR, ports: rails }, queue);
    expect(finalState).toBe('settled');
    expect(rails.calls).toEqual([
      { port: 'net', cycleId: 'cycle-1', at: T0 + HOUR },
      { port: 'settle', cycleId: 'cycle-1', at: T0 + HOUR + LAT.net },
    ]);
    expect(doneAt).toBe(T0 + HOUR + LAT.net + LAT.settle);
    expect(output).toEqual({
      flow: 'clearingCycle',
      id: 'cycle-1',
      status: 'settled',
      obligations: 3,
      gross: rub(1_300_000),
      netDebits: rub(700_000),
      saved: rub(600_000),
      creditDrawn: rub(0),
    });
  });

  it('settledWithCredit: a member drew central-bank credit, and the output says how much', () => {
    const queue = new EventQueue(T0);
    const { output, finalState } = run({ cycleId: 'cycle-2', cycleMs: HOUR, ports: new FakeRails(queue, 80_000) }, queue);
    expect(finalState).toBe('settledWithCredit');
    expect(output).toMatchObject({ id: 'cycle-2', status: 'settledWithCredit', creditDrawn: rub(80_000) });
  });

  it('over the real rails: ends exactly at start + cycleMs + nettingMs, with the nets settled', () => {
    const nettingMs = 90_000;
    const { ledger, book, entries, queue, rails } = realRails(nettingMs, { sber: 600_000, alfa: 300_000 });
    const { output, finalState, doneAt } = run({ cycleId: 'cycle-3', cycleMs: HOUR, ports: rails }, queue);
    expect(finalState).toBe('settled');
    expect(doneAt).toBe(T0 + HOUR + nettingMs);
    // sber -500 000, alfa -200 000, exchange-spb +100 000, vtb +600 000; vtb's own payment is not interbank.
    expect(output).toEqual({
      flow: 'clearingCycle',
      id: 'cycle-3',
      status: 'settled',
      obligations: 3,
      gross: rub(1_300_000),
      netDebits: rub(700_000),
      saved: rub(600_000),
      creditDrawn: rub(0),
    });
    expect(entries.map((e) => [e.kind, e.flow, e.time])).toEqual([['clearing.settled', 'cycle-3', T0 + HOUR + nettingMs]]);
    expect(['sber', 'vtb', 'alfa', 'exchange-spb'].map((m) => ledger.balance(book.reserveAccount(m), 'RUB'))).toEqual([
      10_000_000n,
      60_000_000n,
      10_000_000n,
      10_000_000n,
    ]);
    expect(ledger.balance(NPCS_CLEARING_ACCOUNT, 'RUB')).toBe(0n);
  });

  it('over the real rails with no netting time and a short member: settledWithCredit at start + cycleMs', () => {
    const { ledger, book, queue, rails } = realRails(0, { sber: 450_000, alfa: 200_000 });
    const { output, finalState, doneAt } = run({ cycleId: 'cycle-4', cycleMs: HOUR, ports: rails }, queue);
    expect(finalState).toBe('settledWithCredit');
    expect(doneAt).toBe(T0 + HOUR);
    expect(output.creditDrawn).toEqual(rub(50_000));
    expect(ledger.balance(book.reserveAccount('sber'), 'RUB')).toBe(0n);
    expect(book.totals().creditDrawn).toEqual(rub(50_000));
  });

  it('an obligation recorded while NPCS nets belongs to the next cycle', () => {
    const { book, queue, rails } = realRails(60_000, { sber: 600_000, alfa: 300_000 });
    queue.at(T0 + HOUR + 30_000, () => book.record('late', 'sber', 'vtb', rub(1_000)));
    const { output } = run({ cycleId: 'cycle-5', cycleMs: HOUR, ports: rails }, queue);
    expect(output.obligations).toBe(3);
    expect(book.pending).toBe(1);
  });

  it('a cycle with no obligations settles with zeros and posts nothing', () => {
    const ledger = new Ledger(accountId('npcs', 'holds'));
    const book = new ClearingBook(ledger, ['sber', 'vtb']);
    const entries: JournalEntry[] = [];
    ledger.onEntry((e) => entries.push(e));
    const queue = new EventQueue(T0);
    const { output, finalState, doneAt } = run({ cycleId: 'quiet', cycleMs: HOUR, ports: new ClearingRails(book, queue, 5_000) }, queue);
    expect(finalState).toBe('settled');
    expect(doneAt).toBe(T0 + HOUR + 5_000);
    expect(output).toEqual({ flow: 'clearingCycle', id: 'quiet', status: 'settled', obligations: 0, gross: rub(0), netDebits: rub(0), saved: rub(0), creditDrawn: rub(0) });
    expect(entries).toEqual([]);
  });

  it('the rails refuse to net a cycle twice, or to settle one never netted', () => {
    const ledger = new Ledger(accountId('npcs', 'holds'));
    const queue = new EventQueue(T0);
    const rails = new ClearingRails(new ClearingBook(ledger, ['sber', 'vtb']), queue, 0);
    expect(() => rails.settle('c', () => undefined)).toThrow(/was not netted/);
    rails.net('c', () => undefined);
    expect(() => rails.net('c', () => undefined)).toThrow(/already netted/);
    expect(() => new ClearingRails(new ClearingBook(ledger, ['sber']), queue, -1)).toThrow(/nettingMs/);
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(clearingCycle.root).sort();
      expect(machineFinals).toEqual(['settled', 'settledWithCredit']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every state carries a description', () => {
      for (const [name, node] of Object.entries(clearingCycle.root.states)) expect(node.description, name).toMatch(/\w{3,}/);
    });
  });
});
