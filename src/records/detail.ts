// How each flow ended, in full: one line of details.jsonl per line of outcomes.jsonl (same order,
// same id), carrying every amount, price and instant the report values it at. outcomes.jsonl is
// the invariants' view of an outcome; this is the report's. Times are ms since the epoch, amounts
// "12.340000 USDT", prices exact decimal strings. `viewOf` turns a line back into the typed shape
// (Amounts, Decimals) the report's metrics read.

import { z } from 'zod';
import type { Amount, Dec as Decimal } from '../money/index.js';
import { RecentDecimals, amountFrom, amountOrNull, amountText, decimalText } from './text.js';

const amount = amountText;
const maybeAmount = amountText.nullable();
const maybeDec = decimalText.nullable();
const ms = z.number().int();

const paymentSchema = z.object({
  id: z.string(),
  payer: z.string(),
  payee: z.string(),
  amount,
  rail: z.enum(['pilot', 'correspondent']),
  settlement: z.enum(['sequential', 'pvp']),
  coin: z.string(),
  chain: z.string(),
  initiatedAt: ms,
});

const paymentStatus = z.enum(['settled', 'rejected', 'refunded', 'frozen']);
const head = { id: z.string(), reason: z.string().nullable(), finalAt: ms };

export const detailSchema = z.discriminatedUnion('flow', [
  z.object({
    flow: z.literal('crossBorderPayment'),
    ...head,
    status: paymentStatus,
    payment: paymentSchema,
    paid: maybeAmount,
    paidAt: ms.nullable(),
    fillMid: maybeDec,
    quotedOfframpMid: maybeDec,
    marks: z.object({ at: ms, coinLocal: decimalText, coinRub: decimalText }).nullable(),
    bought: maybeAmount,
    delivered: maybeAmount,
    npcsFee: maybeAmount,
    chainFee: maybeAmount,
    keptCoin: maybeAmount,
    refunded: maybeAmount,
    frozen: maybeAmount,
    forfeited: maybeAmount,
  }),
  z.object({
    flow: z.literal('correspondentPayment'),
    ...head,
    status: paymentStatus,
    payment: paymentSchema,
    paid: maybeAmount,
    fees: maybeAmount,
    fxSpread: maybeAmount,
    paidAt: ms.nullable(),
    refunded: maybeAmount,
    frozen: maybeAmount,
  }),
  z.object({
    flow: z.literal('crossBorderReceipt'),
    ...head,
    status: paymentStatus,
    payment: paymentSchema,
    chainFee: maybeAmount,
    rub: maybeAmount,
    saleMid: maybeDec,
    soldAt: ms.nullable(),
    frozen: maybeAmount,
  }),
  z.object({
    flow: z.enum(['retailPurchase', 'cryptoSale']),
    ...head,
    status: z.string(),
    order: z.object({
      participant: z.object({ id: z.string(), kind: z.string(), category: z.enum(['qualified', 'nonQualified']).nullable() }),
      initiatedAt: ms,
    }),
    rub: maybeAmount,
    coin: maybeAmount,
    frozen: maybeAmount,
  }),
]);

/** One line of details.jsonl. */
export type OutcomeDetail = z.infer<typeof detailSchema>;
export type PaymentDetail = Extract<OutcomeDetail, { flow: 'crossBorderPayment' }>;
export type CorrespondentDetail = Extract<OutcomeDetail, { flow: 'correspondentPayment' }>;
export type ReceiptDetail = Extract<OutcomeDetail, { flow: 'crossBorderReceipt' }>;
export type OrderDetail = Extract<OutcomeDetail, { flow: 'retailPurchase' | 'cryptoSale' }>;

export type PaymentStatus = z.infer<typeof paymentStatus>;

/** A payment's order as the report reads it. */
export interface PaymentView {
  readonly id: string;
  readonly payer: { readonly id: string };
  readonly payee: { readonly id: string };
  readonly amount: Amount;
  readonly rail: 'pilot' | 'correspondent';
  readonly settlement: 'sequential' | 'pvp';
  readonly coin: string;
  readonly chain: string;
  readonly initiatedAt: number;
}

/** Money fields as Amounts and prices as Decimals, the rest as written (the end time is passed apart, as the metrics take it). */
type Typed<T, Money extends keyof T, Prices extends keyof T> = Omit<T, Money | Prices | 'payment' | 'finalAt'> & {
  readonly [K in Money]: Amount | null;
} & { readonly [K in Prices]: Decimal | null };

