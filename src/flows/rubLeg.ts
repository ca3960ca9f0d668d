// The RUB leg both kinds of flow share: a two-phase hold at the payer's bank, its void, and the
// fill at the exchange through NPCS (hold posted, coin to where the flow keeps it). Each flow's
// rails name the answers in their own machine's events; the work is done once, here.

import type { Amount } from '../money/index.js';
import type { EventQueue, Messenger } from '../sim/index.js';
import type { AccountId } from '../ledger/index.js';
import { bankAccount, type Participant } from '../rails/participants/participant.js';
import type { Banks } from '../rails/bank/bank.js';
import type { ConversionResult, NpcsGateway } from '../rails/npcs/gateway.js';
import type { Exchange, Quote } from '../rails/exchange/exchange.js';

/** Typical one-way latencies in ms; each answer takes the typical time times a bounded draw. */
export interface Latencies {
  readonly screeningMs: number;
  readonly bankMs: number;
  readonly exchangeMs: number;
}

export interface RubLegDeps {
  readonly queue: EventQueue;
  /** Delivers requests to the rails on the simulated clock, at most once each. */
  readonly messenger: Messenger;
  readonly latencies: Latencies;
  readonly banks: Banks;
  readonly npcs: NpcsGateway;
}

export type HoldAnswer = { type: 'FUNDS_HELD'; holdId: string } | { type: 'FUNDS_INSUFFICIENT' };

export abstract class RubLegRails {
  constructor(private readonly leg: RubLegDeps) {}

  protected now(): number {
    return this.leg.queue.now;
  }

  /** A request reaches its rail after the rail's latency, once, even if a fault delivers it twice. */
  protected later(typicalMs: number, fn: () => void): void {
    this.leg.messenger.send(typicalMs, fn);
  }

  /** Runs `fn` now, or when `exchange` opens again if it is in an outage. */
  protected whenOpen(exchange: Exchange, fn: () => void): void {
    const reopens = exchange.closedUntil(this.now());
    if (reopens === undefined) fn();
    else this.leg.queue.at(reopens, fn);
  }

  /** Places a hold on `amount` at the payer's bank, answering FUNDS_HELD or FUNDS_INSUFFICIENT. */
  protected placeHold(flow: string, payer: Participant, amount: Amount, reply: (answer: HoldAnswer) => void, timeoutMs?: number): void {
    this.later(this.leg.latencies.bankMs, () => {
      const r = this.leg.banks.placeHold(flow, bankAccount(payer), amount, timeoutMs);
      reply(r.ok ? { type: 'FUNDS_HELD', holdId: r.holdId } : { type: 'FUNDS_INSUFFICIENT' });
    });
  }

  /** Releases the hold; a payer listed by now has it frozen instead (the machines foresee that). */
  protected releaseHold(flow: string, holdId: string): void {
    this.leg.banks.voidHold(holdId, `void hold of ${flow}`);
  }

  /** Whether releasing the hold now would send it to the frozen account (see Banks.releaseFreezes). */
  protected holdFreezesOn(holdId: string): boolean {
    return this.leg.banks.releaseFreezes(holdId);
  }

  /** The payer whose hold expired into the frozen account, when a fill finds it expired. */
  protected expiredFrozen(holdId: string): string | undefined {
    return this.leg.banks.expiredFrozen(holdId);
  }

  /** Fills `quote` against the hold: coin to `to`, or why not. */
  protected fillQuote(flow: string, to: AccountId, quote: Quote, holdId: string, done: (r: ConversionResult) => void, npcsFee?: Amount): void {
    this.later(this.leg.latencies.exchangeMs, () => done(this.leg.npcs.convert(flow, quote, holdId, to, this.now(), npcsFee)));
  }
}
