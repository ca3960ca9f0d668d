// What `railpilot check` warns about without refusing: a scenario that is valid but makes some
// kind of order fail by construction, whatever the seed.

import { fastestMs } from '../sim/index.js';
import type { Problem } from './load.js';
import type { Model } from './model.js';

/**
 * Quotes that always expire: between the exchange's quote and its fill come the bank's answer to
 * the hold and the exchange's answer to the fill, each its typical latency times a draw of at
 * least 0.5 (src/sim/latency.ts), rounded to the ms. A quote is good for t < quoted + TTL, so when
 * round(bank / 2) + round(exchange / 2) >= TTL no order at that exchange can ever fill.
 */
export function scenarioWarnings(m: Model): Problem[] {
  const bank = m.rails.bankMs;
  const exchange = m.rails.exchangeMs;
  const fastest = fastestMs(bank) + fastestMs(exchange);
  const out: Problem[] = [];
  for (const e of m.exchanges) {
    const ttl = e.quoteTtlMs;
    if (fastest < ttl) continue;
    out.push({
      path: `markets.${e.key}.quoteTtl`,
      message: `a quote lives ${ttl / 1000} s, but the bank's hold and the exchange's fill take at least ${fastest / 1000} s (half of rails.bankLatency ${bank / 1000} s plus half of rails.exchangeLatency ${exchange / 1000} s): every order at this exchange will fail with quote.expired; expected a quoteTtl above ${fastest / 1000} s`,
    });
  }
  return out;
}
