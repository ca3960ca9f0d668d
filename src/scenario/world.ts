// The composition root: from the compiled model, the ledger with its opening balances, the
// participants, the prices, NPCS clearing, the exchanges and off-ramps, the chains, and the
// services every flow builds its ports from. One small function per rail; the order of the
// calls is the order accounts open and opening entries post, so it is part of the output.

import { Ledger, SETUP_FLOW, accountId, transfer, type AccountId } from '../ledger/index.js';
import type { Amount } from '../money/index.js';
import { EventQueue, Messenger, PricePath, RandomStreams } from '../sim/index.js';
import { FROZEN_ACCOUNT, SanctionsList } from '../rails/compliance/sanctions.js';
import { InvestorCaps } from '../rails/compliance/caps.js';
import { Banks } from '../rails/bank/bank.js';
import { Exchange } from '../rails/exchange/exchange.js';
import { NpcsGateway } from '../rails/npcs/gateway.js';
import { Chain } from '../rails/chain/chain.js';
import { Offramp } from '../rails/offramp/offramp.js';
import { Prices } from '../rails/stablecoin/prices.js';
import { ClearingBook } from '../rails/npcs/clearing.js';
import type { Participant } from '../rails/participants/participant.js';
import { FLOWS, type AnyFlowModule, type Services } from '../flows/index.js';
import type { Model } from './model.js';
import { buildParticipants } from './worldParticipants.js';

export const FUNDING_ACCOUNT: AccountId = accountId('external', 'funding');
export const BLOCK_REWARDS_ACCOUNT: AccountId = accountId('external', 'block-rewards');

/** Posts value from outside the rail into an account at the start. */
export type Fund = (to: AccountId, amount: Amount, memo: string) => void;

export interface World {
  readonly queue: EventQueue;
  readonly streams: RandomStreams;
  readonly ledger: Ledger;
  readonly participants: ReadonlyMap<string, Participant>;
  /** Each population's individuals, by prefix. */
  readonly populations: ReadonlyMap<string, readonly Participant[]>;
  readonly prices: Prices;
  readonly services: Services;
  /** Each flow's ports, built once from the services (undefined for a flow the run has no use for). */
  readonly ports: ReadonlyMap<AnyFlowModule, unknown>;
  /** Requests duplicated by a fault whose repeat the rails dropped, over every messenger. */
  duplicatesDropped(): number;
}

/** What the world tells the caller while it is built: each opening entry, and the run's prices. */
export interface WorldListeners {
  onLedger(ledger: Ledger): void;
  prices?(prices: Prices): void;
}

export function buildWorld(m: Model, seed: number, listeners: WorldListeners): World {
  const queue = new EventQueue(m.startMs);
  const streams = new RandomStreams(seed);
  const { ledger, fund } = openLedger(m, listeners);
  const { participants, populations } = buildParticipants(m, streams, ledger, fund);
  const caps = new InvestorCaps(m.caps);
  const { prices, fx } = buildPrices(m, streams);
  listeners.prices?.(prices);
  const clearing = buildClearing(m, ledger, participants, fund);
  const banks = new Banks(ledger, queue, m.rails.holdTimeoutMs);
  const exchanges = buildMarkets(m, ledger, prices, fund);
  const chains = new Map(m.chains.map((c) => [c.name, new Chain({ id: c.name, blockTimeMs: c.blockTimeMs, confirmations: c.confirmations, fees: c.fees, halts: c.halts, congestion: c.congestion, epoch: m.startMs }, ledger, queue)]));
  const sanctions = new SanctionsList(m.sanctions);
  // Opening balances are posted: from here on every credit to a party (mining rewards too) is screened.
  ledger.screenCredits(sanctions.creditScreen());
  const npcs = new NpcsGateway(ledger, banks, exchanges.list, clearing ? clearing.rubMoved : () => undefined);
  const { services, duplicatesDropped } = servicesFor(m, { queue, ledger, streams, sanctions, caps, banks, npcs, chains, offramps: exchanges.offramps, fx, clearing: clearing?.book });
  const ports = new Map(Object.values(FLOWS).map((f) => [f, f.ports?.(services)]));
  return { queue, streams, ledger, participants, populations, prices, services, ports, duplicatesDropped };
}

type Built = Pick<Services, 'queue' | 'ledger' | 'streams' | 'sanctions' | 'caps' | 'banks' | 'npcs' | 'chains' | 'offramps' | 'fx' | 'clearing'>;

