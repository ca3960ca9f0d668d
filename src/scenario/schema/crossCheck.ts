// Cross-field rules of a scenario, checked once the fields themselves are valid: every name
// refers to something declared, every amount fits its asset, every time is after the start.

import type { z } from 'zod';
import { Dec, KNOWN_ASSETS } from '../../money/index.js';
import { parseDuration } from '../../money/index.js';
import { parseInstant } from '../../sim/index.js';
import { parseDeclared } from '../../invariants/expressions.js';
import { VENUES, hasExchange, parseMarketKey } from '../markets.js';
import type { Scenario } from '../schema.js';
import { AMOUNT } from './fields.js';
import { chainFeeTexts } from './venues.js';

type Ctx = z.core.$RefinementCtx<Scenario>;

/** What a single payment and a generated batch share: how it travels. */
type PaymentItem = { via?: { stablecoin: string; chain: string } | undefined; rail?: 'pilot' | 'correspondent' | ('pilot' | 'correspondent')[] | undefined; settlement?: 'sequential' | 'pvp' | ('sequential' | 'pvp')[] | undefined };

/** Cross-field rules: every name refers to something declared, every amount fits its asset. */
export function crossCheck(s: Scenario, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const scales = new Map<string, number>(KNOWN_ASSETS.map((a) => [a.code, a.scale]));
  for (const [code, a] of Object.entries(s.assets ?? {})) scales.set(code, a.scale);
  const known = [...scales.keys()].sort().join(', ');

  const checkAmount = (path: (string | number)[], text: string, positive = true): string | undefined => {
    const m = AMOUNT.exec(text);
    if (!m) return undefined;
    const [, num, code] = m as unknown as [string, string, string];
    const scale = scales.get(code);
    if (scale === undefined) {
      issue(path, `unknown asset ${code}; declare it under assets or use one of ${known}`);
      return undefined;
    }
    const decimals = num.split('.')[1]?.length ?? 0;
    if (decimals > scale) issue(path, `${code} has ${scale} decimal places, ${JSON.stringify(text)} has ${decimals}`);
    else if (num.startsWith('-') || (positive && !/[1-9]/.test(num))) {
      issue(path, `expected an amount ${positive ? 'greater than zero' : 'of zero or more'}, got ${JSON.stringify(text)}`);
    }
    return code;
  };

  const exchangesSeen = new Map<string, string>();
  for (const [pair] of Object.entries(s.markets)) {
    const { base, quote, venue } = parseMarketKey(pair);
    if (venue) {
      // USDT/RUB and USDT/RUB@spb are the same exchange: one key each.
      const first = exchangesSeen.get(`${base}@${venue}`);
      if (first !== undefined) issue(['markets', pair], `the same exchange as ${first}: ${base}/RUB at ${venue}`);
      else exchangesSeen.set(`${base}@${venue}`, pair);
    }
    for (const code of [base, quote]) if (!scales.has(code)) issue(['markets', pair], `unknown asset ${code}; declare it under assets or use one of ${known}`);
    const m = s.markets[pair]!;
    if (quote === 'RUB' && (m.delay !== undefined || m.liquidity !== undefined || m.toleranceBps !== undefined)) {
      issue(['markets', pair], 'a market against RUB is an exchange: it takes quoteTtl, depth and slippageBps, not delay, liquidity or toleranceBps');
    }
    if (quote !== 'RUB' && (m.quoteTtl !== undefined || m.depth !== undefined || m.slippageBps !== undefined || m.fiatDepth !== undefined)) {
      issue(['markets', pair], 'a market against a foreign currency is an off-ramp: it takes delay, liquidity and toleranceBps, not quoteTtl, depth, fiatDepth or slippageBps');
    }
    if (!/[1-9]/.test(m.mid)) issue(['markets', pair, 'mid'], 'expected a price greater than zero');
    // Depth and liquidity are amounts of the pair's assets: they must fit those assets' scales.
    if (m.depth !== undefined) checkAmount(['markets', pair, 'depth'], `${m.depth} ${base}`, false);
    if (m.fiatDepth !== undefined) checkAmount(['markets', pair, 'fiatDepth'], `${m.fiatDepth} ${quote}`, false);
    if (m.liquidity !== undefined) checkAmount(['markets', pair, 'liquidity'], `${m.liquidity} ${quote}`, false);
    // Half the spread plus the slippage must stay below 100%, or the bid would be at or below zero.
    if (Number(m.spreadBps) / 2 + Number(m.slippageBps ?? 0) >= 10_000) issue(['markets', pair, 'spreadBps'], 'expected half the spread plus the slippage below 10000 bps (100%)');
  }
  for (const [name, c] of Object.entries(s.chains)) {
    if (!c.preset) {
      for (const field of ['blockTime', 'confirmations', 'fee'] as const) if (c[field] === undefined) issue(['chains', name, field], `expected ${field}, or a preset (tron, ethereum) to take it from`);
    }
    if (typeof c.fee === 'string') checkAmount(['chains', name, 'fee'], c.fee, false);
    else for (const [coin, v] of Object.entries(c.fee ?? {})) checkAmount(['chains', name, 'fee', coin], `${v} ${coin}`, false);
  }

  const participants = new Map<string, (typeof s.participants)[number]>();
  s.participants.forEach((p, i) => {
    if (participants.has(p.id)) issue(['participants', i, 'id'], `participant ${p.id} is listed twice`);
    participants.set(p.id, p);
    for (const [code, value] of Object.entries(p.balances ?? {})) {
      if (!p.bank && code === 'RUB') issue(['participants', i, 'balances', code], 'a RUB balance needs a bank: add bank to this participant');
      checkAmount(['participants', i, 'balances', code], `${value} ${code}`, false);
    }
  });
  const ids = [...participants.keys()].join(', ');
  const checkParty = (path: (string | number)[], who: string, role: 'payer' | 'payee' | 'party') => {
    const p = participants.get(who);
    if (!p) return issue(path, `unknown participant ${who}; participants are ${ids}`);
    if (role === 'payer' && !p.bank) issue(path, `payer ${who} has no bank, so no RUB account to pay from`);
  };

  const chainNames = Object.keys(s.chains);
  const railsOf = (p: { rail?: string | string[] | undefined }) => (p.rail === undefined ? ['pilot'] : [p.rail].flat());
  /** Set by any payment that travels on a chain: then the scenario needs one. */
  let chainsNeeded = false;
  /** The chain a payment names, or the first; its fees per coin when it exists. */
  const chainOf = (path: (string | number)[], via: { chain: string } | undefined) => {
    chainsNeeded = true;
    const chain = via?.chain ?? chainNames[0];
    if (via && !s.chains[via.chain]) issue([...path, 'via', 'chain'], `unknown chain ${via.chain}; chains are ${chainNames.join(', ')}`);
    return { chain, fees: chain && s.chains[chain] ? chainFeeTexts(s.chains[chain]) : undefined };
  };
  const checkCarries = (path: (string | number)[], chain: string | undefined, fees: Record<string, string> | undefined, coin: string) => {
    if (fees && fees[coin] === undefined) issue([...path, 'via'], `chain ${chain} has no fee for ${coin}; its fees are for ${Object.keys(fees).join(', ') || 'no coin'}`);
  };
  const checkVia = (path: (string | number)[], p: { via?: { stablecoin: string; chain: string } | undefined; rail?: string | string[] | undefined }, currency: string | undefined) => {
    const via = p.via;
    const rails = railsOf(p);
    if (rails.includes('correspondent') && currency && currency !== 'RUB' && !s.fx?.[`${currency}/RUB`]) {
      issue(['fx'], `correspondent payments in ${currency} need its rate: add fx: {${currency}/RUB: {mid: "..."}}`);
    }
    if (currency === 'RUB') issue([...path, 'amount'], 'a payment abroad is paid out in the beneficiary\'s currency, not RUB');
    if (!rails.includes('pilot')) return;
    const { chain, fees } = chainOf(path, via);
    const coin = via?.stablecoin ?? Object.keys(fees ?? {})[0];
    if (!coin) return;
    if (!hasExchange(s.markets, coin)) issue([...path, 'via', 'stablecoin'], `no market ${coin}/RUB: add one so NPCS can buy ${coin} for RUB`);
    if (currency && currency !== 'RUB' && !s.markets[`${coin}/${currency}`]) {
      issue([...path, 'amount'], `no off-ramp market ${coin}/${currency}: add one so ${currency} can be paid out`);
    }
    checkCarries(path, chain, fees, coin);
  };

  /**
   * A payment from abroad to a Russian exporter is a receipt: invoiced in the coin, sold by NPCS
   * for the exporter's RUB. A batch goes one way only.
   */
  const checkReceipt = (path: (string | number)[], p: PaymentItem, from: string[], to: string[], coin: string | undefined, amountPath: (string | number)[]) => {
    for (const who of to) if (participants.get(who) && !participants.get(who)!.bank) issue([...path, 'to'], `exporter ${who} has no bank, so no RUB account to be paid into`);
    if (from.some((who) => participants.get(who)?.country === 'RU')) issue([...path, 'from'], 'a batch goes one way: payers all abroad (receipts) or all in Russia (payments)');
    if (railsOf(p).includes('correspondent')) issue([...path, 'rail'], 'receipts from abroad go through the pilot: rail does not apply');
    if ([p.settlement ?? 'sequential'].flat().includes('pvp')) issue([...path, 'settlement'], 'receipts from abroad settle sequentially: settlement does not apply');
    if (!coin) return;
    const stable = s.assets?.[coin]?.peg ?? s.assets?.[coin]?.basket ?? KNOWN_ASSETS.find((a) => a.code === coin)?.peg;
    if (!stable) issue(amountPath, `a receipt is invoiced in a stablecoin (a coin with a peg or a basket), not ${coin}`);
    else if (!hasExchange(s.markets, coin)) issue(amountPath, `a receipt is invoiced in a stablecoin NPCS can sell: no market ${coin}/RUB`);
    if (p.via && p.via.stablecoin !== coin) issue([...path, 'via', 'stablecoin'], `the invoice is in ${coin}, not ${p.via.stablecoin}`);
    const { chain, fees } = chainOf(path, p.via);
    checkCarries(path, chain, fees, coin);
  };
  const abroad = (who: string) => participants.get(who) !== undefined && participants.get(who)!.country !== 'RU';
  const isReceipt = (from: string[], to: string[]) => from.some(abroad) && to.every((who) => participants.get(who)?.country === 'RU');

  const start = parseInstant(s.start)!;
  s.payments.forEach((p, i) => {
    const g = 'generate' in p ? p.generate : undefined;
    const item: PaymentItem = g ?? (p as Exclude<typeof p, { generate: unknown }>);
    const path = g ? ['payments', i, 'generate'] : ['payments', i];
    const from = [g ? g.from : (item as { from: string }).from].flat();
    const to = [g ? g.to : (item as { to: string }).to].flat();
    const amountPath = g ? [...path, 'amount', ...('fixed' in g.amount ? ['fixed'] : ['logNormal', 'median'])] : [...path, 'amount'];
    const amountText = g ? ('fixed' in g.amount ? g.amount.fixed : g.amount.logNormal.median) : (item as { amount: string }).amount;
    const receipt = isReceipt(from, to);
    if (from.some(abroad) && to.some(abroad)) {
      issue([...path, 'to'], 'a payment from abroad goes to a Russian exporter: every payee of it must be in RU, with a bank');
      return;
    }
    for (const who of from) checkParty([...path, 'from'], who, receipt ? 'party' : 'payer');
    for (const who of to) checkParty([...path, 'to'], who, 'payee');
    const currency = checkAmount(amountPath, amountText);
    if (receipt) checkReceipt(path, item, from, to, currency, amountPath);
    else checkVia(path, item, currency);
    const begins = g ? g.start : (item as { at: string }).at;
    if (begins !== undefined && parseInstant(begins)! < start) issue([...path, g ? 'start' : 'at'], `must not be before the scenario start ${s.start}`);
  });
  if (s.payments.length === 0 && s.orders.length === 0) issue(['payments'], 'a scenario needs payments or orders to run');
  if (chainsNeeded && chainNames.length === 0) issue(['chains'], 'cross-border payments need at least one chain');

  const populations = new Map((s.populations ?? []).map((p) => [p.prefix, p]));
  (s.populations ?? []).forEach((p, i) => {
    checkAmount(['populations', i, 'balance'], 'fixed' in p.balance ? p.balance.fixed : p.balance.logNormal.median, false);
    for (const id of participants.keys()) if (id.startsWith(`${p.prefix}-`)) issue(['populations', i, 'prefix'], `participant ${id} would clash with the ids of population ${p.prefix}`);
  });
  s.participants.forEach((p, i) => {
    if (p.mining) {
      if (p.kind !== 'miner') issue(['participants', i, 'mining'], 'only a participant of kind miner mines');
      checkAmount(['participants', i, 'mining', 'reward'], 'fixed' in p.mining.reward ? p.mining.reward.fixed : p.mining.reward.logNormal.median);
    }
  });
  const preset = s.regime?.preset ?? 'as-reported-2024';
  let buys = false;
  const checkBuyer = (path: (string | number)[], who: string) => {
    const p = participants.get(who);
    if (!p) return checkParty(path, who, 'party');
    if (!p.bank) issue(path, `buyer ${who} has no bank, so no RUB account to pay from`);
    if (!p.investor) issue(path, `buyer ${who} has no investor profile: add investor: {category: qualified|nonQualified, passedTest: true|false}`);
  };
  const checkSeller = (path: (string | number)[], who: string) => {
    const p = participants.get(who);
    if (!p) return checkParty(path, who, 'party');
    if (!p.bank) issue(path, `seller ${who} has no bank, so no RUB account to be paid into`);
  };
  const checkTarget = (path: (string | number)[], by: string | string[] | { population: string }, check: typeof checkBuyer) => {
    if (typeof by === 'object' && !Array.isArray(by)) {
      if (!populations.has(by.population)) issue([...path, 'population'], `unknown population ${by.population}; populations are ${[...populations.keys()].join(', ') || 'none'}`);
      return;
    }
    for (const who of [by].flat()) check(path, who);
  };
  const checkCoin = (path: (string | number)[], coin: string) => {
    if (!hasExchange(s.markets, coin)) issue(path, `no market ${coin}/RUB: add one so NPCS can route orders in ${coin}`);
  };
  s.orders.forEach((o, i) => {
    const path = ['orders', i];
    if ('generate' in o) {
      const g = o.generate;
      if ('buy' in g) {
        buys = true;
        checkTarget([...path, 'generate', 'by'], g.by, checkBuyer);
        checkCoin([...path, 'generate', 'buy'], g.buy);
        const text = 'fixed' in g.spend ? g.spend.fixed : g.spend.logNormal.median;
        if (checkAmount([...path, 'generate', 'spend'], text) !== 'RUB') issue([...path, 'generate', 'spend'], 'expected RUB to spend');
      } else {
        checkTarget([...path, 'generate', 'by'], g.by, checkSeller);
        const coin = checkAmount([...path, 'generate', 'sell'], 'fixed' in g.sell ? g.sell.fixed : g.sell.logNormal.median);
        if (coin) checkCoin([...path, 'generate', 'sell'], coin);
      }
      if (g.start !== undefined && parseInstant(g.start)! < start) issue([...path, 'generate', 'start'], `must not be before the scenario start ${s.start}`);
    } else {
      if ('buy' in o) {
        buys = true;
        checkBuyer([...path, 'by'], o.by);
        checkCoin([...path, 'buy'], o.buy);
        if (checkAmount([...path, 'spend'], o.spend) !== 'RUB' && AMOUNT.test(o.spend)) issue([...path, 'spend'], 'expected RUB to spend, like "10000.00 RUB"');
      } else {
        checkSeller([...path, 'by'], o.by);
        const coin = checkAmount([...path, 'sell'], o.sell);
        if (coin) checkCoin([...path, 'sell'], coin);
      }
      if (parseInstant(o.at)! < start) issue([...path, 'at'], `must not be before the scenario start ${s.start}`);
    }
  });
  const caps = s.regime?.caps;
  if (caps) {
    for (const category of ['nonQualified', 'qualified'] as const) {
      const cap = caps[category];
      if (cap !== null) checkAmount(['regime', 'caps', category], cap, false);
    }
  }
  if (s.regime?.aml) checkAmount(['regime', 'aml', 'threshold'], s.regime.aml.threshold);
  if (buys) {
    const caps = s.regime?.caps ?? null;
    const capCurrencies = caps ? [caps.nonQualified, caps.qualified] : preset === 'as-reported-2024' ? ['600.00 USD'] : [];
    for (const cap of capCurrencies) {
      const code = cap?.split(' ')[1];
      if (code && code !== 'RUB' && !s.fx?.[`${code}/RUB`]) issue(['fx'], `the caps are in ${code}: add fx: {${code}/RUB: {mid: "..."}} to value purchases against them`);
    }
  }

  for (const [pair, f] of Object.entries(s.fx ?? {})) {
    if (!/[1-9]/.test(f.mid)) issue(['fx', pair, 'mid'], 'expected a rate greater than zero');
  }
  // Ids name flows in every output and in explain: each must be unique across payments and orders.
  const given = new Map<string, string>();
  const claim = (path: (string | number)[], flowId: string | undefined) => {
    if (flowId === undefined) return;
    const first = given.get(flowId);
    if (first !== undefined) issue(path, `id ${flowId} is already used by ${first}`);
    else given.set(flowId, path.slice(0, 2).map((k, i) => (i === 0 ? k : `[${k}]`)).join(''));
  };
  s.payments.forEach((p, i) => claim(['payments', i, 'id'], 'generate' in p ? undefined : p.id));
  s.orders.forEach((o, i) => claim(['orders', i, 'id'], 'generate' in o ? undefined : o.id));

  const STATUSES = ['settled', 'rejected', 'refunded', 'frozen', 'purchased', 'sold'];
  (s.invariants ?? []).forEach((text, i) => {
    const d = parseDeclared(text);
    if (typeof d === 'string') return;
    if (d.metric.kind === 'balance') {
      if (!participants.has(d.metric.party)) issue(['invariants', i], `unknown participant ${d.metric.party}; participants are ${ids}`);
      if (!scales.has(d.metric.asset)) issue(['invariants', i], `unknown asset ${d.metric.asset}`);
    } else if (!STATUSES.includes(d.metric.status)) {
      issue(['invariants', i], `unknown status ${d.metric.status}; expected one of ${STATUSES.join(', ')}`);
    }
  });

  (s.sanctions ?? []).forEach((entry, i) => {
    const who = typeof entry === 'string' ? entry : entry.party;
    checkParty(['sanctions', i], who, 'party');
  });
  const markets = Object.keys(s.markets).map(parseMarketKey);
  (s.faults ?? []).forEach((f, i) => {
    if ((f.kind === 'chainHalt' || f.kind === 'chainCongestion') && !s.chains[f.chain]) issue(['faults', i, 'chain'], `unknown chain ${f.chain}; chains are ${chainNames.join(', ')}`);
    if (f.kind === 'exchangeOutage' && !markets.some((m) => m.venue === f.venue)) issue(['faults', i, 'venue'], `no exchange market at venue ${f.venue}`);
    if (f.kind === 'offrampOutage' && (!s.markets[f.market] || f.market.endsWith('/RUB') || f.market.includes('@'))) {
      issue(['faults', i, 'market'], `expected an off-ramp market of this scenario, like "USDT/CNY"; off-ramps are ${markets.filter((m) => m.quote !== 'RUB').map((m) => `${m.base}/${m.quote}`).join(', ') || 'none'}`);
    }
    if (f.kind === 'depeg') {
      const coin = s.assets?.[f.coin];
      const known = KNOWN_ASSETS.find((a) => a.code === f.coin);
      if (!coin?.peg && !coin?.basket && !known?.peg) issue(['faults', i, 'coin'], `${f.coin} is not a stablecoin: depeg needs a coin with a peg or a basket`);
      if (!/[1-9]/.test(f.by) || Number(f.by) >= 1) issue(['faults', i, 'by'], 'expected a fraction above 0 and below 1, like "0.03" for 3%');
    }
  });

  // A peg names a currency: something that is neither pegged nor a basket itself (no chains of pegs, no cycles).
  const pegOf = (code: string) => s.assets?.[code]?.peg ?? KNOWN_ASSETS.find((a) => a.code === code)?.peg;
  const isCurrency = (code: string) => scales.has(code) && pegOf(code) === undefined && !s.assets?.[code]?.basket;
  for (const [code, a] of Object.entries(s.assets ?? {})) {
    if (a.peg !== undefined && !isCurrency(a.peg)) issue(['assets', code, 'peg'], `expected a currency to peg to (declared, not itself pegged or a basket), got ${a.peg}`);
    if (!a.basket) continue;
    if (a.peg) issue(['assets', code], 'a coin is pegged or a basket, not both');
    let sum = new Dec(0);
    for (const [member, weight] of Object.entries(a.basket)) {
      sum = sum.plus(weight);
      if (!scales.has(member)) issue(['assets', code, 'basket', member], `unknown asset ${member}`);
      else if (!isCurrency(member)) issue(['assets', code, 'basket', member], `a basket is made of currencies; ${member} is a coin`);
      else if (member !== 'RUB' && !s.fx?.[`${member}/RUB`]) issue(['assets', code, 'basket', member], `basket member ${member} needs its rate: add fx: {${member}/RUB: {mid: "..."}}`);
    }
    if (!sum.eq(1)) issue(['assets', code, 'basket'], `expected the weights to sum to 1, they sum to ${sum.toString()}`);
  }

  const c = s.correspondent;
  if (c?.feeFixed !== undefined && checkAmount(['correspondent', 'feeFixed'], c.feeFixed, false) !== 'RUB') issue(['correspondent', 'feeFixed'], 'expected a RUB amount');
  if (c?.returnFee !== undefined && checkAmount(['correspondent', 'returnFee'], c.returnFee, false) !== 'RUB') issue(['correspondent', 'returnFee'], 'expected a RUB amount');
  for (const key of ['settlement', 'rejectionAfter', 'toBeneficiaryBank', 'toCustomer'] as const) {
    const w = c?.[key];
    for (const [i, x] of (Array.isArray(w) ? w.map((x, i) => [i, x] as const) : w ? [[undefined, w] as const] : [])) {
      if (parseDuration(x.min)! > parseDuration(x.max)!) issue(['correspondent', key, ...(i === undefined ? [] : [i])], 'expected min no longer than max');
    }
  }
  if (c?.settlement && (c.toBeneficiaryBank || c.toCustomer)) issue(['correspondent', 'settlement'], 'expected settlement or toBeneficiaryBank/toCustomer, not both (settlement is the shorthand for both legs)');

  if (s.clearing) {
    if (checkAmount(['clearing', 'reserve'], s.clearing.reserve, false) !== 'RUB') issue(['clearing', 'reserve'], 'expected a RUB amount');
    const banks = new Set([...s.participants.flatMap((p) => (p.bank ? [p.bank] : [])), ...(s.populations ?? []).flatMap((p) => p.banks)]);
    const venues = new Set(markets.flatMap((m) => (m.venue ? [`exchange-${m.venue}`] : [])));
    // The exchanges and NPCS's own settlement account have these names at the central bank.
    for (const reserved of ['npcs-clearing', ...VENUES.map((v) => `exchange-${v}`)]) {
      if (banks.has(reserved)) issue(['clearing'], `a bank may not be called ${reserved}: with clearing, that name is taken by NPCS or an exchange`);
    }
    const members = new Set([...banks, ...venues]);
    for (const [member, value] of Object.entries(s.clearing.reserves ?? {})) {
      if (!members.has(member)) issue(['clearing', 'reserves', member], `unknown clearing member ${member}; members are ${[...members].join(', ')}`);
      checkAmount(['clearing', 'reserves', member], `${value} RUB`, false);
    }
  }
}
