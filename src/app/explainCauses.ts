// Why a flow waited or failed, named from what the run knows: the scenario's faults and their
// windows (a halt, a congestion, an outage, a depeg), the sanctions listings and their times, the
// rule of the regime in force, the cap with its use at the moment of the order, the balance a hold
// found. A reason code alone (`chain.notIncluded`) tells a learner nothing; its cause does.

import type { FaultModel, Model } from '../scenario/model.js';
import type { Amount } from '../money/index.js';
import { moscowYear } from '../rails/regime/regime.js';
import { capUse } from './explainCap.js';
import { clock, duration, fineMoney, money, window } from './explainFormat.js';
import type { PaymentStory, StoryOutcome } from './explainCollect.js';

/** What a flow runs on, to tell which faults can touch it. */
interface Route {
  readonly chain?: string;
  readonly coin?: string;
  /** Whether it buys or sells at an exchange. */
  readonly trades: boolean;
  /** Who pays or orders: the party whose accounts a lack of funds is about. */
  readonly party?: string;
}

function routeOf(o: StoryOutcome): Route {
  if (o.flow === 'crossBorderPayment' || o.flow === 'crossBorderReceipt') return { chain: o.payment.chain, coin: o.payment.coin, trades: true, party: o.payment.payer.id };
  if (o.flow === 'correspondentPayment') return { trades: false, party: o.payment.payer.id };
  if (o.flow === 'clearingCycle') return { trades: false };
  return { coin: o.order.coin, trades: true, party: o.order.participant.id };
}

/** A fault in words with its window and where the scenario declares it. */
export function faultText(f: FaultModel, i: number): string {
  const when = window(f.from, f.to);
  // Chains are named as proper nouns (Tron), the rest so that the phrase reads anywhere in a sentence.
  const chain = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  const what =
    f.kind === 'chainHalt' ? `${chain(f.chain)} halted ${when}`
    : f.kind === 'chainCongestion' ? `${chain(f.chain)} congested ${when}, a block every ${f.blockTimeFactor} block times and fees ×${f.feeFactor}`
    : f.kind === 'exchangeOutage' ? `exchange ${f.venue} closed ${when}`
    : f.kind === 'offrampOutage' ? `off-ramp ${f.market} down ${when}`
    : f.kind === 'depeg' ? `${f.coin} ${f.by.times(100).toString()}% below its peg ${when}`
    : `${f.share * 100}% of requests delivered twice ${when}`;
  return `${what} (fault #${i + 1}, ${f.kind})`;
}

function touches(f: FaultModel, r: Route, m: Model): boolean {
  if (f.kind === 'chainHalt' || f.kind === 'chainCongestion') return f.chain === r.chain;
  // Only a venue that trades the flow's coin against RUB.
  if (f.kind === 'exchangeOutage') return r.trades && m.exchanges.some((e) => e.venue === f.venue && e.key.startsWith(`${r.coin}/`));
  if (f.kind === 'offrampOutage') return r.chain !== undefined && f.market.startsWith(`${r.coin}/`);
  if (f.kind === 'depeg') return f.coin === r.coin;
  return false;
}

/** The faults touching this flow whose window overlaps [from, to). */
function faultsDuring(story: PaymentStory, from: number, to: number): string[] {
  const r = routeOf(story.outcome);
  return story.scenario.faults.flatMap((f, i) => (touches(f, r, story.scenario) && f.from < Math.max(to, from + 1) && f.to > from ? [faultText(f, i)] : []));
}

