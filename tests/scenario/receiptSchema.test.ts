// Receipts from abroad (a foreign payer, a Russian payee) and the other new schema rules (basket
// coins, depeg and off-ramp faults, chain presets) are refused by the cross-checks with a message
// that names the field, before anything runs.

import { describe, expect, it } from 'vitest';
import { parseScenario, type Problem } from '../../src/scenario/load.js';
import { edit, lineOf } from './fixtures.js';

/** A valid scenario with receipts in USDT and in a basket coin; each payment on a line of its own. */
const RECEIPTS = `name: receipt-schema
description: foreign buyers pay Russian exporters in USDT and in a basket coin
seed: 3
start: 2024-09-04T09:00:00Z
assets:
  BRICS: {scale: 6, basket: {CNY: "0.40", INR: "0.20", RUB: "0.20", BRL: "0.10", ZAR: "0.10"}}
fx:
  CNY/RUB: {mid: "12.80"}
  INR/RUB: {mid: "1.10"}
  BRL/RUB: {mid: "16.50"}
  ZAR/RUB: {mid: "5.10"}
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, depth: "1000000"}
  BRICS/RUB: {mid: "10.00", spreadBps: 60, depth: "100000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "10000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: {USDT: "1.70", AXCNH: "12.20"}}
  ethereum: {preset: ethereum, fee: {BRICS: "50.000000"}}
participants:
  - {id: exporter-ekb, kind: company, country: RU, bank: bank-a}
  - {id: importer-msk, kind: company, country: RU, bank: bank-b, balances: {RUB: "50000000.00"}}
  - {id: buyer-mumbai, kind: company, country: IN, balances: {USDT: "1000000.000000", BRICS: "1000000.000000"}}
  - {id: supplier-sz, kind: company, country: CN}
payments:
  - {id: invoice-1, from: buyer-mumbai, to: exporter-ekb, amount: "1000.000000 USDT", via: {stablecoin: USDT, chain: tron}, at: 2024-09-04T09:05:00Z}
  - generate: {count: 3, from: buyer-mumbai, to: exporter-ekb, amount: {fixed: "500.000000 BRICS"}, via: {stablecoin: BRICS, chain: ethereum}, over: PT1H}
  - {id: import-1, from: importer-msk, to: supplier-sz, amount: "10000.00 CNY", via: {stablecoin: USDT, chain: tron}, at: 2024-09-04T09:10:00Z}
`;

const INVOICE = 'id: invoice-1, from: buyer-mumbai, to: exporter-ekb';
const INVOICE_AT = 'at: 2024-09-04T09:05:00Z}';

function problemsOf(text: string): Problem[] {
  const r = parseScenario('receipts.yaml', text);
  if (r.ok) throw new Error('expected the scenario to be rejected, but it loaded');
  return r.problems;
}

/** The only problem of `text`: its path, and that the message says what it must. */
function onlyProblem(text: string, path: string, says: RegExp): Problem {
  const problems = problemsOf(text);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toHaveLength(1);
  const p = problems[0]!;
  expect(p.path).toBe(path);
  expect(p.message).toMatch(says);
  return p;
}

/** `text` with one fault added at the end. */
const withFault = (text: string, fault: string) => `${text}faults:\n  - ${fault}\n`;

