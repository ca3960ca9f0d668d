// The runner: builds the rails a scenario describes, opens and funds their accounts, feeds the
// payments and orders to their flows on the simulated clock, and hands every journal entry,
// transition and outcome to the caller as it happens. A flow that ends releases its actor.

import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { Dec, type Amount } from '../money/index.js';
import { Ledger, SETUP_FLOW, accountId, clearingCycleFlow, miningFlow, transfer, type AccountId, type JournalEntry } from '../ledger/index.js';
import { EventQueue, Messenger, PricePath, RandomStreams, idGenerator, traceInspector, type TraceRecord } from '../sim/index.js';
import { bankAccount, beneficiaryAccount, custodyAccount, type Participant, type ParticipantId } from '../rails/participants/participant.js';
import { FROZEN_ACCOUNT, SanctionsList } from '../rails/compliance/sanctions.js';
import { InvestorCaps } from '../rails/compliance/caps.js';
import { Banks } from '../rails/bank/bank.js';
import { Exchange } from '../rails/exchange/exchange.js';
import { NpcsGateway } from '../rails/npcs/gateway.js';
import { Chain } from '../rails/chain/chain.js';
import { Offramp } from '../rails/offramp/offramp.js';
import { Prices } from '../rails/stablecoin/prices.js';
import { ClearingBook } from '../rails/npcs/clearing.js';
import { clearingCycle, type ClearingCycleOutcome } from '../flows/clearingCycle.js';
import { ClearingRails } from '../flows/clearingRails.js';
import { correspondentPayment, type CorrespondentOutcome } from '../flows/correspondentPayment.js';
import { CorrespondentRails } from '../flows/correspondentRails.js';
import { crossBorderReceipt, type ReceiptOutcome } from '../flows/crossBorderReceipt.js';
import { CrossBorderReceiptRails } from '../flows/crossBorderReceiptRails.js';
import type { Regime } from '../rails/regime/regime.js';
import { crossBorderPayment } from '../flows/crossBorderPayment.js';
import { CrossBorderRails } from '../flows/crossBorderRails.js';
import { retailPurchase } from '../flows/retailPurchase.js';
import { cryptoSale } from '../flows/cryptoSale.js';
import { RetailRails } from '../flows/retailRails.js';
import type { PaymentOutcome, PaymentSpec } from '../flows/payment.js';
import type { OrderOutcome, OrderSpec } from '../flows/order.js';
import { Assets, CORRESPONDENT_DEFAULTS, DEFAULTS, at, dec, ms, regimeFor } from './model.js';
import { parseMarketKey } from './markets.js';
import { chainFeeTexts, chainTiming } from './schema.js';
import { amountSampler, orderSources, type PaymentOrder, type RetailOrder } from './workload.js';
import type { Scenario } from './schema.js';

export const FUNDING_ACCOUNT: AccountId = accountId('external', 'funding');
export const BLOCK_REWARDS_ACCOUNT: AccountId = accountId('external', 'block-rewards');

export type Outcome = PaymentOutcome | CorrespondentOutcome | ReceiptOutcome | OrderOutcome;

export interface RunListeners {
  entry?(entry: JournalEntry): void;
  trace?(record: TraceRecord): void;
  outcome?(outcome: Outcome, finalAt: number): void;
  /** Called once, before any flow starts, with the run's prices: what a listener values at a flow's end. */
  prices?(prices: Prices): void;
  /** A clearing cycle settled (scenarios with `clearing`). */
  cycle?(outcome: ClearingCycleOutcome, finalAt: number): void;
  /** Called every `progressEvery` finished flows, and once at the end. */
  progress?(p: { time: number; started: number; finished: number }): void;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly progressEvery?: number;
}

export interface RunResult {
  readonly seed: number;
  readonly started: number;
  readonly finished: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly entries: number;
  readonly balances: ReturnType<Ledger['allBalances']>;
  readonly regime: Regime;
  readonly caps: InvestorCaps;
  readonly participants: ReadonlyMap<string, Participant>;
  /** Requests a duplicateMessages fault delivered twice, whose repeat the rails dropped. */
  readonly duplicatesDropped: number;
  /** What each asset was worth in RUB relative to the start, readable at any moment of the run. */
  readonly prices: Prices;
  /** NPCS clearing, when the scenario has it. */
  readonly clearing: ClearingBook | undefined;
}