/** How long the flow stayed in the state step `i` entered, and what held it there when the run knows. */
export function waitOf(story: PaymentStory, i: number): { ms: number; cause?: string } {
  const from = story.steps[i]!.record.time;
  const to = story.steps[i + 1]?.record.time ?? from;
  const ms = to - from;
  // A fault is named only for a wait a reader notices; a second's step during a halt was not held by it.
  if (ms < 60_000) return { ms };
  const faults = faultsDuring(story, from, to);
  if (faults.length > 0) return { ms, cause: faults.join('; ') };
  const c = story.scenario.correspondent;
  if (story.flow === 'correspondentPayment' && c && ms >= 3_600_000) {
    // The step entered atBeneficiaryBank waits on the beneficiary leg; any earlier one on the chain to the bank.
    const toCustomer = story.steps[i]!.record.to === 'atBeneficiaryBank';
    const mix = toCustomer ? c.toCustomerMs : c.toBankMs;
    const leg = toCustomer ? "the beneficiary bank's time to credit the customer" : "the correspondent chain's time to reach the beneficiary bank";
    const lo = Math.min(...mix.map((w) => w.min));
    const hi = Math.max(...mix.map((w) => w.max));
    return { ms, cause: `${leg}, drawn between ${duration(lo)} and ${duration(hi)} (baseline ${c.baseline}, correspondent.${toCustomer ? 'toCustomer' : 'toBeneficiaryBank'})` };
  }
  return { ms };
}

function listing(story: PaymentStory, party: string): string {
  const l = story.scenario.sanctions.find((x) => x.party === party);
  if (!l) return `${party} is on the sanctions list`;
  return l.from === -Infinity ? `${party} was listed before the run began` : `${party} listed at ${clock(l.from)}`;
}

function regimeCause(story: PaymentStory, kind: string, ruleId: string, party: string | undefined): string {
  const rule = story.scenario.regime.rules.find((r) => r.id === ruleId);
  if (!rule) return `rule ${ruleId} of the regime in force`;
  const head = `rule ${rule.id} (${rule.operation}) of the ${story.scenario.regime.preset.name} regime`;
  const src = ` (source: ${rule.source})`;
  if (kind === 'notLawful') return `${head} does not allow it at all${src}`;
  if (kind === 'notYetLawful') return `${head} allows it from ${rule.lawfulFrom} (Moscow time); the order was made ${clock(story.initiatedAt)}${src}`;
  return `${head} allows it only to sellers in the miners' registry, and ${party ?? 'the seller'} is not registered${src}`;
}

function fundsCause(story: PaymentStory, party: string | undefined): string {
  const held = (story.fundsAt ?? []).filter((c) => party !== undefined && c.account.split(':').includes(party));
  const quote = story.steps
    .map((s) => (s.record.cause as { quote?: { cost?: Amount } } | undefined)?.quote?.cost)
    .filter((c): c is Amount => c !== undefined)
    .at(-1);
  const had = held.length > 0 ? held.map((c) => `${c.account} held ${money({ asset: { code: c.asset, scale: c.scale } as Amount['asset'], minor: c.minor })}`).join(', ') : `${party ?? 'the payer'} had no such funds`;
  return `${had} at that moment${quote ? `; the quote asked ${money(quote)}` : ''}`;
}

function capCause(story: PaymentStory): string {
  const u = capUse(story);
  if (!u) return 'the investor\'s yearly cap';
  const sum = u.order.asset.code === u.cap.asset.code ? ` (${fineMoney({ asset: u.cap.asset, atto: u.used.atto + u.inFlight.atto + u.orderAtto })} in all)` : '';
  return (
    `cap ${money(u.cap)} a year for ${u.category === 'qualified' ? 'qualified' : 'non-qualified'} investors (${moscowYear(story.initiatedAt)}), ` +
    `used ${fineMoney(u.used)} by ${u.filled} earlier purchase${u.filled === 1 ? '' : 's'}` +
    (u.inFlight.atto > 0n ? `, ${fineMoney(u.inFlight)} reserved by purchases in flight` : '') +
    `, order ${money(u.order)}${sum}`
  );
}

