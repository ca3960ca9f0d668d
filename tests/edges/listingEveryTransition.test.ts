// A listing on the instant of every transition, of either party, where three payments share
// both parties and a chain halt touches two of them: every built-in invariant holds on every
// variant (checked over its records), and the listing changes outcomes (frozen or blocked), so
// the sweep really lands listings inside the flows.

import { describe, expect, it } from 'vitest';
import { expectInvariantsHold, runEdge } from './run.js';

const BASE = `name: shared-party-halt-listing
description: One importer pays one supplier three times (sequential and PvP) across a Tron halt; the supplier is listed at the instant of a transition.
seed: 11
start: 2024-09-02T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, quoteTtl: PT30S, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "10000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: "2.00 USDT", inclusionTimeout: PT30M}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "50000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
faults:
  - {kind: chainHalt, chain: tron, at: 2024-09-02T10:00:00Z, for: PT2H}
payments:
  - {id: before-halt, from: importer-msk, to: supplier-sz, amount: "100000.00 CNY", at: 2024-09-02T09:55:00Z}
  - {id: during-halt, from: importer-msk, to: supplier-sz, amount: "100000.00 CNY", at: 2024-09-02T10:15:00Z}
  - {id: pvp-during, from: importer-msk, to: supplier-sz, amount: "50000.00 CNY", at: 2024-09-02T10:16:00Z, settlement: pvp}
`;

const instants = [...new Set(runEdge(BASE).traces.map((t) => t.time))];

describe('a listing at the instant of each transition, on flows that share both parties across a halt', () => {
  it('has transitions to land on', () => expect(instants.length).toBeGreaterThanOrEqual(15));

  for (const party of ['supplier-sz', 'importer-msk']) {
    it(`holds every invariant with ${party} listed at each of them`, () => {
      const reasons = new Set<string>();
      for (const at of instants) {
        const r = runEdge(`${BASE}sanctions:\n  - {party: ${party}, from: "${at}"}\n`);
        expectInvariantsHold(r);
        for (const o of r.records) if (o.reason?.startsWith('sanctions.')) reasons.add(o.reason.split(':')[0]!);
      }
      // Listed in flight some payments freeze, listed first they are blocked at screening.
      expect([...reasons].sort()).toEqual(['sanctions.blocked', 'sanctions.frozen']);
    });
  }
});
