// fast-check arbitraries of small but nasty scenarios, for property tests of the settlement
// invariants: short-lived quotes, thin inventories and off-ramp liquidity, underfunded payers,
// sanctions listed mid-run and chain halts, retail buyers and sellers against the caps, and with
// `breadth` PvP and correspondent twins, receipts from abroad, NPCS clearing, congestion,
// outages and depegs; so every path of every flow is exercised, not just the happy one.

import fc from 'fast-check';
import { scenarioSchema, type Scenario, type ScenarioInput } from './schema.js';

const START = Date.parse('2024-09-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const minutes = (n: number) => `PT${n}M`;

const decimal = (min: number, max: number, places: number) =>
  fc.integer({ min: min * 10 ** places, max: max * 10 ** places }).map((n) => (n / 10 ** places).toFixed(places));

export interface ArbScenarioOptions {
  /** Most payments (and, with retail, most orders) in one scenario; 25 by default. */
  readonly size?: number;
  /** Chain halts, sanctions listed before and during the run; on by default. */
  readonly faults?: boolean;
  /** Retail investors buying and selling under a random cap preset, beside the payments. */
  readonly retail?: boolean;
  /** Issue 4's breadth: settlement modes, correspondent twins, receipts, clearing and their faults. */
  readonly breadth?: boolean;
}

/** Scenario files' input form (what a YAML file holds); see `arbScenario` for validated ones. */
export function arbScenarioInput(opts: ArbScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  const maxPayments = opts.size ?? 25;
  const faults = opts.faults ?? true;
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      payers: fc.array(decimal(0, 20_000_000, 2), { minLength: 1, maxLength: 3 }),
      payees: fc.integer({ min: 1, max: 3 }),
      usdtRub: decimal(60, 120, 2),
      usdtCny: decimal(6, 8, 4),
      exchangeSpread: fc.integer({ min: 0, max: 300 }),
      offrampSpread: fc.integer({ min: 0, max: 300 }),
      quoteTtlSeconds: fc.integer({ min: 1, max: 60 }),
      depth: decimal(0, 500_000, 6),
      liquidity: decimal(0, 3_000_000, 2),
      fee: decimal(0, 5, 2),
      confirmations: fc.integer({ min: 1, max: 25 }),
      blockSeconds: fc.integer({ min: 1, max: 15 }),
      inclusionTimeoutMinutes: fc.integer({ min: 1, max: 60 }),
      halt: faults ? fc.option(fc.record({ at: fc.integer({ min: 0, max: 300 }), minutes: fc.integer({ min: 1, max: 180 }) })) : fc.constant(null),
      sanctions: fc.array(fc.record({ payee: fc.nat(), at: fc.option(fc.integer({ min: 0, max: 300 })) }), { maxLength: faults ? 2 : 0 }),
      duplicates: faults ? fc.option(fc.double({ min: 0, max: 1, noNaN: true })) : fc.constant(null),
      retail: opts.retail
        ? fc.record({
            preset: fc.constantFrom('as-reported-2024' as const, 'dfa-law' as const, 'concept-2025' as const),
            investors: fc.array(fc.record({ qualified: fc.boolean(), passedTest: fc.boolean(), rub: decimal(0, 2_000_000, 2), usdt: decimal(0, 5_000, 6) }), { minLength: 1, maxLength: 3 }),
            orders: fc.array(
              fc.record({ who: fc.nat(), buy: fc.boolean(), rub: decimal(1, 400_000, 2), usdt: decimal(0.01, 3_000, 6), at: fc.integer({ min: 0, max: 300 }) }),
              { minLength: 1, maxLength: maxPayments },
            ),
            fxVolatility: fc.integer({ min: 0, max: 500 }),
          })
        : fc.constant(null),
      payments: fc.array(
        fc.record({ payer: fc.nat(), payee: fc.nat(), amount: decimal(0.01, 400_000, 2), at: fc.integer({ min: 0, max: 300 }) }),
        { minLength: 1, maxLength: maxPayments },
      ),
      breadth: opts.breadth
        ? fc.record({
            settlement: fc.constantFrom(['sequential'] as const, ['pvp'] as const, ['sequential', 'pvp'] as const),
            correspondent: fc.boolean(),
            rejection: fc.double({ min: 0, max: 1, noNaN: true }),
            pvpHoldMinutes: fc.integer({ min: 1, max: 120 }),
            receipts: fc.array(fc.record({ amount: decimal(0.01, 50_000, 6), at: fc.integer({ min: 0, max: 300 }), exporter: fc.nat() }), { maxLength: 6 }),
            buyerUsdt: decimal(0, 200_000, 6),
            clearing: fc.option(fc.record({ cycleMinutes: fc.integer({ min: 5, max: 120 }), reserve: decimal(0, 50_000_000, 2) })),
            toleranceBps: fc.integer({ min: 0, max: 300 }),
            extraFaults: fc.array(
              fc.record({
                kind: fc.constantFrom('chainCongestion' as const, 'exchangeOutage' as const, 'offrampOutage' as const, 'depeg' as const),
                at: fc.integer({ min: 0, max: 300 }),
                minutes: fc.integer({ min: 1, max: 120 }),
                factor: fc.integer({ min: 1, max: 10 }),
                by: decimal(0.001, 0.2, 3),
              }),
              { maxLength: faults ? 3 : 0 },
            ),
          })
        : fc.constant(null),
      bankLatencySeconds: fc.integer({ min: 1, max: 90 }),
      holdTimeoutMinutes: fc.integer({ min: 1, max: 20 }),
    })
    .map((g): ScenarioInput => {
      const payerIds = g.payers.map((_, i) => `payer-${i}`);
      const payeeIds = Array.from({ length: g.payees }, (_, i) => `payee-${i}`);
      const b = g.breadth;
      const breadthFault = (f: NonNullable<typeof b>['extraFaults'][number]) => {
        const when = { at: iso(START + f.at * 60_000), for: minutes(f.minutes) };
        if (f.kind === 'chainCongestion') return { kind: f.kind, chain: 'tron', blockTimeFactor: f.factor, feeFactor: f.factor, ...when };
        if (f.kind === 'exchangeOutage') return { kind: f.kind, venue: 'spb' as const, ...when };
        if (f.kind === 'offrampOutage') return { kind: f.kind, market: 'USDT/CNY', ...when };
        return { kind: f.kind, coin: 'USDT', by: f.by, ...when };
      };
      return {
        name: 'generated',
        description: 'generated by fast-check',
        seed: g.seed,
        start: iso(START),
        markets: {
          'USDT/RUB': { mid: g.usdtRub, spreadBps: g.exchangeSpread, quoteTtl: `PT${g.quoteTtlSeconds}S`, depth: g.depth },
          'USDT/CNY': { mid: g.usdtCny, spreadBps: g.offrampSpread, delay: minutes(5), liquidity: g.liquidity, ...(b ? { toleranceBps: b.toleranceBps } : {}) },
        },
        chains: {
          tron: { blockTime: `PT${g.blockSeconds}S`, confirmations: g.confirmations, fee: `${g.fee} USDT`, inclusionTimeout: minutes(g.inclusionTimeoutMinutes) },
        },
        participants: [
          ...g.payers.map((rub, i) => ({ id: payerIds[i]!, kind: 'company' as const, country: 'RU', bank: `bank-${i % 2}`, balances: { RUB: rub } })),
          ...payeeIds.map((id) => ({ id, kind: 'company' as const, country: 'CN' })),
          ...(b ? [{ id: 'buyer-0', kind: 'company' as const, country: 'CN', balances: { USDT: b.buyerUsdt } }, { id: 'exporter-0', kind: 'company' as const, country: 'RU', bank: 'bank-0' }, { id: 'exporter-1', kind: 'company' as const, country: 'RU', bank: 'bank-x' }] : []),
          ...(g.retail?.investors ?? []).map((inv, i) => ({
            id: `investor-${i}`,
            kind: 'individual' as const,
            country: 'RU',
            bank: 'bank-r',
            investor: { category: inv.qualified ? ('qualified' as const) : ('nonQualified' as const), passedTest: inv.passedTest },
            balances: { RUB: inv.rub, USDT: inv.usdt },
          })),
        ],
        sanctions: g.sanctions.map((s) => {
          const party = payeeIds[s.payee % payeeIds.length]!;
          return s.at === null ? party : { party, from: iso(START + s.at * 60_000) };
        }),
        faults: [
          ...(g.halt ? [{ kind: 'chainHalt' as const, chain: 'tron', at: iso(START + g.halt.at * 60_000), for: minutes(g.halt.minutes) }] : []),
          // Requests delivered twice over the whole working window: the rails must drop the repeats.
          ...(g.duplicates !== null ? [{ kind: 'duplicateMessages' as const, share: g.duplicates, at: iso(START), for: 'PT24H' }] : []),
          ...(b ? b.extraFaults.map(breadthFault) : []),
        ],
        rails: { bankLatency: `PT${g.bankLatencySeconds}S`, holdTimeout: minutes(g.holdTimeoutMinutes), ...(b ? { pvpHoldTimeout: minutes(b.pvpHoldMinutes) } : {}) },
        ...(b?.correspondent
          ? { correspondent: { rejection: { CN: b.rejection }, settlement: { min: 'PT1H', max: 'P2D' }, rejectionAfter: { min: 'PT1H', max: 'P3D' } } }
          : {}),
        ...(b?.clearing ? { clearing: { cycle: minutes(b.clearing.cycleMinutes), reserve: `${b.clearing.reserve} RUB` } } : {}),
        ...(b?.correspondent && !g.retail ? { fx: { 'CNY/RUB': { mid: '13.00' } } } : {}),
        ...(g.retail
          ? {
              regime: { preset: g.retail.preset },
              fx: { 'USD/RUB': { mid: g.usdtRub, volatilityBps: g.retail.fxVolatility }, ...(b?.correspondent ? { 'CNY/RUB': { mid: '13.00' } } : {}) },
              orders: g.retail.orders.map((o, i) => {
                const by = `investor-${o.who % g.retail!.investors.length}`;
                const at = iso(START + o.at * 60_000);
                return o.buy ? { id: `o-${i}`, by, buy: 'USDT', spend: `${o.rub} RUB`, at } : { id: `o-${i}`, by, sell: `${o.usdt} USDT`, at };
              }),
            }
          : {}),
        payments: [
          ...g.payments.map((p, i) => ({
            id: `p-${i}`,
            from: payerIds[p.payer % payerIds.length]!,
            to: payeeIds[p.payee % payeeIds.length]!,
            amount: `${p.amount} CNY`,
            at: iso(START + p.at * 60_000),
            ...(b ? { settlement: [...b.settlement], ...(b.correspondent ? { rail: ['pilot' as const, 'correspondent' as const] } : {}) } : {}),
          })),
          ...(b?.receipts ?? []).map((r, i) => ({ id: `r-${i}`, from: 'buyer-0', to: `exporter-${r.exporter % 2}`, amount: `${r.amount} USDT`, at: iso(START + r.at * 60_000) })),
        ],
      };
    });
}

/** Validated scenarios, ready for `runScenario` or `checkScenario`. */
export function arbScenario(opts: ArbScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return arbScenarioInput(opts).map((input) => scenarioSchema.parse(input));
}
