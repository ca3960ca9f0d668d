// A retail or miner order as a flow sees it: who buys or sells what, and how it ended.

import type { Amount, FineAmount } from '../money/index.js';
import type { Participant } from '../rails/participants/participant.js';

export interface OrderSpec {
  readonly id: string;
  readonly participant: Participant;
  readonly coin: string;
  /** RUB the buyer wants to spend (buys), or coin to sell (sales). */
  readonly amount: Amount;
  readonly initiatedAt: number;
}

export type OrderStatus = 'purchased' | 'sold' | 'rejected' | 'frozen';

export interface OrderOutcome {
  readonly flow: 'retailPurchase' | 'cryptoSale';
  readonly id: string;
  readonly status: OrderStatus;
  /** `cap.exceeded`, `regime.notYetLawful:<rule>:<date>`, `regime.notRegistered:<rule>`... */
  readonly reason: string | null;
  readonly order: OrderSpec;
  /** RUB paid for a purchase (frozen or not), or received for a sale. */
  readonly rub: Amount | null;
  /** Coin bought or sold. */
  readonly coin: Amount | null;
  /** What a purchase counted against the investor's cap, in the cap's currency, to 10^-18 (rounded up). */
  readonly capValue: FineAmount | null;
  /** What a listing at the instant of credit sent to the frozen account: the coin bought, the held RUB, or a sale's RUB. */
  readonly frozen: Amount | null;
}
