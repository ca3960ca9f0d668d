// No linked leg survives the failure of another: over generated fault schedules (halts,
// congestion, outages of exchange and off-ramp, a depeg), every trade sent sequentially, as PvP
// and through correspondents either completes all its legs or leaves its payer with nothing
// moved but the booked losses. Checked by the whole invariant kit, and directly on PvP's escrow.

import { compileScenario } from '../../src/scenario/compile.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSchema, type ScenarioInput } from '../../src/scenario/schema.js';
import { runScenario } from '../../src/scenario/runner.js';
import { checkScenario } from '../../src/app/checkScenario.js';
import type { JournalEntry } from '../../src/ledger/index.js';
import type { PaymentOutcome } from '../../src/flows/payment.js';

const T0 = Date.parse('2024-09-10T09:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const fault = fc.oneof(
  fc.record({ kind: fc.constant('chainHalt' as const), at: fc.integer({ min: 0, max: 180 }), len: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant('chainCongestion' as const), at: fc.integer({ min: 0, max: 180 }), len: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant('exchangeOutage' as const), at: fc.integer({ min: 0, max: 180 }), len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('offrampOutage' as const), at: fc.integer({ min: 0, max: 180 }), len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('depeg' as const), at: fc.integer({ min: 0, max: 180 }), len: fc.integer({ min: 1, max: 60 }) }),
);

function scenario(seed: number, faults: { kind: string; at: number; len: number }[], holdMinutes: number): ScenarioInput {
  return {
    name: 'linked-legs',
    description: 'generated',
    seed,
    start: iso(0),
    fx: { 'CNY/RUB': { mid: '13.03' } },
    markets: {
      'USDT/RUB': { mid: '92.50', spreadBps: 50, depth: '5000000' },
      'USDT/CNY': { mid: '7.10', spreadBps: 30, delay: 'PT10M', liquidity: '100000000.00', toleranceBps: 50 },
    },
    chains: { tron: { preset: 'tron', fee: '2.00 USDT', inclusionTimeout: 'PT20M' } },
    rails: { pvpHoldTimeout: `PT${holdMinutes}M` },
    correspondent: { rejection: { CN: 0.3 }, settlement: { min: 'PT12H', max: 'P2D' }, rejectionAfter: { min: 'PT12H', max: 'P3D' } },
    participants: [
      { id: 'importer', kind: 'company', country: 'RU', bank: 'bank-a', balances: { RUB: '500000000.00' } },
      { id: 'supplier', kind: 'company', country: 'CN' },
    ],
    faults: faults.map((f) => {
      const when = { at: iso(f.at), for: `PT${f.len}M` };
      switch (f.kind) {
        case 'chainHalt':
          return { kind: 'chainHalt', chain: 'tron', ...when };
        case 'chainCongestion':
          return { kind: 'chainCongestion', chain: 'tron', blockTimeFactor: 4, feeFactor: 6, ...when };
        case 'exchangeOutage':
          return { kind: 'exchangeOutage', venue: 'spb', ...when };
        case 'offrampOutage':
          return { kind: 'offrampOutage', market: 'USDT/CNY', ...when };
        default:
          return { kind: 'depeg', coin: 'USDT', by: '0.02', ...when };
      }
    }),
    payments: [
      {
        generate: {
          count: 30,
          from: 'importer',
          to: 'supplier',
          amount: { logNormal: { median: '40000.00 CNY', sigma: 0.5 } },
          rail: ['pilot', 'correspondent'],
          settlement: ['sequential', 'pvp'],
          over: 'PT4H',
        },
      },
    ],
  };
}

describe('linked legs', () => {
  it('no leg of a trade survives the failure of another, sequential, PvP or correspondent, whatever the faults', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fault, { maxLength: 4 }), fc.integer({ min: 10, max: 120 }), (seed, faults, hold) => {
        const s = compileScenario(scenarioSchema.parse(scenario(seed, faults, hold)));
        expect(checkScenario(s).failures).toEqual([]);

        // PvP directly: the payer's RUB moves only if the beneficiary was credited (or it was
        // frozen), and the escrow ends every payment empty.
        const net = new Map<string, bigint>();
        const outcomes: PaymentOutcome[] = [];
        runScenario(s, {
          entry: (e: JournalEntry) => {
            for (const p of e.postings) {
              if (p.account === 'banks:bank-a:importer' || p.account === 'npcs:pvp-escrow' || p.account === 'beneficiaries:supplier') {
                const key = `${e.flow} ${p.account}`;
                net.set(key, (net.get(key) ?? 0n) + p.amount.minor);
              }
            }
          },
          outcome: (o) => {
            if (o.flow === 'crossBorderPayment' && o.payment.settlement === 'pvp') outcomes.push(o);
          },
        });
        for (const o of outcomes) {
          const payer = net.get(`${o.id} banks:bank-a:importer`) ?? 0n;
          const credited = net.get(`${o.id} beneficiaries:supplier`) ?? 0n;
          expect(net.get(`${o.id} npcs:pvp-escrow`) ?? 0n, `${o.id} left coin in escrow`).toBe(0n);
          if (o.status === 'settled') {
            expect(credited).toBe(o.payment.amount.minor);
            expect(payer).toBe(-o.paid!.minor);
          } else if (o.status === 'frozen') {
            expect(credited).toBe(0n);
            expect(payer).toBe(-o.frozen!.minor);
          } else {
            expect(o.status, o.id).toBe('rejected');
            expect(credited).toBe(0n);
            expect(payer, `${o.id} (${o.reason}) moved the payer's RUB`).toBe(0n);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
