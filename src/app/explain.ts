// The life of one payment, told step by step for people learning how the pilot works: each state
// it enters and why, the ledger postings each step made, the balances after it, and the time it
// took. Runs are deterministic, so the story is gathered by running the scenario again and
// keeping only that payment's transitions and entries.

import { formatMinor } from '../money/index.js';
import { isoTime, type JournalEntry } from '../ledger/index.js';
import type { TraceRecord } from '../sim/index.js';
import { runScenario } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import { FLOWS, meaningOf } from '../flows/index.js';
import type { Outcome } from '../scenario/runner.js';

export interface StoryStep {
  readonly record: TraceRecord;
  /** Entries the payment made since the previous step (they caused, or came with, this one). */
  readonly entries: readonly JournalEntry[];
  /** Balances, after this step, of every account the payment has touched so far. */
  readonly balances: readonly { account: string; asset: string; balance: string }[];
}

export interface PaymentStory {
  readonly scenario: Model;
  readonly seed: number;
  readonly id: string;
  readonly steps: readonly StoryStep[];
  readonly outcome: Outcome;
  readonly finalAt: number;
}

/** When the flow began, and a line saying who does what. */
function subject(o: Outcome): { initiatedAt: number; line: string } {
  const units = (a: { minor: bigint; asset: { scale: number; code: string } }) => `${formatMinor(a.minor, a.asset.scale)} ${a.asset.code}`;
  if (o.flow === 'crossBorderPayment') {
    const p = o.payment;
    const mode = p.settlement === 'pvp' ? ', payment versus payment' : '';
    return { initiatedAt: p.initiatedAt, line: `Payment ${o.id}: ${p.payer.id} pays ${p.payee.id} ${units(p.amount)}, through ${p.coin} on ${p.chain}${mode}.` };
  }
  if (o.flow === 'crossBorderReceipt') {
    const p = o.payment;
    return { initiatedAt: p.initiatedAt, line: `Receipt ${o.id}: ${p.payer.id} pays exporter ${p.payee.id} ${units(p.amount)} on ${p.chain}, sold by NPCS for RUB.` };
  }
  if (o.flow === 'correspondentPayment') {
    const p = o.payment;
    return { initiatedAt: p.initiatedAt, line: `Payment ${o.id}: ${p.payer.id} pays ${p.payee.id} ${units(p.amount)}, through correspondent banks.` };
  }
  const r = o.order;
  const what = o.flow === 'retailPurchase' ? `buys ${r.coin} for ${units(r.amount)}` : `sells ${units(r.amount)} for RUB`;
  return { initiatedAt: r.initiatedAt, line: `Order ${o.id}: ${r.participant.id} (${r.participant.investor?.category ?? r.participant.kind}) ${what}.` };
}

/** Payment ids in order of first appearance, with how many transitions each made. */
export function transitionCounts(s: Model, seed?: number): Map<string, number> {
  const counts = new Map<string, number>();
  runScenario(s, { trace: (r) => counts.set(r.flow, (counts.get(r.flow) ?? 0) + 1) }, seed === undefined ? {} : { seed });
  return counts;
}

/** The payment that shows most of the flow: the most transitions, the earliest on a tie. */
export function mostInstructive(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  for (const [id, n] of counts) if (best === undefined || n > counts.get(best)!) best = id;
  return best;
}

export function collectStory(s: Model, id: string, seed?: number): PaymentStory | undefined {
  const balances = new Map<string, { minor: bigint; scale: number }>();
  const touched: string[] = [];
  const steps: StoryStep[] = [];
  let pending: JournalEntry[] = [];
  let outcome: { o: Outcome; at: number } | undefined;
  const run = runScenario(
    s,
    {
      entry: (e) => {
        for (const p of e.postings) {
          const key = `${p.account} ${p.amount.asset.code}`;
          const b = balances.get(key);
          balances.set(key, { minor: (b?.minor ?? 0n) + p.amount.minor, scale: p.amount.asset.scale });
          if (e.flow === id && !touched.includes(key)) touched.push(key);
        }
        if (e.flow === id) pending.push(e);
      },
      trace: (record) => {
        if (record.flow !== id) return;
        steps.push({
          record,
          entries: pending,
          balances: touched.map((key) => {
            const [account, asset] = key.split(' ') as [string, string];
            const b = balances.get(key)!;
            return { account, asset, balance: formatMinor(b.minor, b.scale) };
          }),
        });
        pending = [];
      },
      outcome: (o, at) => {
        if (o.id === id) outcome = { o, at };
      },
    },
    seed === undefined ? {} : { seed },
  );
  if (!outcome) return undefined;
  return { scenario: s, seed: run.seed, id, steps, outcome: outcome.o, finalAt: outcome.at };
}

/** `+8m 30.403s` from the payment order. */
function offset(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3);
  return m > 0 ? `+${m}m ${s.padStart(6, '0')}s` : `+${s}s`;
}

export function describeState(flow: string, path: string): string {
  const machine = FLOWS[flow]!.machine;
  let node = machine.root;
  for (const key of path.split('.')) node = node.states[key] ?? node;
  return node.description ?? '';
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  money(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, money: (s) => s };
export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  money: (s) => (s.startsWith('-') ? `\x1b[31m${s}\x1b[39m` : `\x1b[32m${s}\x1b[39m`),
};

