// The streaming invariants check a flow when it is over and then forget it. In a live run the
// records interleave: a flow's outcome can arrive while one of its holds is still pending, and that
// hold's expiry, posted after the outcome, must still count. These feed the records in that order.

import { describe, it, expect } from 'vitest';
import { holdsEndWithFlow, linkedLegs, type EntryRecord, type Invariant } from '../../src/invariants/index.js';
import { entry, outcome } from './handBuilt.js';

const T1 = '2024-09-02T09:10:00.000Z';
const T2 = '2024-09-02T10:00:00.000Z';
const held = entry('E1', 'p1', 'hold.pending', [['banks:a:payer', 'RUB', '-5.00'], ['npcs:holds', 'RUB', '5.00']], { hold: 'h1' });
const expired = entry('E2', 'p1', 'hold.expired', [['npcs:holds', 'RUB', '-5.00'], ['banks:a:payer', 'RUB', '5.00']], { hold: 'h1', time: T2 });

function live(inv: Invariant, after: EntryRecord[]) {
  inv.entry?.(held);
  inv.outcome?.(outcome('p1', 'rejected', { finalAt: T1 }));
  for (const e of after) inv.entry?.(e);
  return inv.finish();
}

describe('flows checked when they are over', () => {
  it('linked-legs counts a hold that expires after the outcome: the RUB came back, nothing is left in flight', () => {
    expect(live(linkedLegs(), [expired])).toMatchObject({ name: 'linked-legs', ok: true, checked: 1 });
  });

  it('linked-legs still catches a hold never resolved, at the end of the run', () => {
    expect(live(linkedLegs(), [])).toMatchObject({ ok: false, detail: 'p1 (rejected) left 5 in npcs:holds RUB' });
  });

  it('holds-end-with-flow sees the late expiry and names it', () => {
    expect(live(holdsEndWithFlow(), [expired])).toMatchObject({
      ok: false,
      detail: `E2: hold h1 of p1 expired at ${T2}, after p1 ended at ${T1}`,
    });
  });
});
