// The state diagrams report.html and `railpilot diagram --run` draw: every transition of a run's
// trace lands on exactly one edge of its machine's graph, the counts a diagram prints are those of
// the trace, the layout runs top to bottom, final states take their outcome's colour, what no flow
// reached is faint, and the laid-out pictures fit the page at 1280 px without shrinking their text.

import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { chromium, type Page } from 'playwright-core';
import { loadScenario } from '../../src/cli/readScenario.js';
import { recordRun } from '../../src/app/recordRun.js';
import { runStart } from '../../src/app/runRecord.js';
import { diagramDrawer } from '../../src/app/stateDiagram.js';
import { FLOWS } from '../../src/flows/index.js';
import { graphOf } from '../../src/flows/diagram.js';
import type { FlowGraph, TraceLine } from '../../src/records/index.js';
import { STATUS_COLORS } from '../../src/report/html.js';
import { FINAL_OUTCOMES, countedJson, countedMermaid, stateDiagramDot } from '../../src/report/diagram.js';
import { TraceCounts, edgeCounts, graphEdges } from '../../src/report/diagramCounts.js';
import { usedFlows } from '../../src/report/htmlDiagrams.js';

const runs = new Map<string, ReturnType<typeof runOf>>();

/** A shipped scenario run in-process (once per file): its trace lines, how its flows ended, and its graphs. */
function traced(name: string): ReturnType<typeof runOf> {
  let r = runs.get(name);
  if (!r) runs.set(name, (r = runOf(name)));
  return r;
}

function runOf(name: string) {
  const r = loadScenario(`scenarios/${name}.yaml`);
  if (!r.ok) throw new Error(`${name} does not load`);
  const lines: TraceLine[] = [];
  const statuses = new Map<string, number>();
  const { report } = recordRun(r.scenario, {}, { observe: { trace: (l) => lines.push(l), outcome: (o) => statuses.set(`${o.flow}:${o.status}`, (statuses.get(`${o.flow}:${o.status}`) ?? 0) + 1) } });
  const counts = new TraceCounts();
  lines.forEach((l, i) => counts.add(l, i + 1));
  return { lines, counts, statuses, report, graphs: runStart(r.scenario).flows };
}

const CHROMIUM = '/usr/bin/chromium';

/** What the page's SVG elements are to the test (the tests compile without the DOM's types). */
interface SvgElement {
  readonly textContent: string | null;
  readonly parentElement: SvgElement | null;
  querySelector(selector: string): SvgElement | null;
  getBBox(): { x: number; y: number; width: number; height: number };
}

/** The box of each element `selector` finds, as Chromium lays it out, named by its text or its group's title. */
function measure(page: Page, selector: string): Promise<{ text: string | null; x: number; y: number; w: number; h: number }[]> {
  return page.evaluate((sel) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<SvgElement> } }).document;
    return [...doc.querySelectorAll(sel)].map((e) => {
      const b = e.getBBox();
      return { text: e.textContent?.trim() || (e.parentElement?.querySelector('title')?.textContent ?? null), x: b.x, y: b.y, w: b.width, h: b.height };
    });
  }, selector);
}

/** The outcome colour of a flow's status: an order filled (purchased, sold) and a cycle settled with credit are settlements. */
function colourOf(status: string): string {
  return ['purchased', 'sold', 'settledWithCredit'].includes(status) ? 'settled' : status;
}

/** An edge's label as counted JSON names it: event and guards. */
function edge(json: object, from: string, to: string, event: string): { count: number | null } | undefined {
  return (json as { edges: { from: string; to: string; event: string; count: number | null }[] }).edges.find((e) => e.from === from && e.to === to && e.event === event);
}