/** What the flow cost or earned, and for an unwound payment what it lost. */
function money(o: Outcome): string {
  const rub = (a: { minor: bigint; asset: { scale: number; code: string } }) => `${formatMinor(a.minor, a.asset.scale)} ${a.asset.code}`;
  if (o.flow === 'crossBorderReceipt') {
    if (o.rub) return ` The exporter was credited ${rub(o.rub)}.`;
    return o.chainFee ? ` The buyer paid a chain fee of ${rub(o.chainFee)}.` : ' No money moved.';
  }
  if ('order' in o) {
    if (!o.rub) return ' No money moved.';
    return o.flow === 'retailPurchase' ? ` The investor paid ${rub(o.rub)} for ${rub(o.coin!)}.` : ` The seller received ${rub(o.rub)}.`;
  }
  if (!o.paid) return ' No money moved.';
  if (o.status === 'refunded' && o.refunded) {
    return ` The payer paid ${rub(o.paid)} and got back ${rub(o.refunded)}: a loss of ${rub({ ...o.paid, minor: o.paid.minor - o.refunded.minor })}.`;
  }
  return ` The payer paid ${rub(o.paid)}.`;
}

export function headline(story: PaymentStory): string[] {
  const { initiatedAt, line } = subject(story.outcome);
  const took = story.finalAt - initiatedAt;
  const minutes = Math.floor(took / 60_000);
  return [
    line,
    `Scenario ${story.scenario.name}, seed ${story.seed}. Ordered at ${isoTime(initiatedAt)}.`,
    `Ended ${story.outcome.status}${story.outcome.reason ? ` (${story.outcome.reason})` : ''} after ${minutes > 0 ? `${minutes} min ` : ''}${((took % 60_000) / 1000).toFixed(1)} s, in ${story.steps.length} steps.${money(story.outcome)}`,
  ];
}

export function storyText(story: PaymentStory, style: Style = PLAIN): string {
  const meanings = FLOWS[story.outcome.flow]!.eventMeanings;
  const start = subject(story.outcome).initiatedAt;
  const out = [...headline(story).map((l, i) => (i === 0 ? style.bold(l) : l)), ''];
  story.steps.forEach((step, i) => {
    const r = step.record;
    const move = r.from === null ? style.bold(r.to) : `${r.from} -> ${style.bold(r.to)}`;
    out.push(`${String(i + 1).padStart(2)}. ${style.dim(offset(r.time - start).padEnd(14))} ${move}`);
    out.push(`    ${meaningOf(meanings, r.event)} ${style.dim(`(${r.event.startsWith('xstate.after') ? 'time-out' : r.event})`)}`);
    const now = describeState(story.outcome.flow, r.to);
    if (now) out.push(`    Now: ${now}`);
    if (step.entries.length > 0) {
      out.push('    Ledger:');
      for (const e of step.entries) {
        out.push(`      ${e.id} ${e.kind}${e.memo ? style.dim(` - ${e.memo}`) : ''}`);
        const width = Math.max(...e.postings.map((p) => p.account.length));
        for (const p of e.postings) {
          out.push(`        ${p.account.padEnd(width)}  ${style.money(formatMinor(p.amount.minor, p.amount.asset.scale).padStart(20))} ${p.amount.asset.code}`);
        }
      }
      out.push('    Balances after:');
      const width = Math.max(...step.balances.map((b) => b.account.length));
      for (const b of step.balances) out.push(`        ${b.account.padEnd(width)}  ${b.balance.padStart(20)} ${b.asset}`);
    }
    out.push('');
  });
  return out.join('\n');
}

export function storyMarkdown(story: PaymentStory): string {
  const meanings = FLOWS[story.outcome.flow]!.eventMeanings;
  const start = subject(story.outcome).initiatedAt;
  const out = [`# ${headline(story)[0]}`, '', headline(story).slice(1).join(' '), ''];
  story.steps.forEach((step, i) => {
    const r = step.record;
    out.push(`## ${i + 1}. \`${r.to}\` at ${offset(r.time - start)}`, '');
    out.push(`${meaningOf(meanings, r.event)} (event \`${r.event.startsWith('xstate.after') ? 'time-out' : r.event}\`${r.from ? `, from \`${r.from}\`` : ''})`, '');
    const now = describeState(story.outcome.flow, r.to);
    if (now) out.push(`Now: ${now}`, '');
    if (step.entries.length > 0) {
      out.push('| entry | kind | account | amount |', '| --- | --- | --- | ---: |');
      for (const e of step.entries) {
        for (const p of e.postings) out.push(`| ${e.id} | ${e.kind} | ${p.account} | ${formatMinor(p.amount.minor, p.amount.asset.scale)} ${p.amount.asset.code} |`);
      }
      out.push('', 'Balances after this step:', '', '| account | balance |', '| --- | ---: |');
      for (const b of step.balances) out.push(`| ${b.account} | ${b.balance} ${b.asset} |`);
      out.push('');
    }
  });
  return out.join('\n');
}
