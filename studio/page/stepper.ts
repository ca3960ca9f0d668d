// One payment's life, a step at a time: its machine's state diagram (laid out at build time) with
// the current state highlighted and the states it passed through marked, and for the step the
// event, its meaning, the simulated time, the postings it made and the balances of the accounts
// the payment has touched. The words are `railpilot explain`'s, computed by the core.

import type { StepView, StoryView } from '../worker/messages.js';
import { h, table } from './dom.js';

/** A state path (`transferringOnChain.awaitingInclusion`) as its diagram node's id, as flows/diagram.ts names it. */
const nodeIds = (path: string) => path.split(',').map((p) => p.replace(/\./g, '_'));

/** `+8m 30.403s` after the first step. */
function offset(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3);
  return m > 0 ? `+${m}m ${s.padStart(6, '0')}s` : `+${s}s`;
}

const FINE = new Set(['settled', 'purchased', 'sold']);

export class Stepper {
  private story: StoryView | undefined;
  private at = 0;

  constructor(
    private readonly diagrams: Readonly<Record<string, string>>,
    private readonly els: { diagram: HTMLElement; step: HTMLElement; count: HTMLElement; headline: HTMLElement; back: HTMLButtonElement; forward: HTMLButtonElement },
  ) {
    els.back.addEventListener('click', () => this.go(this.at - 1));
    els.forward.addEventListener('click', () => this.go(this.at + 1));
    // The arrow keys step too, except while typing in a field.
    document.addEventListener('keydown', (ev) => {
      if (ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLSelectElement) return;
      if (ev.key === 'ArrowRight') this.go(this.at + 1);
      else if (ev.key === 'ArrowLeft') this.go(this.at - 1);
    });
  }

  show(story: StoryView | null): void {
    this.story = story ?? undefined;
    this.at = 0;
    if (!story) {
      this.els.headline.textContent = 'No payment to step through in this run.';
      this.els.diagram.replaceChildren();
      this.els.step.replaceChildren();
      this.els.count.textContent = '';
      return;
    }
    this.els.headline.replaceChildren(...story.headline.map((l) => h('div', {}, l)));
    // The SVG was drawn by Graphviz at build time from the machine: trusted, not from the scenario.
    this.els.diagram.innerHTML = this.diagrams[story.flow] ?? '';
    this.go(0);
  }

  private go(i: number): void {
    const story = this.story;
    if (!story || story.steps.length === 0) return;
    this.at = Math.max(0, Math.min(story.steps.length - 1, i));
    const step = story.steps[this.at]!;
    this.els.count.textContent = `step ${this.at + 1} of ${story.steps.length}`;
    this.els.count.dataset['step'] = String(this.at + 1);
    this.els.back.disabled = this.at === 0;
    this.els.forward.disabled = this.at === story.steps.length - 1;
    this.highlight(story, step);
    this.els.step.replaceChildren(...this.detail(story, step));
  }

  private highlight(story: StoryView, step: StepView): void {
    const visited = new Set(story.steps.slice(0, this.at).flatMap((s) => nodeIds(s.to)));
    const current = new Set(nodeIds(step.to));
    for (const g of this.els.diagram.querySelectorAll('g.node')) {
      const id = g.querySelector('title')?.textContent ?? '';
      g.classList.toggle('current', current.has(id));
      g.classList.toggle('visited', visited.has(id) && !current.has(id));
    }
    // Centre the current state in the diagram's own scroll box (the page itself does not move).
    const node = this.els.diagram.querySelector('g.node.current');
    if (!node) return;
    const box = this.els.diagram.getBoundingClientRect();
    const at = node.getBoundingClientRect();
    this.els.diagram.scrollLeft += at.left + at.width / 2 - (box.left + box.width / 2);
    this.els.diagram.scrollTop += at.top + at.height / 2 - (box.top + box.height / 2);
  }

  private detail(story: StoryView, step: StepView): Node[] {
    const first = story.steps[0]!.ms;
    const last = this.at === story.steps.length - 1;
    const previous = story.steps[this.at - 1];
    // How long the payment sat in the state it leaves: a wait for a block, a payout, a time-out.
    const waited = previous && step.from !== null ? ` after ${offset(step.ms - previous.ms).slice(1)} in ${step.from}` : '';
    const out: Node[] = [
      h('p', {}, h('b', {}, step.from === null ? step.to : `${step.from} → ${step.to}`), ` at ${step.time} (${offset(step.ms - first)}${waited})`),
      h('p', { class: `meaning${step.event === 'time-out' ? ' wait' : ''}` }, step.meaning, h('small', {}, ` (event ${step.event})`)),
    ];
    if (step.now) out.push(h('p', {}, `Now: ${step.now}`));
    if (last && !FINE.has(story.status)) out.push(h('p', { class: 'failure', 'data-cause': story.reason ?? story.status }, story.headline[2] ?? `Ended ${story.status}`));
    if (step.entries.length === 0) {
      out.push(h('p', { class: 'no-postings' }, 'No ledger entries at this step.'));
      return out;
    }
    out.push(h('h3', {}, 'Postings'));
    const rows = step.entries.flatMap((e) => e.postings.map((p) => [e.id, e.kind, p.account, `${p.amount} ${p.asset}`]));
    const postings = table(['entry', 'kind', 'account', 'amount'], rows);
    postings.dataset['postings'] = String(rows.length);
    out.push(postings);
    const memos = step.entries.filter((e) => e.memo).map((e) => `${e.id}: ${e.memo}`);
    if (memos.length > 0) out.push(h('p', { class: 'memo' }, memos.join('; ')));
    out.push(h('h3', {}, "This payment's net at each account it touched, after this step"));
    out.push(table(['account', 'balance'], step.balances.map((b) => [b.account, `${b.balance} ${b.asset}`])));
    return out;
  }
}
