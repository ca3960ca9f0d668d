// Market keys in a scenario: `USDT/CNY` is a foreign off-ramp; `USDT/RUB` an exchange at the
// St. Petersburg venue, and `USDT/RUB@moscow` the same pair at the Moscow one. One reading of the
// key for the schema, the runner and the report.

export const VENUES = ['spb', 'moscow'] as const;
export type Venue = (typeof VENUES)[number];

/** `BASE/QUOTE`, or `BASE/RUB@venue`: only an exchange (a market against RUB) has a venue. */
export const MARKET_KEY = /^([A-Z][A-Z0-9]{1,9})\/(?:([A-Z][A-Z0-9]{1,9})|(RUB)@(spb|moscow))$/;

export interface MarketKey {
  readonly base: string;
  readonly quote: string;
  /** Set for exchanges (quote RUB): spb unless the key names moscow. */
  readonly venue?: Venue;
}

export function parseMarketKey(key: string): MarketKey {
  const m = MARKET_KEY.exec(key);
  if (!m) throw new Error(`not a market key: ${key} (the schema should have refused it)`);
  const [, base, plain, withVenue, venue] = m as unknown as [string, string, string | undefined, string | undefined, Venue | undefined];
  const quote = plain ?? withVenue!;
  return quote === 'RUB' ? { base, quote, venue: venue ?? 'spb' } : { base, quote };
}

/** Whether some venue lists `coin` against RUB. */
export function hasExchange(markets: Record<string, unknown>, coin: string): boolean {
  return Object.keys(markets).some((k) => {
    const m = parseMarketKey(k);
    return m.base === coin && m.quote === 'RUB';
  });
}