/** The scenario's participants, with each population expanded into its individuals. */
function buildParticipants(s: Scenario, assets: Assets, streams: RandomStreams) {
  const participants = new Map<string, Participant>();
  const balances = new Map<string, Amount[]>();
  const populations = new Map<string, string[]>();
  for (const p of s.participants) {
    participants.set(p.id, {
      id: p.id as ParticipantId,
      kind: p.kind,
      country: p.country,
      ...(p.bank ? { bank: p.bank } : {}),
      ...(p.kyc === false ? { kyc: false } : {}),
      ...(p.investor ? { investor: p.investor } : {}),
      ...(p.registered !== undefined ? { registered: p.registered } : {}),
    });
    balances.set(p.id, Object.entries(p.balances ?? {}).map(([code, v]) => assets.value(v, code)));
  }
  for (const pop of s.populations ?? []) {
    const draw = streams.stream(`populations/${pop.prefix}`);
    const balance = amountSampler(assets, pop.balance, streams.stream(`populations/${pop.prefix}/balances`));
    const width = String(pop.count).length;
    const ids: string[] = [];
    for (let i = 1; i <= pop.count; i++) {
      const id = `${pop.prefix}-${String(i).padStart(width, '0')}`;
      const qualified = draw.float() < pop.qualifiedShare;
      const passedTest = draw.float() < pop.passedTestShare;
      participants.set(id, {
        id: id as ParticipantId,
        kind: 'individual',
        country: pop.country ?? 'RU',
        bank: pop.banks[draw.int(0, pop.banks.length - 1)]!,
        investor: { category: qualified ? 'qualified' : 'nonQualified', passedTest },
      });
      balances.set(id, [balance()]);
      ids.push(id);
    }
    populations.set(pop.prefix, ids);
  }
  return { participants, balances, populations };
}

