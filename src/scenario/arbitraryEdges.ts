// The adversarial half of the property kit (see arbitrary.ts): draws that make flows meet on one
// party, listings land on the instants where things happen, faults touch, timings sit at the
// latencies' edges and amounts round to zero. Each part draws nothing when its option is off.

import fc from 'fast-check';
import type { ArbScenarioOptions } from './arbitrary.js';

export const decimal = (min: number, max: number, places: number) =>
  fc.integer({ min: min * 10 ** places, max: max * 10 ** places }).map((n) => (n / 10 ** places).toFixed(places));

/** A listing instant: a free second of the run, or steps of a latency from an instant where something starts. */
export type When = { free: number } | { anchor: number; steps: number; grid: 'screening' | 'bank' | 'exchange' };

/** The adversarial options in force: each explicit value wins over `adversarial`. */
export function edgesOf(opts: ArbScenarioOptions) {
  const on = (v: boolean | undefined) => v ?? opts.adversarial ?? false;
  return {
    shared: on(opts.sharedParties),
    anyone: (opts.listings ?? (opts.adversarial ? 'anyone' : 'payees')) === 'anyone',
    touching: on(opts.touchingFaults),
    times: on(opts.edgeTimes),
    tiny: on(opts.tinyAmounts),
    scales: on(opts.scales),
    colliding: on(opts.collidingIds),
  };
}

const FAULT_KINDS = ['chainHalt', 'chainCongestion', 'exchangeOutage', 'exchangeOutage', 'offrampOutage', 'depeg'] as const;
/** Ids the runner gives its own flows, for the colliding ids to take. */
export const SIMULATOR_IDS = ['setup', 'miner-0', 'cycle-0001', 'cycle-0002'];

/** The adversarial draws; each part is a constant when its option is off, so it draws nothing. */
export function arbEdges(e: ReturnType<typeof edgesOf>, maxPayments: number, faults: boolean) {
  const when: fc.Arbitrary<When> = fc.oneof(fc.record({ free: fc.integer({ min: 0, max: 300 * 60 }) }), fc.record({ anchor: fc.nat(), steps: fc.integer({ min: 0, max: 3 }), grid: fc.constantFrom('screening', 'bank', 'exchange') }));
  return fc.record({
    shared: e.shared
      ? fc.record({
          payers: fc.array(fc.record({ investor: fc.boolean(), qualified: fc.boolean(), passedTest: fc.boolean(), usdt: fc.oneof(fc.constant('0.000000'), decimal(0, 5_000, 6)) }), { minLength: 3, maxLength: 3 }),
          exporterRub: decimal(0, 5_000_000, 2),
          // A Moscow venue beside St. Petersburg's: retail trades there while a cross-border unwind waits out an outage at spb.
          moscow: fc.boolean(),
          miners: fc.array(fc.record({ everyMinutes: fc.integer({ min: 1, max: 60 }), reward: decimal(0.000001, 500, 6), rub: decimal(0, 1_000_000, 2), registered: fc.boolean() }), { maxLength: 2 }),
          payerOf: fc.array(fc.nat(), { maxLength: maxPayments }),
          // An order at a free second, or a while after one of the payments starts: while its coin may be in flight.
          orders: fc.array(
            fc.record({ who: fc.nat(), buy: fc.boolean(), rub: decimal(1, 400_000, 2), usdt: fc.oneof(decimal(0.000001, 100, 6), decimal(0.000001, 3_000, 6)), at: fc.integer({ min: 0, max: 300 * 60 }), after: fc.option(fc.nat()) }),
            { maxLength: maxPayments },
          ),
        })
      : fc.constant(null),
    listings: e.anyone
      ? fc.array(fc.record({ who: fc.nat(), before: fc.boolean(), at: when, again: fc.option(when) }), { maxLength: faults ? 4 : 0 })
      : fc.constant([] as { who: number; before: boolean; at: When; again: When | null }[]),
    chain: e.touching && faults
      ? fc.record({
          firstAt: fc.integer({ min: 0, max: 300 * 60 }),
          // The chain begins at a free second, or within ten minutes after a payment starts.
          after: fc.option(fc.nat()),
          links: fc.array(
            fc.record({
              kind: fc.constantFrom(...FAULT_KINDS),
              gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -600, max: -1 }), fc.integer({ min: 1, max: 1800 })),
              seconds: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 60, max: 7200 })),
              blockFactor: fc.integer({ min: 1, max: 10 }),
              feeFactor: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 100, max: 1000 })),
              by: decimal(0.001, 0.5, 3),
            }),
            { minLength: 1, maxLength: 5 },
          ),
        })
      : fc.constant(null),
    times: e.times
      ? fc.record({
          screeningMs: fc.integer({ min: 100, max: 5_000 }),
          exchangeMs: fc.integer({ min: 100, max: 5_000 }),
          ttlDeltaMs: fc.integer({ min: -3_000, max: 6_000 }),
          holdDeltaMs: fc.integer({ min: -3_000, max: 20_000 }),
          pvpDeltaS: fc.option(fc.integer({ min: -60, max: 600 })),
          inclusionBlocks: fc.option(fc.integer({ min: 1, max: 3 })),
          offsets: fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: maxPayments }),
        })
      : fc.constant(null),
    tiny: e.tiny ? fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 4 }) : fc.constant([] as number[]),
    rubScale: e.scales ? fc.constantFrom(0, 1, 2) : fc.constant(2),
    collide: e.colliding ? fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) : fc.constant([] as number[]),
  });
}

