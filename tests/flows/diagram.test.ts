// Diagrams are drawn from the machine itself: every state and every transition appears, and
// the README carries the current drawing.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AnyStateNode } from 'xstate';
import { FLOWS, toDot, toMermaid } from '../../src/flows/index.js';
import { CROSS_BORDER_EVENT_MEANINGS, crossBorderPayment } from '../../src/flows/crossBorderPayment/index.js';

function nodes(n: AnyStateNode): AnyStateNode[] {
  return [n, ...Object.values(n.states).flatMap(nodes)];
}

const all = nodes(crossBorderPayment.root).slice(1);

describe('toMermaid', () => {
  const text = toMermaid(crossBorderPayment);

  it('is a state diagram naming every state and marking every final one', () => {
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const n of all) expect(text).toContain(n.path.join('_'));
    for (const n of all.filter((x) => x.type === 'final')) expect(text).toContain(`${n.key} --> [*]`);
  });

  it('draws one edge per transition target, labelled with its event, guard or delay', () => {
    let edges = 0;
    for (const n of all) for (const ts of n.transitions.values()) for (const t of ts) edges += t.target?.length ?? 0;
    expect(text.split('\n').filter((l) => /^ {2}\S+ --> \S+: /.test(l))).toHaveLength(edges);
    expect(text).toContain('converting --> quoting: QUOTE_EXPIRED [mayRequote]');
    expect(text).toContain('transferringOnChain_awaitingInclusion --> transferringOnChain_droppingTransfer: after inclusionTimeout');
    expect(text).toContain('state transferringOnChain {');
  });
});

describe('toDot', () => {
  it('is a digraph with a cluster per compound state and a double border on final states', () => {
    const dot = toDot(crossBorderPayment);
    expect(dot).toMatch(/^digraph "crossBorderPayment" \{/);
    expect(dot).toContain('subgraph "cluster_unwinding"');
    expect(dot).toContain('"settled" [label="settled", peripheries=2];');
    // An edge into a compound state lands on its initial child, clipped at the cluster's border.
    expect(dot).toContain('"converting" -> "transferringOnChain_awaitingInclusion" [label="CONVERSION_FILLED", lhead="cluster_transferringOnChain"];');
    expect(dot).toContain('"payingOut" -> "unwinding_returningOnChain" [label="PAYOUT_FAILED"];');
    expect(dot.trim().endsWith('}')).toBe(true);
  });
});

describe('the flows as documented', () => {
  it('describe every state where it is defined', () => {
    for (const n of all) expect(n.description, n.path.join('.')).toMatch(/\w/);
  });

  it('give every event a plain-language meaning', () => {
    const events = new Set(all.flatMap((n) => [...n.transitions.keys()].map(String)).filter((e) => !e.startsWith('xstate.after')));
    for (const e of events) expect(CROSS_BORDER_EVENT_MEANINGS[e], e).toBeDefined();
  });

  it('match the Mermaid diagrams embedded in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const [name, flow] of Object.entries(FLOWS)) {
      const block = new RegExp(`<!-- diagram:${name} -->\\n\`\`\`mermaid\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
      expect(block, `README has no diagram for ${name}; paste the output of railpilot diagram ${name}`).toBeDefined();
      expect(block, `README diagram of ${name} is stale; paste the output of railpilot diagram ${name}`).toBe(toMermaid(flow.machine));
    }
  });
});
