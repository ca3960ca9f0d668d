// Where the payers' RUB went, as one graph every format renders (report.json carries it, report.md
// tables it, report.html draws it): nodes and links with exact kopeck amounts. The payers and the
// outcomes' groups are built so that each group's parts add up to what it took (see report.ts), so
// every outcome node's inflows equal its outflows. A part that came out negative (a price move in
// the payer's favour, say) is a gain: it is drawn as a link into the group from a node of its own
// on the left, never as a negative band, so no amount is dropped and every band is positive.

import { Dec, type Dec as Decimal } from '../money/index.js';

/** `source`: value enters (the payers, gains); `outcome`: how payments ended; `destination`: where value ended. */
export type FlowNodeKind = 'source' | 'outcome' | 'destination';

export interface FlowNode {
  readonly id: string;
  readonly label: string;
  readonly kind: FlowNodeKind;
  /** RUB at mid through the node: what flowed in (what flowed out, for a source). */
  readonly rub: string;
}

export interface FlowLink {
  readonly from: string;
  readonly to: string;
  /** RUB at mid, exact to the kopeck; always positive. */
  readonly rub: string;
}

export interface FlowOfFunds {
  readonly nodes: readonly FlowNode[];
  readonly links: readonly FlowLink[];
}

/** The payer-side figures of report.json the graph is made of (decimal strings, RUB at mid). */
export interface FlowFigures {
  readonly settled: { paid: string; exchangeSpread: string; chainFees: string; offrampSpread: string; npcsFees: string; fxResidue: string; deliveredToBeneficiaries: string };
  readonly refunded: { paid: string; refundedToPayers: string; lostOnRefunds: string; forfeitedToOfframps: string };
  readonly frozen: { paid: string; exchangeSpread: string; chainFees: string; npcsFees: string; fxResidue: string; frozenAtMid: string };
}

/** Destinations, with the labels people read; a negative part of one is a source labelled `gain`. */
const DESTINATIONS: Readonly<Record<string, { label: string; gain: string }>> = {
  beneficiaries: { label: 'Delivered to beneficiaries', gain: 'Negative delivery' },
  exchangeSpread: { label: 'Exchange spread', gain: 'Negative exchange spread' },
  chainFees: { label: 'Chain fees', gain: 'Negative chain fees' },
  offrampSpread: { label: 'Off-ramp spread', gain: 'Negative off-ramp spread' },
  npcsFees: { label: 'NPCS fees', gain: 'Negative NPCS fees' },
  fxResidue: { label: 'FX residue (prices moved in flight)', gain: 'FX gain (prices moved in flight)' },
  refunds: { label: 'Refunded to payers', gain: 'Negative refunds' },
  forfeited: { label: 'Kept by off-ramps (return fee above the coin)', gain: 'Negative forfeits' },
  refundLoss: { label: 'Lost on refunds (spreads, fees, prices)', gain: 'Gained on refunds (prices)' },
  frozenCoin: { label: 'Frozen (at mid when frozen)', gain: 'Negative frozen value' },
};

const OUTCOMES = { settled: 'Settled payments', refunded: 'Refunded payments', frozen: 'Frozen payments' } as const;

/** Every node id the graph may hold, with its label: the outcomes, the destinations and their gains. */
export const FLOW_NODE_LABELS: Readonly<Record<string, string>> = {
  payers: 'Paid by payers',
  ...OUTCOMES,
  ...Object.fromEntries(Object.entries(DESTINATIONS).flatMap(([id, d]) => [[id, d.label], [`${id}Gain`, d.gain]])),
};

/** The graph of the figures: empty groups and zero parts left out. */
export function flowOfFunds(f: FlowFigures): FlowOfFunds {
  const refundLoss = new Dec(f.refunded.lostOnRefunds).minus(f.refunded.forfeitedToOfframps).toFixed(2);
  const groups: [keyof typeof OUTCOMES, string, [string, string][]][] = [
    ['settled', f.settled.paid, [
      ['beneficiaries', f.settled.deliveredToBeneficiaries],
      ['exchangeSpread', f.settled.exchangeSpread],
      ['chainFees', f.settled.chainFees],
      ['offrampSpread', f.settled.offrampSpread],
      ['npcsFees', f.settled.npcsFees],
      ['fxResidue', f.settled.fxResidue],
    ]],
    ['refunded', f.refunded.paid, [
      ['refunds', f.refunded.refundedToPayers],
      ['forfeited', f.refunded.forfeitedToOfframps],
      ['refundLoss', refundLoss],
    ]],
    ['frozen', f.frozen.paid, [
      ['frozenCoin', f.frozen.frozenAtMid],
      ['exchangeSpread', f.frozen.exchangeSpread],
      ['chainFees', f.frozen.chainFees],
      ['npcsFees', f.frozen.npcsFees],
      ['fxResidue', f.frozen.fxResidue],
    ]],
  ];
  const links: FlowLink[] = [];
  for (const [outcome, paid, parts] of groups) {
    if (new Dec(paid).gt(0)) links.push({ from: 'payers', to: outcome, rub: paid });
    for (const [to, rub] of parts) {
      const x = new Dec(rub);
      if (x.gt(0)) links.push({ from: outcome, to, rub });
      else if (x.lt(0)) links.push({ from: `${to}Gain`, to: outcome, rub: x.neg().toFixed(2) });
    }
  }
  return { nodes: nodesOf(links), links };
}

/** The nodes the links touch, in a stable order (sources, outcomes, destinations), with what passes through each. */
function nodesOf(links: readonly FlowLink[]): FlowNode[] {
  const into = new Map<string, Decimal>();
  const outOf = new Map<string, Decimal>();
  const add = (m: Map<string, Decimal>, k: string, v: string) => m.set(k, (m.get(k) ?? new Dec(0)).plus(v));
  for (const l of links) {
    add(outOf, l.from, l.rub);
    add(into, l.to, l.rub);
  }
  const kindOf = (id: string): FlowNodeKind => (id in OUTCOMES ? 'outcome' : id === 'payers' || id.endsWith('Gain') ? 'source' : 'destination');
  const order = Object.keys(FLOW_NODE_LABELS);
  const rank = (id: string) => ['source', 'outcome', 'destination'].indexOf(kindOf(id)) * 1000 + order.indexOf(id);
  return [...new Set([...outOf.keys(), ...into.keys()])]
    .sort((a, b) => rank(a) - rank(b))
    .map((id) => ({ id, label: FLOW_NODE_LABELS[id]!, kind: kindOf(id), rub: (kindOf(id) === 'source' ? outOf.get(id) : into.get(id))!.toFixed(2) }));
}

/** For each node, what flowed in and out of it: an outcome's must be equal. */
export function nodeBalances(g: FlowOfFunds): { id: string; kind: FlowNodeKind; in: Decimal; out: Decimal }[] {
  return g.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    in: g.links.filter((l) => l.to === n.id).reduce((a, l) => a.plus(l.rub), new Dec(0)),
    out: g.links.filter((l) => l.from === n.id).reduce((a, l) => a.plus(l.rub), new Dec(0)),
  }));
}