export function runScenario(s: Scenario, listeners: RunListeners = {}, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? s.seed;
  const assets = new Assets(s.assets);
  const startTime = at(s.start);
  const queue = new EventQueue(startTime);
  const streams = new RandomStreams(seed);
  const ledger = new Ledger(accountId('npcs', 'holds'));
  let entries = 0;
  ledger.onEntry((e) => {
    entries++;
    listeners.entry?.(e);
  });
  ledger.open(FUNDING_ACCOUNT, 'external');
  ledger.open(BLOCK_REWARDS_ACCOUNT, 'external');
  ledger.open(FROZEN_ACCOUNT, 'nonNegative');
  const fund = (to: AccountId, amount: Amount, memo: string) => {
    if (amount.minor > 0n) ledger.post({ time: startTime, flow: SETUP_FLOW, kind: 'funding', postings: transfer(FUNDING_ACCOUNT, to, amount), memo });
  };

  const { participants, balances, populations } = buildParticipants(s, assets, streams);
  for (const [id, participant] of participants) {
    if (participant.bank) ledger.open(bankAccount(participant), 'nonNegative');
    ledger.open(custodyAccount(participant), 'nonNegative');
    ledger.open(beneficiaryAccount(participant), 'nonNegative');
    for (const amount of balances.get(id) ?? []) {
      fund(amount.asset.code === 'RUB' ? bankAccount(participant) : custodyAccount(participant), amount, `opening balance of ${id}`);
    }
  }

  const rails = s.rails ?? {};
  const regime = regimeFor(s);
  const caps = new InvestorCaps({
    nonQualified: regime.caps.nonQualified === null ? null : assets.amount(regime.caps.nonQualified),
    qualified: regime.caps.qualified === null ? null : assets.amount(regime.caps.qualified),
  });
  const fx = new Map(
    Object.entries(s.fx ?? {}).map(([pair, f]) => [pair, new PricePath(startTime, dec(f.mid), f.volatilityBps ?? 0, streams.stream(`fx/${pair}`))]),
  );
  const windowOf = (f: { at: string; for: string }) => ({ from: at(f.at), to: at(f.at) + ms(f.for) });
  const faults = s.faults ?? [];
  const prices = new Prices({
    fx,
    pegs: new Map(
      [...KNOWN_PEGS(assets, s)].filter(([code]) => code !== 'RUB'),
    ),
    baskets: new Map(
      Object.entries(s.assets ?? {}).flatMap(([code, a]) => (a.basket ? [[code, new Map(Object.entries(a.basket).map(([m, w]) => [m, dec(w)]))] as const] : [])),
    ),
    depegs: faults.flatMap((f) => (f.kind === 'depeg' ? [{ coin: f.coin, by: dec(f.by), ...windowOf(f) }] : [])),
  });
  listeners.prices?.(prices);

  // NPCS clears the RUB leg between its members: the banks and the exchanges at each venue.
  const memberOf = (account: string): string | undefined => {
    const [root, second] = account.split(':');
    return root === 'banks' ? second : root === 'exchanges' ? `exchange-${second}` : undefined;
  };
  let clearing: ClearingBook | undefined;
  if (s.clearing) {
    const members = [...new Set([...[...participants.values()].flatMap((p) => (p.bank ? [p.bank] : [])), ...Object.keys(s.markets).flatMap((k) => {
      const m = parseMarketKey(k);
      return m.venue ? [`exchange-${m.venue}`] : [];
    })])].sort();
    clearing = new ClearingBook(ledger, members, assets.get('RUB'));
    for (const member of members) {
      const reserve = s.clearing.reserves?.[member];
      fund(clearing.reserveAccount(member), reserve === undefined ? assets.amount(s.clearing.reserve) : assets.value(reserve, 'RUB'), `${member} reserve at the central bank`);
    }
  }
  const rubMoved = (flow: string, from: string, to: string, amount: Amount) => {
    const a = memberOf(from);
    const b = memberOf(to);
    if (clearing && a !== undefined && b !== undefined && a !== b) clearing.record(flow, a, b, amount);
  };

  const banks = new Banks(ledger, queue, ms(rails.holdTimeout ?? DEFAULTS.holdTimeout));
  const exchanges: Exchange[] = [];
  const offramps = new Map<string, Offramp>();
  for (const [key, m] of Object.entries(s.markets)) {
    const { base, quote, venue } = parseMarketKey(key);
    // Only a run whose prices move pays for asking what they are at each quote.
    const drift = prices.moves ? { drift: prices.drift(base, quote) } : {};
    if (venue) {
      const coin = assets.get(base);
      const exchange = new Exchange(
        {
          venue,
          coin,
          fiat: assets.get(quote),
          mid: dec(m.mid),
          spreadBps: dec(m.spreadBps),
          slippageBps: dec(m.slippageBps ?? DEFAULTS.slippageBps),
          quoteTtlMs: ms(m.quoteTtl ?? DEFAULTS.quoteTtl),
          depth: assets.value(m.depth ?? DEFAULTS.depth, base),
          ...drift,
          outages: faults.flatMap((f) => (f.kind === 'exchangeOutage' && f.venue === venue ? [windowOf(f)] : [])),
        },
        ledger,
      );
      exchanges.push(exchange);
      fund(exchange.account, exchange.params.depth, `${key} inventory`);
      // RUB to buy coin back with; by default what the starting inventory is worth at mid.
      const fiatDepth = m.fiatDepth ?? dec(m.depth ?? DEFAULTS.depth).mul(dec(m.mid)).toFixed(assets.get(quote).scale);
      fund(exchange.account, assets.value(fiatDepth, quote), `${key} RUB float`);
    } else {
      const offramp = new Offramp(
        {
          coin: assets.get(base),
          currency: assets.get(quote),
          mid: dec(m.mid),
          spreadBps: dec(m.spreadBps),
          delayMs: ms(m.delay ?? DEFAULTS.offrampDelay),
          toleranceBps: dec(m.toleranceBps ?? DEFAULTS.offrampToleranceBps),
          ...drift,
          outages: faults.flatMap((f) => (f.kind === 'offrampOutage' && f.market === key ? [windowOf(f)] : [])),
        },
        ledger,
      );
      offramps.set(key, offramp);
      fund(offramp.account, assets.value(m.liquidity ?? DEFAULTS.offrampLiquidity, quote), `${key} payout liquidity`);
    }
  }
  const chains = new Map<string, Chain>();
  for (const [name, c] of Object.entries(s.chains)) {
    const halts = faults.flatMap((f) => (f.kind === 'chainHalt' && f.chain === name ? [windowOf(f)] : []));
    const congestion = faults.flatMap((f) => (f.kind === 'chainCongestion' && f.chain === name ? [{ ...windowOf(f), blockTimeFactor: f.blockTimeFactor, feeFactor: f.feeFactor }] : []));
    const timing = chainTiming(c);
    const fees = new Map(Object.entries(chainFeeTexts(c)).map(([coin, v]) => [coin, assets.value(v, coin)]));
    chains.set(name, new Chain({ id: name, blockTimeMs: ms(timing.blockTime), confirmations: timing.confirmations, fees, halts, congestion, epoch: startTime }, ledger, queue));
  }
  const sanctions = new SanctionsList(
    (s.sanctions ?? []).map((e) => (typeof e === 'string' ? { party: e, from: -Infinity } : { party: e.party, from: at(e.from) })),
  );
  // Opening balances are posted: from here on every credit to a party (mining rewards too) is screened.
  ledger.screenCredits(sanctions.creditScreen());
  const npcs = new NpcsGateway(ledger, banks, exchanges, rubMoved);
  const duplicates = faults.flatMap((f) => (f.kind === 'duplicateMessages' ? [{ share: f.share, ...windowOf(f) }] : []));
  const messenger = (name: string) => new Messenger(queue, streams.stream(`rails/${name}`), streams.stream(`faults/duplicates/${name}`), duplicates);
  const crossBorderMessages = messenger('latency');
  const retailMessages = messenger('retail-latency');
  const correspondentMessages = messenger('correspondent-latency');
  const latencies = {
    screeningMs: ms(rails.screeningLatency ?? DEFAULTS.screeningLatency),
    bankMs: ms(rails.bankLatency ?? DEFAULTS.bankLatency),
    exchangeMs: ms(rails.exchangeLatency ?? DEFAULTS.exchangeLatency),
  };
  const pvpHoldTimeoutMs = ms(rails.pvpHoldTimeout ?? DEFAULTS.pvpHoldTimeout);
  const npcsFeeBps = dec(rails.npcsFeeBps ?? DEFAULTS.npcsFeeBps);
  const crossBorderPorts = new CrossBorderRails({ queue, ledger, messenger: crossBorderMessages, latencies, sanctions, regime, banks, npcs, chains, offramps, pvpHoldTimeoutMs, npcsFeeBps });
  const receiptMessages = messenger('receipt-latency');
  const receiptPorts = new CrossBorderReceiptRails({ queue, ledger, messenger: receiptMessages, latencies, sanctions, regime, banks, npcs, chains });
  const retailPorts = new RetailRails({ queue, ledger, messenger: retailMessages, latencies, regime, sanctions, caps, banks, npcs, fx });
  const correspondentPorts = correspondentRailsFor(s, assets, {
    queue,
    ledger,
    messenger: correspondentMessages,
    sanctions,
    draws: streams.stream('correspondent'),
    rubPerLocal: (currency, t) => {
      const path = fx.get(`${currency}/RUB`);
      if (!path) throw new Error(`no fx ${currency}/RUB for a correspondent payment (the schema should have asked for it)`);
      return path.at(t);
    },
    screeningMs: latencies.screeningMs,
    bankMs: latencies.bankMs,
  });
  const maxQuoteAttempts = rails.maxQuoteAttempts ?? DEFAULTS.maxQuoteAttempts;
  const limitsByChain = new Map(
    Object.entries(s.chains).map(([name, c]) => [name, { maxQuoteAttempts, inclusionTimeoutMs: ms(c.inclusionTimeout ?? DEFAULTS.inclusionTimeout) }]),
  );

  const nextPaymentId = idGenerator(streams.stream('ids/payments'), 'pay-');
  const nextOrderId = idGenerator(streams.stream('ids/orders'), 'ord-');
  const active = new Map<string, AnyActorRef>();
  const seen = new Set<string>();
  let failure: unknown;
  let started = 0;
  let finished = 0;
  const progressEvery = options.progressEvery ?? 1000;
  const record = listeners.trace ? (r: TraceRecord) => listeners.trace!(r) : undefined;

  /** A unique id: the file's own, made unique if it repeats, or one from the seeded stream. */
  const uniqueId = (given: string | undefined, next: () => string) => {
    let id = given ?? next();
    while (seen.has(id)) id = given ? `${given}-${seen.size}` : next();
    seen.add(id);
    return id;
  };

  const start = (id: string, machine: AnyStateMachine, input: unknown) => {
    const actor = createActor(machine, {
      input,
      clock: queue.clock,
      ...(record ? { inspect: traceInspector(id, machine.id, () => queue.now, record) } : {}),
    });
    active.set(id, actor);
    started++;
    actor.subscribe({
      next: (snapshot: { status: string; output?: unknown }) => {
        if (snapshot.status !== 'done') return;
        active.delete(id);
        finished++;
        listeners.outcome?.(snapshot.output as Outcome, queue.now);
        if (finished % progressEvery === 0) listeners.progress?.({ time: queue.now, started, finished });
      },
      // xstate would rethrow from a real timer, outside the run: keep it and fail the run with it.
      error: (err: unknown) => {
        failure ??= err;
      },
    });
    actor.start();
  };

  /** One trade, sent once per variant: twins share the trade and its id, suffixed by the variant. */
  const startPayment = (order: PaymentOrder) => {
    const base = uniqueId(order.id, nextPaymentId);
    const payer = participants.get(order.from)!;
    const payee = participants.get(order.to)!;
    if (payer.country !== 'RU' && payee.country === 'RU') {
      // From abroad to a Russian exporter: invoiced in the coin, sold by NPCS for RUB.
      const coin = order.amount.asset.code;
      const payment: PaymentSpec = { id: base, payer, payee, amount: order.amount, rail: 'pilot', settlement: 'sequential', coin, chain: order.chain, initiatedAt: queue.now };
      start(base, crossBorderReceipt, { payment, ports: receiptPorts, inclusionTimeoutMs: limitsByChain.get(order.chain)!.inclusionTimeoutMs });
      return;
    }
    for (const v of order.variants) {
      const id = v.tag === '' ? base : uniqueId(`${base}-${v.tag}`, nextPaymentId);
      const payment: PaymentSpec = {
        id,
        payer: participants.get(order.from)!,
        payee: participants.get(order.to)!,
        amount: order.amount,
        rail: v.rail,
        settlement: v.settlement,
        coin: order.coin,
        chain: order.chain,
        initiatedAt: queue.now,
      };
      if (v.rail === 'correspondent') start(id, correspondentPayment, { payment, ports: correspondentPorts! });
      else start(id, crossBorderPayment, { payment, ports: crossBorderPorts, limits: limitsByChain.get(order.chain)! });
    }
  };

  const startOrder = (o: RetailOrder) => {
    const id = uniqueId(o.id, nextOrderId);
    const order: OrderSpec = { id, participant: participants.get(o.by)!, coin: o.coin, amount: o.amount, initiatedAt: queue.now };
    if (o.side === 'buy') start(id, retailPurchase, { order, ports: retailPorts, maxQuoteAttempts });
    else start(id, cryptoSale, { order, ports: retailPorts });
  };

  // Mined coin arrives on each miner's schedule, from the block-rewards account outside the rail.
  // Rewards keep coming only while other work is queued: they alone must not keep the run alive.
  let pendingRewards = 0;
  // A clearing cycle in progress has one timer queued at any moment; like rewards, it is not work.
  let cycleRunning = 0;
  const background = () => pendingRewards + cycleRunning;
  s.participants.forEach((p) => {
    if (!p.mining) return;
    const miner = participants.get(p.id)!;
    const every = ms(p.mining.every);
    const reward = amountSampler(assets, p.mining.reward, streams.stream(`mining/${p.id}`));
    const next = () => {
      pendingRewards++;
      queue.after(every, () => {
        pendingRewards--;
        ledger.post({ time: queue.now, flow: miningFlow(p.id), kind: 'mining.reward', postings: transfer(BLOCK_REWARDS_ACCOUNT, custodyAccount(miner), reward()), memo: 'mined coin' });
        if (queue.size - background() > 0) next();
      });
    };
    next();
  });

  // One pending arrival per source on the queue; each arrival schedules its source's next.
  for (const source of orderSources(s, assets, streams, populations)) {
    const scheduleNext = () => {
      const next = source.next();
      if (next.done) return;
      const item = next.value;
      queue.at(item.order.at, () => {
        if (item.kind === 'payment') startPayment(item.order);
        else startOrder(item.order);
        scheduleNext();
      });
    };
    scheduleNext();
  }

  if (clearing && s.clearing) {
    const book = clearing;
    const clearingPorts = new ClearingRails(book, queue, 0);
    const cycleMs = ms(s.clearing.cycle);
    let n = 0;
    const startCycle = () => {
      const cycleId = clearingCycleFlow(++n);
      const actor = createActor(clearingCycle, { input: { cycleId, cycleMs, ports: clearingPorts }, clock: queue.clock });
      cycleRunning = 1;
      actor.subscribe({
        next: (snapshot: { status: string; output?: unknown }) => {
          if (snapshot.status !== 'done') return;
          cycleRunning = 0;
          listeners.cycle?.(snapshot.output as ClearingCycleOutcome, queue.now);
          // Cycles run while other work is queued, and one more after the last obligation.
          if (queue.size - background() > 0 || book.pending > 0) startCycle();
        },
        error: (err: unknown) => {
          failure ??= err;
        },
      });
      actor.start();
    };
    startCycle();
  }

  const rethrow = () => {
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`a flow failed: ${JSON.stringify(failure)}`);
  };
  while (queue.step()) rethrow();
  rethrow();
  if (active.size > 0) {
    const stuck = [...active.entries()].slice(0, 5).map(([id, a]) => `${id} in ${JSON.stringify((a.getSnapshot() as { value: unknown }).value)}`);
    throw new Error(`${active.size} flows never reached a final state: ${stuck.join('; ')}`);
  }
  if (ledger.pendingHolds > 0) throw new Error(`${ledger.pendingHolds} holds were left pending at the end of the run`);
  listeners.progress?.({ time: queue.now, started, finished });
  return {
    seed,
    started,
    finished,
    startTime,
    endTime: queue.now,
    entries,
    balances: ledger.allBalances(),
    regime,
    caps,
    participants,
    duplicatesDropped: crossBorderMessages.duplicatesDropped + retailMessages.duplicatesDropped + correspondentMessages.duplicatesDropped + receiptMessages.duplicatesDropped,
    prices,
    clearing,
  };
}

