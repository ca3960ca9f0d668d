// Amounts that round to zero in one payment or order end that flow with a named reason,
// `amount.roundsToZero`, never an internal error; the other flows of the run go on.

import { describe, expect, it } from 'vitest';
import { expectInvariantsHold, runEdge } from './run.js';

const HEAD = `seed: 1
start: 2024-09-10T09:00:00Z
`;

describe('a zero in one payment or order', () => {
  it('a payout whose coin rounds to zero is rejected before any money moves', () => {
    // 0.01 CNY is 0.0014 of a coin with two decimals: 0.00.
    const r = runEdge(`name: zero-payout
description: a payout whose coin rounds to zero
${HEAD}assets: {USDT: {scale: 2, peg: USD}}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT1M, liquidity: "900000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 1, fee: "1.00 USDT"}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "0.01 CNY", at: 2024-09-10T09:00:00Z}
  - {id: p2, from: importer-msk, to: supplier-sz, amount: "100.00 CNY", at: 2024-09-10T09:00:00Z}
`);
    expect(r.record('p1')).toMatchObject({ status: 'rejected', reason: 'amount.roundsToZero', rub: null });
    expect(r.entries.filter((e) => e.flow === 'p1')).toEqual([]);
    expect(r.record('p2').status).toBe('settled');
    expectInvariantsHold(r);
  });

  it('a correspondent payment whose principal is worth no whole ruble at RUB scale 0 is rejected, and a payer listed meanwhile freezes nothing', () => {
    // Found by the adversarial kit (reach.test.ts, every option at once, seed 1001): the principal
    // of 0.01 CNY is 0 RUB at scale 0, and its freeze was an entry with no postings.
    const r = runEdge(`name: zero-correspondent
description: a correspondent payment whose principal rounds to 0 RUB
${HEAD}assets: {RUB: {scale: 0}}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT1M, liquidity: "900000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 1, fee: "1.00 USDT"}
fx: {CNY/RUB: {mid: "13.00"}}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000"}}
  - {id: supplier-sz, kind: company, country: CN}
sanctions: [{party: importer-msk, from: 2024-09-10T09:00:01Z}]
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "0.01 CNY", rail: correspondent, at: 2024-09-10T09:00:00Z}
`);
    expect(r.record('p1')).toMatchObject({ status: 'rejected', reason: 'amount.roundsToZero' });
    expect(r.entries.filter((e) => e.flow === 'p1')).toEqual([]);
    expectInvariantsHold(r);
  });

  it('a payment whose quote costs 0.00 RUB is rejected, no hold placed', () => {
    const r = runEdge(`name: zero-cost
description: a payment whose quote costs 0.00 RUB
${HEAD}markets:
  USDT/RUB: {mid: "0.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT1M, liquidity: "900000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 1, fee: "0.000001 USDT"}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "3000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: p1, from: importer-msk, to: supplier-sz, amount: "0.01 CNY", at: 2024-09-10T09:00:00Z}
  - {id: p2, from: importer-msk, to: supplier-sz, amount: "100.00 CNY", at: 2024-09-10T09:00:00Z}
`);
    expect(r.record('p1')).toMatchObject({ status: 'rejected', reason: 'amount.roundsToZero' });
    expect(r.entries.filter((e) => e.flow === 'p1')).toEqual([]);
    expect(r.record('p2').status).toBe('settled');
    expectInvariantsHold(r);
  });

  it('a retail sale whose proceeds round to 0.00 RUB, with clearing on, is rejected and keeps the coin', () => {
    const r = runEdge(`name: zero-sale
description: a sale whose proceeds round to 0.00 RUB, with clearing
seed: 1
start: 2024-11-05T09:00:00Z
clearing: {cycle: PT1H, reserve: "1000000.00 RUB"}
markets:
  BTC/RUB@moscow: {mid: "100", spreadBps: 50, depth: "100"}
regime: {preset: dfa-law}
participants:
  - {id: anna, kind: individual, country: RU, bank: bank-a, investor: {category: qualified, passedTest: true}, balances: {RUB: "1000.00", BTC: "1.00000000"}}
orders:
  - {id: sell-1, by: anna, sell: "0.00000001 BTC", at: 2024-11-05T10:00:00Z}
  - {id: sell-2, by: anna, sell: "0.10000000 BTC", at: 2024-11-05T10:00:00Z}
`);
    expect(r.record('sell-1')).toMatchObject({ status: 'rejected', reason: 'amount.roundsToZero' });
    expect(r.entries.filter((e) => e.flow === 'sell-1')).toEqual([]);
    expect(r.record('sell-2').status).toBe('sold');
    expectInvariantsHold(r);
  });

  it('a receipt whose proceeds round to 0.00 RUB, with clearing on, goes to the exporter in coin', () => {
    const r = runEdge(`name: zero-receipt
description: a receipt whose proceeds round to 0.00 RUB, with clearing
${HEAD}clearing: {cycle: PT1H, reserve: "1000000.00 RUB"}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
chains:
  ethereum: {preset: ethereum}
participants:
  - {id: exporter-c, kind: company, country: RU, bank: bank-c}
  - {id: buyer-sh, kind: company, country: CN, balances: {USDT: "1000000.000000"}}
payments:
  - {id: in-r, from: buyer-sh, to: exporter-c, amount: "0.000001 USDT", at: 2024-09-10T09:00:00Z}
  - {id: in-s, from: buyer-sh, to: exporter-c, amount: "100.000000 USDT", at: 2024-09-10T09:00:00Z}
`);
    expect(r.record('in-r')).toMatchObject({ status: 'settled', reason: 'amount.roundsToZero', rub: null });
    expect(r.entries.some((e) => e.flow === 'in-r' && e.kind === 'npcs.keptInCoin')).toBe(true);
    expect(r.record('in-s')).toMatchObject({ status: 'settled', reason: null });
    expectInvariantsHold(r);
  });
});
