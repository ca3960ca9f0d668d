// fast-check arbitraries of small but nasty scenarios, for property tests of the settlement
// invariants: short-lived quotes, thin inventories and off-ramp liquidity, underfunded payers,
// sanctions listed mid-run and chain halts, retail buyers and sellers against the caps, and with
// `breadth` PvP and correspondent twins, receipts from abroad, NPCS clearing, congestion,
// outages and depegs; so every path of every flow is exercised, not just the happy one.
// The adversarial options go where flows meet: one party in several flows at once, listings of
// anyone at any second (and twice), faults that touch or overlap, timings at the latencies'
// edges, amounts that round to zero, ids the simulator uses for its own flows. They are off by
// default, so a scenario drawn with the old options is the one it always was.

import fc from 'fast-check';
import { scenarioSchema, type Scenario, type ScenarioInput } from './schema.js';
import { SIMULATOR_IDS, arbEdges, decimal, edgesOf } from './arbitraryEdges.js';

const START = Date.parse('2024-09-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const minutes = (n: number) => `PT${n}M`;
const seconds = (ms: number) => `PT${ms / 1000}S`;

export interface ArbScenarioOptions {
  /** Most payments (and, with retail, most orders) in one scenario; 25 by default. */
  readonly size?: number;
  /** Chain halts, sanctions listed before and during the run; on by default. */
  readonly faults?: boolean;
  /** Retail investors buying and selling under a random cap preset, beside the payments. */
  readonly retail?: boolean;
  /** Issue 4's breadth: settlement modes, correspondent twins, receipts, clearing and their faults. */
  readonly breadth?: boolean;
  /**
   * Every option below on (each can still be turned off by name), with `retail` and `breadth`
   * on unless set: the scenarios where flows meet on one party and faults meet each other.
   */
  readonly adversarial?: boolean;
  /**
   * Parties in several flows at once: payers that also buy and sell retail (company investors
   * holding coin), an exporter that receives from abroad and pays abroad, registered miners that
   * mine, sell and pay.
   */
  readonly sharedParties?: boolean;
  /**
   * Who sanctions list: `payees` (the default, as before) or `anyone`: every participant, before
   * the run or from any second, on the instants where flows start and faults begin or end, and
   * some twice.
   */
  readonly listings?: 'payees' | 'anyone';
  /** Faults in a chain where each begins where the last ends, overlaps it or follows after a gap; fee spikes up to 1000x. */
  readonly touchingFaults?: boolean;
  /**
   * Timings at the edges: quote TTLs around the bank plus exchange latency, hold, PvP and
   * inclusion time-outs around what the flow needs, and flows started on any second.
   */
  readonly edgeTimes?: boolean;
  /** Some payments, orders, receipts and rewards of one minor unit: amounts that round to zero once converted. */
  readonly tinyAmounts?: boolean;
  /** A declared RUB scale of 0, 1 or 2 decimals, every RUB figure of the scenario written to it. */
  readonly scales?: boolean;
  /** Payment and order ids the simulator also gives its own flows: `setup`, a miner's id, `cycle-0001`. */
  readonly collidingIds?: boolean;
}

/** Scenario files' input form (what a YAML file holds); see `arbScenario` for validated ones. */
export function arbScenarioInput(opts: ArbScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  const maxPayments = opts.size ?? 25;
  const faults = opts.faults ?? true;
  const edges = edgesOf(opts);
  const adversarial = Object.values(edges).some(Boolean);
  const retail = opts.retail ?? opts.adversarial ?? false;
  const breadth = opts.breadth ?? opts.adversarial ?? false;
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
      retail: retail
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
      breadth: breadth
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
      // Last, so the draws above stay those of the old kit when no adversarial option is on.
      x: adversarial ? arbEdges(edges, maxPayments, faults) : fc.constant(null),
    })
    .map((g): ScenarioInput => {
      const payerIds = g.payers.map((_, i) => `payer-${i}`);
      const payeeIds = Array.from({ length: g.payees }, (_, i) => `payee-${i}`);
      const b = g.breadth;
      const x = g.x;
      const shared = x?.shared ?? null;
      const times = x?.times ?? null;
      const breadthFault = (f: NonNullable<typeof b>['extraFaults'][number]) => {
        const when = { at: iso(START + f.at * 60_000), for: minutes(f.minutes) };
        if (f.kind === 'chainCongestion') return { kind: f.kind, chain: 'tron', blockTimeFactor: f.factor, feeFactor: f.factor, ...when };
        if (f.kind === 'exchangeOutage') return { kind: f.kind, venue: 'spb' as const, ...when };
        if (f.kind === 'offrampOutage') return { kind: f.kind, market: 'USDT/CNY', ...when };
        return { kind: f.kind, coin: 'USDT', by: f.by, ...when };
      };

      // RUB figures written to the declared scale (truncated; a positive amount keeps one unit).
      const scale = x?.rubScale ?? 2;
      const rub = (text: string, positive = false) => {
        const [whole, frac = ''] = text.split('.');
        const cut = scale === 0 ? whole! : `${whole}.${frac.padEnd(2, '0').slice(0, scale)}`;
        return positive && !/[1-9]/.test(cut) ? (scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`) : cut;
      };
      const minRub = scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`;

      // Flows started on any second (edge times) rather than on whole minutes.
      const offset = (i: number) => (times ? (times.offsets[i % Math.max(1, times.offsets.length)] ?? 0) * 1000 : 0);
      const tiny = new Set(x?.tiny ?? []);
      const isTiny = (i: number) => tiny.has(i);

      const bankMs = g.bankLatencySeconds * 1000;
      const miners = (shared?.miners ?? []).map((m, i) => ({ id: `miner-${i}`, ...m }));
      const exporterPays = shared !== null && b !== null;
      const payerPool = [...payerIds, ...(exporterPays ? ['exporter-0'] : []), ...miners.map((m) => m.id)];

      const paymentItems = g.payments.map((p, i) => ({
        id: `p-${i}`,
        from: shared ? payerPool[(shared.payerOf[i] ?? p.payer) % payerPool.length]! : payerIds[p.payer % payerIds.length]!,
        to: payeeIds[p.payee % payeeIds.length]!,
        amount: `${isTiny(i) ? '0.01' : p.amount} CNY`,
        at: iso(START + p.at * 60_000 + offset(i)),
        ...(b ? { settlement: [...b.settlement], ...(b.correspondent ? { rail: ['pilot' as const, 'correspondent' as const] } : {}) } : {}),
      }));
      const receiptItems = (b?.receipts ?? []).map((r, i) => ({
        id: `r-${i}`,
        from: 'buyer-0',
        to: `exporter-${r.exporter % 2}`,
        amount: `${isTiny(i) ? '0.000001' : r.amount} USDT`,
        at: iso(START + r.at * 60_000 + offset(i + 7)),
      }));

      const investorIds = (g.retail?.investors ?? []).map((_, i) => `investor-${i}`);
      const sharedPayers = shared ? payerIds.filter((_, i) => shared.payers[i]!.investor) : [];
      const orderPool = [...investorIds, ...sharedPayers, ...(exporterPays ? ['exporter-0'] : []), ...miners.map((m) => m.id)];
      const order = (o: { who: number; buy: boolean; rub: string; usdt: string }, at: number, i: number, pool: readonly string[]) => {
        const by = pool[o.who % pool.length]!;
        // Only investors buy; the others (an exporter, a miner without a profile) sell.
        const buys = o.buy && (investorIds.includes(by) || sharedPayers.includes(by));
        const when = iso(at);
        return buys
          ? { id: `o-${i}`, by, buy: 'USDT', spend: `${isTiny(i) ? minRub : rub(o.rub, true)} RUB`, at: when }
          : { id: `o-${i}`, by, sell: `${isTiny(i) ? '0.000001' : o.usdt} USDT`, at: when };
      };
      const orderItems = [
        ...(g.retail?.orders ?? []).map((o, i) => order(o, START + o.at * 60_000 + offset(i + 3), i, investorIds)),
        ...(orderPool.length > 0 ? (shared?.orders ?? []) : []).map((o, j) => {
          const at = o.after === null ? START + o.at * 1000 : Date.parse(paymentItems[o.after % paymentItems.length]!.at) + (o.at % 3600) * 1000;
          return order(o, at, (g.retail?.orders.length ?? 0) + j, orderPool);
        }),
      ];
      const hasOrders = orderItems.length > 0;

      // Ids the simulator uses for its own flows, given to a few payments and orders (once each).
      const flowsWithIds: { id: string }[] = [...paymentItems, ...receiptItems, ...orderItems];
      (x?.collide ?? []).forEach((k, n) => {
        if (n < SIMULATOR_IDS.length && flowsWithIds.length > 0) flowsWithIds[k % flowsWithIds.length]!.id = SIMULATOR_IDS[n]!;
      });
      const ids = new Set<string>();
      for (const f of flowsWithIds) {
        // Two renamed onto one flow: the later name stands; an id never repeats.
        if (ids.has(f.id)) f.id = `${f.id}-x`;
        ids.add(f.id);
      }

      const faultsOut: NonNullable<ScenarioInput['faults']> = [
        ...(g.halt ? [{ kind: 'chainHalt' as const, chain: 'tron', at: iso(START + g.halt.at * 60_000), for: minutes(g.halt.minutes) }] : []),
        // Requests delivered twice over the whole working window: the rails must drop the repeats.
        ...(g.duplicates !== null ? [{ kind: 'duplicateMessages' as const, share: g.duplicates, at: iso(START), for: 'PT24H' }] : []),
        ...(b ? b.extraFaults.map(breadthFault) : []),
      ];
      // A chain of faults: each begins where the last ended (gap 0), inside it, or after a pause.
      const boundaries: number[] = [];
      if (x?.chain) {
        let t = x.chain.after === null ? START + x.chain.firstAt * 1000 : Date.parse(paymentItems[x.chain.after % paymentItems.length]!.at) + (x.chain.firstAt % 600) * 1000;
        for (const l of x.chain.links) {
          t = Math.max(START, t + l.gap * 1000);
          const when = { at: iso(t), for: `PT${l.seconds}S` };
          boundaries.push(t, t + l.seconds * 1000);
          if (l.kind === 'chainHalt') faultsOut.push({ kind: l.kind, chain: 'tron', ...when });
          else if (l.kind === 'chainCongestion') faultsOut.push({ kind: l.kind, chain: 'tron', blockTimeFactor: l.blockFactor, feeFactor: l.feeFactor, ...when });
          else if (l.kind === 'exchangeOutage') faultsOut.push({ kind: l.kind, venue: 'spb', ...when });
          else if (l.kind === 'offrampOutage') faultsOut.push({ kind: l.kind, market: 'USDT/CNY', ...when });
          else faultsOut.push({ kind: l.kind, coin: 'USDT', by: l.by, ...when });
          t += l.seconds * 1000;
        }
      }

      const participants: ScenarioInput['participants'] = [
        ...g.payers.map((balance, i) => {
          const sp = shared?.payers[i];
          return {
            id: payerIds[i]!,
            kind: 'company' as const,
            country: 'RU',
            bank: `bank-${i % 2}`,
            ...(sp?.investor ? { investor: { category: sp.qualified ? ('qualified' as const) : ('nonQualified' as const), passedTest: sp.passedTest }, balances: { RUB: rub(balance), USDT: sp.usdt } } : { balances: { RUB: rub(balance) } }),
          };
        }),
        ...payeeIds.map((id) => ({ id, kind: 'company' as const, country: 'CN' })),
        ...(b
          ? [
              { id: 'buyer-0', kind: 'company' as const, country: 'CN', balances: { USDT: b.buyerUsdt } },
              { id: 'exporter-0', kind: 'company' as const, country: 'RU', bank: 'bank-0', ...(exporterPays ? { balances: { RUB: rub(shared.exporterRub) } } : {}) },
              { id: 'exporter-1', kind: 'company' as const, country: 'RU', bank: 'bank-x' },
            ]
          : []),
        ...(g.retail?.investors ?? []).map((inv, i) => ({
          id: investorIds[i]!,
          kind: 'individual' as const,
          country: 'RU',
          bank: 'bank-r',
          investor: { category: inv.qualified ? ('qualified' as const) : ('nonQualified' as const), passedTest: inv.passedTest },
          balances: { RUB: rub(inv.rub), USDT: inv.usdt },
        })),
        ...miners.map((m, i) => ({
          id: m.id,
          kind: 'miner' as const,
          country: 'RU',
          bank: 'bank-m',
          registered: m.registered,
          mining: { every: minutes(m.everyMinutes), reward: { fixed: `${isTiny(i) ? '0.000001' : m.reward} USDT` } },
          balances: { RUB: rub(m.rub) },
        })),
      ];

      // Listings of anyone: before the run, at a free second, or on the latency grid from an
      // instant where something starts (a payment, an order, a receipt, a fault's start or end).
      const everyone = participants.map((p) => p.id);
      const anchors = [START, ...[...paymentItems, ...receiptItems, ...orderItems].map((f) => Date.parse(f.at)), ...boundaries];
      const gridMs = { screening: times?.screeningMs ?? 1000, bank: bankMs, exchange: times?.exchangeMs ?? 1000 };
      const instant = (w: { free: number } | { anchor: number; steps: number; grid: 'screening' | 'bank' | 'exchange' }) =>
        'free' in w ? START + w.free * 1000 : anchors[w.anchor % anchors.length]! + w.steps * gridMs[w.grid];
      const sanctions: NonNullable<ScenarioInput['sanctions']> = [
        ...g.sanctions.map((s) => {
          const party = payeeIds[s.payee % payeeIds.length]!;
          return s.at === null ? party : { party, from: iso(START + s.at * 60_000) };
        }),
        ...(x?.listings ?? []).flatMap((l) => {
          const party = everyone[l.who % everyone.length]!;
          const first = l.before ? [party] : [{ party, from: iso(instant(l.at)) }];
          return l.again ? [...first, { party, from: iso(instant(l.again)) }] : first;
        }),
      ];

      // Quote TTL around the time a fill needs (bank plus exchange), hold time-outs around what a
      // purchase needs, inclusion time-outs of a block or a few.
      const ttlMs = times ? Math.max(1, bankMs + times.exchangeMs + times.ttlDeltaMs) : g.quoteTtlSeconds * 1000;
      const holdTimeout = times ? seconds(Math.max(1, ttlMs + bankMs + times.exchangeMs + times.holdDeltaMs)) : minutes(g.holdTimeoutMinutes);
      const inclusionTimeout = times?.inclusionBlocks ? `PT${times.inclusionBlocks * g.blockSeconds}S` : minutes(g.inclusionTimeoutMinutes);
      const pvpHold = b ? (times && times.pvpDeltaS !== null ? `PT${Math.max(1, g.blockSeconds * (g.confirmations + 1) + 600 + times.pvpDeltaS)}S` : minutes(b.pvpHoldMinutes)) : undefined;

      const fxRetail = g.retail !== null || hasOrders;
      return {
        name: 'generated',
        description: 'generated by fast-check',
        seed: g.seed,
        start: iso(START),
        ...(scale !== 2 || edges.scales ? { assets: { RUB: { scale } } } : {}),
        markets: {
          'USDT/RUB': { mid: g.usdtRub, spreadBps: g.exchangeSpread, quoteTtl: times ? seconds(ttlMs) : `PT${g.quoteTtlSeconds}S`, depth: g.depth },
          ...(shared?.moscow ? { 'USDT/RUB@moscow': { mid: g.usdtRub, spreadBps: g.exchangeSpread, quoteTtl: times ? seconds(ttlMs) : `PT${g.quoteTtlSeconds}S` } } : {}),
          'USDT/CNY': { mid: g.usdtCny, spreadBps: g.offrampSpread, delay: minutes(5), liquidity: g.liquidity, ...(b ? { toleranceBps: b.toleranceBps } : {}) },
        },
        chains: {
          tron: { blockTime: `PT${g.blockSeconds}S`, confirmations: g.confirmations, fee: `${g.fee} USDT`, inclusionTimeout },
        },
        participants,
        sanctions,
        faults: faultsOut,
        rails: {
          bankLatency: `PT${g.bankLatencySeconds}S`,
          holdTimeout,
          ...(pvpHold ? { pvpHoldTimeout: pvpHold } : {}),
          ...(times ? { screeningLatency: seconds(times.screeningMs), exchangeLatency: seconds(times.exchangeMs) } : {}),
        },
        ...(b?.correspondent
          ? { correspondent: { rejection: { CN: b.rejection }, settlement: { min: 'PT1H', max: 'P2D' }, rejectionAfter: { min: 'PT1H', max: 'P3D' } } }
          : {}),
        ...(b?.clearing ? { clearing: { cycle: minutes(b.clearing.cycleMinutes), reserve: `${rub(b.clearing.reserve)} RUB` } } : {}),
        ...(b?.correspondent && !fxRetail ? { fx: { 'CNY/RUB': { mid: '13.00' } } } : {}),
        ...(fxRetail
          ? {
              regime: { preset: g.retail?.preset ?? 'as-reported-2024' },
              fx: { 'USD/RUB': { mid: g.usdtRub, volatilityBps: g.retail?.fxVolatility ?? 0 }, ...(b?.correspondent ? { 'CNY/RUB': { mid: '13.00' } } : {}) },
              orders: orderItems,
            }
          : {}),
        payments: [...paymentItems, ...receiptItems],
      };
    });
}

/**
 * Validated scenarios, ready for `runScenario` or `checkScenario`. A drawn input the schema
 * refuses (a declared scale, a colliding id or a zero amount that `check` rightly rejects) is
 * skipped; test `arbScenarioInput` to see those refusals.
 */
export function arbScenario(opts: ArbScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return arbScenarioInput(opts)
    .map((input) => scenarioSchema.safeParse(input))
    .filter((r) => r.success)
    .map((r) => r.data);
}
