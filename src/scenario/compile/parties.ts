// Compiling who takes part and what they ask for: participants with their opening balances and
// mining schedules, populations, and the payments and orders with their times and amounts.

import type { Amount } from '../../money/index.js';
import type { Participant, ParticipantId } from '../../rails/participants/participant.js';
import type { PaymentRail, SettlementMode } from '../../flows/payment.js';
import { chainFeeTexts } from '../schema/venues.js';
import type { Scenario } from '../schema.js';
import type { AmountDistribution, OrderModel, ParticipantModel, PaymentModel, PopulationModel, Variant } from '../model.js';
import { at, ms, type Reader } from './read.js';

type DistributionText = { fixed: string } | { logNormal: { median: string; sigma: number } };

function distribution(r: Reader, d: DistributionText): AmountDistribution {
  return { median: r.assets.amount('fixed' in d ? d.fixed : d.logNormal.median), sigma: 'logNormal' in d ? d.logNormal.sigma : 0 };
}

export function compileParticipants(s: Scenario, r: Reader): ParticipantModel[] {
  return s.participants.map((p) => ({
    participant: {
      id: p.id as ParticipantId,
      kind: p.kind,
      country: p.country,
      ...(p.bank ? { bank: p.bank } : {}),
      ...(p.kyc === false ? { kyc: false } : {}),
      ...(p.investor ? { investor: p.investor } : {}),
      ...(p.registered !== undefined ? { registered: p.registered } : {}),
    },
    balances: Object.entries(p.balances ?? {}).map(([code, v]): Amount => r.assets.value(v, code)),
    ...(p.mining ? { mining: { everyMs: ms(p.mining.every), reward: distribution(r, p.mining.reward) } } : {}),
  }));
}

export function compilePopulations(s: Scenario, r: Reader): PopulationModel[] {
  return (s.populations ?? []).map((p) => ({
    prefix: p.prefix,
    count: p.count,
    country: p.country ?? 'RU',
    banks: p.banks,
    qualifiedShare: p.qualifiedShare,
    passedTestShare: p.passedTestShare,
    balance: distribution(r, p.balance),
  }));
}

/** Every combination of the rails and settlement modes a payment lists, in the file's order. */
export function variantsOf(p: { rail?: PaymentRail | PaymentRail[] | undefined; settlement?: SettlementMode | SettlementMode[] | undefined }): Variant[] {
  const rails = [p.rail ?? 'pilot'].flat();
  const modes = [p.settlement ?? 'sequential'].flat();
  const out: Variant[] = [];
  for (const rail of rails) {
    // Settlement modes are the pilot's; the correspondent channel has one way only.
    for (const settlement of rail === 'correspondent' ? (['sequential'] as const) : modes) {
      const tag = [rails.length > 1 ? rail : '', modes.length > 1 && rail !== 'correspondent' ? settlement : ''].filter(Boolean).join('-');
      out.push({ rail, settlement, tag });
    }
  }
  return out;
}

/** The coin a payment without `via` uses: the first its first chain has a fee for. */
function defaultVia(s: Scenario): { stablecoin: string; chain: string } | undefined {
  const first = Object.entries(s.chains)[0];
  if (!first) return undefined;
  const [chain, params] = first;
  return { stablecoin: Object.keys(chainFeeTexts(params))[0]!, chain };
}

/** A receipt is sent one way: on the pilot, sequentially, under the trade's own id. */
const RECEIPT_VARIANTS: readonly Variant[] = [{ rail: 'pilot', settlement: 'sequential', tag: '' }];

/** The participants' ids resolved to their objects (the schema has checked that each exists). */
type Resolve = (ids: string | readonly string[]) => Participant[];

export function resolver(participants: readonly ParticipantModel[]): Resolve {
  const byId = new Map(participants.map((p) => [p.participant.id as string, p.participant]));
  return (ids) => [ids].flat().map((id) => byId.get(id)!);
}

export function compilePayments(s: Scenario, r: Reader, resolve: Resolve): PaymentModel[] {
  const fallback = s.payments.length > 0 ? defaultVia(s) : undefined;
  const abroad = new Set(s.participants.filter((p) => p.country !== 'RU').map((p) => p.id));
  // A batch goes one way (the schema checks it): payers abroad pay Russian exporters, invoiced in
  // the coin NPCS sells for them; payers in Russia pay abroad on the rails and modes listed.
  const route = (from: string | string[], amount: Amount, via: { stablecoin: string; chain: string } | undefined, p: Parameters<typeof variantsOf>[0]) =>
    [from].flat().some((who) => abroad.has(who))
      ? { coin: amount.asset.code, chain: via?.chain ?? '', variants: RECEIPT_VARIANTS }
      : { coin: via?.stablecoin ?? '', chain: via?.chain ?? '', variants: variantsOf(p) };
  return s.payments.map((p, index): PaymentModel => {
    if (!('generate' in p)) {
      const amount = r.assets.amount(p.amount);
      return { kind: 'single', ...(p.id ? { id: p.id } : {}), from: resolve(p.from)[0]!, to: resolve(p.to)[0]!, amount, at: at(p.at), ...route(p.from, amount, p.via ?? fallback, p) };
    }
    const g = p.generate;
    const amount = distribution(r, g.amount);
    const arrivals = { index, count: g.count, startMs: g.start === undefined ? r.startMs : at(g.start), overMs: ms(g.over) };
    return { kind: 'generated', ...arrivals, from: resolve(g.from), to: resolve(g.to), amount, ...route(g.from, amount.median, g.via ?? fallback ?? { stablecoin: '', chain: '' }, g) };
  });
}

export function compileOrders(s: Scenario, r: Reader, resolve: Resolve): OrderModel[] {
  return s.orders.map((o, index): OrderModel => {
    if (!('generate' in o)) {
      const amount = r.assets.amount('buy' in o ? o.spend : o.sell);
      const coin = 'buy' in o ? o.buy : amount.asset.code;
      return { kind: 'single', ...(o.id ? { id: o.id } : {}), by: resolve(o.by)[0]!, side: 'buy' in o ? 'buy' : 'sell', coin, amount, at: at(o.at) };
    }
    const g = o.generate;
    const arrivals = { index, count: g.count, startMs: g.start === undefined ? r.startMs : at(g.start), overMs: ms(g.over) };
    const by = typeof g.by === 'object' && !Array.isArray(g.by) ? g.by : resolve(g.by);
    if ('buy' in g) return { kind: 'generated', ...arrivals, by, side: 'buy', buy: g.buy, amount: distribution(r, g.spend) };
    return { kind: 'generated', ...arrivals, by, side: 'sell', amount: distribution(r, g.sell) };
  });
}