/** What a reason code means, with the setting behind it where the scenario has one. */
const REASONS: Readonly<Record<string, (story: PaymentStory) => string>> = {
  'hold.expired': (s) => `the RUB hold expired before it was posted: it may stay pending ${duration(s.flow === 'crossBorderPayment' && 'payment' in s.outcome && s.outcome.payment.settlement === 'pvp' ? s.scenario.rails.pvpHoldTimeoutMs : s.scenario.rails.holdTimeoutMs)} (rails.${s.flow === 'crossBorderPayment' && 'payment' in s.outcome && s.outcome.payment.settlement === 'pvp' ? 'pvpHoldTimeout' : 'holdTimeout'})`,
  'quote.expired': (s) => `every quote expired before it was filled, ${s.scenario.rails.maxQuoteAttempts} tried (rails.maxQuoteAttempts)`,
  'exchange.noLiquidity': () => "the exchange had not enough inventory to fill it",
  'exchange.outage': () => 'the exchange took no orders',
  'offramp.coinShortfall': () => 'the coin that reached the off-ramp was worth less there than the payout it had to fund',
  'offramp.noLiquidity': () => 'the off-ramp had not enough local currency to pay out',
  'offramp.outage': () => 'the off-ramp failed the payout',
  'amount.roundsToZero': () => 'the amount is too small to buy or pay anything at this price: it rounds to zero',
  'kyc.incomplete': (s) => `${routeOf(s.outcome).party ?? 'the participant'} has not completed KYC at their bank`,
  'investor.testNotPassed': (s) => `${routeOf(s.outcome).party ?? 'the investor'} is a non-qualified investor who has not passed the knowledge test`,
  'investor.noCategory': (s) => `${routeOf(s.outcome).party ?? 'the participant'} has no investor category, which a purchase needs`,
};

/** Why the flow ended as it did, when it did not simply settle: its reason code and the causes behind it. */
export function failureCauses(story: PaymentStory): string[] {
  const reason = story.reason;
  if (reason === null) return [];
  const [code = '', arg, ...rest] = reason.split(':');
  const route = routeOf(story.outcome);
  const out: string[] = [];
  if (code === 'sanctions.blocked' || code === 'sanctions.frozen') out.push(listing(story, arg ?? ''));
  else if (code.startsWith('regime.')) out.push(regimeCause(story, code.slice('regime.'.length), arg ?? rest.join(':'), route.party));
  else if (code === 'cap.exceeded') out.push(capCause(story));
  else if (code === 'funds.insufficient') out.push(fundsCause(story, route.party));
  else if (code === 'chain.notIncluded') {
    const chain = story.scenario.chains.find((c) => c.name === route.chain);
    const halts = faultsDuring(story, story.initiatedAt, story.finalAt);
    if (chain) out.push(`no block included the transfer within the ${duration(chain.inclusionTimeoutMs)} inclusion time-out (chains.${chain.name}.inclusionTimeout)${halts.length > 0 ? `: ${halts.join('; ')}` : ''}`);
    return out;
  } else if (code === 'exchange.outage' && arg !== undefined) {
    const closed = story.scenario.faults.flatMap((f, i) => (f.kind === 'exchangeOutage' && f.venue === arg && f.from <= story.finalAt && f.to >= story.initiatedAt ? [faultText(f, i)] : []));
    out.push(closed.length > 0 ? closed.join('; ') : `exchange ${arg} took no orders`);
    return out;
  } else if (REASONS[code]) out.push(REASONS[code](story));
  else if (code === 'correspondent.rejected' && story.outcome.flow === 'correspondentPayment') {
    const country = story.outcome.payment.payee.country;
    const p = story.scenario.correspondent?.rejection[country];
    if (p !== undefined) out.push(`a correspondent refused it: the chance of that for payees in ${country} is ${p * 100}% (correspondent.rejection.${country})`);
  }
  // A fault while it was in flight is not always the cause (a listing froze it), but it is why it was still in flight.
  const during = faultsDuring(story, story.initiatedAt, story.finalAt);
  if (during.length > 0) out.push(`while it was in flight: ${during.join('; ')}`);
  return out;
}
