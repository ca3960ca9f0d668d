// The correspondent-banking channel the pilot is measured against: what the old way of paying a
// foreign supplier costs (a flat fee, a percentage taken along the chain of banks, the bank's FX
// spread) and how long and how reliably it takes (days to settle, de-risking rejections on
// sanctioned corridors). Kept apart from the rails so the price can be checked by hand.

import { Dec, add, bps, costOf, rate, sub, times, type Amount, type Dec as Decimal } from '../../money/index.js';
import { accountId, type AccountId } from '../../ledger/index.js';

/** A closed interval of simulated milliseconds a wait is drawn from, uniformly. */
export interface MsWindow {
  readonly min: number;
  readonly max: number;
}

/**
 * A wait drawn from a mixture of windows: a window is picked with its share (the shares sum to
 * 1), then a time uniformly in it. Two or three windows are enough to match published shares such
 * as "90% within an hour" while keeping a tail of days.
 */
export type TimeMix = readonly (MsWindow & { readonly share: number })[];

export interface CorrespondentParams {
  /** The sending bank's flat fee, in RUB; its asset is the RUB the payer pays in. */
  readonly feeFixed: Amount;
  /** Fees the correspondents along the chain take, on the RUB principal. */
  readonly feeBps: Decimal;
  /** Full spread of the bank's RUB->local conversion; the payer pays mid plus half of it. */
  readonly fxSpreadBps: Decimal;
  /** The baseline these parameters come from (src/rails/correspondent/baselines.ts), overrides aside. */
  readonly baseline: string;
  /** The fields the scenario set over its baseline, by their scenario names. */
  readonly overrides: readonly string[];
  /** From the debit to the payment reaching the beneficiary's bank (Swift's "in-flight" leg). */
  readonly toBankMs: TimeMix;
  /** From reaching the beneficiary's bank to the credit on the customer's account (the "beneficiary leg"). */
  readonly toCustomerMs: TimeMix;
  /** Probability, by the payee's ISO country code, that a correspondent refuses the payment. */
  readonly rejection: Readonly<Record<string, number>>;
  /** From sending to a rejection arriving back. */
  readonly rejectionAfterMs: MsWindow;
  /** RUB the chain withholds from a returned payment, at most what is returned. */
  readonly returnFee: Amount;
}

export interface CorrespondentPrice {
  /** RUB the bank converts, at its ask: what the beneficiary's amount costs. */
  readonly principal: Amount;
  /** Part of the principal that is the bank's spread over mid. */
  readonly fxSpread: Amount;
  /** Flat fee plus the chain's percentage. */
  readonly fees: Amount;
  /** What the payer is debited. */
  readonly total: Amount;
}

/** RUB sent abroad and not yet settled: the days a payment spends between banks. */
export const IN_FLIGHT_ACCOUNT: AccountId = accountId('correspondent', 'in-flight');
/** Fee income of the sending and correspondent banks, return fees included. */
export const FEES_ACCOUNT: AccountId = accountId('correspondent', 'fees');
/** Where RUB leave the rail abroad and the beneficiary's local currency comes from. */
export const NETWORK_ACCOUNT: AccountId = accountId('external', 'correspondent-network');

/** Latencies are clamped to this many times typical (src/sim/latency.ts). */
const LATENCY_CEILING = 3;

/**
 * What the payer pays for the beneficiary to receive `amount`, with `rubPerLocal` the mid (RUB
 * for one unit of the local currency). Each figure is rounded half-even to kopecks on its own,
 * so the bank's books and the payer's statement agree to the kopeck.
 */
