// Issue 10, class 10: ids a scenario gives cannot collide with the flows the simulator makes itself
// (opening balances, mining rewards, clearing cycles). A payment called `setup`, an order named
// after a miner, and a payment named like a clearing cycle each keep a flow of their own, and the
// invariants, `verify` and `explain` read them apart.

import { describe, expect, it } from 'vitest';
import { parseScenario, formatProblems } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/runner.js';
import { entryRecord } from '../../src/ledger/exporters.js';
import { SETUP_FLOW, clearingCycleFlow, isSimulatorFlow, miningFlow } from '../../src/ledger/index.js';
import { traceLine } from '../../src/sim/index.js';
import { outcomeRecord, runFacts } from '../../src/app/outcomeRecord.js';
import { collectStory } from '../../src/app/explain.js';
import { checkRun, type EntryRecord, type OutcomeRecord, type TraceLine } from '../../src/invariants/index.js';

const YAML = `name: ids-like-simulator-flows
description: A payment called setup, one called cycle-0001, and a sale whose id is the miner's own.
seed: 3
start: 2024-11-05T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "10000000.00"}
  BTC/RUB@moscow: {mid: "5400000.00", spreadBps: 150, depth: "50.00000000"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: "2.00 USDT", inclusionTimeout: PT30M}
clearing:
  cycle: PT1H
  reserve: "500000000.00 RUB"
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "50000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
  - {id: miner-ural, kind: miner, country: RU, bank: bank-b, registered: true, balances: {BTC: "1.00000000"}, mining: {every: PT1H, reward: {fixed: "0.03000000 BTC"}}}
payments:
  - {id: setup, from: importer-msk, to: supplier-sz, amount: "1000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-11-05T09:05:00Z}
  - {id: cycle-0001, from: importer-msk, to: supplier-sz, amount: "2000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-11-05T09:10:00Z}
orders:
  - {id: miner-ural, by: miner-ural, sell: "0.10000000 BTC", at: 2024-11-05T11:30:00Z}
`;

function scenario() {
  const r = parseScenario('ids.yaml', YAML);
  if (!r.ok) throw new Error(formatProblems('ids.yaml', r.problems));
  return r.scenario;
}

function record() {
  const s = scenario();
  const entries: EntryRecord[] = [];
  const traces: TraceLine[] = [];
  const outcomes: OutcomeRecord[] = [];
  runScenario(s, { entry: (e) => entries.push(entryRecord(e)), trace: (t) => traces.push(traceLine(t)), outcome: (o, t) => outcomes.push(outcomeRecord(o, t)) });
  return { s, entries, traces, outcomes };
}

describe('ids a scenario gives against the flows the simulator makes', () => {
  const run = record();
  const kindsOf = (flow: string) => new Set(run.entries.filter((e) => e.flow === flow).map((e) => e.kind));

  it('runs the three user flows to their ends, each under its own id', () => {
    expect(run.outcomes.map((o) => [o.id, o.status]).sort()).toEqual([
      ['cycle-0001', 'settled'],
      ['miner-ural', 'sold'],
      ['setup', 'settled'],
    ]);
  });

  it('keeps opening balances, mining rewards and clearing out of the user flows that share their names', () => {
    expect(kindsOf('setup').has('funding')).toBe(false);
    expect(kindsOf('miner-ural').has('mining.reward')).toBe(false);
    expect([...kindsOf('cycle-0001')].filter((k) => k.startsWith('clearing.'))).toEqual([]);
    expect(kindsOf(SETUP_FLOW)).toEqual(new Set(['funding']));
    expect(kindsOf(miningFlow('miner-ural'))).toEqual(new Set(['mining.reward']));
    expect([...kindsOf(clearingCycleFlow(1))].every((k) => k.startsWith('clearing.'))).toBe(true);
    expect(run.entries.some((e) => e.kind === 'clearing.settled')).toBe(true);
    // Every entry of the simulator's own flows is in its namespace, and no user flow is.
    for (const e of run.entries) expect(isSimulatorFlow(e.flow), `${e.id} ${e.kind} of ${e.flow}`).toBe(['funding', 'mining.reward', 'clearing.credit', 'clearing.settled'].includes(e.kind));
  });

  it('passes every invariant (linked-legs read the opening balances as the payment setup before)', () => {
    const failing = checkRun(run, runFacts(run.s)).filter((v) => !v.ok);
    expect(failing).toEqual([]);
  });

  it('explains the payment called setup without the opening balances', () => {
    const story = collectStory(run.s, 'setup')!;
    const kinds = story.steps.flatMap((st) => st.entries.map((e) => e.kind));
    expect(kinds).toContain('offramp.paid');
    expect(kinds).not.toContain('funding');
  });
});
