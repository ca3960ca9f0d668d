// What each event of the cross-border payment means, in plain words, for `railpilot explain` and
// the tutorial. Kept beside the machine so a new event without a meaning fails its test, not a reader.

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
