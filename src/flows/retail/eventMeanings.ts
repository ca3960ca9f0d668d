// What each event of the retail purchase and of the crypto sale means, in plain words, for
// `railpilot explain` and the tutorial. Kept beside the machines so a new event without a meaning
// fails its test, not a reader.

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