describe('counts from the trace', () => {
  const run = traced('halted-chain-refund');
  const graph = run.graphs.crossBorderPayment!;
  const counts = edgeCounts(graph, run.counts);

  it('lay every transition of the trace on one edge, so the edges add up to the trace', () => {
    expect(counts.unmatched).toEqual([]);
    const transitions = run.lines.filter((l) => l.machine === 'crossBorderPayment' && l.from !== null).length;
    expect(transitions).toBe(14);
    expect(counts.edges.reduce((a, b) => a + b, 0)).toBe(transitions);
    expect(counts.flows).toBe(run.lines.filter((l) => l.from === null).length);
  });

  it('show the refund path taken once and the settled path once, on the edges the trace names', () => {
    const json = countedJson(graph, counts);
    expect((json as { flows: number }).flows).toBe(2);
    expect(edge(json, 'screening', 'quoting', 'SCREENING_PASSED')?.count).toBe(2);
    expect(edge(json, 'transferringOnChain_awaitingInclusion', 'transferringOnChain_droppingTransfer', 'after inclusionTimeout')?.count).toBe(1);
    expect(edge(json, 'transferringOnChain_droppingTransfer', 'unwinding_sellingBack', 'CHAIN_TX_DROPPED')?.count).toBe(1);
    expect(edge(json, 'unwinding_sellingBack', 'refunded', 'SOLD_BACK')?.count).toBe(1);
    expect(edge(json, 'payingOut', 'settled', 'PAYOUT_COMPLETED')?.count).toBe(1);
    expect(edge(json, 'screening', 'rejected', 'SCREENING_BLOCKED')?.count).toBe(0);
    const dot = stateDiagramDot(graph, counts);
    expect(dot).toContain('<TD>SOLD_BACK ×1</TD>');
    expect(dot).toContain('label="2 started"');
    expect(countedMermaid(graph, counts)).toContain('unwinding_sellingBack --> refunded: SOLD_BACK ×1');
  });

  it('count every flow of a larger run into the final state of its outcome', () => {
    const big = traced('clearing-day-many-banks');
    for (const [machine, graph] of Object.entries(big.graphs)) {
      const c = edgeCounts(graph, big.counts);
      expect(c.unmatched, machine).toEqual([]);
      const transitions = big.lines.filter((l) => l.machine === machine && l.from !== null).length;
      expect(c.edges.reduce((a, b) => a + b, 0), machine).toBe(transitions);
      // Each status's flows ended in final states of that outcome.
      const ended = new Map<string, number>();
      for (const s of graph.root.states.filter((x) => x.final)) ended.set(FINAL_OUTCOMES[s.key]!, (ended.get(FINAL_OUTCOMES[s.key]!) ?? 0) + (c.entered.get(s.id) ?? 0));
      for (const [key, n] of big.statuses) if (key.startsWith(`${machine}:`)) expect(ended.get(colourOf(key.slice(machine.length + 1))), key).toBe(n);
    }
  });

  it('leave a transition its machine has not unmatched, for the caller to refuse', () => {
    const odd = new TraceCounts();
    odd.add({ time: '2024-09-02T09:00:00.000Z', flow: 'x', machine: 'crossBorderPayment', from: 'quoting', event: 'TELEPORTED', to: 'settled' }, 7);
    expect(edgeCounts(graph, odd).unmatched).toEqual([{ from: 'quoting', event: 'TELEPORTED', to: 'settled', count: 1, line: 7 }]);
  });
});

