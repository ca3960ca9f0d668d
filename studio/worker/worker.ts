// The worker's entry: answers the page's requests (check a scenario's text, run it, tell one
// payment's life) with the core, off the page's thread so the page stays responsive while a run
// takes its seconds. Bundled as a classic script and started from a blob: URL, which is what
// Chromium allows a page opened from file:// to start.

import { parseText, revalidate, runReport, storyOf, type Parsed } from './core.js';
import { applicable, applyControls, chainFeeCoin, controlsOf } from './controls.js';
import type { Reply, Request, Setting } from './messages.js';

interface WorkerScope {
  onmessage: ((ev: { data: Request }) => void) | null;
  postMessage(reply: Reply): void;
}
const scope = globalThis as unknown as WorkerScope;

/** The setting's scenario: its text parsed, then the controls applied and validated again. */
function scenarioOf(setting: Setting): Parsed & { fromControls: boolean } {
  const parsed = parseText(setting.file, setting.text);
  if (!parsed.ok || setting.controls === null) return { ...parsed, fromControls: false };
  return { ...revalidate(applyControls(parsed.scenario, setting.controls)), fromControls: true };
}

function answer(req: Request): Reply {
  if (req.kind === 'check') {
    const parsed = parseText(req.file, req.text);
    if (!parsed.ok) return { id: req.id, kind: 'problems', problems: parsed.problems, fromControls: false };
    return { id: req.id, kind: 'checked', controls: controlsOf(parsed.scenario), applicable: applicable(parsed.scenario), chainFeeCoin: chainFeeCoin(parsed.scenario), seed: parsed.scenario.seed };
  }
  const parsed = scenarioOf(req.setting);
  if (!parsed.ok) return { id: req.id, kind: 'problems', problems: parsed.problems, fromControls: parsed.fromControls };
  if (req.kind === 'story') return { id: req.id, kind: 'story', story: storyOf(parsed.scenario, req.flow) ?? null };
  const began = performance.now();
  const run = runReport(parsed.scenario);
  const seconds = (performance.now() - began) / 1000;
  return { id: req.id, kind: 'ran', report: run.report, json: run.json, flows: run.flows, instructive: run.instructive ?? null, broken: run.broken ?? null, seconds };
}

scope.onmessage = (ev) => {
  try {
    scope.postMessage(answer(ev.data));
  } catch (e) {
    scope.postMessage({ id: ev.data.id, kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
