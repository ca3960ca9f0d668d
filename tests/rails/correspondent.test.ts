// The correspondent channel over a real ledger and event queue: the price to the kopeck, the
// balances each way a payment can end leaves behind, and the days it takes, all checked against
// figures worked out by hand.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { correspondentPayment, type CorrespondentOutcome } from '../../src/flows/correspondentPayment/index.js';
import { CorrespondentRails } from '../../src/flows/correspondentPayment/index.js';
import type { PaymentSpec } from '../../src/flows/payment.js';
import {
  FEES_ACCOUNT,
  IN_FLIGHT_ACCOUNT,
  NETWORK_ACCOUNT,
  checkCorrespondentParams,
  correspondentBoundMs,
  priceCorrespondent,
  withheldOnReturn,
  type CorrespondentParams,
} from '../../src/rails/correspondent/correspondent.js';
import { FROZEN_ACCOUNT, SanctionsList, type Listing } from '../../src/rails/compliance/sanctions.js';
import { bankAccount, beneficiaryAccount, type Participant, type ParticipantId } from '../../src/rails/participants/participant.js';
import { Ledger, accountId, sumsByAsset, transfer, type JournalEntry } from '../../src/ledger/index.js';
import { EventQueue, Messenger, RandomStream, type DuplicateFault } from '../../src/sim/index.js';
import { Dec, amountOf, defineAsset, type Amount, type Dec as Decimal } from '../../src/money/index.js';

const RUB = defineAsset('RUB', 2);
const CNY = defineAsset('CNY', 2);
const INR = defineAsset('INR', 2);
const rub = (minor: bigint) => amountOf(RUB, minor);
const T0 = Date.UTC(2024, 9, 1, 9);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEPOSITS = accountId('external', 'deposits');

const PARAMS: CorrespondentParams = {
  feeFixed: rub(150_000n), // 1 500.00 RUB
  feeBps: new Dec(15),
  fxSpreadBps: new Dec(200),
  baseline: 'test',
  overrides: [],
  toBankMs: [{ share: 1, min: DAY, max: 3 * DAY }],
  toCustomerMs: [{ share: 1, min: 0, max: 0 }],
  rejection: { CN: 0, IN: 1 },
  rejectionAfterMs: { min: 4 * HOUR, max: 2 * DAY },
  returnFee: rub(500_000n), // 5 000.00 RUB
};
const SCREENING_MS = 500;
const BANK_MS = 2_000;
/** RUB per CNY at mid, and per INR. */
const MID: Record<string, Decimal> = { CNY: new Dec('12.8'), INR: new Dec('1.1') };

/*
 * 100 000.00 CNY at 12.8 RUB mid, 200 bps full spread: the bank asks 12.8 * 1.01 = 12.928.
 *   principal 1 292 800.00 RUB; at mid 1 280 000.00, so the spread is 12 800.00
 *   fees 1 500.00 + 15 bps of 1 292 800.00 (1 939.20) = 3 439.20
 *   total 1 296 239.20
 */
const CNY_100K = amountOf(CNY, 10_000_000n);
const PRINCIPAL = rub(129_280_000n);
const SPREAD = rub(1_280_000n);
const FEES = rub(343_920n);
const TOTAL = rub(129_623_920n);
const START = rub(200_000_000n); // the payer's 2 000 000.00 RUB

const acme: Participant = { id: 'acme' as ParticipantId, kind: 'company', country: 'RU', bank: 'sber' };
const wei: Participant = { id: 'wei-trading' as ParticipantId, kind: 'company', country: 'CN' };
const mumbai: Participant = { id: 'mumbai-steel' as ParticipantId, kind: 'company', country: 'IN' };
const dubai: Participant = { id: 'gulf-parts' as ParticipantId, kind: 'company', country: 'AE' };

function payment(id: string, payee: Participant = wei, amount: Amount = CNY_100K): PaymentSpec {
  return { id, payer: acme, payee, amount, rail: 'correspondent', settlement: 'sequential', coin: 'USDT', chain: 'tron', initiatedAt: T0 };
}

interface World {
  listings?: Listing[];
  params?: Partial<CorrespondentParams>;
  start?: Amount;
  seed?: number;
  faults?: DuplicateFault[];
}

