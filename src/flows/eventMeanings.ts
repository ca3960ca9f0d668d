// What each event of a flow means, in plain words, for `railpilot explain` and the tutorial.
// Kept beside the machines so a new event without a meaning fails its test, not a reader.

export const CROSS_BORDER_EVENT_MEANINGS: Readonly<Record<string, string>> = {
  INIT: "The payer's bank sends the payment order to the NPCS gateway.",
  SCREENING_PASSED: 'Neither the payer nor the beneficiary is on the sanctions list.',
  SCREENING_BLOCKED: 'A party is on the sanctions list, so the payment stops before any money moves.',
  QUOTE_RECEIVED: 'The exchange quotes a price for the coin, valid only for a short time.',
  QUOTE_UNAVAILABLE: 'The exchange cannot sell that much coin: its inventory is too thin.',
  FUNDS_HELD: "The bank holds the RUB cost on the payer's account: a pending transfer, not yet final, that can still be voided.",
  FUNDS_INSUFFICIENT: 'The payer does not have the RUB the quote costs.',
  CONVERSION_FILLED: 'The exchange fills the order: the hold is posted to the exchange and the coin lands in custody.',
  QUOTE_EXPIRED: 'The quote expired before the order reached the exchange; the hold is voided and nothing was spent.',
  CONVERSION_FAILED: 'The exchange refused the fill; the held RUB return to the payer.',
  CHAIN_TX_INCLUDED: 'A block includes the transfer and its fee is paid: it can no longer be recalled.',
  CHAIN_TX_CONFIRMED: 'Enough blocks have followed: the transfer is final and the coin is at the off-ramp.',
  CHAIN_TX_DROPPED: 'The transfer is taken out of the mempool; the coin is back in custody.',
  RETURN_RECEIVED: 'The coin sent back by the off-ramp has arrived in custody, less the chain fee.',
  PAYOUT_COMPLETED: "The off-ramp converts the coin and credits the beneficiary's account in local currency.",
  PAYOUT_FROZEN: 'The off-ramp finds a party listed since the payment began and freezes the coin.',
  PAYOUT_FAILED: 'The off-ramp cannot pay out, so the payment must be unwound.',
  SOLD_BACK: "The coin is sold back at the exchange's bid and the RUB are credited to the payer.",
};

/** The meaning of a trace event; `after` delays are named after the delay they waited for. */
export function meaningOf(meanings: Readonly<Record<string, string>>, event: string): string {
  const after = /^xstate\.after\.(\w+)\./.exec(event);
  if (after) return `Time is up (${after[1]}): no block took the transfer, so the payment gives up on it.`;
  return meanings[event] ?? event;
}
