// The studio page: picks a shipped scenario (or the one being edited), runs it in the worker with
// the assumptions the controls set, and shows the results beside the previous run's, one payment
// step by step, and two settings side by side. All simulation happens in the worker.

import assets from 'studio:assets';
import type { Report } from '../../src/report/report.js';
import type { Controls, FlowRow, ProblemView, Reply } from '../worker/messages.js';
import { CoreClient } from './client.js';
import { byId, h } from './dom.js';
import { drawCharts, drawFigures } from './figures.js';
import { Stepper } from './stepper.js';
import { drawComparison, type Pinned } from './compare.js';

const root = byId('studio');
const status = byId('status');
const yaml = byId<HTMLTextAreaElement>('yaml');
const problems = byId('problems');
const paymentSelect = byId<HTMLSelectElement>('payment');
const download = byId<HTMLAnchorElement>('download');
const client = new CoreClient(assets.worker);
const stepper = new Stepper(assets.diagrams, {
  diagram: byId('diagram'),
  step: byId('step'),
  count: byId('step-count'),
  headline: byId('story-headline'),
  back: byId<HTMLButtonElement>('step-back'),
  forward: byId<HTMLButtonElement>('step-forward'),
});

const CONTROLS = {
  regime: byId<HTMLSelectElement>('control-regime'),
  settlement: byId<HTMLSelectElement>('control-settlement'),
  halt: byId<HTMLInputElement>('control-halt'),
  haltMinutes: byId<HTMLInputElement>('control-halt-minutes'),
  depegPercent: byId<HTMLInputElement>('control-depeg'),
  spreadBps: byId<HTMLInputElement>('control-spread'),
  npcsFeeBps: byId<HTMLInputElement>('control-npcs-fee'),
  chainFee: byId<HTMLInputElement>('control-chain-fee'),
};

const state: {
  file: string;
  own: Controls | undefined;
  last: { scenario: string; controls: Controls; report: Report } | undefined;
  pinned: Pinned | undefined;
  runs: number;
  downloadUrl: string | undefined;
} = { file: assets.defaultScenario, own: undefined, last: undefined, pinned: undefined, runs: 0, downloadUrl: undefined };

/** Requests not yet answered: the page is `data-busy` until the last is, so readers (and tests) know the figures are final. */
let asked = 0;
async function ask(...args: Parameters<CoreClient['ask']>): Promise<Reply | undefined> {
  root.dataset['busy'] = String(++asked > 0);
  try {
    return await client.ask(...args);
  } finally {
    root.dataset['busy'] = String(--asked > 0);
  }
}

function readControls(): Controls {
  const n = (el: HTMLInputElement) => (Number.isFinite(el.valueAsNumber) ? el.valueAsNumber : 0);
  return {
    regime: CONTROLS.regime.value,
    settlement: CONTROLS.settlement.value as Controls['settlement'],
    halt: CONTROLS.halt.checked,
    haltMinutes: n(CONTROLS.haltMinutes),
    depegPercent: n(CONTROLS.depegPercent),
    spreadBps: n(CONTROLS.spreadBps),
    npcsFeeBps: n(CONTROLS.npcsFeeBps),
    chainFee: CONTROLS.chainFee.value.trim(),
  };
}

function writeControls(c: Controls): void {
  CONTROLS.regime.value = c.regime;
  CONTROLS.settlement.value = c.settlement;
  CONTROLS.halt.checked = c.halt;
  CONTROLS.haltMinutes.value = String(c.haltMinutes);
  CONTROLS.depegPercent.value = String(c.depegPercent);
  CONTROLS.spreadBps.value = String(c.spreadBps);
  CONTROLS.npcsFeeBps.value = String(c.npcsFeeBps);
  CONTROLS.chainFee.value = c.chainFee;
}

function setStatus(text: string, kind: 'running' | 'done' | 'error'): void {
  status.textContent = text;
  status.dataset['state'] = kind;
}

function showProblems(list: readonly ProblemView[]): void {
  problems.replaceChildren(...list.map((p) => h('li', {}, `${state.file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`)));
}

function failed(reply: Reply): boolean {
  if (reply.kind === 'problems') {
    showProblems(reply.problems);
    const where = reply.fromControls ? 'with these assumptions the scenario is not valid' : 'in the scenario';
    setStatus(`${reply.problems.length} problem${reply.problems.length === 1 ? '' : 's'} ${where}: see below the YAML`, 'error');
    return true;
  }
  if (reply.kind === 'error') {
    setStatus(`the simulator failed: ${reply.message}`, 'error');
    return true;
  }
  return false;
}

