// The runner: builds the rails a scenario describes, opens and funds their accounts, feeds the
// payment orders to cross-border flows on the simulated clock, and hands every journal entry,
// transition and outcome to the caller as it happens. A flow that ends releases its actor.

import { createActor, type Actor } from 'xstate';
import { type Amount } from '../money/index.js';
import { Ledger, accountId, transfer, type AccountId, type JournalEntry } from '../ledger/index.js';
import { EventQueue, RandomStreams, idGenerator, traceInspector, type TraceRecord } from '../sim/index.js';
import { bankAccount, beneficiaryAccount, custodyAccount, type Participant, type ParticipantId } from '../rails/participants/participant.js';
import { FROZEN_ACCOUNT, SanctionsList } from '../rails/compliance/sanctions.js';
import { Banks } from '../rails/bank/bank.js';
import { Exchange } from '../rails/exchange/exchange.js';
import { NpcsGateway } from '../rails/npcs/gateway.js';
import { Chain } from '../rails/chain/chain.js';
import { Offramp } from '../rails/offramp/offramp.js';
import { crossBorderPayment } from '../flows/crossBorderPayment.js';
import { CrossBorderRails } from '../flows/crossBorderRails.js';
import type { PaymentOutcome, PaymentSpec } from '../flows/payment.js';
import { Assets, DEFAULTS, at, dec, ms } from './model.js';
import { orderSources, type PaymentOrder } from './workload.js';
import type { Scenario } from './schema.js';

export const FUNDING_ACCOUNT: AccountId = accountId('external', 'funding');
export const MACHINE = 'crossBorderPayment';

export interface RunListeners {
  entry?(entry: JournalEntry): void;
  trace?(record: TraceRecord): void;
  outcome?(outcome: PaymentOutcome, finalAt: number): void;
  /** Called every `progressEvery` finished payments, and once at the end. */
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
  ledger.open(FROZEN_ACCOUNT, 'nonNegative');
  const fund = (to: AccountId, amount: Amount, memo: string) => {
    if (amount.minor > 0n) ledger.post({ time: startTime, flow: 'setup', kind: 'funding', postings: transfer(FUNDING_ACCOUNT, to, amount), memo });
  };

  const participants = new Map<string, Participant>();
  for (const p of s.participants) {
    const participant: Participant = { id: p.id as ParticipantId, kind: p.kind, country: p.country, ...(p.bank ? { bank: p.bank } : {}) };
    participants.set(p.id, participant);
    if (p.bank) ledger.open(bankAccount(participant), 'nonNegative');
    ledger.open(custodyAccount(participant), 'nonNegative');
    ledger.open(beneficiaryAccount(participant), 'nonNegative');
    for (const [code, value] of Object.entries(p.balances ?? {})) {
      const amount = assets.value(value, code);
      fund(code === 'RUB' ? bankAccount(participant) : custodyAccount(participant), amount, `opening balance of ${p.id}`);
    }
  }

