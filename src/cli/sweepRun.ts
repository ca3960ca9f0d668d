// One run of a sweep, reduced to its summary: the headline figures and the invariants' status.
// This is the only place the sweep calls the simulator, so a change to how a run is made
// (runToFolder, a report folded from records) is adapted here alone. A run kept (--keep-runs)
// is written by runToFolder exactly as `railpilot run` writes it. A run not kept streams its
// records through the same invariants and report metrics in memory and writes nothing: files
// (ledger, journal, trace, report.html) are most of a run's cost, about 3.6x the simulation's
// own on usdt-depeg-in-flight, and a sweep keeps none of them.

import type { Model } from '../scenario/model.js';
import { runScenario } from '../scenario/runner.js';
import { entryRecord } from '../ledger/index.js';
import { INVARIANTS, declaredFrom, streamingCheck } from '../invariants/index.js';
import { traceLine } from '../sim/index.js';
import { formatAmount } from '../money/index.js';
import type { Prices } from '../rails/stablecoin/prices.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle.js';
import { RunMetrics, buildReport, midsAt, midsOf, outcomeRecord, runFacts, type Report } from '../report/index.js';
import { OrderMetrics } from '../report/orderMetrics.js';
import { ChannelMetrics } from '../report/channelMetrics.js';
import { ComplianceTally } from '../report/compliance.js';
import { headline, type Headline } from '../report/headline.js';
import { InvariantBroken } from './errors.js';
import { runToFolder } from './runToFolder.js';

export interface RunSummary {
  readonly point: number;
  readonly seed: number;
  /** Null when a built-in invariant stopped the run (it has no report). */
  readonly figures: Headline | null;
  /** Invariants that failed: a built-in one (which stops the run) or the scenario's own. */
  readonly broken: readonly { name: string; detail: string }[];
}

/** The report `run` would write for `s` and `seed`, from records that are checked and dropped. */
export function reportInMemory(s: Model, seed: number): Report {
  const facts = runFacts(s);
  const builtin = streamingCheck(facts, INVARIANTS);
  const declared = streamingCheck(facts, declaredFrom(facts.declared));
  // As in `run`: a breach stops the run at the entry that shows it, or at the end.
  const stopIfBroken = () => {
    const b = builtin.breach();
    if (b) throw new InvariantBroken(b.name, b.detail);
  };
  let prices: Prices | undefined;
  const mids = { start: midsOf(s), at: midsAt(s, () => prices) };
  const metrics = new RunMetrics(mids.start, mids.at);
  const channels = new ChannelMetrics(mids.start, mids.at);
  const threshold = s.amlThreshold;
  const orders = new OrderMetrics(threshold.asset.scale);
  const compliance = new ComplianceTally(formatAmount(threshold), threshold.asset.scale);
  const cycles: ClearingCycleOutcome[] = [];
  const both = [builtin, declared];
  let run;
  try {
    run = runScenario(
      s,
      {
        entry: (e) => {
          const record = entryRecord(e);
          for (const c of both) c.entry(record);
          stopIfBroken();
        },
        trace: (r) => {
          const line = traceLine(r);
          for (const c of both) c.trace(line);
        },
        prices: (p) => (prices = p),
        outcome: (o, finalAt) => {
          const record = outcomeRecord(o, finalAt, mids);
          for (const c of both) c.outcome(record);
          compliance.add(record);
          const extras = { forfeited: record.forfeited ?? null };
          if (o.flow === 'crossBorderPayment') [metrics, channels].forEach((m) => m.add(o, finalAt, extras));
          else if (o.flow === 'correspondentPayment' || o.flow === 'crossBorderReceipt') channels.add(o, finalAt);
          else orders.add(o);
        },
        cycle: (c) => cycles.push(c),
      },
      { seed },
    );
  } catch (e) {
    // A flow that failed because of a breach already seen fails for that breach.
    const b = builtin.breach();
    if (b && !(e instanceof InvariantBroken)) throw new InvariantBroken(b.name, b.detail);
    throw e;
  }
  stopIfBroken();
  const failed = builtin.finish().find((v) => !v.ok);
  if (failed) throw new InvariantBroken(failed.name, failed.detail ?? 'no detail');
  return buildReport(s, metrics, run, orders, declared.finish(), { channels, cycles, compliance: compliance.section() });
}

/** Runs `s` with `seed`; writes its folder to `keep` when given, else only summarises it. */
export async function summarizeRun(s: Model, point: number, seed: number, keep?: string): Promise<RunSummary> {
  try {
    const report = keep === undefined ? reportInMemory(s, seed) : await runToFolder(s, keep, seed);
    const broken = report.declaredInvariants.filter((v) => !v.ok).map((v) => ({ name: v.name, detail: v.detail ?? '' }));
    return { point, seed, figures: headline(report), broken };
  } catch (e) {
    if (e instanceof InvariantBroken) return { point, seed, figures: null, broken: [{ name: e.invariant, detail: e.detail }] };
    throw e;
  }
}
