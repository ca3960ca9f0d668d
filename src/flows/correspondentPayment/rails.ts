// The rails behind a correspondent payment's ports: the sending bank, the chain of correspondents
// and the last bank abroad, as ledger entries on the simulated clock. Each answer comes back as an
// event after the rail's latency (through the Messenger, so a duplicated message posts nothing
// twice) or after the days the chain takes, drawn on the run's seeded stream.

import { sub, type Amount, type Dec as Decimal } from '../../money/index.js';
import { transfer, type AccountId, type Ledger, type Posting } from '../../ledger/index.js';
import type { EventQueue, Messenger, RandomStream } from '../../sim/index.js';
import { bankAccount, beneficiaryAccount } from '../../rails/participants/participant.js';
import { FROZEN_ACCOUNT, freezeIfListed, type SanctionsList } from '../../rails/compliance/sanctions.js';
import {
  FEES_ACCOUNT,
  IN_FLIGHT_ACCOUNT,
  NETWORK_ACCOUNT,
  checkCorrespondentParams,
  priceCorrespondent,
  rejectionChance,
  withheldOnReturn,
  pickWindow,
  type CorrespondentParams,
  type TimeMix,
} from '../../rails/correspondent/correspondent.js';
import type { CorrespondentPorts, CorrespondentReply } from './machine.js';
import type { PaymentSpec } from '../payment.js';

export interface CorrespondentRailsDeps {
  readonly queue: EventQueue;
  /** Delivers requests to the banks on the simulated clock, at most once each. */
  readonly messenger: Messenger;
  readonly ledger: Ledger;
  readonly sanctions: SanctionsList;
  readonly params: CorrespondentParams;
  /** Settlement times and rejections: its own stream, so the channel does not shift other draws. */
  readonly draws: RandomStream;
  /** Mid RUB for one unit of `currency` at simulated time `t`. */
  readonly rubPerLocal: (currency: string, t: number) => Decimal;
  /** Typical latency of the sending bank's sanctions screening. */
  readonly screeningMs: number;
  /** Typical latency of the sending bank booking a debit or a return. */
  readonly bankMs: number;
}

/**
 * Which journal entry kinds a request from which states posts, for the idempotency invariant
 * (see `FlowInfo.requests` in src/flows/index.ts).
 */
export const CORRESPONDENT_REQUESTS: Readonly<Record<string, readonly string[]>> = {
  'correspondent.debited': ['debiting'],
  'correspondent.credited': ['atBeneficiaryBank'],
  'compliance.frozen': ['atBeneficiaryBank', 'returning'],
  'correspondent.returned': ['returning'],
};

export class CorrespondentRails implements CorrespondentPorts {
  /** Per payment in the chain: the wait at the beneficiary's bank, drawn with its other draws at sending. */
  private readonly creditAfter = new Map<string, number>();

  constructor(private readonly d: CorrespondentRailsDeps) {
    const problem = checkCorrespondentParams(d.params);
    if (problem) throw new Error(`correspondent params: ${problem}`);
    d.ledger.open(IN_FLIGHT_ACCOUNT, 'nonNegative');
    d.ledger.open(FEES_ACCOUNT, 'nonNegative');
    d.ledger.open(NETWORK_ACCOUNT, 'external');
    d.ledger.open(FROZEN_ACCOUNT, 'nonNegative');
  }

  private now(): number {
    return this.d.queue.now;
  }

  private later(typicalMs: number, fn: () => void): void {
    this.d.messenger.send(typicalMs, fn);
  }

  /** The principal in flight, frozen if one of `parties` is listed now. */
  private freezeIfListed(p: PaymentSpec, parties: string[], principal: Amount, why: string): string | undefined {
    return freezeIfListed(this.d.sanctions, this.d.ledger, { flow: p.id, parties, time: this.now(), from: IN_FLIGHT_ACCOUNT, amount: principal, why });
  }

  /** A window picked by its share, then uniform whole ms in it, both ends included: never beyond its max. */
  private within(mix: TimeMix): number {
    const w = pickWindow(mix, this.d.draws.float());
    return this.d.draws.int(w.min, w.max);
  }

  screen(p: PaymentSpec, reply: CorrespondentReply): void {
    this.later(this.d.screeningMs, () => {
      const party = this.d.sanctions.firstListed([p.payer.id, p.payee.id], this.now());
      reply(party === undefined ? { type: 'SCREENING_PASSED' } : { type: 'SCREENING_BLOCKED', party });
    });
  }

