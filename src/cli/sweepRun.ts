// One run of a sweep, reduced to its summary: the headline figures and the invariants' status.
// This is the only place the sweep calls the simulator, so a change to how a run is made
// (runToFolder, a report folded from records) is adapted here alone. A run kept (--keep-runs)
// is written by runToFolder exactly as `railpilot run` writes it. A run not kept streams its
// records through the same invariants and report metrics in memory and writes nothing: files
// (ledger, journal, trace, report.html) are most of a run's cost, about 3.6x the simulation's
// own on usdt-depeg-in-flight, and a sweep keeps none of them.

import type { Model } from '../scenario/model.js';
import type { Report } from '../report/index.js';
import { headline, type Headline } from '../report/headline.js';
import { InvariantBroken, recordRun } from '../app/recordRun.js';
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
  return recordRun(s, {}, { seed }).report;
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
