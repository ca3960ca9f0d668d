// The correspondent baselines, measured from runs rather than read off their parameters: with
// swift-2024 the shares reaching the beneficiary bank and the customer's account within an hour
// are Swift's 2024 figures (90% and 43%); with russia-china-sanctioned about three in four
// payments to China come back, weeks later, and the fees are the payment agents' few percent.
// Every figure comes from the run's own files (trace.jsonl, outcomes.jsonl, run.json).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario, formatProblems } from '../../src/scenario/load.js';
import { runToFolder } from '../../src/cli/runToFolder.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A book of `count` payments to a Chinese supplier, all through correspondent banks under `baseline`. */
function scenario(baseline: string, count: number): string {
  return `name: baseline-${baseline}
description: Correspondent payments under the ${baseline} baseline, to measure it.
seed: 11
start: 2024-09-09T09:00:00Z
fx:
  CNY/RUB: {mid: "13.03"}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50}
correspondent: {baseline: ${baseline}}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "900000000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - generate: {count: ${count}, from: importer-msk, to: supplier-sz, amount: {fixed: "10000.00 CNY"}, rail: correspondent, over: PT8H}
`;
}

interface Measured {
  readonly initiated: Map<string, number>;
  /** Time each flow entered a state, by state then flow. */
  readonly entered: Map<string, Map<string, number>>;
  readonly outcomes: { id: string; status: string; rub: string; initiatedAt: string; finalAt: string }[];
  readonly run: { facts: { correspondentBaseline?: { name: string; sources: string[] } | null } };
}

async function measure(baseline: string, count: number): Promise<Measured> {
  const loaded = parseScenario(`${baseline}.yaml`, scenario(baseline, count));
  if (!loaded.ok) throw new Error(formatProblems(`${baseline}.yaml`, loaded.problems));
  const dir = mkdtempSync(join(tmpdir(), 'railpilot-baseline-'));
  dirs.push(dir);
  await runToFolder(loaded.scenario, join(dir, 'run'));
  const lines = (f: string) => readFileSync(join(dir, 'run', f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string | null>);
  const initiated = new Map<string, number>();
  const entered = new Map<string, Map<string, number>>();
  for (const t of lines('trace.jsonl')) {
    const time = Date.parse(t.time!);
    if (t.from === null) initiated.set(t.flow!, time);
    if (!entered.has(t.to!)) entered.set(t.to!, new Map());
    entered.get(t.to!)!.set(t.flow!, time);
  }
  const outcomes = lines('outcomes.jsonl') as unknown as Measured['outcomes'];
  const run = JSON.parse(readFileSync(join(dir, 'run', 'run.json'), 'utf8')) as Measured['run'];
  return { initiated, entered, outcomes, run };
}

/** Share of all `count` flows that entered `state` within `ms` of their order. */
function shareWithin(m: Measured, state: string, ms: number, count: number): number {
  const at = m.entered.get(state) ?? new Map<string, number>();
  let n = 0;
  for (const [flow, t] of at) if (t - m.initiated.get(flow)! <= ms) n++;
  return n / count;
}

describe('swift-2024: calibrated to Swift 2024 (90% at the beneficiary bank, 43% on the customer account within 1 h)', () => {
  // 4 000 payments: one standard error is 0.5 points at 90% and 0.8 at 43%; the tolerance is 2 points.
  const COUNT = 4_000;
  const TOLERANCE = 0.02;
  let m: Measured;

  it('runs, and records the baseline in force with its sources', async () => {
    m = await measure('swift-2024', COUNT);
    expect(m.initiated.size).toBe(COUNT);
    expect(m.run.facts.correspondentBaseline?.name).toBe('swift-2024');
    expect(m.run.facts.correspondentBaseline?.sources.join(' ')).toMatch(/Swift, press release 2024-10-17/);
  }, 120_000);

  it("about 90% reach the beneficiary's bank within 1 h of the order", () => {
    expect(Math.abs(shareWithin(m, 'atBeneficiaryBank', HOUR, COUNT) - 0.9)).toBeLessThanOrEqual(TOLERANCE);
  });

  it("about 43% are credited to the customer's account within 1 h of the order, and all within 4 days", () => {
    expect(Math.abs(shareWithin(m, 'settled', HOUR, COUNT) - 0.43)).toBeLessThanOrEqual(TOLERANCE);
    expect(shareWithin(m, 'settled', 4 * DAY + HOUR, COUNT)).toBe(1);
  });
});

describe('russia-china-sanctioned: the 2024 reports (about 75% returned, weeks later; agents\' fees of a few percent)', () => {
  const COUNT = 1_000;
  let m: Measured;

  it('runs, and records the baseline in force', async () => {
    m = await measure('russia-china-sanctioned', COUNT);
    expect(m.run.facts.correspondentBaseline?.name).toBe('russia-china-sanctioned');
  }, 120_000);

  it('returns about three in four payments to China, between one week and a month after sending', () => {
    const returned = m.outcomes.filter((o) => o.status === 'refunded');
    expect(Math.abs(returned.length / COUNT - 0.75)).toBeLessThanOrEqual(0.04);
    for (const o of returned) {
      const took = Date.parse(o.finalAt) - Date.parse(o.initiatedAt);
      expect(took).toBeGreaterThanOrEqual(7 * DAY);
      expect(took).toBeLessThanOrEqual(30 * DAY + HOUR);
    }
  });

  it('credits none within an hour: the rest are credited after days', () => {
    expect(shareWithin(m, 'settled', HOUR, COUNT)).toBe(0);
    expect(shareWithin(m, 'atBeneficiaryBank', DAY - HOUR, COUNT)).toBe(0);
  });

  it("charges the payer the agents' 3% plus a flat fee and the bank's FX spread on a settled payment", () => {
    // 10 000.00 CNY at 13.03 RUB mid: 130 300.00 RUB; ask at half the 2% spread: 131 603.00;
    // fees 5 000.00 + 3% of 131 603.00 (3 948.09) = 8 948.09; paid 140 551.09 RUB.
    const settled = m.outcomes.filter((o) => o.status === 'settled');
    expect(settled.length).toBeGreaterThan(150);
    expect(new Set(settled.map((o) => o.rub))).toEqual(new Set(['140551.09 RUB']));
  });
});