export function priceCorrespondent(amount: Amount, rubPerLocal: Decimal, params: CorrespondentParams): CorrespondentPrice {
  if (amount.minor <= 0n) throw new Error(`a correspondent payment needs a positive amount, got ${amount.minor} minor ${amount.asset.code}`);
  const rub = params.feeFixed.asset;
  const ask = new Dec(rubPerLocal).mul(new Dec(1).plus(bps(params.fxSpreadBps).div(2)));
  const principal = costOf(amount, rate(amount.asset, rub, ask), rub);
  const atMid = costOf(amount, rate(amount.asset, rub, rubPerLocal), rub);
  const fees = add(params.feeFixed, times(principal, bps(params.feeBps)));
  return { principal, fxSpread: sub(principal, atMid), fees, total: add(principal, fees) };
}

/** What the chain keeps of a returned principal: the return fee, but never more than comes back. */
export function withheldOnReturn(principal: Amount, params: CorrespondentParams): Amount {
  return params.returnFee.minor < principal.minor ? params.returnFee : principal;
}

/** The probability a payment to `country` is rejected; corridors not named never are. */
export function rejectionChance(country: string, params: CorrespondentParams): number {
  return params.rejection[country] ?? 0;
}

/**
 * A wait from `mix`, given a uniform draw in [0, 1) that picks the window and a uniform whole-ms
 * draw within it. Both draws are always made by the caller, so a mix does not shift other draws.
 */
export function pickWindow(mix: TimeMix, u: number): MsWindow {
  let acc = 0;
  for (const w of mix) {
    acc += w.share;
    if (u < acc) return w;
  }
  return mix[mix.length - 1]!;
}

/** The longest wait a mix can give. */
export function mixMaxMs(mix: TimeMix): number {
  return Math.max(0, ...mix.map((w) => w.max));
}

/** Says what is wrong with the parameters, or undefined: a bad window or probability would make a run lie. */
export function checkCorrespondentParams(params: CorrespondentParams): string | undefined {
  if (params.returnFee.asset.code !== params.feeFixed.asset.code) return `returnFee is in ${params.returnFee.asset.code}, feeFixed in ${params.feeFixed.asset.code}`;
  if (params.feeFixed.minor < 0n || params.returnFee.minor < 0n) return 'fees cannot be negative';
  if (params.feeBps.isNeg() || params.fxSpreadBps.isNeg()) return 'feeBps and fxSpreadBps cannot be negative';
  const windows = [...params.toBankMs.map((w) => ['toBankMs', w] as const), ...params.toCustomerMs.map((w) => ['toCustomerMs', w] as const), ['rejectionAfterMs', params.rejectionAfterMs] as const];
  for (const [name, w] of windows) {
    if (!Number.isInteger(w.min) || !Number.isInteger(w.max) || w.min < 0 || w.max < w.min) return `${name} must be whole ms with 0 <= min <= max, got ${w.min}..${w.max}`;
  }
  for (const [name, mix] of [['toBankMs', params.toBankMs], ['toCustomerMs', params.toCustomerMs]] as const) {
    const total = mix.reduce((a, w) => a + w.share, 0);
    if (mix.length === 0 || mix.some((w) => !(w.share > 0)) || Math.abs(total - 1) > 1e-9) return `${name} needs windows with positive shares summing to 1, got ${mix.map((w) => w.share).join(' + ') || 'none'}`;
  }
  for (const [country, p] of Object.entries(params.rejection)) {
    if (!(p >= 0 && p <= 1)) return `rejection for ${country} must be a probability from 0 to 1, got ${p}`;
  }
  return undefined;
}

/**
 * The longest a correspondent payment can take to reach a final state: screening and the debit
 * at their latency ceiling, then either settlement, or a rejection and the return booked by the
 * bank. Loose on purpose: it bounds, it does not predict.
 */
export function correspondentBoundMs(params: Pick<CorrespondentParams, 'toBankMs' | 'toCustomerMs' | 'rejectionAfterMs'>, latencies: { readonly screeningMs: number; readonly bankMs: number }): number {
  const c = LATENCY_CEILING;
  const rejected = params.rejectionAfterMs.max + c * latencies.bankMs;
  return c * latencies.screeningMs + c * latencies.bankMs + Math.max(mixMaxMs(params.toBankMs) + mixMaxMs(params.toCustomerMs), rejected);
}
