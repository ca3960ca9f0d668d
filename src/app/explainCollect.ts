// Gathering one flow's story from a run of its scenario: its transitions, the entries it made and
// what they changed at each account it touched (its own postings, never other flows'), and the
// facts a cause needs that only the moment knows: the whole ledger's balances when a hold failed for
// lack of funds, and the steps of the other retail purchases that share a yearly cap. Runs are
// deterministic, so running the scenario again with the same seed gives back the very run.

import type { JournalEntry } from '../ledger/index.js';
import type { TraceRecord } from '../sim/index.js';
import { runScenario } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import type { Outcome } from '../scenario/runner.js';
import type { ClearingCycleOutcome } from '../flows/clearingCycle/index.js';
import { major } from './explainFormat.js';

/** A change at one account in one asset. */
export interface Change {
  readonly account: string;
  readonly asset: string;
  readonly scale: number;
  readonly minor: bigint;
}

export interface StoryStep {
  readonly record: TraceRecord;
  /** Entries the flow made since the previous step (they caused, or came with, this one). */
  readonly entries: readonly JournalEntry[];
  /** What those entries changed, per account and asset. */
  readonly changes: readonly Change[];
  /** The flow's own net at every account it has touched so far: the sum of its postings there. */
  readonly net: readonly Change[];
  /** `net` as text, the figure in major units without its asset (what the studio's stepper shows). */
  readonly balances: readonly { account: string; asset: string; balance: string }[];
}

/** A transition of a retail purchase at a step that reserves, commits or frees room under a cap. */
export interface CapStep {
  /** Position in the run's whole trace: what happened before what, even within one millisecond. */
  readonly index: number;
  readonly flow: string;
  readonly record: TraceRecord;
}

export type StoryOutcome = Outcome | ClearingCycleOutcome;

export interface PaymentStory {
  readonly scenario: Model;
  readonly seed: number;
  readonly id: string;
  /** The machine that carried the flow: crossBorderPayment, retailPurchase, clearingCycle... */
  readonly flow: string;
  readonly status: string;
  readonly reason: string | null;
  readonly steps: readonly StoryStep[];
  readonly outcome: StoryOutcome;
  readonly initiatedAt: number;
  readonly finalAt: number;
  /** The whole ledger's balances at the moment a hold or a transfer failed for lack of funds. */
  readonly fundsAt?: readonly Change[];
  /** Every retail purchase's cap steps, with whose and which order each is (for a cap rejection). */
  readonly capSteps?: readonly CapStep[];
  readonly orders?: ReadonlyMap<string, { participant: string; initiatedAt: number; capValue: unknown }>;
}

const CAP_STATES = new Set(['reservingCap', 'holdingFunds', 'filling']);

function changesOf(entries: readonly JournalEntry[]): Change[] {
  const by = new Map<string, Change>();
  for (const e of entries) {
    for (const p of e.postings) {
      const key = `${p.account} ${p.amount.asset.code}`;
      const c = by.get(key);
      by.set(key, { account: p.account, asset: p.amount.asset.code, scale: p.amount.asset.scale, minor: (c?.minor ?? 0n) + p.amount.minor });
    }
  }
  return [...by.values()];
}

