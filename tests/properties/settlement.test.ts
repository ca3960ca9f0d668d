// Settlement invariants over generated scenarios: whatever the market, faults and sanctions,
// every entry balances, value is conserved except through external accounts, holdings never go
// negative, every payment ends exactly once, and each ending leaves the money where it should.

import { compileScenario } from '../../src/scenario/compile.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { runScenario } from '../../src/scenario/runner.js';
import { checkScenario } from '../../src/app/checkScenario.js';
import { entryToJson, type JournalEntry } from '../../src/ledger/index.js';
import type { PaymentOutcome } from '../../src/flows/payment.js';
import { arbScenarioInput as arbScenario } from '../../src/scenario/arbitrary.js';

interface ExportedEntry {
  id: string;
  time: string;
  flow: string;
  kind: string;
  postings: { account: string; asset: string; amount: string }[];
}

/** Exact decimal string -> integer count of 10^-18, so sums never touch floating point. */
function atto(s: string): bigint {
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const v = BigInt(whole! + frac.padEnd(18, '0'));
  return s.startsWith('-') ? -v : v;
}

function runCollecting(input: unknown) {
  const scenario = compileScenario(scenarioSchema.parse(input));
  const entries: ExportedEntry[] = [];
  const raw: JournalEntry[] = [];
  const outcomes: { o: PaymentOutcome; at: number }[] = [];
  const run = runScenario(scenario, {
    entry: (e) => {
      raw.push(e);
      // Check what users get on disk, not just the objects in memory.
      entries.push(JSON.parse(entryToJson(e)) as ExportedEntry);
    },
    outcome: (o, at) => {
      if (o.flow === 'crossBorderPayment') outcomes.push({ o, at });
    },
  });
  return { scenario, entries, raw, outcomes, run };
}

const NUM_RUNS = Number(process.env.RAILPILOT_PROPERTY_RUNS ?? 60);