describe('receipt scenario cross-checks', () => {
  it('the base scenario is valid (each case below breaks one thing)', () => {
    const r = parseScenario('receipts.yaml', RECEIPTS);
    expect(r.ok ? [] : r.problems).toEqual([]);
    expect(r.ok && r.scenario.payments).toHaveLength(3);
  });

  it('the foreign buyer of a receipt needs no bank, but a Russian importer paying abroad still does', () => {
    const text = edit(RECEIPTS, 'country: RU, bank: bank-b, balances: {RUB: "50000000.00"}}', 'country: RU}');
    onlyProblem(text, 'payments[2].from', /payer importer-msk has no bank, so no RUB account to pay from/);
  });

  it('a Russian exporter without a bank, named at payments[n].to and its line', () => {
    const text = edit(
      edit(RECEIPTS, '  - {id: buyer-mumbai', '  - {id: exporter-nsk, kind: company, country: RU}\n  - {id: buyer-mumbai'),
      INVOICE,
      'id: invoice-1, from: buyer-mumbai, to: exporter-nsk',
    );
    const p = onlyProblem(text, 'payments[0].to', /exporter exporter-nsk has no bank, so no RUB account to be paid into/);
    expect(p.line).toBe(lineOf(text, 'invoice-1'));
  });

  it('a generated batch to exporters one of whom has no bank', () => {
    const text = edit(
      edit(RECEIPTS, '  - {id: buyer-mumbai', '  - {id: exporter-nsk, kind: company, country: RU}\n  - {id: buyer-mumbai'),
      'from: buyer-mumbai, to: exporter-ekb, amount: {fixed',
      'from: buyer-mumbai, to: [exporter-ekb, exporter-nsk], amount: {fixed',
    );
    onlyProblem(text, 'payments[1].generate.to', /exporter exporter-nsk has no bank/);
  });

  it.each([
    ['settlement: pvp', 'settlement', /receipts from abroad settle sequentially: settlement does not apply/],
    ['settlement: [sequential, pvp]', 'settlement', /receipts from abroad settle sequentially: settlement does not apply/],
    ['rail: correspondent', 'rail', /receipts from abroad go through the pilot: rail does not apply/],
    ['rail: [pilot, correspondent]', 'rail', /receipts from abroad go through the pilot: rail does not apply/],
  ] as const)('%s on a receipt is refused at that field', (field, key, message) => {
    const text = edit(RECEIPTS, INVOICE_AT, `${field}, ${INVOICE_AT}`);
    onlyProblem(text, `payments[0].${key}`, message);
  });

  it('rail: pilot and settlement: sequential said out loud on a receipt are fine', () => {
    const text = edit(RECEIPTS, INVOICE_AT, `rail: pilot, settlement: sequential, ${INVOICE_AT}`);
    const r = parseScenario('receipts.yaml', text);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('settlement: pvp on a generated receipt batch is refused at its settlement', () => {
    const text = edit(RECEIPTS, 'via: {stablecoin: BRICS, chain: ethereum}, over: PT1H', 'via: {stablecoin: BRICS, chain: ethereum}, settlement: pvp, over: PT1H');
    onlyProblem(text, 'payments[1].generate.settlement', /receipts from abroad settle sequentially/);
  });

  it('a batch from abroad to a foreign payee among Russian exporters is refused at its payees', () => {
    const mixed = edit(RECEIPTS, 'from: buyer-mumbai, to: exporter-ekb, amount: {fixed', 'from: buyer-mumbai, to: [exporter-ekb, supplier-sz], amount: {fixed');
    onlyProblem(mixed, 'payments[1].generate.to', /a payment from abroad goes to a Russian exporter/);
  });

  it('an invoice in a coin that is not a stablecoin is refused at the amount', () => {
    const text = edit(RECEIPTS, 'amount: "1000.000000 USDT", via: {stablecoin: USDT, chain: tron}', 'amount: "0.01000000 BTC", via: {stablecoin: BTC, chain: tron}');
    const withMarket = edit(text, 'markets:\n', 'markets:\n  BTC/RUB: {mid: "5400000.00", spreadBps: 100}\n');
    const r = parseScenario('receipts.yaml', withMarket);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toContain('payments[0].amount: a receipt is invoiced in a stablecoin (a coin with a peg or a basket), not BTC');
  });

  it('an invoice in a coin without an X/RUB market is refused at the amount', () => {
    // AXCNH is a known coin and tron carries it, but no exchange lists AXCNH/RUB
    const text = edit(RECEIPTS, 'amount: "1000.000000 USDT", via: {stablecoin: USDT, chain: tron}', 'amount: "1000.000000 AXCNH", via: {stablecoin: AXCNH, chain: tron}');
    const p = onlyProblem(text, 'payments[0].amount', /a receipt is invoiced in a stablecoin NPCS can sell: no market AXCNH\/RUB/);
    expect(p.line).toBe(lineOf(text, 'invoice-1'));
  });

  it('an invoice in a coin other than via.stablecoin is refused at via.stablecoin', () => {
    const text = edit(RECEIPTS, 'via: {stablecoin: USDT, chain: tron}, at: 2024-09-04T09:05', 'via: {stablecoin: AXCNH, chain: tron}, at: 2024-09-04T09:05');
    onlyProblem(text, 'payments[0].via.stablecoin', /the invoice is in USDT, not AXCNH/);
  });

  it('a batch mixing a Russian and a foreign payer to a Russian payee is refused at from', () => {
    const text = edit(RECEIPTS, 'from: buyer-mumbai, to: exporter-ekb, amount: {fixed', 'from: [buyer-mumbai, importer-msk], to: exporter-ekb, amount: {fixed');
    onlyProblem(text, 'payments[1].generate.from', /a batch goes one way: payers all abroad \(receipts\) or all in Russia \(payments\)/);
  });
});

describe('other new schema rules', () => {
  it('a basket whose weights do not sum to 1, named at assets.<CODE>.basket', () => {
    const text = edit(RECEIPTS, 'ZAR: "0.10"}}', 'ZAR: "0.20"}}');
    const p = onlyProblem(text, 'assets.BRICS.basket', /expected the weights to sum to 1, they sum to 1\.1\b/);
    expect(p.line).toBe(lineOf(text, 'BRICS: {scale: 6'));
  });

  it('a basket member without an fx rate, named at assets.<CODE>.basket.<MEMBER>', () => {
    const text = edit(RECEIPTS, '  ZAR/RUB: {mid: "5.10"}\n', '');
    onlyProblem(text, 'assets.BRICS.basket.ZAR', /basket member ZAR needs its rate: add fx: \{ZAR\/RUB: \{mid: "\.\.\."\}\}/);
  });

  it('a depeg fault on a coin that is neither pegged nor a basket (BTC) is refused at its coin', () => {
    const fault = (coin: string) => `{kind: depeg, coin: ${coin}, by: "0.03", at: 2024-09-04T10:00:00Z, for: PT1H}`;
    onlyProblem(withFault(RECEIPTS, fault('BTC')), 'faults[0].coin', /BTC is not a stablecoin: depeg needs a coin with a peg or a basket/);
    // a pegged coin and a basket coin may depeg
    for (const coin of ['USDT', 'BRICS']) {
      const r = parseScenario('receipts.yaml', withFault(RECEIPTS, fault(coin)));
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });

  it('an offrampOutage naming a market that is not an off-ramp is refused at its market, listing the off-ramps', () => {
    const fault = (market: string) => `{kind: offrampOutage, market: "${market}", at: 2024-09-04T10:00:00Z, for: PT1H}`;
    for (const market of ['USDT/RUB', 'BRICS/RUB', 'USDT/INR']) {
      onlyProblem(withFault(RECEIPTS, fault(market)), 'faults[0].market', /expected an off-ramp market of this scenario, like "USDT\/CNY"; off-ramps are USDT\/CNY$/);
    }
    const r = parseScenario('receipts.yaml', withFault(RECEIPTS, fault('USDT/CNY')));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('a chain with neither preset nor blockTime is refused at its blockTime', () => {
    const text = edit(RECEIPTS, 'tron: {blockTime: PT3S, confirmations: 19,', 'tron: {confirmations: 19,');
    onlyProblem(text, 'chains.tron.blockTime', /expected blockTime, or a preset \(tron, ethereum\) to take it from/);
  });

  it('a chain with a preset needs no blockTime', () => {
    const text = edit(RECEIPTS, 'tron: {blockTime: PT3S, confirmations: 19,', 'tron: {preset: tron,');
    const r = parseScenario('receipts.yaml', text);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
});
