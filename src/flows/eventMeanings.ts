// What each event of a flow means, in plain words, for `railpilot explain` and the tutorial.
// Kept beside the machines so a new event without a meaning fails its test, not a reader.

export const CROSS_BORDER_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The payer's bank sends the payment order to the NPCS gateway.",
  SCREENING_PASSED: 'Neither the payer nor the beneficiary is on the sanctions list.',
  PAYMENT_UNLAWFUL: 'The law in force on this day does not allow this payment (the reason names the rule and its date).',
  SCREENING_BLOCKED: 'A party is on the sanctions list, so the payment stops before any money moves.',
  QUOTE_RECEIVED: 'The exchange quotes a price for the coin, valid only for a short time.',
  QUOTE_UNAVAILABLE: 'The exchange cannot quote: its inventory is too thin, or the venue is out.',
  FUNDS_HELD: "The bank holds the RUB cost on the payer's account: a pending transfer, not yet final, that can still be voided.",
  FUNDS_INSUFFICIENT: 'The payer does not have the RUB the quote costs.',
  CONVERSION_FILLED: "The exchange fills the order: the hold is posted to the exchange and the coin lands in NPCS's outbound account, the payment's own.",
  QUOTE_EXPIRED: 'The quote expired before the order reached the exchange; the hold is voided and nothing was spent.',
  CONVERSION_FAILED: 'The exchange refused the fill; the held RUB return to the payer (to the frozen account if the payer is listed by then).',
  HOLD_FROZEN: 'The hold expired while the payer was listed: the held RUB went to the frozen account, not back to the payer.',
  COIN_LOCKED: 'PvP: the exchange commits the coin to an escrow on the chain; the RUB stay on hold, not yet paid.',
  CHAIN_TX_INCLUDED: 'A block includes the transfer and its fee is paid: it can no longer be recalled.',
  CHAIN_TX_CONFIRMED: 'Enough blocks have followed: the transfer is final and the coin is at the off-ramp.',
  CHAIN_TX_DROPPED: "The transfer is taken out of the mempool; the coin is back with its sender (NPCS's outbound account, or under PvP the exchange).",
  RETURN_RECEIVED: "The coin sent back by the off-ramp has arrived in NPCS's outbound account, less the chain fee.",
  RETURN_FORFEITED: "Even after waiting out the fee spike, up to the inclusion time-out, the fee would take all the coin: the off-ramp keeps it (the outcome's forfeited).",
  PAYOUT_COMPLETED: "The off-ramp converts the coin and credits the beneficiary's account in local currency; under PvP the RUB hold is posted in the same instant.",
  PAYOUT_FROZEN: 'The off-ramp finds a party listed since the payment began and freezes the coin (under PvP, the held RUB).',
  PAYOUT_FAILED: 'The off-ramp cannot pay out (out, short of liquidity, or the coin lost value in flight), so the payment must be unwound.',
  SOLD_BACK: "The coin is sold back at the exchange's bid and the RUB are credited to the payer.",
  SELL_BACK_REFUSED: "The exchange has not the RUB to buy the coin back: NPCS hands it to the payer's custody.",
  REFUND_FROZEN: 'The payer was listed while the payment unwound: the coin is frozen, not paid back.',
};

export const RETAIL_PURCHASE_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The investor's bank sends the purchase order to the NPCS gateway.",
  ELIGIBLE: 'The law allows the operation on this day, KYC is complete and the investor may buy.',
  INELIGIBLE: 'The operation is refused before any money moves; the reason names the rule (or the sanctions listing).',
  QUOTE_RECEIVED: 'The domestic exchange quotes how much coin the RUB buy, valid only for a short time.',
  QUOTE_UNAVAILABLE: 'The exchange cannot sell that much coin: its inventory is too thin.',
  CAP_RESERVED: "The purchase fits within the investor's yearly cap; the room is reserved until the fill.",
  CAP_EXCEEDED: "The purchase would take the investor past their yearly cap, so it is refused and no money moves.",
  FUNDS_HELD: "The bank holds the RUB cost on the investor's account: a pending transfer that can still be voided.",
  FUNDS_INSUFFICIENT: 'The investor does not have the RUB the quote costs.',
  PURCHASE_FILLED: 'The exchange fills: the hold is posted to it, the coin lands in custody, and the cap use is final.',
  PURCHASE_FROZEN: 'The exchange fills, but the investor was listed by then: the coin goes to the frozen account; the cap use is final.',
  HOLD_FROZEN: 'The hold expired while the investor was listed: the held RUB went to the frozen account.',
  QUOTE_EXPIRED: 'The quote expired before the fill; the hold is voided and the cap reservation released.',
  FILL_FAILED: 'The exchange refused the fill; the hold and the cap reservation are released.',
};

export const CRYPTO_SALE_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The seller's bank sends the sale order to the NPCS gateway.",
  ELIGIBLE: "The law allows the sale on this day (for a miner: they are in the miners' registry).",
  INELIGIBLE: 'The sale is refused before any money moves; the reason names the rule (or the sanctions listing).',
  SALE_FILLED: "The exchange buys the coin at its bid and the RUB are credited to the seller's bank account.",
  SALE_FAILED: 'The sale could not be filled: not enough coin in custody, or not enough RUB at the exchange.',
  SALE_FROZEN: 'The exchange buys the coin, but the seller was listed by then: the RUB go to the frozen account.',
};

/** The meaning of a trace event; `after` delays are named after the delay they waited for. */
export function meaningOf(meanings: Readonly<Record<string, string>>, event: string): string {
  const after = /^xstate\.after\.(\w+)\./.exec(event);
  if (after) return `Time is up (${after[1]}): no block took the transfer, so the payment gives up on it.`;
  return meanings[event] ?? event;
}