describe('settlement invariants over generated scenarios', () => {
  it('hold for every run', () => {
    fc.assert(
      fc.property(arbScenario(), (input) => {
        const { scenario, entries, outcomes, run } = runCollecting(input);
        const kinds = new Map(run.balances.map((b) => [b.account, b.kind]));
        const balance = new Map<string, bigint>();
        const flowNet = new Map<string, Map<string, bigint>>();

        for (const e of entries) {
          // 1. Every entry balances per asset.
          const sums = new Map<string, bigint>();
          for (const p of e.postings) sums.set(p.asset, (sums.get(p.asset) ?? 0n) + atto(p.amount));
          for (const [asset, sum] of sums) expect(sum, `entry ${e.id} ${asset}`).toBe(0n);
          for (const p of e.postings) {
            const key = `${p.account}|${p.asset}`;
            balance.set(key, (balance.get(key) ?? 0n) + atto(p.amount));
            let net = flowNet.get(e.flow);
            if (!net) flowNet.set(e.flow, (net = new Map<string, bigint>()));
            net.set(key, (net.get(key) ?? 0n) + atto(p.amount));
          }
          // 3. Holdings never go below zero, checked after every entry (an entry is atomic).
          for (const p of e.postings) {
            const key = `${p.account}|${p.asset}`;
            if (kinds.get(p.account as never) === 'nonNegative') expect(balance.get(key)! >= 0n, `${key} after ${e.id}`).toBe(true);
          }
        }

        // 2. Conservation: balances re-derived from the exported entries equal the ledger's own,
        // and what the rail holds per asset is exactly what came in through external accounts.
        for (const b of run.balances) {
          const scale = 10n ** BigInt(18 - b.scale);
          expect(balance.get(`${b.account}|${b.asset}`) ?? 0n, `${b.account} ${b.asset}`).toBe(b.minor * scale);
        }
        const internal = new Map<string, bigint>();
        const external = new Map<string, bigint>();
        for (const [key, v] of balance) {
          const [account, asset] = key.split('|') as [string, string];
          const m = kinds.get(account as never) === 'external' ? external : internal;
          m.set(asset, (m.get(asset) ?? 0n) + v);
        }
        for (const [asset, v] of internal) expect(v, `conservation of ${asset}`).toBe(-(external.get(asset) ?? 0n));

        // 4. Every payment ends once, in a final state.
        const ids = outcomes.map(({ o }) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(scenario.payments.length);
        expect(run.started).toBe(run.finished);

        // 5. Each ending leaves the money where it should.
        for (const { o, at } of outcomes) {
          const net = flowNet.get(o.id) ?? new Map<string, bigint>();
          const payer = `banks:${o.payment.payer.bank}:${o.payment.payer.id}|RUB`;
          const payeeGot = net.get(`beneficiaries:${o.payment.payee.id}|CNY`) ?? 0n;
          const scale = 10n ** 16n; // CNY and RUB have 2 decimals
          if (o.status === 'rejected') {
            for (const [key, v] of net) expect(v, `rejected ${o.id} moved ${key}`).toBe(0n);
          } else if (o.status === 'settled') {
            expect(payeeGot).toBe(o.payment.amount.minor * scale);
            expect(net.get(payer)).toBe(-o.paid!.minor * scale);
          } else if (o.status === 'refunded') {
            expect(payeeGot).toBe(0n);
            expect(net.get(payer) ?? 0n).toBe((o.refunded!.minor - o.paid!.minor) * scale);
            expect(o.refunded!.minor <= o.paid!.minor).toBe(true);
            expect(net.get(`custody:${o.payment.payer.id}|USDT`) ?? 0n).toBe(0n);
          } else {
            expect(payeeGot).toBe(0n);
            expect(net.get(`compliance:frozen|USDT`)).toBe(o.frozen!.minor * 10n ** 12n);
          }
          // 6. Sanctions: no value reaches a party listed before the credit.
          if (payeeGot > 0n) {
            const listing = (scenario.source.sanctions ?? []).find((s) => (typeof s === 'string' ? s : s.party) === o.payment.payee.id);
            if (listing !== undefined) {
              expect(typeof listing).toBe('object');
              expect(at < Date.parse((listing as { from: string }).from), `${o.id} paid a listed party`).toBe(true);
            }
          }
        }
        // Nothing is left in flight when the run ends.
        for (const account of ['npcs:holds|RUB', 'chains:tron:transit|USDT']) expect(balance.get(account) ?? 0n).toBe(0n);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('satisfy every invariant of the kit users run (src/invariants) on every generated run', () => {
    fc.assert(
      fc.property(arbScenario(), (input) => {
        const { failures } = checkScenario(compileScenario(scenarioSchema.parse(input)));
        expect(failures).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('satisfy every invariant with PvP and correspondent twins, receipts, clearing, congestion, outages and depegs', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbScenario({ breadth: true, retail: true, size: 10 }), (input) => {
        const { failures, outcomes } = checkScenario(compileScenario(scenarioSchema.parse(input)));
        expect(failures).toEqual([]);
        for (const o of outcomes) seen.add(`${o.flow} ${'payment' in o && o.flow === 'crossBorderPayment' ? o.payment.settlement + ' ' : ''}${o.status}`);
      }),
      { numRuns: NUM_RUNS, seed: 20261125 },
    );
    // Guards the generator: the new flows and modes are reached, through to their failures.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'crossBorderPayment pvp settled',
        'crossBorderPayment pvp rejected',
        'crossBorderPayment sequential refunded',
        'correspondentPayment settled',
        'correspondentPayment refunded',
        'crossBorderReceipt settled',
      ]),
    );
  });

  it('reach every outcome across the generated runs', () => {
    // Guards the generator itself: a property that never sees a refund proves nothing about refunds.
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbScenario(), (input) => {
        for (const { o } of runCollecting(input).outcomes) seen.add(o.status === 'rejected' || o.status === 'refunded' ? `${o.status}:${o.reason!.split(':')[0]}` : o.status);
      }),
      { numRuns: 150, seed: 20240902 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'frozen',
        'refunded:chain.notIncluded',
        'refunded:offramp.noLiquidity',
        'rejected:exchange.noLiquidity',
        'rejected:funds.insufficient',
        'rejected:quote.expired',
        'rejected:sanctions.blocked',
        'settled',
      ]),
    );
  });
});