/** Stablecoins and the currency each is pegged to, from the known assets and the scenario's own. */
function KNOWN_PEGS(assets: Assets, s: Scenario): Map<string, string> {
  const pegs = new Map<string, string>();
  const codes = new Set([...Object.keys(s.assets ?? {}), ...Object.keys(s.markets).map((k) => parseMarketKey(k).base)]);
  for (const code of codes) {
    const peg = assets.get(code).peg;
    if (peg) pegs.set(code, peg);
  }
  return pegs;
}

/** The correspondent channel with the scenario's parameters over the defaults, if any payment uses it. */
function correspondentRailsFor(s: Scenario, assets: Assets, deps: Omit<ConstructorParameters<typeof CorrespondentRails>[0], 'params'>): CorrespondentRails | undefined {
  const used = s.payments.some((p) => [('generate' in p ? p.generate.rail : p.rail) ?? 'pilot'].flat().includes('correspondent'));
  if (!used) return undefined;
  const c = { ...CORRESPONDENT_DEFAULTS, ...s.correspondent };
  const window = (w: { min: string; max: string }) => ({ min: ms(w.min), max: ms(w.max) });
  return new CorrespondentRails({
    ...deps,
    params: {
      feeFixed: assets.amount(c.feeFixed),
      feeBps: new Dec(c.feeBps),
      fxSpreadBps: new Dec(c.fxSpreadBps),
      settlementMs: window(c.settlement),
      rejection: c.rejection,
      rejectionAfterMs: window(c.rejectionAfter),
      returnFee: assets.amount(c.returnFee),
    },
  });
}
