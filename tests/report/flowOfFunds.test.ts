// The flow of funds as one graph: a part that came out negative (prices moving in the payer's
// favour) is a gain entering its outcome, never a dropped or negative band, so every outcome's
// bands out equal its bands in; and the FX residue is a band of its own.

import { describe, expect, it } from 'vitest';
import { flowOfFunds, nodeBalances, type FlowFigures } from '../../src/report/index.js';

const NONE = { paid: '0.00', exchangeSpread: '0.00', chainFees: '0.00', offrampSpread: '0.00', npcsFees: '0.00', fxResidue: '0.00', deliveredToBeneficiaries: '0.00' };

describe('the flow-of-funds graph', () => {
  it('draws a negative part as a gain into its outcome, and the FX residue as a band', () => {
    const f: FlowFigures = {
      settled: { paid: '1000.00', exchangeSpread: '5.00', chainFees: '2.00', offrampSpread: '3.00', npcsFees: '0.00', fxResidue: '-10.00', deliveredToBeneficiaries: '1000.00' },
      refunded: { paid: '500.00', refundedToPayers: '520.00', lostOnRefunds: '-20.00', forfeitedToOfframps: '0.00' },
      frozen: { paid: '300.00', exchangeSpread: '1.50', chainFees: '0.50', npcsFees: '0.00', fxResidue: '18.00', frozenAtMid: '280.00' },
    };
    const g = flowOfFunds(f);
    expect(g.links).toContainEqual({ from: 'fxResidueGain', to: 'settled', rub: '10.00' });
    expect(g.links).toContainEqual({ from: 'refundLossGain', to: 'refunded', rub: '20.00' });
    expect(g.links).toContainEqual({ from: 'frozen', to: 'fxResidue', rub: '18.00' });
    for (const l of g.links) expect(Number(l.rub)).toBeGreaterThan(0);
    for (const b of nodeBalances(g)) if (b.kind === 'outcome') expect(b.out.toFixed(2), b.id).toBe(b.in.toFixed(2));
    expect(g.nodes.find((n) => n.id === 'fxResidueGain')).toEqual({ id: 'fxResidueGain', label: 'FX gain (prices moved in flight)', kind: 'source', rub: '10.00' });
    expect(g.nodes.find((n) => n.id === 'payers')!.rub).toBe('1800.00');
  });

  it('is empty when no money moved', () => {
    const g = flowOfFunds({ settled: NONE, refunded: { paid: '0.00', refundedToPayers: '0.00', lostOnRefunds: '0.00', forfeitedToOfframps: '0.00' }, frozen: { ...NONE, frozenAtMid: '0.00' } });
    expect(g).toEqual({ nodes: [], links: [] });
  });
});