function world(w: World = {}) {
  const queue = new EventQueue(T0);
  const ledger = new Ledger(accountId('banks', 'holds'));
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  ledger.open(DEPOSITS, 'external');
  ledger.open(bankAccount(acme), 'nonNegative');
  for (const p of [wei, mumbai, dubai]) ledger.open(beneficiaryAccount(p), 'nonNegative');
  const start = w.start ?? START;
  if (start.minor > 0n) ledger.post({ time: T0, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, bankAccount(acme), start) });
  const seed = w.seed ?? 7;
  const messenger = new Messenger(queue, new RandomStream('latency', seed), new RandomStream('faults', seed), w.faults ?? []);
  const rateAsks: { currency: string; t: number }[] = [];
  const rails = new CorrespondentRails({
    queue,
    messenger,
    ledger,
    sanctions: new SanctionsList(w.listings ?? []),
    params: { ...PARAMS, ...w.params },
    draws: new RandomStream('correspondent', seed),
    rubPerLocal: (currency, t) => {
      rateAsks.push({ currency, t });
      return MID[currency]!;
    },
    screeningMs: SCREENING_MS,
    bankMs: BANK_MS,
  });

  /** Runs the payments side by side on one clock until every one has ended. */
  function pay(...payments: PaymentSpec[]): CorrespondentOutcome[] {
    const actors = payments.map((p) => createActor(correspondentPayment, { input: { payment: p, ports: rails }, clock: queue.clock }));
    const doneAt = new Map<string, number>();
    actors.forEach((a, i) =>
      a.subscribe((s) => {
        if (s.status === 'done' && !doneAt.has(payments[i]!.id)) doneAt.set(payments[i]!.id, queue.now);
      }),
    );
    for (const a of actors) a.start();
    while (queue.step());
    expect(queue.size).toBe(0);
    return actors.map((a) => {
      const s = a.getSnapshot();
      expect(s.status).toBe('done');
      return s.output!;
    });
  }

  const bal = (account: Parameters<Ledger['balance']>[0], asset = 'RUB') => ledger.balance(account, asset);
  return { queue, ledger, entries, pay, bal, rateAsks };
}

/** Every entry balances per asset (the ledger refuses any other, so this guards the test too). */
function allBalanced(entries: readonly JournalEntry[]): void {
  for (const e of entries) for (const [, s] of sumsByAsset(e.postings)) expect(s.minor, `${e.id} ${e.kind}`).toBe(0n);
}

const flowEntries = (entries: readonly JournalEntry[], flow: string) => entries.filter((e) => e.flow === flow);

describe('priceCorrespondent', () => {
  it('prices at the ask, half the spread above mid, and fees on the principal', () => {
    expect(priceCorrespondent(CNY_100K, new Dec('12.8'), PARAMS)).toEqual({ principal: PRINCIPAL, fxSpread: SPREAD, fees: FEES, total: TOTAL });
  });

  it('rounds each figure half-even to kopecks', () => {
    const flat = { ...PARAMS, fxSpreadBps: new Dec(0), feeFixed: rub(0n), feeBps: new Dec(100) };
    const one = amountOf(CNY, 100n);
    // 12.345 is a tie: to the even kopeck, 12.34 (half-up would say 12.35); 12.355 -> 12.36
    expect(priceCorrespondent(one, new Dec('12.345'), flat).principal).toEqual(rub(1_234n));
    expect(priceCorrespondent(one, new Dec('12.355'), flat).principal).toEqual(rub(1_236n));
    // 100 bps of 2.50 is 0.025, a tie: 0.02; of 1.50 is 0.015: 0.02
    expect(priceCorrespondent(one, new Dec('2.5'), flat).fees).toEqual(rub(2n));
    expect(priceCorrespondent(one, new Dec('1.5'), flat).fees).toEqual(rub(2n));
    // 1.00 CNY at 12.8 with the full params: ask 12.928 -> 12.93; mid 12.80; fees 1 500.00 + 0.019395 -> 1 500.02
    expect(priceCorrespondent(one, new Dec('12.8'), PARAMS)).toEqual({ principal: rub(1_293n), fxSpread: rub(13n), fees: rub(150_002n), total: rub(151_295n) });
  });

  it('refuses a zero amount', () => {
    expect(() => priceCorrespondent(amountOf(CNY, 0n), new Dec('12.8'), PARAMS)).toThrow(/positive/);
  });

  it('withholds the return fee, capped at the principal', () => {
    expect(withheldOnReturn(PRINCIPAL, PARAMS)).toEqual(rub(500_000n));
    expect(withheldOnReturn(rub(1_293n), PARAMS)).toEqual(rub(1_293n));
  });

  it('checkCorrespondentParams names bad windows and probabilities', () => {
    expect(checkCorrespondentParams(PARAMS)).toBeUndefined();
    expect(checkCorrespondentParams({ ...PARAMS, toBankMs: [{ share: 1, min: 2, max: 1 }] })).toMatch(/toBankMs/);
    expect(checkCorrespondentParams({ ...PARAMS, toCustomerMs: [{ share: 0.5, min: 0, max: 1 }] })).toMatch(/toCustomerMs.*sum/);
    expect(checkCorrespondentParams({ ...PARAMS, rejection: { CN: 1.5 } })).toMatch(/CN/);
    expect(checkCorrespondentParams({ ...PARAMS, returnFee: amountOf(CNY, 1n) })).toMatch(/returnFee/);
  });

  it('correspondentBoundMs covers screening, debit and the slower of settling or being returned', () => {
    // 3 * 500 + 3 * 2 000 + max(3 days, 2 days + 3 * 2 000)
    expect(correspondentBoundMs(PARAMS, { screeningMs: SCREENING_MS, bankMs: BANK_MS })).toBe(1_500 + 6_000 + 3 * DAY);
  });
});

