// TraceCounts (the diagrams' weights) now finds a transition through nested maps instead of a key
// string per trace line. Against the counting it replaced, kept here as a reference: for any trace,
// the same machines in the same order, the same transitions in the order first taken, the same
// counts and first lines, a first move (from null) and a move from '' still counted together.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceCounts } from '../../src/report/diagramCounts.js';
import type { TraceLine } from '../../src/records/index.js';

/** TraceCounts as it was (src/report/diagramCounts.ts at 74b1b45), without the NUL-joined key's collisions the names here cannot make. */
function countsBefore(lines: readonly TraceLine[]) {
  type Taken = { from: string | null; event: string; to: string; count: number; line: number };
  const byMachine = new Map<string, Map<string, Taken>>();
  lines.forEach((t, i) => {
    let m = byMachine.get(t.machine);
    if (!m) byMachine.set(t.machine, (m = new Map<string, Taken>()));
    const key = `${t.from ?? ''}\u0000${t.event}\u0000${t.to}`;
    const seen = m.get(key);
    if (seen) seen.count++;
    else m.set(key, { from: t.from, event: t.event, to: t.to, count: 1, line: i + 1 });
  });
  return [...byMachine].map(([machine, m]) => [machine, [...m.values()]] as const);
}

const name = fc.constantFrom('', 'screening', 'quoting', 'settled', 'unwinding.sellingBack', 'xstate.after.1800000.crossBorderPayment.awaitingInclusion', 'INIT', 'Платёж');
const traceLine = fc.record({
  time: fc.constant('2024-09-02T09:00:00.000Z'),
  flow: fc.constantFrom('pay-1', 'pay-2'),
  machine: fc.constantFrom('crossBorderPayment', 'retailPurchase', 'cryptoSale'),
  from: fc.option(name, { nil: null }),
  event: name,
  to: name,
}) as fc.Arbitrary<TraceLine>;

describe('TraceCounts', () => {
  it('folds any trace into the transitions, order, counts and first lines the key-string counting gave', () => {
    fc.assert(
      fc.property(fc.array(traceLine, { maxLength: 120 }), (lines) => {
        const counts = new TraceCounts();
        lines.forEach((t, i) => counts.add(t, i + 1));
        const now = counts.machines().map((m) => [m, counts.transitions(m)] as const);
        expect(now).toEqual(countsBefore(lines));
      }),
      { numRuns: 3_000 },
    );
  });
});