/** The payments worth stepping through: the most instructive, one of each way of ending, then the rest. */
function fillPayments(flows: readonly FlowRow[], instructive: string | null): void {
  const seen = new Set<string>();
  const picked: FlowRow[] = [];
  const add = (f: FlowRow | undefined) => {
    if (!f || seen.has(f.id) || picked.length >= 500) return;
    seen.add(f.id);
    picked.push(f);
  };
  add(flows.find((f) => f.id === instructive));
  const kinds = new Set<string>();
  for (const f of flows) {
    const kind = `${f.flow} ${f.status} ${f.reason}`;
    if (kinds.has(kind)) continue;
    kinds.add(kind);
    add(f);
  }
  for (const f of flows) add(f);
  paymentSelect.replaceChildren(...picked.map((f) => h('option', { value: f.id }, `${f.id}: ${f.flow}, ${f.status}${f.reason ? ` (${f.reason})` : ''}, ${f.steps} steps`)));
}

async function showStory(): Promise<void> {
  const id = paymentSelect.value;
  if (!id) return stepper.show(null);
  const reply = await ask({ kind: 'story', setting: { file: state.file, text: yaml.value, controls: readControls() }, flow: id });
  if (!reply || failed(reply) || reply.kind !== 'story') return;
  stepper.show(reply.story);
}

/** The setting last sent to run: an input losing focus fires `change` again without changing anything. */
let lastAsked = '';

async function run(): Promise<void> {
  const controls = readControls();
  const key = JSON.stringify([state.file, yaml.value, controls]);
  if (key === lastAsked) return;
  lastAsked = key;
  setStatus('running…', 'running');
  const reply = await ask({ kind: 'run', setting: { file: state.file, text: yaml.value, controls } });
  if (!reply || failed(reply) || reply.kind !== 'ran') return;
  showProblems([]);
  const same = state.last?.scenario === state.file;
  const before = same ? state.last?.report : undefined;
  drawFigures(byId('figures'), reply.report, before);
  drawCharts(byId('chart-status'), byId('chart-cost'), reply.report, before);
  const broken = byId('broken');
  broken.hidden = reply.broken === null;
  broken.textContent = reply.broken === null ? '' : `A settlement invariant failed (railpilot run would exit 1): ${reply.broken}`;
  state.last = { scenario: state.file, controls, report: reply.report };
  if (state.downloadUrl) URL.revokeObjectURL(state.downloadUrl);
  state.downloadUrl = URL.createObjectURL(new Blob([reply.json], { type: 'application/json' }));
  download.href = state.downloadUrl;
  download.hidden = false;
  drawComparison(byId('comparison'), state.pinned, state.last);
  const keep = same ? paymentSelect.value : '';
  fillPayments(reply.flows, reply.instructive);
  if (keep && [...paymentSelect.options].some((o) => o.value === keep)) paymentSelect.value = keep;
  state.runs++;
  root.dataset['runs'] = String(state.runs);
  setStatus(`ran ${reply.report.scenario.name} (seed ${reply.report.scenario.seed}) in ${reply.seconds.toFixed(1)} s`, 'done');
  await showStory();
}

/** Checks the text; when it is valid, the controls take the file's own values and it runs. */
async function check(): Promise<void> {
  const reply = await ask({ kind: 'check', file: state.file, text: yaml.value });
  if (!reply || failed(reply) || reply.kind !== 'checked') return;
  showProblems([]);
  state.own = reply.controls;
  writeControls(reply.controls);
  for (const [key, el] of Object.entries(CONTROLS)) el.disabled = !reply.applicable[key as keyof Controls];
  byId('seed').textContent = `seed ${reply.seed}`;
  byId('chain-fee-coin').textContent = reply.chainFeeCoin;
  await run();
}

async function pick(file: string): Promise<void> {
  // Picking a scenario always runs it, even the one already shown.
  lastAsked = '';
  state.file = file;
  root.dataset['scenario'] = file;
  yaml.value = assets.scenarios[file] ?? '';
  byId('description').textContent = /^description:\s*(.*)$/m.exec(yaml.value)?.[1] ?? '';
  await check();
}

const select = byId<HTMLSelectElement>('scenario');
select.replaceChildren(...Object.keys(assets.scenarios).map((f) => h('option', { value: f }, f.replace(/\.yaml$/, ''))));
select.value = assets.defaultScenario;
select.addEventListener('change', () => void pick(select.value));
for (const el of Object.values(CONTROLS)) el.addEventListener('change', () => void run());
byId('reset').addEventListener('click', () => {
  if (state.own) writeControls(state.own);
  void run();
});
paymentSelect.addEventListener('change', () => void showStory());
byId('pin').addEventListener('click', () => {
  if (!state.last) return;
  state.pinned = { ...state.last };
  drawComparison(byId('comparison'), state.pinned, state.last);
});
let typing: ReturnType<typeof setTimeout> | undefined;
yaml.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => void check(), 400);
});
drawComparison(byId('comparison'), undefined, undefined);
void pick(assets.defaultScenario);