  debit(p: PaymentSpec, reply: CorrespondentReply): void {
    this.later(this.d.bankMs, () => {
      // Priced when the bank books it: the rate of that moment, not of the order.
      const price = priceCorrespondent(p.amount, this.d.rubPerLocal(p.amount.asset.code, this.now()), this.d.params);
      const payer = bankAccount(p.payer);
      // A principal of 0 kopecks (a tiny amount, RUB at a coarse scale) would send nothing and freeze nothing.
      if (price.principal.minor <= 0n) return reply({ type: 'AMOUNT_ROUNDS_TO_ZERO' });
      if (this.d.ledger.balance(payer, price.total.asset.code) < price.total.minor) return reply({ type: 'FUNDS_INSUFFICIENT' });
      this.d.ledger.post({
        time: this.now(),
        flow: p.id,
        kind: 'correspondent.debited',
        postings: legs([
          [payer, neg(price.total)],
          [IN_FLIGHT_ACCOUNT, price.principal],
          [FEES_ACCOUNT, price.fees],
        ]),
        memo: `principal ${price.principal.minor} minor ${price.principal.asset.code} for ${p.amount.minor} minor ${p.amount.asset.code}, spread ${price.fxSpread.minor}`,
      });
      reply({ type: 'FUNDS_DEBITED', paid: price.total, principal: price.principal, fees: price.fees, fxSpread: price.fxSpread, at: this.now() });
    });
  }

  forward(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    // All draws are always taken, in the same order, so one payment's fate does not shift the
    // draws of the next one: a corridor's rejection rate can change without moving the others.
    const rejected = this.d.draws.float() < rejectionChance(p.payee.country, this.d.params);
    const toBankMs = this.within(this.d.params.toBankMs);
    const toCustomerMs = this.within(this.d.params.toCustomerMs);
    const rejectMs = this.d.draws.int(this.d.params.rejectionAfterMs.min, this.d.params.rejectionAfterMs.max);
    if (rejected) {
      this.d.queue.after(rejectMs, () => reply({ type: 'CORRESPONDENT_REJECTED' }));
      return;
    }
    this.creditAfter.set(p.id, toCustomerMs);
    this.d.queue.after(toBankMs, () => reply({ type: 'REACHED_BENEFICIARY_BANK' }));
  }

  credit(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    const waitMs = this.creditAfter.get(p.id) ?? 0;
    this.creditAfter.delete(p.id);
    this.d.queue.after(waitMs, () => {
      // The last bank screens when it credits: a listing during the days in flight freezes it.
      const party = this.freezeIfListed(p, [p.payer.id, p.payee.id], principal, 'listed while the payment was in the correspondent chain');
      if (party !== undefined) return reply({ type: 'PAYMENT_FROZEN', party });
      this.d.ledger.post({
        time: this.now(),
        flow: p.id,
        kind: 'correspondent.credited',
        postings: [...transfer(IN_FLIGHT_ACCOUNT, NETWORK_ACCOUNT, principal), ...transfer(NETWORK_ACCOUNT, beneficiaryAccount(p.payee), p.amount)],
        memo: `${principal.minor} minor ${principal.asset.code} out abroad, ${p.amount.minor} minor ${p.amount.asset.code} to the beneficiary`,
      });
      reply({ type: 'BENEFICIARY_CREDITED' });
    });
  }

  returnFunds(p: PaymentSpec, principal: Amount, reply: CorrespondentReply): void {
    this.later(this.d.bankMs, () => {
      // Screened again as the money comes back: a payer listed meanwhile must not be paid.
      const party = this.freezeIfListed(p, [p.payer.id], principal, 'listed while the payment was returned');
      if (party !== undefined) return reply({ type: 'PAYMENT_FROZEN', party });
      const withheld = withheldOnReturn(principal, this.d.params);
      const back = sub(principal, withheld);
      this.d.ledger.post({
        time: this.now(),
        flow: p.id,
        kind: 'correspondent.returned',
        postings: legs([
          [IN_FLIGHT_ACCOUNT, neg(principal)],
          [bankAccount(p.payer), back],
          [FEES_ACCOUNT, withheld],
        ]),
        memo: `returned by a correspondent, ${withheld.minor} minor ${withheld.asset.code} withheld`,
      });
      reply({ type: 'RETURN_RECEIVED', rub: back });
    });
  }
}

function neg(a: Amount): Amount {
  return { asset: a.asset, minor: -a.minor };
}

/** Postings from (account, signed amount) pairs, zero ones left out: the ledger refuses them. */
function legs(pairs: readonly (readonly [AccountId, Amount])[]): Posting[] {
  return pairs.filter(([, a]) => a.minor !== 0n).map(([account, amount]) => ({ account, amount }));
}
