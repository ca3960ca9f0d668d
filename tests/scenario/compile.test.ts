// The compile step: a scenario becomes numbers, amounts and decimals once, with every default it
// relied on listed as an assumption; and the flow registry answers every piece of work with one flow.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import type { Model } from '../../src/scenario/model.js';
import { FLOWS, type Work } from '../../src/flows/index.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';

function load(file: string): Model {
  const r = loadScenario(file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.scenario;
}

describe('compileScenario', () => {
  const m = load('scenarios/pilot-vs-correspondent.yaml');

  it('reads times, durations, amounts and prices once, into numbers, Amounts and decimals', () => {
    expect(m.startMs).toBe(Date.parse('2024-09-09T09:00:00Z'));
    const usdtRub = m.exchanges.find((e) => e.key === 'USDT/RUB')!;
    expect(usdtRub.mid.toString()).toBe('92.5');
    expect(usdtRub.depth).toEqual({ asset: usdtRub.coin, minor: 20_000_000_000_000n });
    const cny = m.offramps.find((o) => o.key === 'USDT/CNY')!;
    expect(cny.delayMs).toBe(600_000);
    expect(cny.liquidity.minor).toBe(50_000_000_000n);
    expect(m.chains[0]).toMatchObject({ name: 'tron', blockTimeMs: 3_000, confirmations: 19, inclusionTimeoutMs: 1_800_000 });
    expect(m.chains[0]!.fees.get('USDT')!.minor).toBe(2_000_000n);
    expect(m.correspondent?.toBankMs).toEqual([{ share: 1, min: 86_400_000, max: 5 * 86_400_000 }]);
    expect(m.correspondent?.rejection).toEqual({ CN: 0.75, IN: 0.1 });
    expect(m.correspondent?.baseline).toBe('russia-china-sanctioned');
    const batch = m.payments[0]!;
    expect(batch).toMatchObject({ kind: 'generated', count: 100, startMs: m.startMs, overMs: 8 * 3_600_000, coin: 'USDT', chain: 'tron' });
    expect(batch.variants.map((v) => v.tag)).toEqual(['pilot', 'correspondent']);
  });

  it('applies the defaults a scenario leaves out and lists each as an assumption, and only those', () => {
    const usdtRub = m.exchanges.find((e) => e.key === 'USDT/RUB')!;
    expect(usdtRub.quoteTtlMs).toBe(30_000);
    expect(m.assumptions).toContain('markets.USDT/RUB.quoteTtl: PT30S');
    expect(m.assumptions).toContain('rails.bankLatency: PT2S');
    // Given in the file: not an assumption.
    expect(m.assumptions.some((a) => a.startsWith('markets.USDT/RUB.depth'))).toBe(false);
    expect(m.assumptions.some((a) => a.startsWith('rails.npcsFeeBps'))).toBe(false);
    expect(m.assumptions.some((a) => a.startsWith('correspondent.'))).toBe(false);
  });

  it('states a time bound for every flow in the registry', () => {
    expect(Object.keys(m.boundsMs).sort()).toEqual(Object.keys(FLOWS).sort());
    for (const [flow, ms] of Object.entries(m.boundsMs)) expect(Number.isFinite(ms) && ms >= 0, flow).toBe(true);
    expect(m.boundsMs.correspondentPayment).toBeGreaterThan(m.boundsMs.crossBorderPayment!);
  });
});

describe('the flow registry', () => {
  const party = (id: string, country: string): Participant => ({ id: id as ParticipantId, kind: 'company', country, bank: 'bank-a' });
  const m = load('scenarios/pilot-vs-correspondent.yaml');
  const amount = m.offramps[0]!.liquidity;
  const payment = (payer: Participant, payee: Participant, rail: 'pilot' | 'correspondent'): Work => ({ id: 'p', payer, payee, amount, rail, settlement: 'sequential', coin: 'USDT', chain: 'tron', initiatedAt: 0 });
  const order = (side: 'buy' | 'sell'): Work => ({ id: 'o', participant: party('buyer', 'RU'), coin: 'USDT', amount, initiatedAt: 0, side });
  const carriers = (w: Work) => Object.values(FLOWS).filter((f) => f.carries?.(w)).map((f) => f.machine.id);

  it('gives every kind of work to exactly one flow', () => {
    expect(carriers(payment(party('a', 'RU'), party('b', 'CN'), 'pilot'))).toEqual(['crossBorderPayment']);
    expect(carriers(payment(party('a', 'RU'), party('b', 'CN'), 'correspondent'))).toEqual(['correspondentPayment']);
    expect(carriers(payment(party('a', 'CN'), party('b', 'RU'), 'pilot'))).toEqual(['crossBorderReceipt']);
    expect(carriers(order('buy'))).toEqual(['retailPurchase']);
    expect(carriers(order('sell'))).toEqual(['cryptoSale']);
  });

  it('keys each flow by its machine id, which names it in every output', () => {
    for (const [name, flow] of Object.entries(FLOWS)) expect(flow.machine.id).toBe(name);
  });
});
