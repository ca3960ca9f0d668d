// The duplicateMessages fault: requests to the rails arrive twice, the rails drop the repeats,
// and nothing is posted twice; the idempotency invariant counts entries against requests.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import { checkScenario } from '../../src/app/checkScenario.js';
import { checkRun, idempotency, type EntryRecord, type TraceLine } from '../../src/invariants/index.js';
import { entryRecord } from '../../src/ledger/index.js';
import { traceLine } from '../../src/sim/index.js';
import { runFacts } from '../../src/app/outcomeRecord.js';
import type { Model } from '../../src/scenario/model.js';
import { compileScenario } from '../../src/scenario/compile.js';

function withDuplicates(share: number): Model {
  const r = loadScenario('scenarios/importer-pays-china-usdt.yaml');
  if (!r.ok) throw new Error('shipped scenario does not load');
  const s = r.scenario.source;
  return compileScenario({ ...s, faults: [...(s.faults ?? []), { kind: 'duplicateMessages', share, at: '2024-09-02T09:00:00Z', for: 'PT12H' }] });
}

describe('duplicateMessages fault', () => {
  it('delivers requests twice, drops every repeat, and every invariant still holds', () => {
    const s = withDuplicates(0.5);
    const run = runScenario(s);
    expect(run.duplicatesDropped).toBeGreaterThan(1000);
    const { failures } = checkScenario(s);
    expect(failures).toEqual([]);
  });


  it('is caught by the idempotency invariant when a request posts twice', () => {
    const s = withDuplicates(0);
    const entries: EntryRecord[] = [];
    const traces: TraceLine[] = [];
    runScenario(s, { entry: (e) => entries.push(entryRecord(e)), trace: (t) => traces.push(traceLine(t)) });
    // What a rail without the dedup would do: pay a settled payment out a second time.
    const payout = entries.find((e) => e.kind === 'offramp.paid')!;
    const doubled = [...entries, { ...payout, id: 'E999999' }];
    const [verdict] = checkRun({ entries: doubled, traces, outcomes: [] }, runFacts(s), [idempotency]);
    expect(verdict!.ok).toBe(false);
    expect(verdict!.detail).toContain(`${payout.flow} posted offramp.paid 2 times (first ${payout.id}) for 1 request from payingOut`);
    const [clean] = checkRun({ entries, traces, outcomes: [] }, runFacts(s), [idempotency]);
    expect(clean!.ok).toBe(true);
  });
});
