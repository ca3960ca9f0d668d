// One run of a sweep, reduced to its summary: the headline figures and the invariants' status.
// This is the only place the sweep calls the simulator, so a change to how a run is made
// (runToFolder, a report folded from records) is adapted here alone. A run not kept goes to a
// scratch folder that is removed at once: the run is checked exactly as `railpilot run` checks it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '../scenario/schema.js';
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

/** Runs `s` with `seed`; writes its folder to `keep` when given, else to a scratch folder it removes. */
export async function summarizeRun(s: Scenario, point: number, seed: number, keep?: string): Promise<RunSummary> {
  const scratch = keep === undefined ? mkdtempSync(join(tmpdir(), 'railpilot-sweep-')) : undefined;
  try {
    const report = await runToFolder(s, keep ?? join(scratch!, 'run'), seed);
    const broken = report.declaredInvariants.filter((v) => !v.ok).map((v) => ({ name: v.name, detail: v.detail ?? '' }));
    return { point, seed, figures: headline(report), broken };
  } catch (e) {
    if (e instanceof InvariantBroken) return { point, seed, figures: null, broken: [{ name: e.invariant, detail: e.detail }] };
    throw e;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