  const rails = s.rails ?? {};
  const banks = new Banks(ledger, queue, ms(rails.holdTimeout ?? DEFAULTS.holdTimeout));
  const exchanges = new Map<string, Exchange>();
  const offramps = new Map<string, Offramp>();
  for (const [pair, m] of Object.entries(s.markets)) {
    const [base, quote] = pair.split('/') as [string, string];
    if (quote === 'RUB') {
      const coin = assets.get(base);
      const exchange = new Exchange(
        {
          venue: 'spb',
          coin,
          fiat: assets.get(quote),
          mid: dec(m.mid),
          spreadBps: dec(m.spreadBps),
          slippageBps: dec(m.slippageBps ?? DEFAULTS.slippageBps),
          quoteTtlMs: ms(m.quoteTtl ?? DEFAULTS.quoteTtl),
          depth: assets.value(m.depth ?? DEFAULTS.depth, base),
        },
        ledger,
      );
      exchanges.set(base, exchange);
      fund(exchange.account, exchange.params.depth, `${pair} inventory`);
    } else {
      const offramp = new Offramp(
        { coin: assets.get(base), currency: assets.get(quote), mid: dec(m.mid), spreadBps: dec(m.spreadBps), delayMs: ms(m.delay ?? DEFAULTS.offrampDelay) },
        ledger,
      );
      offramps.set(pair, offramp);
      fund(offramp.account, assets.value(m.liquidity ?? DEFAULTS.offrampLiquidity, quote), `${pair} payout liquidity`);
    }
  }
  const chains = new Map<string, Chain>();
  for (const [name, c] of Object.entries(s.chains)) {
    const halts = (s.faults ?? []).filter((f) => f.kind === 'chainHalt' && f.chain === name).map((f) => ({ from: at(f.at), to: at(f.at) + ms(f.for) }));
    chains.set(name, new Chain({ id: name, blockTimeMs: ms(c.blockTime), confirmations: c.confirmations, fee: assets.amount(c.fee), halts, epoch: startTime }, ledger, queue));
  }
  const sanctions = new SanctionsList(
    (s.sanctions ?? []).map((e) => (typeof e === 'string' ? { party: e, from: -Infinity } : { party: e.party, from: at(e.from) })),
  );
  const npcs = new NpcsGateway(ledger, banks, exchanges);
  const ports = new CrossBorderRails({
    queue,
    ledger,
    latencyStream: streams.stream('rails/latency'),
    latencies: {
      screeningMs: ms(rails.screeningLatency ?? DEFAULTS.screeningLatency),
      bankMs: ms(rails.bankLatency ?? DEFAULTS.bankLatency),
      exchangeMs: ms(rails.exchangeLatency ?? DEFAULTS.exchangeLatency),
    },
    sanctions,
    banks,
    npcs,
    chains,
    offramps,
  });
  const limitsByChain = new Map(
    Object.entries(s.chains).map(([name, c]) => [
      name,
      { maxQuoteAttempts: rails.maxQuoteAttempts ?? DEFAULTS.maxQuoteAttempts, inclusionTimeoutMs: ms(c.inclusionTimeout ?? DEFAULTS.inclusionTimeout) },
    ]),
  );

  const nextId = idGenerator(streams.stream('ids/payments'), 'pay-');
  const active = new Map<string, Actor<typeof crossBorderPayment>>();
  const seen = new Set<string>();
  let started = 0;
  let finished = 0;
  const progressEvery = options.progressEvery ?? 1000;

  const record = listeners.trace ? (r: TraceRecord) => listeners.trace!(r) : undefined;
  const startPayment = (order: PaymentOrder) => {
    let id = order.id ?? nextId();
    while (seen.has(id)) id = order.id ? `${order.id}-${seen.size}` : nextId();
    seen.add(id);
    const payment: PaymentSpec = {
      id,
      payer: participants.get(order.from)!,
      payee: participants.get(order.to)!,
      amount: order.amount,
      coin: order.coin,
      chain: order.chain,
      initiatedAt: queue.now,
    };
    const actor = createActor(crossBorderPayment, {
      input: { payment, ports, limits: limitsByChain.get(order.chain)! },
      clock: queue.clock,
      ...(record ? { inspect: traceInspector(id, MACHINE, () => queue.now, record) } : {}),
    });
    active.set(id, actor);
    started++;
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot.status !== 'done') return;
        active.delete(id);
        finished++;
        listeners.outcome?.(snapshot.output, queue.now);
        if (finished % progressEvery === 0) listeners.progress?.({ time: queue.now, started, finished });
      },
      error: (err) => {
        throw err;
      },
    });
    actor.start();
  };

  // One pending arrival per source on the queue; each arrival schedules its source's next.
  for (const source of orderSources(s, assets, streams)) {
    const scheduleNext = () => {
      const next = source.next();
      if (next.done) return;
      queue.at(next.value.at, () => {
        startPayment(next.value);
        scheduleNext();
      });
    };
    scheduleNext();
  }

  while (queue.step()) {
    /* every event runs inside step */
  }
  if (active.size > 0) {
    const stuck = [...active.entries()].slice(0, 5).map(([id, a]) => `${id} in ${JSON.stringify(a.getSnapshot().value)}`);
    throw new Error(`${active.size} payments never reached a final state: ${stuck.join('; ')}`);
  }
  if (ledger.pendingHolds > 0) throw new Error(`${ledger.pendingHolds} holds were left pending at the end of the run`);
  listeners.progress?.({ time: queue.now, started, finished });
  return { seed, started, finished, startTime, endTime: queue.now, entries, balances: ledger.allBalances() };
}