/** The story of flow `id` in a run of `s`, or undefined when the run has no such flow. */
export function collectStory(s: Model, id: string, seed?: number): PaymentStory | undefined {
  const whole = new Map<string, Change>();
  const net = new Map<string, Change>();
  const steps: StoryStep[] = [];
  const capSteps: CapStep[] = [];
  const orders = new Map<string, { participant: string; initiatedAt: number; capValue: unknown }>();
  let fundsAt: Change[] | undefined;
  let pending: JournalEntry[] = [];
  let index = 0;
  let outcome: { o: StoryOutcome; at: number } | undefined;
  const run = runScenario(
    s,
    {
      entry: (e) => {
        for (const p of e.postings) {
          const key = `${p.account} ${p.amount.asset.code}`;
          const b = whole.get(key);
          whole.set(key, { account: p.account, asset: p.amount.asset.code, scale: p.amount.asset.scale, minor: (b?.minor ?? 0n) + p.amount.minor });
        }
        if (e.flow === id) pending.push(e);
      },
      trace: (record) => {
        index++;
        if (record.machine === 'retailPurchase' && (CAP_STATES.has(record.to) || (record.from !== null && CAP_STATES.has(record.from)))) {
          capSteps.push({ index, flow: record.flow, record });
        }
        if (record.flow !== id) return;
        if (record.event === 'FUNDS_INSUFFICIENT') fundsAt = [...whole.values()];
        const changes = changesOf(pending);
        for (const c of changes) {
          const key = `${c.account} ${c.asset}`;
          net.set(key, { ...c, minor: (net.get(key)?.minor ?? 0n) + c.minor });
        }
        const now = [...net.values()];
        steps.push({ record, entries: pending, changes, net: now, balances: now.map((c) => ({ account: c.account, asset: c.asset, balance: major(c.minor, c.scale) })) });
        pending = [];
      },
      outcome: (o, at) => {
        if (o.flow === 'retailPurchase') orders.set(o.id, { participant: o.order.participant.id, initiatedAt: o.order.initiatedAt, capValue: o.capValue });
        if (o.id === id) outcome = { o, at };
      },
      cycle: (o, at) => {
        if (o.id === id) outcome = { o, at };
      },
    },
    seed === undefined ? {} : { seed },
  );
  if (!outcome) return undefined;
  const o = outcome.o;
  // A clearing cycle runs untraced (the world starts it, and trace.jsonl holds work flows only). Its
  // last transition is certain, settling -> its final state on SETTLED, and every entry it makes is
  // made then, when the book settles: that step is told, and no other is invented.
  if (o.flow === 'clearingCycle' && steps.length === 0) {
    const changes = changesOf(pending);
    steps.push({
      record: { time: outcome.at, flow: id, machine: 'clearingCycle', from: 'settling', event: 'SETTLED', to: o.status },
      entries: pending,
      changes,
      net: changes,
      balances: changes.map((c) => ({ account: c.account, asset: c.asset, balance: major(c.minor, c.scale) })),
    });
  }
  return {
    scenario: s,
    seed: run.seed,
    id,
    flow: o.flow,
    status: o.status,
    reason: 'reason' in o ? o.reason : null,
    steps,
    outcome: o,
    initiatedAt: initiatedAt(o) ?? steps[0]?.record.time ?? outcome.at,
    finalAt: outcome.at,
    ...(fundsAt ? { fundsAt } : {}),
    ...(o.flow === 'retailPurchase' && o.reason === 'cap.exceeded' ? { capSteps, orders } : {}),
  };
}

/** When a payment or an order was made; a clearing cycle has no order, it starts on the clock. */
export function initiatedAt(o: StoryOutcome): number | undefined {
  if (o.flow === 'clearingCycle') return undefined;
  return 'order' in o ? o.order.initiatedAt : o.payment.initiatedAt;
}

/** Every flow of a run, as `--list` shows them. */
export interface FlowSummary {
  readonly id: string;
  readonly flow: string;
  readonly status: string;
  readonly reason: string | null;
  readonly initiatedAt: number;
  readonly finalAt: number;
  readonly transitions: number;
}

/** The flows of a run of `s`, in the order they ended. */
export function listFlows(s: Model, seed?: number): FlowSummary[] {
  const counts = new Map<string, { n: number; first: number }>();
  const flows: FlowSummary[] = [];
  runScenario(
    s,
    {
      trace: (r) => {
        const c = counts.get(r.flow);
        if (c) c.n++;
        else counts.set(r.flow, { n: 1, first: r.time });
      },
      outcome: (o, at) => flows.push({ id: o.id, flow: o.flow, status: o.status, reason: o.reason, initiatedAt: initiatedAt(o)!, finalAt: at, transitions: counts.get(o.id)?.n ?? 0 }),
      cycle: (o, at) => flows.push({ id: o.id, flow: o.flow, status: o.status, reason: null, initiatedAt: counts.get(o.id)?.first ?? at, finalAt: at, transitions: counts.get(o.id)?.n ?? 0 }),
    },
    seed === undefined ? {} : { seed },
  );
  return flows;
}
