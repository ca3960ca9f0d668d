// The life of one flow, told step by step for people learning how the pilot works: each state it
// enters and why, what held it there and for how long, the ledger entries it made and what they
// changed at each account it touched (this flow's own postings, never the whole system's
// balances), and why it ended as it did. The story is gathered by explainCollect.ts, the causes
// named by explainCauses.ts; this file writes it as text or Markdown.

import { isoTime } from '../ledger/index.js';
import { runScenario } from '../scenario/runner.js';
import type { Model } from '../scenario/model.js';
import { FLOWS, meaningOf } from '../flows/index.js';
import type { Change, PaymentStory, StoryOutcome } from './explainCollect.js';
import { failureCauses, waitOf } from './explainCauses.js';
import { duration, money, signed } from './explainFormat.js';

export { collectStory, listFlows, type Change, type FlowSummary, type PaymentStory, type StoryStep } from './explainCollect.js';

/** Who does what, in one line. */
function subject(o: StoryOutcome): string {
  if (o.flow === 'crossBorderPayment') {
    const p = o.payment;
    const mode = p.settlement === 'pvp' ? ', payment versus payment' : '';
    return `Payment ${o.id}: ${p.payer.id} pays ${p.payee.id} ${money(p.amount)}, through ${p.coin} on ${p.chain}${mode}.`;
  }
  if (o.flow === 'crossBorderReceipt') {
    const p = o.payment;
    return `Receipt ${o.id}: ${p.payer.id} pays exporter ${p.payee.id} ${money(p.amount)} on ${p.chain}, sold by NPCS for RUB.`;
  }
  if (o.flow === 'correspondentPayment') {
    const p = o.payment;
    return `Payment ${o.id}: ${p.payer.id} pays ${p.payee.id} ${money(p.amount)}, through correspondent banks.`;
  }
  if (o.flow === 'clearingCycle') {
    return `Clearing cycle ${o.id}: ${o.obligations} obligations between banks, ${money(o.gross)} gross settled as ${money(o.netDebits)} of net debits.`;
  }
  const r = o.order;
  const what = o.flow === 'retailPurchase' ? `buys ${r.coin} for ${money(r.amount)}` : `sells ${money(r.amount)} for RUB`;
  return `Order ${o.id}: ${r.participant.id} (${r.participant.investor?.category ?? r.participant.kind}) ${what}.`;
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

/** `+8 min 30 s` from the order. */
const offset = (ms: number): string => `+${duration(ms)}`;

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
function moneyLine(o: StoryOutcome): string {
  if (o.flow === 'clearingCycle') {
    const credit = o.creditDrawn.minor > 0n ? ` Central-bank credit drawn: ${money(o.creditDrawn)}.` : '';
    return ` Netting saved ${money(o.saved)} of transfers.${credit}`;
  }
  if (o.flow === 'crossBorderReceipt') {
    if (o.rub) return ` The exporter was credited ${money(o.rub)}.`;
    return o.chainFee ? ` The buyer paid a chain fee of ${money(o.chainFee)}.` : ' No money moved.';
  }
  if ('order' in o) {
    if (!o.rub) return ' No money moved.';
    return o.flow === 'retailPurchase' ? ` The investor paid ${money(o.rub)} for ${o.coin ? money(o.coin) : 'coin that was frozen'}.` : ` The seller received ${money(o.rub)}.`;
  }
  if (!o.paid) return ' No money moved.';
  if (o.status === 'refunded' && o.refunded) {
    return ` The payer paid ${money(o.paid)} and got back ${money(o.refunded)}: a loss of ${money({ ...o.paid, minor: o.paid.minor - o.refunded.minor })}.`;
  }
  return ` The payer paid ${money(o.paid)}.`;
}

export function headline(story: PaymentStory): string[] {
  const took = story.finalAt - story.initiatedAt;
  const scenario = `Scenario ${story.scenario.name}, seed ${story.seed}.`;
  if (story.flow === 'clearingCycle') {
    const cycle = story.scenario.clearing ? ` after a cycle of ${duration(story.scenario.clearing.cycleMs)} (clearing.cycle)` : '';
    return [subject(story.outcome), `${scenario} Closed${cycle} and ended ${story.status} at ${isoTime(story.finalAt)}.${moneyLine(story.outcome)}`];
  }
  return [
    subject(story.outcome),
    `${scenario} Ordered at ${isoTime(story.initiatedAt)}.`,
    `Ended ${story.status}${story.reason ? ` (${story.reason})` : ''} after ${duration(took)}, in ${story.steps.length} steps.${moneyLine(story.outcome)}`,
  ];
}

/** Why it ended so, one cause a line; empty for a flow that simply settled. */
export const causes = failureCauses;

const amountOf = (c: Change, minor: bigint): string => `${signed(minor, c.scale)} ${c.asset}`;

/** Rows of account, change this step, the flow's net so far; the flow's net in the last column. */
function changeRows(step: PaymentStory['steps'][number]): [string, string, string][] {
  return step.net.map((n) => {
    const c = step.changes.find((x) => x.account === n.account && x.asset === n.asset);
    return [n.account, c ? amountOf(c, c.minor) : '', amountOf(n, n.minor)];
  });
}

function event(r: { event: string }): string {
  return r.event.startsWith('xstate.after') ? 'time-out' : r.event;
}

export function storyText(story: PaymentStory, style: Style = PLAIN): string {
  const meanings = FLOWS[story.flow]!.eventMeanings;
  const head = headline(story);
  const out = [style.bold(head[0]!), ...head.slice(1), ...causes(story).map((c) => `Why: ${c}.`), ''];
  story.steps.forEach((step, i) => {
    const r = step.record;
    const move = r.from === null ? style.bold(r.to) : `${r.from} -> ${style.bold(r.to)}`;
    out.push(`${String(i + 1).padStart(2)}. ${style.dim(offset(r.time - story.initiatedAt).padEnd(16))} ${move}`);
    out.push(`    ${meaningOf(meanings, r.event)} ${style.dim(`(${event(r)})`)}`);
    const now = describeState(story.flow, r.to);
    if (now) out.push(`    Now: ${now}`);
    const wait = waitOf(story, i);
    if (wait.cause) out.push(`    Waited ${duration(wait.ms)} here: ${wait.cause}.`);
    else if (wait.ms >= 60_000) out.push(`    Waited ${duration(wait.ms)} here.`);
    if (step.entries.length > 0) {
      out.push('    Ledger (this flow\'s entries):');
      for (const e of step.entries) out.push(`      ${e.id} ${e.kind}${e.memo ? style.dim(` - ${e.memo}`) : ''}`);
      const rows = changeRows(step);
      const w = [Math.max(7, ...rows.map((x) => x[0].length)), Math.max(9, ...rows.map((x) => x[1].length)), Math.max(12, ...rows.map((x) => x[2].length))];
      out.push(style.dim(`        ${'account'.padEnd(w[0]!)}  ${'this step'.padStart(w[1]!)}  ${'flow so far'.padStart(w[2]!)}`));
      for (const [a, c, n] of rows) out.push(`        ${a.padEnd(w[0]!)}  ${style.money(c.padStart(w[1]!))}  ${n.padStart(w[2]!)}`);
    }
    out.push('');
  });
  const last = story.steps.at(-1);
  if (last && last.net.length > 0) {
    out.push(style.bold("What this flow changed, account by account (its own postings; other flows' are not shown):"));
    const w = Math.max(...last.net.map((n) => n.account.length));
    const v = Math.max(...last.net.map((n) => amountOf(n, n.minor).length));
    for (const n of last.net) out.push(`    ${n.account.padEnd(w)}  ${style.money(amountOf(n, n.minor).padStart(v))}`);
    out.push('');
  }
  return out.join('\n');
}

export function storyMarkdown(story: PaymentStory): string {
  const meanings = FLOWS[story.flow]!.eventMeanings;
  const head = headline(story);
  const why = causes(story);
  const out = [`# ${head[0]}`, '', head.slice(1).join(' '), ''];
  if (why.length > 0) out.push(...why.map((c) => `- Why: ${c}.`), '');
  story.steps.forEach((step, i) => {
    const r = step.record;
    out.push(`## ${i + 1}. \`${r.to}\` at ${offset(r.time - story.initiatedAt)}`, '');
    out.push(`${meaningOf(meanings, r.event)} (event \`${event(r)}\`${r.from ? `, from \`${r.from}\`` : ''})`, '');
    const now = describeState(story.flow, r.to);
    if (now) out.push(`Now: ${now}`, '');
    const wait = waitOf(story, i);
    if (wait.cause) out.push(`Waited ${duration(wait.ms)} here: ${wait.cause}.`, '');
    else if (wait.ms >= 60_000) out.push(`Waited ${duration(wait.ms)} here.`, '');
    if (step.entries.length > 0) {
      out.push(`Entries: ${step.entries.map((e) => `${e.id} \`${e.kind}\`${e.memo ? ` (${e.memo})` : ''}`).join('; ')}`, '');
      out.push('| account | this step | flow so far |', '| --- | ---: | ---: |');
      for (const [a, c, n] of changeRows(step)) out.push(`| ${a} | ${c} | ${n} |`);
      out.push('');
    }
  });
  return out.join('\n');
}
