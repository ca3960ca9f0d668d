// The studio's one door into the simulator's core. Every call the browser makes into src/ (parse
// a scenario from text, validate an edited one, run it into report.json, tell one payment's life)
// is in this file, so when the core's API changes only this file needs to follow it. The wiring
// of the run is `railpilot run`'s own (src/app/recordRun.ts) minus the files, so the page's
// report.json is byte-identical to the command line's.

import { parseScenario, problemsFromZod, type Problem } from '../../src/scenario/load.js';
import { chainFeeTexts, scenarioSchema, type Scenario } from '../../src/scenario/schema.js';
import { parseMarketKey } from '../../src/scenario/markets.js';
import { Assets } from '../../src/scenario/assets.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { formatMinor } from '../../src/money/index.js';
import { isoTime } from '../../src/ledger/index.js';
import { recordRun } from '../../src/app/recordRun.js';
import { reportJson, type Report } from '../../src/report/report.js';
import { collectStory, describeState, headline, mostInstructive } from '../../src/app/explain.js';
import { FLOWS, meaningOf } from '../../src/flows/index.js';
import type { FlowRow, StoryView } from './messages.js';

export type { Problem, Report, Scenario };

export type Parsed = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Scenario text (YAML or JSON, told apart by `file`'s extension) as the CLI's loader reads it. */
export function parseText(file: string, text: string): Parsed {
  const r = parseScenario(file, text);
  // The page's controls edit the file's own shape, so the page keeps that, not the compiled model.
  return r.ok ? { ok: true, scenario: r.scenario.source } : { ok: false, problems: r.problems };
}

/** A scenario edited by the page's controls, validated again by the same schema. */
export function revalidate(data: unknown): Parsed {
  const parsed = scenarioSchema.safeParse(data);
  return parsed.success ? { ok: true, scenario: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error, data) };
}

/** A chain's fee per coin as decimal text, its preset's included. */
export const chainFees = (c: Scenario['chains'][string]): Record<string, string> => chainFeeTexts(c);

/** Whether a market is an exchange (against RUB, at a venue) rather than an off-ramp. */
export const isExchange = (key: string): boolean => parseMarketKey(key).venue !== undefined;

/** Whether a coin can depeg: it has a peg or is a basket (the schema's own test for a depeg fault). */
export function isStablecoin(s: Scenario, code: string): boolean {
  return new Assets(s.assets).get(code).peg !== undefined || s.assets?.[code]?.basket !== undefined;
}

export interface RunView {
  readonly report: Report;
  readonly json: string;
  readonly flows: FlowRow[];
  /** The payment that shows most of its flow: the one the stepper opens on. */
  readonly instructive: string | undefined;
  /** The first built-in invariant that failed, if one did (the CLI would exit 1). */
  readonly broken: string | undefined;
}

/** Runs the scenario as `railpilot run` does and builds its report.json. */
export function runReport(source: Scenario, seed?: number): RunView {
  const steps = new Map<string, number>();
  const flows: FlowRow[] = [];
  const { report, broken } = recordRun(compileScenario(source), {}, {
    ...(seed === undefined ? {} : { seed }),
    stopOnBreach: false,
    observe: {
      trace: (line) => steps.set(line.flow, (steps.get(line.flow) ?? 0) + 1),
      outcome: (o) => flows.push({ id: o.id, flow: o.flow, status: o.status, reason: o.reason ?? null, steps: 0 }),
    },
  });
  // Counted once the run is over: a flow's last transition is traced after its outcome is told.
  const counted = flows.map((f) => ({ ...f, steps: steps.get(f.id) ?? 0 }));
  return { report, json: reportJson(report), flows: counted, instructive: mostInstructive(steps), broken: broken ? `${broken.name}: ${broken.detail}` : undefined };
}

/** One payment's life step by step, as `railpilot explain` tells it, in plain data for the page. */
export function storyOf(s: Scenario, id: string, seed?: number): StoryView | undefined {
  const story = collectStory(compileScenario(s), id, seed);
  if (!story) return undefined;
  const flow = story.outcome.flow;
  const meanings = FLOWS[flow]!.eventMeanings;
  return {
    id,
    flow,
    machine: FLOWS[flow]!.machine.id,
    headline: headline(story),
    status: story.outcome.status,
    reason: story.reason,
    steps: story.steps.map((step) => ({
      time: isoTime(step.record.time),
      ms: step.record.time,
      from: step.record.from,
      to: step.record.to,
      event: step.record.event.startsWith('xstate.after') ? 'time-out' : step.record.event,
      meaning: meaningOf(meanings, step.record.event),
      now: describeState(flow, step.record.to),
      entries: step.entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        memo: e.memo ?? '',
        postings: e.postings.map((p) => ({ account: p.account, amount: formatMinor(p.amount.minor, p.amount.asset.scale), asset: p.amount.asset.code })),
      })),
      balances: step.balances.map((b) => ({ ...b })),
    })),
  };
}