describe('the diagram', () => {
  const run = traced('halted-chain-refund');
  const graph = run.graphs.crossBorderPayment!;
  const dot = stateDiagramDot(graph, edgeCounts(graph, run.counts));

  it('runs top to bottom', () => {
    expect(dot).toContain('rankdir=TB;');
    expect(dot).not.toContain('rankdir=LR');
  });

  it('fills each final state in its outcome colour, and numbers the flows that ended there', () => {
    expect(dot).toContain(`"settled" [label="settled\\n1", peripheries=2, style="rounded,filled", fillcolor="${STATUS_COLORS.settled}66"]`);
    expect(dot).toContain(`"refunded" [label="refunded\\n1", peripheries=2, style="rounded,filled", fillcolor="${STATUS_COLORS.refunded}66"]`);
    // Reached by no flow of this run: the colour stays, faint and dashed.
    expect(dot).toMatch(new RegExp(`"frozen" \\[label="frozen\\\\n0", peripheries=2, style="rounded,filled,dashed", fillcolor="${STATUS_COLORS.frozen}22"`));
  });

  it('draws edges no flow took dashed and faint, and taken ones thicker the more flows took them', () => {
    const line = (from: string, to: string) => dot.split('\n').find((l) => l.startsWith(`  "${from}" -> "${to}"`))!;
    expect(line('screening', 'rejected')).toContain('style=dashed');
    const width = (l: string) => Number(/penwidth=([\d.]+)/.exec(l)![1]);
    expect(width(line('screening', 'quoting'))).toBeGreaterThan(width(line('payingOut', 'settled')));
    expect(line('payingOut', 'settled')).not.toContain('dashed');
  });

  it('names each final state of every machine with the outcome its machine gives it', () => {
    const finals = (n: AnyStateNode): AnyStateNode[] => [...(n.type === 'final' ? [n] : []), ...Object.values(n.states).flatMap(finals)];
    for (const [name, flow] of Object.entries(FLOWS)) {
      for (const s of finals(flow.machine.root)) {
        const entry = (s.config as { entry?: { type: string; params: { status: string } } }).entry;
        expect(entry?.type, `${name}.${s.key}`).toBe('finish');
        expect(FINAL_OUTCOMES[s.key], `${name}.${s.key}`).toBe(colourOf(entry!.params.status));
      }
    }
  });
});

describe('the diagrams of a run', () => {
  it('are the flow kinds the run used, and the clearing cycle when it cleared', () => {
    const names = (r: ReturnType<typeof traced>) => usedFlows(r.graphs, r.counts, r.report.clearing?.cycles ?? 0).map((d) => d.graph.id);
    expect(names(traced('retail-cap-dfa-law'))).toEqual(['retailPurchase']);
    expect(names(traced('pilot-vs-correspondent'))).toEqual(['crossBorderPayment', 'correspondentPayment']);
    expect(names(traced('clearing-day-many-banks'))).toEqual(['crossBorderPayment', 'crossBorderReceipt', 'retailPurchase', 'cryptoSale', 'clearingCycle']);
  });

  it('fit the diagram box at 1280 px without shrinking their text, and no two labels overlap', async () => {
    const draw = await diagramDrawer();
    // Uncounted, and counted by the runs with the most flows of each kind.
    const counted = ['clearing-day-many-banks', 'pilot-vs-correspondent'].map(traced);
    const graphs: [FlowGraph, TraceCounts | undefined][] = [...Object.values(FLOWS).map((f): [FlowGraph, undefined] => [graphOf(f.machine), undefined]), ...counted.flatMap((r) => Object.values(r.graphs).map((g): [FlowGraph, TraceCounts] => [g, r.counts]))];
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      for (const [graph, trace] of graphs) {
        const svg = draw(graph, trace ? edgeCounts(graph, trace) : undefined);
        const width = Number(/<svg width="([\d.]+)"/.exec(svg)![1]);
        // The page's diagram box at a 1280 px window: 1280 less 32 px of margins, 16 of padding, 2 of border.
        expect(width, graph.id).toBeLessThanOrEqual(1230);
        await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
        // Every text's box as Chromium lays it out, in the SVG's own units.
        const boxes = await measure(page, 'text');
        expect(boxes.length, graph.id).toBeGreaterThan(graphEdges(graph).length / 2);
        // And no edge's label over a state's box.
        const states = await measure(page, 'g.node > path, g.node > polygon');
        const labels = await measure(page, 'g.edge text');
        expect(states.length, graph.id).toBeGreaterThanOrEqual(graph.root.states.length);
        const pairs = [...boxes.flatMap((a, i) => boxes.slice(i + 1).map((b) => [a, b] as const)), ...labels.flatMap((a) => states.map((b) => [a, b] as const))];
        // Words of two labels closer than two spaces would read as one label.
        const gap = 8;
        for (const [a, b] of pairs) {
          const overlap = a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${graph.id}: "${a.text}" over "${b.text}"`).toBe(false);
        }
      }
    } finally {
      await browser.close();
    }
  });
});
