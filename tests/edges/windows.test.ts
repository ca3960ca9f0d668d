// Fault windows that touch or overlap act as one: a venue closed by two back-to-back outages opens
// when the last one ends, not in between; the same for off-ramps and chain halts.

import { describe, expect, it } from 'vitest';
import { mergeWindows } from '../../src/sim/index.js';
import { expectInvariantsHold, runEdge } from './run.js';

const T = (hhmm: string) => Date.parse(`2024-09-10T${hhmm}:00Z`);

describe('mergeWindows', () => {
  it('joins touching and overlapping windows, keeps apart ones, and sorts', () => {
    const w = (a: string, b: string) => ({ from: T(a), to: T(b) });
    expect(mergeWindows([w('10:00', '11:00'), w('09:00', '10:00')])).toEqual([w('09:00', '11:00')]);
    expect(mergeWindows([w('09:00', '10:30'), w('10:00', '11:00'), w('10:10', '10:20')])).toEqual([w('09:00', '11:00')]);
    expect(mergeWindows([w('09:00', '09:59'), w('10:00', '11:00')])).toEqual([w('09:00', '09:59'), w('10:00', '11:00')]);
    expect(mergeWindows([w('09:00', '09:00'), w('12:00', '13:00')])).toEqual([w('12:00', '13:00')]);
  });
});

/** A receipt whose coin arrives while the St. Petersburg exchange is closed by `faults`. */
function receiptDuring(faults: string) {
  return runEdge(`name: outages
description: a receipt arrives inside back-to-back exchange outages
seed: 1
start: 2024-09-10T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
chains:
  ethereum: {preset: ethereum}
faults:
${faults}
participants:
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "5000.000000 USDT", at: 2024-09-10T09:00:00Z}
`);
}

/** When the receipt's coin was sold: the time of its exchange.soldBack entry. */
function soldAt(r: ReturnType<typeof runEdge>): number {
  const sale = r.entries.find((e) => e.flow === 'in-r' && e.kind === 'exchange.soldBack');
  expect(sale).toBeDefined();
  return Date.parse(sale!.time);
}

describe('back-to-back exchange outages', () => {
  it('a sale waits out two touching outages: it runs when the second ends, not when the first does', () => {
    const r = receiptDuring(`  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:00:00Z, for: PT1H}
  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T10:00:00Z, for: PT1H}`);
    expect(r.record('in-r').status).toBe('settled');
    expect(soldAt(r)).toBe(T('11:00'));
    expectInvariantsHold(r);
  });

  it('a sale waits out overlapping outages, listed in any order', () => {
    const r = receiptDuring(`  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:30:00Z, for: PT2H}
  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:00:00Z, for: PT1H}`);
    expect(soldAt(r)).toBe(T('11:30'));
    expectInvariantsHold(r);
  });

  it('a gap of one millisecond is a moment the venue is open', () => {
    const r = receiptDuring(`  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T09:00:00Z, for: PT1H}
  - {kind: exchangeOutage, venue: spb, at: 2024-09-10T10:00:00.001Z, for: PT1H}`);
    expect(soldAt(r)).toBe(T('10:00'));
  });
});

/** A payment out whose payout meets `faults` on its off-ramp or its chain. */
function paymentMeeting(faults: string) {
  return runEdge(`name: windows
description: a payment out meets touching fault windows
seed: 1
start: 2024-09-10T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "900000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: "2.00 USDT", inclusionTimeout: PT3H}
faults:
${faults}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", at: 2024-09-10T09:00:00Z}
`);
}

describe('touching halts and off-ramp outages', () => {
  it('no block is produced inside the second of two touching halts', () => {
    const r = paymentMeeting(`  - {kind: chainHalt, chain: tron, at: 2024-09-10T09:00:00Z, for: PT1H}
  - {kind: chainHalt, chain: tron, at: 2024-09-10T10:00:00Z, for: PT1H}`);
    const included = r.entries.find((e) => e.flow === 'p1' && e.kind === 'chain.fee');
    expect(included).toBeDefined();
    expect(Date.parse(included!.time)).toBeGreaterThanOrEqual(T('11:00'));
    expect(r.record('p1').status).toBe('settled');
    expectInvariantsHold(r);
  });

  it('a payout that falls in the second of two touching off-ramp outages fails', () => {
    // The coin arrives at ~09:01 and the off-ramp pays after its 10-minute delay: inside the second window.
    const r = paymentMeeting(`  - {kind: offrampOutage, market: USDT/CNY, at: 2024-09-10T09:00:00Z, for: PT5M}
  - {kind: offrampOutage, market: USDT/CNY, at: 2024-09-10T09:05:00Z, for: PT1H}`);
    expect(r.record('p1')).toMatchObject({ status: 'refunded', reason: 'offramp.outage' });
    expectInvariantsHold(r);
  });
});
