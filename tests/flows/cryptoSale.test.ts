// The crypto sale machine on its own (an individual's sale, or a miner's under the mining law):
// a scripted fake of its ports answers as events on the simulated clock.

import { finalStatesOf, runToEnd } from './runToEnd.js';
import { describe, expect, it } from 'vitest';
import { cryptoSale, type CryptoSaleEvent, type CryptoSalePorts, type SaleReply } from '../../src/flows/retail/index.js';
import type { OrderOutcome, OrderSpec } from '../../src/flows/order.js';
import type { Participant, ParticipantId } from '../../src/rails/participants/participant.js';
import { EventQueue } from '../../src/sim/index.js';
import { amountOf, defineAsset } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const BTC = defineAsset('BTC', 8);
const T0 = Date.UTC(2024, 10, 2, 9);

const miner: Participant = { id: 'miner-irkutsk' as ParticipantId, kind: 'miner', country: 'RU', bank: 'bank-a', registered: true };
const ORDER: OrderSpec = { id: 'ord-7', participant: miner, coin: 'BTC', amount: amountOf(BTC, 10_000_000n), initiatedAt: T0 };
const PROCEEDS = amountOf(RUB, 53_595_000n);

const LAT = { eligibility: 1_000, sell: 1_500 };

interface Script {
  eligibility(): CryptoSaleEvent;
  sell(): CryptoSaleEvent;
}

const HAPPY: Script = {
  eligibility: () => ({ type: 'ELIGIBLE' }),
  sell: () => ({ type: 'SALE_FILLED', rub: PROCEEDS }),
};

type Port = keyof CryptoSalePorts;

class FakeRails implements CryptoSalePorts {
  readonly calls: { port: Port; at: number }[] = [];

  constructor(
    private readonly queue: EventQueue,
    private readonly script: Script,
  ) {}

  checkEligibility(order: OrderSpec, reply: SaleReply): void {
    expect(order).toBe(ORDER);
    this.calls.push({ port: 'checkEligibility', at: this.queue.now });
    const e = this.script.eligibility();
    this.queue.after(LAT.eligibility, () => reply(e));
  }

  sell(order: OrderSpec, reply: SaleReply): void {
    expect(order).toBe(ORDER);
    this.calls.push({ port: 'sell', at: this.queue.now });
    const e = this.script.sell();
    this.queue.after(LAT.sell, () => reply(e));
  }

  get ports(): Port[] {
    return this.calls.map((c) => c.port);
  }
}

const reachedFinals = new Set<string>();
const reachedOutcomes = new Set<string>();

function run(script: Partial<Script> = {}) {
  const queue = new EventQueue(T0);
  const rails = new FakeRails(queue, { ...HAPPY, ...script });
  const { output, finalState, doneAt } = runToEnd<OrderOutcome>(cryptoSale, { order: ORDER, ports: rails }, queue);
  reachedFinals.add(finalState);
  reachedOutcomes.add(`${output.status}/${output.reason ?? ''}`);
  return { rails, output, finalState, doneAt };
}

function rejected(output: OrderOutcome, reason: string): void {
  expect(output).toEqual({ flow: 'cryptoSale', id: 'ord-7', status: 'rejected', reason, order: ORDER, rub: null, coin: null, capValue: null, frozen: null });
}


describe('cryptoSale', () => {
  it('sold: checks eligibility, sells, and reports the RUB received and the coin sold', () => {
    const { rails, output, finalState, doneAt } = run();
    expect(finalState).toBe('sold');
    expect(rails.ports).toEqual(['checkEligibility', 'sell']);
    expect(rails.calls.map((c) => c.at)).toEqual([T0, T0 + LAT.eligibility]);
    expect(doneAt).toBe(T0 + LAT.eligibility + LAT.sell);
    expect(output).toEqual({ flow: 'cryptoSale', id: 'ord-7', status: 'sold', reason: null, order: ORDER, rub: PROCEEDS, coin: ORDER.amount, capValue: null, frozen: null });
  });

  it.each([['regime.notRegistered:minerSales'], ['regime.notYetLawful:minerSales:2024-11-01'], ['regime.notYetLawful:retailSales:2024-09-01'], ['kyc.incomplete']])(
    'INELIGIBLE passes its reason through: %s; nothing is sold',
    (reason) => {
      const { rails, output, finalState, doneAt } = run({ eligibility: () => ({ type: 'INELIGIBLE', reason }) });
      expect(finalState).toBe('rejected');
      rejected(output, reason);
      expect(rails.ports).toEqual(['checkEligibility']);
      expect(doneAt).toBe(T0 + LAT.eligibility);
    },
  );

  it.each([['funds.insufficient' as const], ['exchange.noLiquidity' as const]])('SALE_FAILED %s: rejected with that reason, no RUB and no coin', (reason) => {
    const { rails, output, finalState } = run({ sell: () => ({ type: 'SALE_FAILED', reason }) });
    expect(finalState).toBe('rejected');
    rejected(output, reason);
    expect(rails.ports).toEqual(['checkEligibility', 'sell']);
  });

  it('SALE_FROZEN: the seller listed by the sale; the coin is sold, its RUB frozen, and the outcome says so', () => {
    const { rails, output, finalState } = run({ sell: () => ({ type: 'SALE_FROZEN', party: 'miner-irkutsk', rub: PROCEEDS }) });
    expect(finalState).toBe('frozen');
    expect(output).toEqual({ flow: 'cryptoSale', id: 'ord-7', status: 'frozen', reason: 'sanctions.frozen:miner-irkutsk', order: ORDER, rub: null, coin: ORDER.amount, capValue: null, frozen: PROCEEDS });
    expect(rails.ports).toEqual(['checkEligibility', 'sell']);
  });

  describe('coverage of the machine', () => {
    it('every final state of the machine was reached by a test above', () => {
      const machineFinals = finalStatesOf(cryptoSale.root).sort();
      expect(machineFinals).toEqual(['frozen', 'rejected', 'sold']);
      expect([...reachedFinals].sort()).toEqual(machineFinals);
    });

    it('every named reason was reached by a test above', () => {
      expect([...reachedOutcomes].sort()).toEqual(
        [
          'sold/',
          'rejected/regime.notRegistered:minerSales',
          'rejected/regime.notYetLawful:minerSales:2024-11-01',
          'rejected/regime.notYetLawful:retailSales:2024-09-01',
          'rejected/kyc.incomplete',
          'rejected/funds.insufficient',
          'rejected/exchange.noLiquidity',
          'frozen/sanctions.frozen:miner-irkutsk',
        ].sort(),
      );
    });

    it('every state carries a description', () => {
      for (const [name, node] of Object.entries(cryptoSale.root.states)) expect(node.description, name).toMatch(/\w{3,}/);
    });
  });
});