export type PaymentOutcomeView = Omit<
  Typed<PaymentDetail, 'paid' | 'bought' | 'delivered' | 'npcsFee' | 'chainFee' | 'keptCoin' | 'refunded' | 'frozen' | 'forfeited', 'fillMid' | 'quotedOfframpMid'>,
  'marks'
> & {
  readonly payment: PaymentView;
  readonly marks: { readonly at: number; readonly coinLocal: Decimal; readonly coinRub: Decimal } | null;
};
export type CorrespondentOutcomeView = Typed<CorrespondentDetail, 'paid' | 'fees' | 'fxSpread' | 'refunded' | 'frozen', never> & { readonly payment: PaymentView };
export type ReceiptOutcomeView = Typed<ReceiptDetail, 'chainFee' | 'rub' | 'frozen', 'saleMid'> & { readonly payment: PaymentView };
export interface OrderOutcomeView {
  readonly flow: 'retailPurchase' | 'cryptoSale';
  readonly id: string;
  readonly status: string;
  readonly reason: string | null;
  readonly order: {
    readonly participant: { readonly id: string; readonly kind: string; readonly investor?: { readonly category: 'qualified' | 'nonQualified' } };
    readonly initiatedAt: number;
  };
  readonly rub: Amount | null;
  readonly coin: Amount | null;
  readonly frozen: Amount | null;
}
export type OutcomeView = PaymentOutcomeView | CorrespondentOutcomeView | ReceiptOutcomeView | OrderOutcomeView;

function paymentView(p: PaymentDetail['payment']): PaymentView {
  return { id: p.id, payer: { id: p.payer }, payee: { id: p.payee }, amount: amountFrom(p.amount), rail: p.rail, settlement: p.settlement, coin: p.coin, chain: p.chain, initiatedAt: p.initiatedAt };
}

const money = <T extends Record<string, unknown>>(d: T, keys: readonly string[]) => {
  const out: Record<string, Amount | null> = {};
  for (const k of keys) out[k] = amountOrNull(d[k] as string | null);
  return out;
};

/**
 * A line of details.jsonl with its money and prices typed again. `prices`: the decimals of the
 * prices read before, for a reader of many lines (the same few mids recur, and each is read once).
 */
export function viewOf(d: OutcomeDetail, prices = new RecentDecimals()): OutcomeView {
  const price = (text: string | null) => prices.of(text);
  switch (d.flow) {
    case 'crossBorderPayment': {
      // Field by field rather than spread and overwritten: the view of every payment out (the
      // report's hot path) built in one step, and the compiler checks each field is typed.
      const view: PaymentOutcomeView = {
        flow: d.flow,
        id: d.id,
        reason: d.reason,
        status: d.status,
        paidAt: d.paidAt,
        paid: amountOrNull(d.paid),
        bought: amountOrNull(d.bought),
        delivered: amountOrNull(d.delivered),
        npcsFee: amountOrNull(d.npcsFee),
        chainFee: amountOrNull(d.chainFee),
        keptCoin: amountOrNull(d.keptCoin),
        refunded: amountOrNull(d.refunded),
        frozen: amountOrNull(d.frozen),
        forfeited: amountOrNull(d.forfeited),
        fillMid: price(d.fillMid),
        quotedOfframpMid: price(d.quotedOfframpMid),
        marks: d.marks && { at: d.marks.at, coinLocal: price(d.marks.coinLocal)!, coinRub: price(d.marks.coinRub)! },
        payment: paymentView(d.payment),
      };
      return view;
    }
    case 'correspondentPayment':
      return { ...d, ...money(d, ['paid', 'fees', 'fxSpread', 'refunded', 'frozen']), payment: paymentView(d.payment) } as CorrespondentOutcomeView;
    case 'crossBorderReceipt':
      return { ...d, ...money(d, ['chainFee', 'rub', 'frozen']), saleMid: price(d.saleMid), payment: paymentView(d.payment) } as ReceiptOutcomeView;
    default: {
      const { id, kind, category } = d.order.participant;
      return {
        ...d,
        ...money(d, ['rub', 'coin', 'frozen']),
        order: { initiatedAt: d.order.initiatedAt, participant: { id, kind, ...(category ? { investor: { category } } : {}) } },
      } as OrderOutcomeView;
    }
  }
}