/** What the flows build their ports from: the rails built, messengers made on request, the run's limits. */
function servicesFor(m: Model, built: Built): { services: Services; duplicatesDropped: () => number } {
  const messengers: Messenger[] = [];
  const shared = new Map<string, unknown>();
  const once = <T>(name: string, build: () => T): T => {
    if (!shared.has(name)) shared.set(name, build());
    return shared.get(name) as T;
  };
  const duplicates = m.faults.flatMap((f) => (f.kind === 'duplicateMessages' ? [{ share: f.share, from: f.from, to: f.to }] : []));
  const { queue, streams } = built;
  const services: Services = {
    ...built,
    messenger: (name) =>
      once(`messenger/${name}`, () => {
        const messenger = new Messenger(queue, streams.stream(`rails/${name}`), streams.stream(`faults/duplicates/${name}`), duplicates);
        messengers.push(messenger);
        return messenger;
      }),
    shared: once,
    latencies: { screeningMs: m.rails.screeningMs, bankMs: m.rails.bankMs, exchangeMs: m.rails.exchangeMs },
    regime: m.regime,
    limits: {
      maxQuoteAttempts: m.rails.maxQuoteAttempts,
      pvpHoldTimeoutMs: m.rails.pvpHoldTimeoutMs,
      npcsFeeBps: m.rails.npcsFeeBps,
      inclusionTimeoutMs: new Map(m.chains.map((c) => [c.name, c.inclusionTimeoutMs])),
    },
    correspondent: m.correspondent,
  };
  return { services, duplicatesDropped: () => messengers.reduce((n, x) => n + x.duplicatesDropped, 0) };
}

/** The ledger with the accounts value enters and leaves by, and a way to fund the others. */
function openLedger(m: Model, listeners: WorldListeners): { ledger: Ledger; fund: Fund } {
  const ledger = new Ledger(accountId('npcs', 'holds'));
  listeners.onLedger(ledger);
  ledger.open(FUNDING_ACCOUNT, 'external');
  ledger.open(BLOCK_REWARDS_ACCOUNT, 'external');
  ledger.open(FROZEN_ACCOUNT, 'nonNegative');
  const fund: Fund = (to, amount, memo) => {
    if (amount.minor > 0n) ledger.post({ time: m.startMs, flow: SETUP_FLOW, kind: 'funding', postings: transfer(FUNDING_ACCOUNT, to, amount), memo });
  };
  return { ledger, fund };
}

function buildPrices(m: Model, streams: RandomStreams) {
  const fx = new Map(m.prices.fx.map((f) => [f.pair, new PricePath(m.startMs, f.mid, f.volatilityBps, streams.stream(`fx/${f.pair}`))]));
  return { fx, prices: new Prices({ fx, pegs: m.prices.pegs, baskets: m.prices.baskets, depegs: m.prices.depegs }) };
}

/** NPCS clears the RUB leg between its members: the banks and the exchanges at each venue. */
function buildClearing(m: Model, ledger: Ledger, participants: ReadonlyMap<string, Participant>, fund: Fund) {
  if (!m.clearing) return undefined;
  const c = m.clearing;
  const banks = [...participants.values()].flatMap((p) => (p.bank ? [p.bank] : []));
  const members = [...new Set([...banks, ...m.exchanges.map((e) => `exchange-${e.venue}`)])].sort();
  const book = new ClearingBook(ledger, members, m.assets.get('RUB'));
  for (const member of members) fund(book.reserveAccount(member), c.reserves.get(member) ?? c.reserve, `${member} reserve at the central bank`);
  const memberOf = (account: string): string | undefined => {
    const [root, second] = account.split(':');
    return root === 'banks' ? second : root === 'exchanges' ? `exchange-${second}` : undefined;
  };
  const rubMoved = (flow: string, from: string, to: string, amount: Amount) => {
    const a = memberOf(from);
    const b = memberOf(to);
    if (a !== undefined && b !== undefined && a !== b) book.record(flow, a, b, amount);
  };
  return { book, rubMoved };
}

/** Exchanges and off-ramps in the file's order of markets, each funded with its inventory. */
function buildMarkets(m: Model, ledger: Ledger, prices: Prices, fund: Fund) {
  const list: Exchange[] = [];
  const offramps = new Map<string, Offramp>();
  const exchangeByKey = new Map(m.exchanges.map((e) => [e.key, e]));
  const offrampByKey = new Map(m.offramps.map((o) => [o.key, o]));
  for (const key of m.mids.keys()) {
    const e = exchangeByKey.get(key);
    const o = offrampByKey.get(key);
    const params = e ?? o!;
    // Only a run whose prices move pays for asking what they are at each quote.
    const drift = prices.moves ? { drift: prices.drift(params.coin.code, e ? e.fiat.code : o!.currency.code) } : {};
    if (e) {
      const exchange = new Exchange({ ...e, ...drift }, ledger);
      list.push(exchange);
      fund(exchange.account, e.depth, `${key} inventory`);
      // RUB to buy coin back with; by default what the starting inventory is worth at mid.
      fund(exchange.account, e.fiatDepth, `${key} RUB float`);
    } else {
      const offramp = new Offramp({ ...o!, ...drift }, ledger);
      offramps.set(key, offramp);
      fund(offramp.account, o!.liquidity, `${key} payout liquidity`);
    }
  }
  return { list, offramps };
}