describe('CorrespondentRails', () => {
  it('opens its accounts with the right kinds', () => {
    const { ledger } = world();
    expect(ledger.kindOf(IN_FLIGHT_ACCOUNT)).toBe('nonNegative');
    expect(ledger.kindOf(FEES_ACCOUNT)).toBe('nonNegative');
    expect(ledger.kindOf(NETWORK_ACCOUNT)).toBe('external');
    expect(ledger.kindOf(FROZEN_ACCOUNT)).toBe('nonNegative');
    expect([IN_FLIGHT_ACCOUNT, FEES_ACCOUNT, NETWORK_ACCOUNT]).toEqual(['correspondent:in-flight', 'correspondent:fees', 'external:correspondent-network']);
  });

  it('settled: the payer pays principal and fees, the beneficiary gets the amount, in-flight ends empty', () => {
    const { pay, bal, entries, rateAsks } = world();
    const [out] = pay(payment('pay-1'));
    expect(out).toMatchObject({ status: 'settled', reason: null, paid: TOTAL, fees: FEES, fxSpread: SPREAD, refunded: null, frozen: null });
    expect(bal(bankAccount(acme))).toBe(200_000_000n - 129_623_920n); // 703 760.80
    expect(bal(IN_FLIGHT_ACCOUNT)).toBe(0n);
    expect(bal(FEES_ACCOUNT)).toBe(343_920n);
    expect(bal(NETWORK_ACCOUNT)).toBe(129_280_000n);
    expect(bal(NETWORK_ACCOUNT, 'CNY')).toBe(-10_000_000n);
    expect(bal(beneficiaryAccount(wei), 'CNY')).toBe(10_000_000n);
    allBalanced(entries);

    const [debit, credit, ...rest] = flowEntries(entries, 'pay-1');
    expect(rest).toEqual([]);
    expect(debit!.kind).toBe('correspondent.debited');
    expect(debit!.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      [bankAccount(acme), -129_623_920n],
      [IN_FLIGHT_ACCOUNT, 129_280_000n],
      [FEES_ACCOUNT, 343_920n],
    ]);
    expect(credit!.kind).toBe('correspondent.credited');
    expect(credit!.postings.map((p) => [p.account, p.amount.minor, p.amount.asset.code])).toEqual([
      [IN_FLIGHT_ACCOUNT, -129_280_000n, 'RUB'],
      [NETWORK_ACCOUNT, 129_280_000n, 'RUB'],
      [NETWORK_ACCOUNT, -10_000_000n, 'CNY'],
      [beneficiaryAccount(wei), 10_000_000n, 'CNY'],
    ]);
    // paidAt is the debit; the rate is the one of that moment; credit within the settlement window
    expect(out!.paidAt).toBe(debit!.time);
    expect(rateAsks).toEqual([{ currency: 'CNY', t: debit!.time }]);
    // screening and debit each take between 0.5x and 3x typical
    expect(debit!.time - T0).toBeGreaterThanOrEqual(0.5 * (SCREENING_MS + BANK_MS));
    expect(debit!.time - T0).toBeLessThanOrEqual(3 * (SCREENING_MS + BANK_MS));
    expect(credit!.time - debit!.time).toBeGreaterThanOrEqual(DAY);
    expect(credit!.time - debit!.time).toBeLessThanOrEqual(3 * DAY);
  });

  it('funds.insufficient one kopeck short: nothing is posted; exactly the total is enough', () => {
    const short = world({ start: rub(TOTAL.minor - 1n) });
    expect(short.pay(payment('pay-1'))[0]).toMatchObject({ status: 'rejected', reason: 'funds.insufficient', paid: null, paidAt: null });
    expect(flowEntries(short.entries, 'pay-1')).toEqual([]);
    expect(short.bal(bankAccount(acme))).toBe(TOTAL.minor - 1n);

    const exact = world({ start: TOTAL });
    expect(exact.pay(payment('pay-1'))[0]!.status).toBe('settled');
    expect(exact.bal(bankAccount(acme))).toBe(0n);
  });

  it.each([
    ['wei-trading', 'payee'],
    ['acme', 'payer'],
  ])('sanctions.blocked:%s (the %s listed before the order): nothing is posted', (party) => {
    const { pay, entries, bal } = world({ listings: [{ party, from: -Infinity }] });
    expect(pay(payment('pay-1'))[0]).toMatchObject({ status: 'rejected', reason: `sanctions.blocked:${party}`, paid: null });
    expect(flowEntries(entries, 'pay-1')).toEqual([]);
    expect(bal(bankAccount(acme))).toBe(START.minor);
  });

  it('frozen: the payee listed while in the chain; the principal goes to the frozen account, the fees stay earned', () => {
    const { pay, bal, entries } = world({ listings: [{ party: 'wei-trading', from: T0 + HOUR }] });
    const [out] = pay(payment('pay-1'));
    expect(out).toMatchObject({ status: 'frozen', reason: 'sanctions.frozen:wei-trading', paid: TOTAL, frozen: PRINCIPAL, refunded: null });
    expect(bal(bankAccount(acme))).toBe(START.minor - TOTAL.minor);
    expect(bal(FROZEN_ACCOUNT)).toBe(129_280_000n);
    expect(bal(IN_FLIGHT_ACCOUNT)).toBe(0n);
    expect(bal(FEES_ACCOUNT)).toBe(343_920n);
    expect(bal(beneficiaryAccount(wei), 'CNY')).toBe(0n);
    expect(bal(NETWORK_ACCOUNT)).toBe(0n);
    expect(flowEntries(entries, 'pay-1').map((e) => e.kind)).toEqual(['correspondent.debited', 'compliance.frozen']);
    allBalanced(entries);
  });

  it('refunded: a corridor with rejection 1 returns the principal less the return fee; fees and the fee withheld stay with the banks', () => {
    const { pay, bal, entries } = world();
    const [out] = pay(payment('pay-1', mumbai, amountOf(INR, 10_000_000n)));
    /*
     * 100 000.00 INR at 1.1 mid: ask 1.111 -> principal 111 100.00, at mid 110 000.00, spread 1 100.00;
     * fees 1 500.00 + 15 bps of 111 100.00 (166.65) = 1 666.65; total 112 766.65;
     * returned 111 100.00 - 5 000.00 = 106 100.00.
     */
    expect(out).toMatchObject({
      status: 'refunded',
      reason: 'correspondent.rejected',
      paid: rub(11_276_665n),
      fees: rub(166_665n),
      fxSpread: rub(110_000n),
      refunded: rub(10_610_000n),
      frozen: null,
    });
    expect(bal(bankAccount(acme))).toBe(200_000_000n - 11_276_665n + 10_610_000n);
    expect(bal(FEES_ACCOUNT)).toBe(166_665n + 500_000n);
    expect(bal(IN_FLIGHT_ACCOUNT)).toBe(0n);
    expect(bal(beneficiaryAccount(mumbai), 'INR')).toBe(0n);
    expect(bal(NETWORK_ACCOUNT)).toBe(0n);
    const [debit, returned, ...rest] = flowEntries(entries, 'pay-1');
    expect(rest).toEqual([]);
    expect(returned!.kind).toBe('correspondent.returned');
    expect(returned!.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      [IN_FLIGHT_ACCOUNT, -11_110_000n],
      [bankAccount(acme), 10_610_000n],
      [FEES_ACCOUNT, 500_000n],
    ]);
    // the rejection arrives within its window, then the bank books the return within its latency
    const took = returned!.time - debit!.time;
    expect(took).toBeGreaterThanOrEqual(4 * HOUR + 0.5 * BANK_MS);
    expect(took).toBeLessThanOrEqual(2 * DAY + 3 * BANK_MS);
    allBalanced(entries);
  });

  it('refunded with nothing back when the return fee is larger than the principal', () => {
    const { pay, bal, entries } = world();
    // 1.00 INR: ask 1.111 -> principal 1.11; fees 1 500.00 + 0.0016650 -> 1 500.00; total 1 501.11
    const [out] = pay(payment('pay-1', mumbai, amountOf(INR, 100n)));
    expect(out).toMatchObject({ status: 'refunded', paid: rub(150_111n), refunded: rub(0n) });
    expect(bal(bankAccount(acme))).toBe(200_000_000n - 150_111n);
    expect(bal(FEES_ACCOUNT)).toBe(150_111n);
    const returned = flowEntries(entries, 'pay-1').at(-1)!;
    expect(returned.postings.map((p) => [p.account, p.amount.minor])).toEqual([
      [IN_FLIGHT_ACCOUNT, -111n],
      [FEES_ACCOUNT, 111n],
    ]);
    allBalanced(entries);
  });

  it('rejection 1 always rejects, 0 and unnamed corridors never do; timings stay within their windows', () => {
    const { pay, entries, bal } = world({ seed: 11 });
    const payments: PaymentSpec[] = [];
    for (let i = 0; i < 20; i++) {
      payments.push(payment(`cn-${i}`, wei, amountOf(CNY, 10_000n)));
      payments.push(payment(`in-${i}`, mumbai, amountOf(INR, 10_000n)));
      payments.push(payment(`ae-${i}`, dubai, amountOf(CNY, 10_000n)));
    }
    const outs = pay(...payments);
    const statusBy = (prefix: string) => new Set(outs.filter((o) => o.id.startsWith(prefix)).map((o) => o.status));
    expect(statusBy('cn-')).toEqual(new Set(['settled']));
    expect(statusBy('ae-')).toEqual(new Set(['settled']));
    expect(statusBy('in-')).toEqual(new Set(['refunded']));
    const settleTimes = new Set<number>();
    for (const o of outs.filter((x) => x.status === 'settled')) {
      const credit = flowEntries(entries, o.id).find((e) => e.kind === 'correspondent.credited')!;
      const took = credit.time - o.paidAt!;
      expect(took).toBeGreaterThanOrEqual(DAY);
      expect(took).toBeLessThanOrEqual(3 * DAY);
      settleTimes.add(took);
    }
    // drawn, not fixed
    expect(settleTimes.size).toBeGreaterThan(30);
    expect(bal(IN_FLIGHT_ACCOUNT)).toBe(0n);
    allBalanced(entries);
  });

  it('a rejection rate between 0 and 1 rejects some and settles others, the same way for the same seed', () => {
    const statuses = (seed: number) =>
      world({ seed, params: { rejection: { CN: 0.5 } } })
        .pay(...Array.from({ length: 40 }, (_, i) => payment(`p-${i}`, wei, amountOf(CNY, 10_000n))))
        .map((o) => o.status);
    const first = statuses(3);
    expect(first.filter((s) => s === 'refunded').length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 'settled').length).toBeGreaterThan(5);
    expect(statuses(3)).toEqual(first);
  });

  it('a message delivered twice debits and returns only once', () => {
    const { pay, entries, bal } = world({ faults: [{ share: 1, from: T0, to: T0 + 10 * DAY }] });
    const [settled, refunded] = pay(payment('pay-1'), payment('pay-2', mumbai, amountOf(INR, 10_000_000n)));
    expect(settled!.status).toBe('settled');
    expect(refunded!.status).toBe('refunded');
    expect(flowEntries(entries, 'pay-1').map((e) => e.kind)).toEqual(['correspondent.debited', 'correspondent.credited']);
    expect(flowEntries(entries, 'pay-2').map((e) => e.kind)).toEqual(['correspondent.debited', 'correspondent.returned']);
    expect(bal(bankAccount(acme))).toBe(200_000_000n - 129_623_920n - 11_276_665n + 10_610_000n);
  });

  it('refuses bad parameters when built', () => {
    expect(() => world({ params: { rejectionAfterMs: { min: DAY, max: HOUR } } })).toThrow(/rejectionAfterMs/);
  });
});
