// The mutation check of the invariants kit (issue 5): for each invariant, a test that breaks it on
// purpose and asserts that the predicate catches it. "An invariant no test can make fail is not done."
//
// The records are real: shipped scenarios run in memory and converted exactly as `railpilot run`
// writes them (entryRecord, the trace line of traceToJson, outcomeRecord, runFacts). Each mutation
// copies a clean run, changes one thing, and checks which invariants fail and that the failing one
// names the offender. Where a mutation cannot help tripping other invariants too (an unbalanced
// entry also breaks conservation), the test lists them, so a change in the kit's precision shows up.
//
// What the kit cannot catch today is written as `it.fails` under "known gaps" at the end: each is a
// realistic mutation that should fail its invariant and does not. When the kit is fixed, vitest
// reports those tests as unexpectedly passing; turn them into ordinary tests then (as was done for
// rounding residue handed out, a move after a final state, an order's legs, and listed parties'
// bank and custody accounts).

import { describe, expect, it } from 'vitest';
import { parseScenario, formatProblems } from '../../src/scenario/load.js';
import { loadScenario } from '../../src/cli/readScenario.js';
import { runScenario } from '../../src/scenario/runner.js';
import type { Model } from '../../src/scenario/model.js';
import { entryRecord } from '../../src/ledger/exporters.js';
import { traceToJson } from '../../src/sim/index.js';
import { outcomeRecord, runFacts } from '../../src/app/outcomeRecord.js';
import { SETUP_FLOW } from '../../src/ledger/index.js';
import { INVARIANTS, atto, checkRun, showAtto, type EntryRecord, type OutcomeRecord, type RunFacts, type TraceLine, type Verdict } from '../../src/invariants/index.js';

// ---------------------------------------------------------------------------------------------
// Records of a run, and copies of them that a test may change.

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Entry = Mutable<EntryRecord>;
type Trace = Mutable<TraceLine>;
type Outcome = Mutable<OutcomeRecord>;

interface Run {
  entries: Entry[];
  traces: Trace[];
  outcomes: Outcome[];
  facts: RunFacts;
}

/** The invariants in the kit's order, each of which has a describe block of mutations below. */
const NAMES = [
  'balanced-entries',
  'conservation',
  'non-negative-holdings',
  'finality',
  'holds-resolved-once',
  'linked-legs',
  'sanctions',
  'caps',
  'idempotency',
  'holds-end-with-flow',
  'credit-after-confirmation',
] as const;
type Name = (typeof NAMES)[number];

function record(s: Model): Run {
  const entries: Entry[] = [];
  const traces: Trace[] = [];
  const outcomes: Outcome[] = [];
  runScenario(s, {
    entry: (e) => {
      const x = entryRecord(e);
      entries.push({ ...x, postings: x.postings.map((p) => ({ ...p })) });
    },
    trace: (t) => traces.push(JSON.parse(traceToJson(t)) as Trace),
    outcome: (o, finalAt) => outcomes.push(outcomeRecord(o, finalAt)),
  });
  return { entries, traces, outcomes, facts: runFacts(s) };
}

function shipped(name: string): () => Run {
  let run: Run | undefined;
  return () => {
    if (!run) {
      const r = loadScenario(`scenarios/${name}.yaml`);
      if (!r.ok) throw new Error(formatProblems(r.file, r.problems));
      run = record(r.scenario);
    }
    return run;
  };
}

function inline(file: string, yaml: string): () => Run {
  let run: Run | undefined;
  return () => {
    if (!run) {
      const r = parseScenario(file, yaml);
      if (!r.ok) throw new Error(formatProblems(file, r.problems));
      run = record(r.scenario);
    }
    return run;
  };
}

/** Payments, sanctions (one party listed before the run, one at 12:30), a halt: settled, refunded, rejected, frozen. */
const importer = shipped('importer-pays-china-usdt');
/** Two investors buying until the as-reported-2024 caps stop them: purchased and rejected (cap.exceeded). */
const retail = shipped('retail-cap-as-reported-2024');
/** Two payments, before-halt (settled) and during-halt (refunded after its transfer is dropped). */
const halted = shipped('halted-chain-refund');
/** A miner selling mined BTC: sold (one exchange.soldBack entry each, RUB to its bank) and rejected. */
const miner = shipped('miner-sells-mined-btc');
/**
 * No shipped scenario voids or expires a hold, so this small one does: quotes that live 4 s against
 * an exchange that answers in 3 s (some expire, their holds are voided and requoted), and holds that
 * expire after 4 s (one expires before its fill).
 */
const holds = inline(
  'holds-lifecycle.yaml',
  `name: holds-lifecycle
description: Ten small payments on slow rails, so holds are posted, voided and expired.
seed: 5
start: 2024-09-02T09:00:00Z
markets:
  USDT/RUB: {mid: "92.50", spreadBps: 50, quoteTtl: PT4S, depth: "1000000"}
  USDT/CNY: {mid: "7.10", spreadBps: 30, delay: PT10M, liquidity: "10000000.00"}
chains:
  tron: {blockTime: PT3S, confirmations: 19, fee: "2.00 USDT", inclusionTimeout: PT30M}
participants:
  - {id: importer-msk, kind: company, country: RU, bank: bank-a, balances: {RUB: "50000000.00"}}
  - {id: supplier-sz, kind: company, country: CN}
rails: {exchangeLatency: PT3S, bankLatency: PT1S, holdTimeout: PT4S, maxQuoteAttempts: 2}
payments:
  - generate: {count: 10, from: importer-msk, to: supplier-sz, amount: {fixed: "1000.00 CNY"}, over: PT1H}
`,
);

/** A deep copy of `run` changed by `change`: the clean run stays clean for the next test. */
function mutate(run: Run, change: (r: Run) => void): Run {
  const copy = structuredClone(run);
  change(copy);
  return copy;
}

function first<T>(items: readonly T[], pred: (x: T) => boolean, what: string): T {
  const found = items.find(pred);
  if (found === undefined) throw new Error(`no ${what} in the run`);
  return found;
}

function indexOf<T>(items: readonly T[], pred: (x: T) => boolean, what: string): number {
  const i = items.findIndex(pred);
  if (i < 0) throw new Error(`no ${what} in the run`);
  return i;
}

/** The index of the last item matching `pred` (lib ES2022 has no findLastIndex). */
function lastIndexOf<T>(items: readonly T[], pred: (x: T) => boolean, what: string): number {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i]!)) return i;
  throw new Error(`no ${what} in the run`);
}

function last<T>(items: readonly T[], pred: (x: T) => boolean, what: string): T {
  return items[lastIndexOf(items, pred, what)]!;
}

function posting(e: Entry, account: string, asset?: string) {
  return first(e.postings, (p) => p.account === account && (asset === undefined || p.asset === asset), `posting to ${account} in ${e.id}`);
}

/** A decimal string moved by `minor` units of its last decimal place: ("1308221.46", -1n) -> "1308221.45". */
function addMinor(amount: string, minor: bigint): string {
  const scale = amount.split('.')[1]?.length ?? 0;
  const v = BigInt(amount.replace('.', '')) + minor;
  const digits = (v < 0n ? -v : v).toString().padStart(scale + 1, '0');
  return `${v < 0n ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
}

/** A decimal string as the kit prints it in details: "1000.50" -> "1000.5", "-25000.00" -> "-25000". */
const plain = (amount: string) => amount.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

const negate = (amount: string) => (amount.startsWith('-') ? amount.slice(1) : `-${amount}`);

/** The first RUB funding credits a kopeck more than its source gave, the second one less. */
function kopeckMadeAndLost(r: Run): void {
  const [a, b] = r.entries.filter((e) => e.kind === 'funding' && e.postings.some((p) => p.asset === 'RUB'));
  const pa = first(a!.postings, (p) => !p.account.startsWith('external:'), 'RUB credit');
  const pb = first(b!.postings, (p) => !p.account.startsWith('external:'), 'RUB credit');
  pa.amount = addMinor(pa.amount, 1n);
  pb.amount = addMinor(pb.amount, -1n);
}

/** A fresh entry id after every id of the run (E<n>, the form the ledger gives). */
function nextId(r: Run): string {
  return `E${Math.max(...r.entries.map((e) => Number(e.id.slice(1)))) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Verdicts.

function verdicts(r: Run): Verdict[] {
  return checkRun(r, r.facts);
}

function verdict(r: Run, name: Name): Verdict {
  return first(verdicts(r), (v) => v.name === name, `verdict ${name}`);
}

/**
 * `target` fails with a detail containing every one of `detail`, and exactly the invariants of
 * `alsoFailing` fail beside it (none, for a precise mutation).
 */
function expectCaught(r: Run, target: Name, detail: readonly string[], alsoFailing: readonly Name[] = []): void {
  const vs = verdicts(r);
  const failing = vs.filter((v) => !v.ok).map((v) => v.name);
  expect(failing, JSON.stringify(vs.filter((v) => !v.ok))).toEqual(NAMES.filter((n) => n === target || alsoFailing.includes(n)));
  const v = first(vs, (x) => x.name === target, `verdict ${target}`);
  for (const d of detail) expect(v.detail).toContain(d);
}

function expectAllHold(r: Run): void {
  const failing = verdicts(r).filter((v) => !v.ok);
  expect(failing).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('the kit', () => {
  it('has exactly the invariants this file breaks, in this order (a new one needs its mutations here)', () => {
    // Factories are told the run's facts before any record; any run's facts will do for a name.
    expect(INVARIANTS.map((make) => make(halted().facts).name)).toEqual([...NAMES]);
  });

  it('passes a run with no records at all, whatever its facts list', () => {
    const vs = checkRun({ entries: [], traces: [], outcomes: [] }, importer().facts);
    expect(vs.map((v) => v.name)).toEqual([...NAMES]);
    expect(vs.filter((v) => !v.ok)).toEqual([]);
  });
});

describe('clean runs pass every invariant', () => {
  const exercised = (r: Run, names: readonly Name[]) => {
    const vs = verdicts(r);
    expect(vs.map((v) => v.name)).toEqual([...NAMES]);
    expect(vs.filter((v) => !v.ok)).toEqual([]);
    for (const v of vs) expect(v.detail, v.name).toBeUndefined();
    for (const n of names) expect(first(vs, (v) => v.name === n, n).checked, `${n} checked`).toBeGreaterThan(0);
  };

  it('importer-pays-china-usdt: settled, refunded, rejected and frozen payments, with sanctions and a halt', () => {
    const r = importer();
    expect(new Set(r.outcomes.map((o) => o.status))).toEqual(new Set(['settled', 'refunded', 'rejected', 'frozen']));
    expect(r.facts.sanctions.map((s) => s.party)).toEqual(['supplier-blocked', 'supplier-listed-later']);
    exercised(r, ['balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions', 'holds-end-with-flow', 'credit-after-confirmation']);
    expect(verdict(r, 'caps').checked).toBe(0); // no retail purchases in it
  });

  it('retail-cap-as-reported-2024: purchases counted against the caps, the rest rejected', () => {
    const r = retail();
    expect(new Set(r.outcomes.map((o) => `${o.status} ${o.reason ?? ''}`.trim()))).toEqual(new Set(['purchased', 'rejected cap.exceeded']));
    // sanctions counts every credit to a party's account, listed or not: none is listed here.
    exercised(r, ['balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions', 'caps', 'holds-end-with-flow']);
    expect(verdict(r, 'caps').checked).toBe(r.outcomes.filter((o) => o.status === 'purchased').length);
  });

  it('halted-chain-refund: one payment settled, one refunded at a loss', () => {
    const r = halted();
    expect(r.outcomes.map((o) => [o.id, o.status])).toEqual([
      ['before-halt', 'settled'],
      ['during-halt', 'refunded'],
    ]);
    exercised(r, ['balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions']);
  });

  it('holds-lifecycle: holds posted, voided and expired', () => {
    const r = holds();
    const kinds = new Set(r.entries.map((e) => e.kind));
    for (const k of ['hold.pending', 'hold.posted', 'hold.voided', 'hold.expired']) expect(kinds, k).toContain(k);
    exercised(r, ['balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'holds-resolved-once', 'linked-legs', 'sanctions', 'holds-end-with-flow', 'credit-after-confirmation']);
  });

  it('miner-sells-mined-btc: sales paid to the seller bank, and rejected ones', () => {
    const r = miner();
    expect(new Set(r.outcomes.map((o) => o.status))).toEqual(new Set(['sold', 'rejected']));
    exercised(r, ['balanced-entries', 'conservation', 'non-negative-holdings', 'finality', 'linked-legs', 'sanctions']);
    expect(verdict(r, 'linked-legs').checked).toBe(r.outcomes.length);
  });
});

// ---------------------------------------------------------------------------------------------

describe('1. balanced-entries', () => {
  it('catches one posting of an entry changed by one kopeck, naming the entry and the asset', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'hold.posted', 'post of before-halt');
      const p = posting(e, 'exchanges:spb:usdt-rub', 'RUB');
      p.amount = addMinor(p.amount, -1n);
    });
    const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'hold.posted', 'post');
    // The kopeck vanishes from the rail: conservation cannot help seeing it too.
    expectCaught(r, 'balanced-entries', [`${e.id} (hold.posted of before-halt): RUB postings do not sum to zero`], ['conservation']);
  });

  it('balances per asset: an entry whose legs sum to zero only across assets is caught', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'exchange.filled', 'fill');
      posting(e, 'npcs:outbound', 'USDT').asset = 'RUB';
    });
    const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'exchange.filled', 'fill');
    // The coin waits in npcs:outbound, which a settled payment must leave empty: linked-legs sees it too.
    expectCaught(r, 'balanced-entries', [`${e.id} (exchange.filled of before-halt): USDT postings do not sum to zero`], ['conservation', 'non-negative-holdings', 'linked-legs']);
  });

  it('catches two entries unbalanced in opposite directions, which conservation cannot (only balanced-entries fails)', () => {
    const r = mutate(halted(), kopeckMadeAndLost);
    const firstRubFunding = first(r.entries, (e) => e.kind === 'funding' && e.postings.some((p) => p.asset === 'RUB'), 'RUB funding');
    expectCaught(r, 'balanced-entries', [`${firstRubFunding.id} (funding of ${SETUP_FLOW}): RUB postings do not sum to zero`]);
  });
});

describe('2. conservation', () => {
  it('catches value created inside the rail without an external account (the funding leg dropped)', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.kind === 'funding' && e.postings.some((p) => p.account.startsWith('banks:')), 'opening balance');
      e.postings = e.postings.filter((p) => !p.account.startsWith('external:'));
    });
    // The payer's 50,000,000.00 RUB opening balance now comes from nowhere; the exchange's
    // 92,500,000.00 RUB float still comes from external:funding.
    expectCaught(r, 'conservation', ['RUB: the rail holds 142500000 but external accounts account for 92500000'], ['balanced-entries']);
  });

  it('catches value leaving the rail without an external account (a fee posting dropped)', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.kind === 'chain.fee', 'chain fee');
      e.postings = e.postings.filter((p) => !p.account.startsWith('external:'));
    });
    expectCaught(r, 'conservation', ['USDT: the rail holds'], ['balanced-entries']);
  });

  // Per-asset sums are zero whenever every entry balances, so the end-of-run sum alone cannot see
  // this: value conjured in rounding:fx (signed, so allowed below zero) and handed to a participant
  // is balanced and keeps every holding non-negative. Only conversions may move the residue.
  it('catches a million RUB created in rounding:fx and credited to a payer (precise: only conservation sees it)', () => {
    const r = mutate(halted(), (r) => {
      r.entries.push({
        id: nextId(r),
        time: r.entries.at(-1)!.time,
        flow: 'setup',
        kind: 'rounding',
        memo: 'value from nowhere',
        postings: [
          { account: 'rounding:fx', asset: 'RUB', amount: '-1000000.00' },
          { account: 'banks:bank-a:importer-msk', asset: 'RUB', amount: '1000000.00' },
        ],
      });
    });
    const made = r.entries.at(-1)!;
    expectCaught(r, 'conservation', [`${made.id} (rounding of setup) moves rounding:fx, which only conversions may`]);
  });

  it('catches the rounding residue moved by an entry that is not a conversion (precise: the sale back relabelled)', () => {
    const sale = first(halted().entries, (e) => e.flow === 'during-halt' && e.kind === 'exchange.soldBack', 'sale back');
    expect(sale.postings.some((p) => p.account === 'rounding:fx')).toBe(true);
    const r = mutate(halted(), (r) => {
      first(r.entries, (e) => e.id === sale.id, 'sale back').kind = 'bank.refund';
    });
    expectCaught(r, 'conservation', [`${sale.id} (bank.refund of during-halt) moves rounding:fx, which only conversions may`]);
  });
});

describe('3. non-negative-holdings', () => {
  it('catches a debit booked before the credit that funds it (fill moved after the transfer that spends it)', () => {
    const r = mutate(halted(), (r) => {
      const fill = indexOf(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'exchange.filled', 'fill');
      const [moved] = r.entries.splice(fill, 1);
      const submit = indexOf(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'chain.submitted', 'submission');
      r.entries.splice(submit + 1, 0, moved!);
    });
    const submit = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'chain.submitted', 'submission');
    // Same entries, same nets, same times: only the order changed, and only this invariant sees order.
    expectCaught(r, 'non-negative-holdings', [`${submit.id} (chain.submitted of before-halt) takes npcs:outbound USDT below zero`]);
  });

  it('catches an extra debit of more than the account holds, checked after every entry and not only at the end', () => {
    const r = mutate(halted(), (r) => {
      const opening = indexOf(r.entries, (e) => e.kind === 'funding' && e.postings.some((p) => p.account === 'banks:bank-a:importer-msk'), 'opening balance');
      // The payer is overdrawn by one kopeck right after opening, then made whole again at once:
      // its end balance is untouched, so only a check after every entry sees it.
      const held = posting(r.entries[opening]!, 'banks:bank-a:importer-msk').amount;
      const out = addMinor(held, 1n);
      const withdraw: Entry = {
        id: 'X1',
        time: r.entries[opening]!.time,
        flow: 'setup',
        kind: 'withdrawal',
        memo: 'more than the account holds',
        postings: [
          { account: 'banks:bank-a:importer-msk', asset: 'RUB', amount: negate(out) },
          { account: 'exchanges:spb:usdt-rub', asset: 'RUB', amount: out },
        ],
      };
      const deposit: Entry = {
        ...withdraw,
        id: 'X2',
        kind: 'deposit',
        memo: 'given back',
        postings: withdraw.postings.map((p) => ({ ...p, amount: negate(p.amount) })),
      };
      r.entries.splice(opening + 1, 0, withdraw, deposit);
    });
    expectCaught(r, 'non-negative-holdings', ['X1 (withdrawal of setup) takes banks:bank-a:importer-msk RUB below zero']);
  });

  it('catches an off-ramp paying out more CNY than it holds', () => {
    const r = mutate(halted(), (r) => {
      const pay = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'offramp.paid', 'payout');
      const funding = first(r.entries, (e) => e.kind === 'funding' && e.postings.some((p) => p.account === 'offramps:usdt-cny' && p.asset === 'CNY'), 'liquidity');
      posting(funding, 'offramps:usdt-cny', 'CNY').amount = '99999.99';
      posting(funding, 'external:funding', 'CNY').amount = '-99999.99';
      expect(posting(pay, 'offramps:usdt-cny', 'CNY').amount).toBe('-100000.00');
    });
    const pay = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'offramp.paid', 'payout');
    expectCaught(r, 'non-negative-holdings', [`${pay.id} (offramp.paid of before-halt) takes offramps:usdt-cny CNY below zero`]);
  });
});

describe('4. finality', () => {
  it('catches a settled flow whose last transition is missing (it ends in payingOut, not a final state)', () => {
    const r = mutate(halted(), (r) => {
      const end = lastIndexOf(r.traces, (t) => t.flow === 'before-halt', 'transition');
      expect(r.traces[end]!.to).toBe('settled');
      r.traces.splice(end, 1);
    });
    expectCaught(r, 'finality', ['before-halt (crossBorderPayment) ended in payingOut', 'not a final state (settled, rejected, refunded, returnedInCoin, frozen)']);
  });

  it('catches a payment with two outcomes', () => {
    const r = mutate(halted(), (r) => {
      r.outcomes.push({ ...first(r.outcomes, (o) => o.id === 'during-halt', 'outcome'), status: 'settled', reason: null });
    });
    // The second outcome claims a settlement the ledger does not show: linked-legs sees that too.
    expectCaught(r, 'finality', ['during-halt has more than one outcome'], ['linked-legs']);
  });

  it('catches an outcome duplicated word for word', () => {
    const r = mutate(importer(), (r) => {
      const rejected = indexOf(r.outcomes, (o) => o.status === 'rejected', 'rejected payment');
      r.outcomes.splice(rejected + 1, 0, structuredClone(r.outcomes[rejected]!));
    });
    const rejected = first(r.outcomes, (o) => o.status === 'rejected', 'rejected payment');
    expectCaught(r, 'finality', [`${rejected.id} has more than one outcome`]);
  });

  it('catches a transition out of a final state into a non-final one, at the transition itself', () => {
    let time = '';
    const r = mutate(halted(), (r) => {
      const end = lastIndexOf(r.traces, (t) => t.flow === 'before-halt', 'transition');
      const t = r.traces[end]!;
      time = new Date(Date.parse(t.time) + 1000).toISOString();
      r.traces.splice(end + 1, 0, { ...t, time, from: 'settled', event: 'PAYOUT_FAILED', to: 'payingOut' });
    });
    // Seen while streaming, before the end state (payingOut, not final) is looked at.
    expectCaught(r, 'finality', [`before-halt moved after its final state: settled -> payingOut on PAYOUT_FAILED at ${time}`]);
  });

  it('catches a payment rejected at screening that later settles (final to final: only the move itself shows it)', () => {
    const o = first(importer().outcomes, (o) => o.status === 'rejected', 'rejected payment');
    let time = '';
    const r = mutate(importer(), (r) => {
      const end = lastIndexOf(r.traces, (t) => t.flow === o.id, 'transition');
      const t = r.traces[end]!;
      expect(t.to).toBe('rejected');
      time = new Date(Date.parse(t.time) + 60_000).toISOString();
      r.traces.splice(end + 1, 0, { ...t, time, from: 'rejected', event: 'PAYOUT_COMPLETED', to: 'settled' });
    });
    expectCaught(r, 'finality', [`${o.id} moved after its final state: rejected -> settled on PAYOUT_COMPLETED at ${time}`]);
  });

  it('catches a flow that reached a final state but has no outcome', () => {
    const r = mutate(halted(), (r) => {
      r.outcomes = r.outcomes.filter((o) => o.id !== 'before-halt');
    });
    expectCaught(r, 'finality', ['before-halt has no outcome']);
  });

  it('catches an outcome of a flow that never ran', () => {
    const r = mutate(halted(), (r) => {
      r.traces = r.traces.filter((t) => t.flow !== 'during-halt');
    });
    expectCaught(r, 'finality', ['outcome during-halt belongs to no traced flow']);
  });

  it('catches a flow of a machine the run does not know', () => {
    const r = mutate(halted(), (r) => {
      for (const t of r.traces) if (t.flow === 'before-halt') t.machine = 'crossBorderPaymentV2';
    });
    expectCaught(r, 'finality', ['before-halt: machine crossBorderPaymentV2 is unknown']);
  });
});

describe('5. holds-resolved-once', () => {
  const voidedIn = (r: Run) => first(r.entries, (e) => e.kind === 'hold.voided', 'voided hold');
  const expiredIn = (r: Run) => first(r.entries, (e) => e.kind === 'hold.expired', 'expired hold');
  const postedIn = (r: Run) => first(r.entries, (e) => e.kind === 'hold.posted', 'posted hold');
  const placing = (r: Run, hold: string) => first(r.entries, (e) => e.kind === 'hold.pending' && e.hold === hold, `placing of ${hold}`);

  it('catches a void that was never booked (the hold stays pending; the money stays in npcs:holds)', () => {
    const v = voidedIn(holds());
    const r = mutate(holds(), (r) => {
      r.entries = r.entries.filter((e) => e.id !== v.id);
    });
    expectCaught(r, 'holds-resolved-once', [`hold ${v.hold} (placed in ${placing(r, v.hold!).id}) was never posted, voided or expired`], ['linked-legs']);
  });

  it('catches an expiry that was never booked', () => {
    const x = expiredIn(holds());
    const r = mutate(holds(), (r) => {
      r.entries = r.entries.filter((e) => e.id !== x.id);
    });
    expectCaught(r, 'holds-resolved-once', [`hold ${x.hold} (placed in ${placing(r, x.hold!).id}) was never posted, voided or expired`], ['linked-legs']);
  });

  it('catches a post that was never booked', () => {
    const p = postedIn(halted());
    const r = mutate(halted(), (r) => {
      r.entries = r.entries.filter((e) => e.id !== p.id);
    });
    expectCaught(r, 'holds-resolved-once', [`hold ${p.hold} (placed in ${placing(r, p.hold!).id}) was never posted, voided or expired`], ['linked-legs']);
  });

  it('catches a hold posted twice (a duplicated post message booked again)', () => {
    const r = mutate(halted(), (r) => {
      const i = indexOf(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'hold.posted', 'post');
      r.entries.splice(i + 1, 0, { ...structuredClone(r.entries[i]!), id: nextId(r) });
    });
    const again = r.entries[indexOf(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'hold.posted', 'post') + 1]!;
    // The second post also takes npcs:holds below zero and leaves it negative for the flow.
    expectCaught(r, 'holds-resolved-once', [`${again.id}: hold ${again.hold} posted but it was already resolved`], ['non-negative-holdings', 'linked-legs']);
  });

  it('catches a hold voided after it was posted', () => {
    const r = mutate(holds(), (r) => {
      const i = indexOf(r.entries, (e) => e.kind === 'hold.posted', 'post');
      const post = r.entries[i]!;
      const pending = first(r.entries, (e) => e.kind === 'hold.pending' && e.hold === post.hold, 'placing');
      r.entries.splice(i + 1, 0, {
        ...structuredClone(post),
        id: nextId(r),
        kind: 'hold.voided',
        postings: pending.postings.map((p) => ({ ...p, amount: negate(p.amount) })),
      });
    });
    const post = first(r.entries, (e) => e.kind === 'hold.posted', 'post');
    expectCaught(r, 'holds-resolved-once', [`hold ${post.hold} voided but it was already resolved`], ['non-negative-holdings', 'linked-legs']);
  });

  it('catches a hold placed twice under the same id', () => {
    const r = mutate(halted(), (r) => {
      const i = indexOf(r.entries, (e) => e.flow === 'during-halt' && e.kind === 'hold.pending', 'placing');
      r.entries.splice(i + 1, 0, { ...structuredClone(r.entries[i]!), id: nextId(r) });
    });
    const placed = first(r.entries, (e) => e.flow === 'during-halt' && e.kind === 'hold.pending', 'placing');
    // A second hold.pending for one request is also a double post: idempotency sees it too.
    expectCaught(r, 'holds-resolved-once', [`hold ${placed.hold} placed twice`], ['linked-legs', 'idempotency']);
  });

  it('catches a void that returns less than was held (only holds and the flow legs can see it)', () => {
    const v = voidedIn(holds());
    const r = mutate(holds(), (r) => {
      const e = first(r.entries, (e) => e.id === v.id, 'void');
      for (const p of e.postings) p.amount = addMinor(p.amount, p.amount.startsWith('-') ? 1n : -1n);
    });
    const held = posting(placing(r, v.hold!), 'npcs:holds', 'RUB').amount;
    expectCaught(r, 'holds-resolved-once', [`${v.id}: hold.voided of hold ${v.hold} returns ${plain(addMinor(held, -1n))}, not the ${plain(held)} held, to banks:bank-a:importer-msk`], ['linked-legs']);
  });

  it('catches an expiry that returns the funds to another account than the one held', () => {
    const x = expiredIn(holds());
    const r = mutate(holds(), (r) => {
      const e = first(r.entries, (e) => e.id === x.id, 'expiry');
      posting(e, 'banks:bank-a:importer-msk', 'RUB').account = 'banks:bank-a:npcs-suspense';
    });
    expectCaught(r, 'holds-resolved-once', [`${x.id}: hold.expired of hold ${x.hold} returns 0, not the`], ['linked-legs']);
  });

  it('catches a post relabelled as a void: nothing goes back to the payer (precise: only holds reads the kind)', () => {
    const p = postedIn(holds());
    const r = mutate(holds(), (r) => {
      first(r.entries, (e) => e.id === p.id, 'post').kind = 'hold.voided';
    });
    expectCaught(r, 'holds-resolved-once', [`${p.id}: hold.voided of hold ${p.hold} returns 0, not the`]);
  });

  it('catches a post naming a hold that was never placed (precise: only holds reads the hold id)', () => {
    const p = postedIn(halted());
    const r = mutate(halted(), (r) => {
      first(r.entries, (e) => e.id === p.id, 'post').hold = `${p.hold}-x`;
    });
    expectCaught(r, 'holds-resolved-once', [`${p.id}: hold ${p.hold}-x posted but it was never placed`]);
  });

  it('catches a hold entry that names no hold', () => {
    const p = postedIn(halted());
    const r = mutate(halted(), (r) => {
      delete first(r.entries, (e) => e.id === p.id, 'post').hold;
    });
    expectCaught(r, 'holds-resolved-once', [`${p.id} (hold.posted of ${p.flow}) names no hold`]);
  });
});

describe('6. linked-legs', () => {
  it('catches a refunded payment whose beneficiary was credited anyway', () => {
    const r = mutate(halted(), (r) => {
      const after = indexOf(r.entries, (e) => e.flow === 'during-halt' && e.kind === 'exchange.soldBack', 'sale back');
      r.entries.splice(after + 1, 0, {
        id: nextId(r),
        time: r.entries[after]!.time,
        flow: 'during-halt',
        kind: 'offramp.paid',
        memo: 'paid out although refunded',
        postings: [
          { account: 'offramps:usdt-cny', asset: 'CNY', amount: '-100000.00' },
          { account: 'beneficiaries:supplier-sz', asset: 'CNY', amount: '100000.00' },
        ],
      });
    });
    // A payout the flow never asked for (it never entered payingOut) is also a post without a request,
    // and a credit whose coin never confirmed on the chain.
    expectCaught(r, 'linked-legs', ['during-halt is refunded but credited supplier-sz 100000'], ['idempotency', 'credit-after-confirmation']);
  });

  it('catches a settled payment whose beneficiary got less than the amount', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'offramp.paid', 'payout');
      for (const p of e.postings) p.amount = addMinor(p.amount, p.amount.startsWith('-') ? 1n : -1n);
    });
    expectCaught(r, 'linked-legs', ['before-halt settled but credited supplier-sz 99999.99, not 100000']);
  });

  it('catches a refund short of what the payer paid less the booked loss', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'during-halt' && e.kind === 'exchange.soldBack', 'sale back');
      for (const p of e.postings.filter((p) => p.asset === 'RUB')) p.amount = addMinor(p.amount, p.amount.startsWith('-') ? 100n : -100n);
    });
    const o = first(halted().outcomes, (o) => o.id === 'during-halt', 'outcome');
    expectCaught(r, 'linked-legs', [`during-halt refunded: the payer's account moved`, `not the refund ${o.refunded!} less the ${o.rub!} paid`]);
  });

  it('catches a refunded payment that left coin in the payer custody', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'during-halt' && e.kind === 'exchange.soldBack', 'sale back');
      // One micro-unit of the coin the exchange bought ends in the payer's custody instead.
      const bought = posting(e, 'exchanges:spb:usdt-rub', 'USDT');
      bought.amount = addMinor(bought.amount, -1n);
      e.postings.push({ account: 'custody:importer-msk', asset: 'USDT', amount: '0.000001' });
    });
    expectCaught(r, 'linked-legs', ['during-halt refunded but left 0.000001 in custody:importer-msk USDT']);
  });

  it('catches a rejected order that leaves money in npcs:holds', () => {
    const r = mutate(retail(), (r) => {
      const o = first(r.outcomes, (o) => o.status === 'rejected', 'rejected order');
      r.entries.push({
        id: nextId(r),
        time: o.finalAt,
        flow: o.id,
        kind: 'bank.reserved',
        memo: 'reserved and never released',
        postings: [
          { account: o.partyAccount!, asset: 'RUB', amount: '-25000.00' },
          { account: 'npcs:holds', asset: 'RUB', amount: '25000.00' },
        ],
      });
    });
    const o = first(r.outcomes, (o) => o.status === 'rejected', 'rejected order');
    expectCaught(r, 'linked-legs', [`${o.id} (rejected) left 25000 in npcs:holds RUB`]);
  });

  it('catches a rejected payment that moved money at all', () => {
    const r = mutate(importer(), (r) => {
      const o = first(r.outcomes, (o) => o.status === 'rejected', 'rejected payment');
      r.entries.push({
        id: nextId(r),
        time: o.finalAt,
        flow: o.id,
        kind: 'bank.fee',
        memo: 'a fee for a payment that never ran',
        postings: [
          { account: o.partyAccount!, asset: 'RUB', amount: '-100.00' },
          { account: 'npcs:fees', asset: 'RUB', amount: '100.00' },
        ],
      });
    });
    const o = first(r.outcomes, (o) => o.status === 'rejected', 'rejected payment');
    expectCaught(r, 'linked-legs', [`${o.id} was rejected but moved ${o.partyAccount!} RUB by -100`]);
  });

  it('catches a settled payment whose coin is still on the chain', () => {
    const r = mutate(halted(), (r) => {
      const e = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'chain.confirmed', 'confirmation');
      for (const p of e.postings) p.amount = addMinor(p.amount, p.amount.startsWith('-') ? 1n : -1n);
    });
    expectCaught(r, 'linked-legs', ['before-halt (settled) left 0.000001 in chains:tron:transit USDT']);
  });

  // "The payer debited and the payee not credited", for an order: the buyer's RUB reached the
  // exchange (the hold was placed and posted) but the fill that delivers the coin is missing.
  it('catches a purchase that took the buyer RUB and delivered no coin (precise)', () => {
    const o = first(retail().outcomes, (o) => o.status === 'purchased', 'purchase');
    const r = mutate(retail(), (r) => {
      r.entries = r.entries.filter((e) => !(e.flow === o.id && e.kind === 'exchange.filled'));
    });
    const [coin, asset] = o.coin!.split(' ') as [string, string];
    expectCaught(r, 'linked-legs', [`${o.id} purchased: custody moved 0 ${asset}, not ${plain(coin)}`]);
  });

  it('catches a purchase whose coin reached another investor custody (precise)', () => {
    const o = first(retail().outcomes, (o) => o.status === 'purchased' && o.party === 'anna-nonqualified', 'purchase by anna');
    const r = mutate(retail(), (r) => {
      const fill = first(r.entries, (e) => e.flow === o.id && e.kind === 'exchange.filled', 'fill');
      posting(fill, 'custody:anna-nonqualified').account = 'custody:boris-qualified';
    });
    const [, asset] = o.coin!.split(' ') as [string, string];
    expectCaught(r, 'linked-legs', [`${o.id} purchased: custody moved 0 ${asset}, not`]);
  });

  it('catches a sale that paid the seller one kopeck less than its outcome says (precise)', () => {
    const o = first(miner().outcomes, (o) => o.status === 'sold', 'sale');
    const r = mutate(miner(), (r) => {
      const sale = first(r.entries, (e) => e.flow === o.id && e.kind === 'exchange.soldBack', 'sale');
      for (const p of sale.postings.filter((p) => p.asset === 'RUB')) p.amount = addMinor(p.amount, p.amount.startsWith('-') ? 1n : -1n);
    });
    const rub = o.rub!.split(' ')[0]!;
    expectCaught(r, 'linked-legs', [`${o.id} sold: the bank account moved ${plain(addMinor(rub, -1n))}, not ${plain(rub)}`]);
  });
});

describe('7. sanctions', () => {
  const listedLater = (r: Run) => first(r.facts.sanctions, (s) => s.party === 'supplier-listed-later', 'listing');
  /** The last payout to supplier-listed-later, made before it was listed. */
  const lastPayoutBefore = (r: Run) =>
    last(r.entries, (e) => e.kind === 'offramp.paid' && e.postings.some((p) => p.account === 'beneficiaries:supplier-listed-later'), 'payout to supplier-listed-later');

  it('catches a payout to a party that lands after it was listed (precise: only the time moved)', () => {
    const pay = lastPayoutBefore(importer());
    const from = listedLater(importer()).from!;
    expect(pay.time < from).toBe(true);
    const r = mutate(importer(), (r) => {
      first(r.entries, (e) => e.id === pay.id, 'payout').time = '2024-09-02T13:00:00.000Z';
    });
    expectCaught(r, 'sanctions', [`${pay.id} (offramp.paid of ${pay.flow}) credits beneficiaries:supplier-listed-later at 2024-09-02T13:00:00.000Z, listed from ${from}`]);
  });

  it('counts the moment of listing as listed, and the moment before as not', () => {
    const pay = lastPayoutBefore(importer());
    const from = listedLater(importer()).from!;
    const at = (time: string) =>
      mutate(importer(), (r) => {
        first(r.entries, (e) => e.id === pay.id, 'payout').time = time;
      });
    expectAllHold(at(new Date(Date.parse(from) - 1).toISOString()));
    expectCaught(at(from), 'sanctions', [`${pay.id} (offramp.paid of ${pay.flow}) credits beneficiaries:supplier-listed-later at ${from}, listed from ${from}`]);
  });

  it('catches an off-ramp paying a party listed before the run', () => {
    const pay = first(importer().entries, (e) => e.kind === 'offramp.paid' && e.postings.some((p) => p.account === 'beneficiaries:supplier-sz'), 'payout');
    const r = mutate(importer(), (r) => {
      posting(first(r.entries, (e) => e.id === pay.id, 'payout'), 'beneficiaries:supplier-sz').account = 'beneficiaries:supplier-blocked';
    });
    // The payment's own beneficiary is then not credited: linked-legs sees that side.
    expectCaught(r, 'sanctions', [`${pay.id} (offramp.paid of ${pay.flow}) credits beneficiaries:supplier-blocked at ${pay.time}, listed before the run`], ['linked-legs']);
  });

  it('catches coin frozen in flight released to the sanctioned beneficiary', () => {
    const frozen = first(importer().entries, (e) => e.kind === 'compliance.frozen', 'freeze');
    const r = mutate(importer(), (r) => {
      posting(first(r.entries, (e) => e.id === frozen.id, 'freeze'), 'compliance:frozen').account = 'beneficiaries:supplier-listed-later';
    });
    expectCaught(r, 'sanctions', [`${frozen.id} (compliance.frozen of ${frozen.flow}) credits beneficiaries:supplier-listed-later at ${frozen.time}, listed from `], ['linked-legs']);
  });

  it('catches a credit to a listed party from any flow, even one with no outcome', () => {
    const r = mutate(importer(), (r) => {
      r.entries.push({
        id: nextId(r),
        time: '2024-09-02T09:30:00.000Z',
        flow: 'side-deal',
        kind: 'offramp.paid',
        memo: 'off the books',
        postings: [
          { account: 'offramps:usdt-cny', asset: 'CNY', amount: '-1.00' },
          { account: 'beneficiaries:supplier-blocked', asset: 'CNY', amount: '1.00' },
        ],
      });
    });
    expectCaught(r, 'sanctions', ['(offramp.paid of side-deal) credits beneficiaries:supplier-blocked at 2024-09-02T09:30:00.000Z, listed before the run']);
  });

  // A party's accounts are all of those whose last name segment is its id: beneficiaries:<id>,
  // custody:<id> and banks:<bank>:<id>.
  it('catches coin frozen in flight released to the listed supplier custody account', () => {
    const frozen = first(importer().entries, (e) => e.kind === 'compliance.frozen', 'freeze');
    const r = mutate(importer(), (r) => {
      posting(first(r.entries, (e) => e.id === frozen.id, 'freeze'), 'compliance:frozen').account = 'custody:supplier-listed-later';
    });
    // The frozen account then holds none of what the outcome says was frozen: linked-legs sees that.
    expectCaught(r, 'sanctions', [`${frozen.id} (compliance.frozen of ${frozen.flow}) credits custody:supplier-listed-later at ${frozen.time}, listed from `], ['linked-legs']);
  });

  it('catches a sale paying RUB into the bank account of a seller listed at that moment (precise: only the facts changed)', () => {
    const sale = first(miner().entries, (e) => e.kind === 'exchange.soldBack', 'sale');
    const seller = first(miner().outcomes, (o) => o.id === sale.flow, 'outcome of the sale');
    const r = mutate(miner(), (r) => {
      r.facts = { ...r.facts, sanctions: [{ party: seller.party, from: sale.time }] };
    });
    expectCaught(r, 'sanctions', [`${sale.id} (exchange.soldBack of ${sale.flow}) credits ${seller.partyAccount!} at ${sale.time}, listed from ${sale.time}`]);
  });

  it("counts every credit to a party's own account (bank, custody, beneficiary) during the run, listed or not, and no debit", () => {
    const r = importer();
    const credits = r.entries
      .filter((e) => e.flow !== SETUP_FLOW)
      .flatMap((e) => e.postings)
      .filter((p) => !p.amount.startsWith('-') && /^(banks:[^:]+|custody|beneficiaries):[^:]+$/.test(p.account));
    expect(credits.length).toBeGreaterThan(0);
    expect(verdict(r, 'sanctions').checked).toBe(credits.length);
  });
});

describe('8. caps', () => {
  const purchases = (r: Run, party: string) => r.outcomes.filter((o) => o.party === party && o.capValue !== null);
  // Cap values are exact, to 10^-18 of the cap's currency: sums are counted in those units.
  const usd = (text: string) => atto(text.split(' ')[0]!);

  it('catches one purchase valued 10^-18 USD above what the cap leaves (and not at exactly the cap)', () => {
    const clean = retail();
    const anna = purchases(clean, 'anna-nonqualified');
    expect(anna.length).toBeGreaterThan(0);
    const cap = usd(clean.facts.caps.nonQualified!);
    const others = anna.slice(1).reduce((s, o) => s + usd(o.capValue!), 0n);
    const withLast = (value: bigint) =>
      mutate(clean, (r) => {
        first(r.outcomes, (o) => o.id === anna[0]!.id, 'purchase').capValue = `${showAtto(value)} USD`;
      });
    expectAllHold(withLast(cap - others));
    expectCaught(withLast(cap - others + 1n), 'caps', [`anna-nonqualified 2024 (nonQualified) bought ${showAtto(cap + 1n)} USD against a cap of 600.00 USD`]);
  });

  it('catches a purchase more than the investor made (traced and ended; linked-legs sees it moved no money)', () => {
    const o = purchases(retail(), 'anna-nonqualified')[0]!;
    const extra = `${o.id}-again`;
    const r = mutate(retail(), (r) => {
      r.traces.push(...r.traces.filter((t) => t.flow === o.id).map((t) => ({ ...t, flow: extra })));
      r.outcomes.push({ ...o, id: extra, capValue: '300.00 USD' });
    });
    // The extra outcome says purchased but no entry of its flow took the buyer's RUB.
    expectCaught(r, 'caps', ['anna-nonqualified 2024 (nonQualified) bought', 'against a cap of 600.00 USD'], ['linked-legs']);
    expect(verdict(r, 'linked-legs').detail).toBe(`${extra} purchased: the bank account moved 0, not -${plain(o.rub!.split(' ')[0]!)}`);
  });

  it('catches a qualified investor counted against the non-qualified cap', () => {
    const r = mutate(retail(), (r) => {
      for (const o of r.outcomes) if (o.party === 'boris-qualified') o.category = 'nonQualified';
    });
    expectCaught(r, 'caps', ['boris-qualified 2024 (nonQualified) bought', 'against a cap of 600.00 USD']);
  });

  it('catches purchases valued in another currency than the cap', () => {
    const r = mutate(retail(), (r) => {
      const o = purchases(r, 'boris-qualified')[0]!;
      o.capValue = o.capValue!.replace('USD', 'EUR');
    });
    expectCaught(r, 'caps', ['boris-qualified 2024: purchases counted in EUR, the cap is in USD']);
  });
});

describe('2. conservation: each external account moves only by its own kinds of entry', () => {
  it('catches a refund paid out of external:funding (precise: balanced, and every total still adds up)', () => {
    const sale = first(halted().entries, (e) => e.flow === 'during-halt' && e.kind === 'exchange.soldBack', 'sale back');
    const r = mutate(halted(), (r) => {
      // The payer's RUB comes from the funding account instead of the exchange that bought the coin.
      posting(first(r.entries, (e) => e.id === sale.id, 'sale back'), 'exchanges:spb:usdt-rub', 'RUB').account = 'external:funding';
    });
    expectCaught(r, 'conservation', [`${sale.id} (exchange.soldBack of during-halt) moves external:funding: opening balances move only by funding`]);
  });

  it('catches funding booked in a flow a scenario could name, not the simulator setup', () => {
    const funding = first(halted().entries, (e) => e.kind === 'funding', 'funding');
    const r = mutate(halted(), (r) => {
      first(r.entries, (e) => e.id === funding.id, 'funding').flow = 'setup';
    });
    expectCaught(r, 'conservation', [`${funding.id} (funding of setup) moves external:funding: opening balances move only in ${SETUP_FLOW}`]);
  });

  it('catches a chain fee flowing into the rail instead of out, and an external account the rail does not have', () => {
    const fee = first(halted().entries, (e) => e.kind === 'chain.fee', 'chain fee');
    const reversed = mutate(halted(), (r) => {
      for (const p of first(r.entries, (e) => e.id === fee.id, 'fee').postings) p.amount = negate(p.amount);
    });
    // The transit account then goes below zero too: the reversed fee takes what it never held.
    expect(verdict(reversed, 'conservation').detail).toBe(`${fee.id} (chain.fee of ${fee.flow}) takes value in from external:chain-fees:tron: chain fees only take value out`);
    const unknown = mutate(halted(), (r) => {
      posting(first(r.entries, (e) => e.id === fee.id, 'fee'), 'external:chain-fees:tron').account = 'external:validators';
    });
    expectCaught(unknown, 'conservation', [`${fee.id} (chain.fee of ${fee.flow}) moves external:validators, which is not an external account the rail has`]);
  });
});

describe('9. idempotency', () => {
  it('catches a fill posted without the request that asks for it (precise: one transition removed)', () => {
    const r = mutate(halted(), (r) => {
      r.traces.splice(indexOf(r.traces, (t) => t.flow === 'before-halt' && t.to === 'converting', 'transition into converting'), 1);
    });
    expectCaught(r, 'idempotency', ['before-halt posted exchange.filled 1 times (first', 'for 0 requests from converting']);
  });
});

describe('10. holds-end-with-flow', () => {
  it('passes the holds lifecycle, where holds expire while their flows still wait', () => {
    expect(verdict(holds(), 'holds-end-with-flow')).toMatchObject({ ok: true });
    expect(verdict(holds(), 'holds-end-with-flow').checked).toBe(holds().entries.filter((e) => e.kind.startsWith('hold.') && e.kind !== 'hold.pending').length);
  });

  it('catches a hold left to expire after its flow ended (precise: only the expiry moved later)', () => {
    const x = first(holds().entries, (e) => e.kind === 'hold.expired', 'expiry');
    const end = first(holds().outcomes, (o) => o.id === x.flow, 'outcome of the expired hold').finalAt;
    const after = new Date(Date.parse(end) + 1).toISOString();
    const at = (time: string) =>
      mutate(holds(), (r) => {
        first(r.entries, (e) => e.id === x.id, 'expiry').time = time;
      });
    expectAllHold(at(end));
    expectCaught(at(after), 'holds-end-with-flow', [`${x.id}: hold ${x.hold} of ${x.flow} expired at ${after}, after ${x.flow} ended at ${end}`]);
  });
});

describe('11. credit-after-confirmation', () => {
  const confirmedAt = (r: Run, flow: string) => first(r.traces, (t) => t.flow === flow && t.event === 'CHAIN_TX_CONFIRMED', 'confirmation').time;

  it('catches a beneficiary paid before the coin was final (precise: only the payout time moved), and not one paid at that instant', () => {
    const pay = first(halted().entries, (e) => e.flow === 'before-halt' && e.kind === 'offramp.paid', 'payout');
    const final = confirmedAt(halted(), 'before-halt');
    const at = (time: string) =>
      mutate(halted(), (r) => {
        first(r.entries, (e) => e.id === pay.id, 'payout').time = time;
      });
    expectAllHold(at(final));
    const early = new Date(Date.parse(final) - 1).toISOString();
    expectCaught(at(early), 'credit-after-confirmation', [`${pay.id} (offramp.paid of before-halt) credits beneficiaries:supplier-sz at ${early}, before the transfer carrying the coin was confirmed (at ${final})`]);
  });

  it('catches a payout whose transfer never confirmed (the confirmation transition missing, the flow still final)', () => {
    const r = mutate(halted(), (r) => {
      const i = indexOf(r.traces, (t) => t.flow === 'before-halt' && t.event === 'CHAIN_TX_CONFIRMED', 'confirmation');
      r.traces[i]!.event = 'CHAIN_TX_INCLUDED';
    });
    expectCaught(r, 'credit-after-confirmation', ['(offramp.paid of before-halt) credits beneficiaries:supplier-sz', 'it never was']);
  });
});

describe('6. linked-legs: frozen outcomes and off-ramps', () => {
  const frozenPayment = (r: Run) => first(r.outcomes, (o) => o.status === 'frozen' && o.frozen !== null, 'frozen payment');

  it('catches a frozen payment whose outcome says one unit more was frozen than the frozen account took (precise)', () => {
    const o = frozenPayment(importer());
    const r = mutate(importer(), (r) => {
      const x = first(r.outcomes, (x) => x.id === o.id, 'outcome');
      const [amount, asset] = x.frozen!.split(' ') as [string, string];
      x.frozen = `${addMinor(amount, 1n)} ${asset}`;
    });
    expectCaught(r, 'linked-legs', [`${o.id} (frozen) froze ${plain(o.frozen!.split(' ')[0]!)} `, `not the ${addMinor(o.frozen!.split(' ')[0]!, 1n)} ${o.frozen!.split(' ')[1]!} its outcome says`]);
  });

  it('catches an outcome that says nothing was frozen while its flow froze value (precise)', () => {
    const o = frozenPayment(importer());
    const r = mutate(importer(), (r) => {
      first(r.outcomes, (x) => x.id === o.id, 'outcome').frozen = null;
    });
    expectCaught(r, 'linked-legs', [`${o.id} (frozen) put`, 'in compliance:frozen', 'but its outcome says nothing was frozen']);
  });

  it('catches an off-ramp that kept the coin of a payment it froze (precise: the freeze taken from the exchange)', () => {
    const freeze = first(importer().entries, (e) => e.kind === 'compliance.frozen' && e.postings.some((p) => p.account.startsWith('offramps:')), 'freeze at the off-ramp');
    const from = first(freeze.postings, (p) => p.account.startsWith('offramps:'), 'off-ramp leg').account;
    const r = mutate(importer(), (r) => {
      posting(first(r.entries, (e) => e.id === freeze.id, 'freeze'), from).account = 'exchanges:spb:usdt-rub';
    });
    expectCaught(r, 'linked-legs', [`${freeze.flow} is frozen but left`, `with ${from} USDT`]);
  });

  it('catches a settled payment whose off-ramp paid the beneficiary out of another account (precise)', () => {
    const pay = first(importer().entries, (e) => e.kind === 'offramp.paid' && e.postings.some((p) => p.account === 'offramps:usdt-cny'), 'payout');
    const r = mutate(importer(), (r) => {
      const e = first(r.entries, (e) => e.id === pay.id, 'payout');
      // Paid from another holding of the rail, given the CNY at setup by the off-ramp itself.
      posting(e, 'offramps:usdt-cny', 'CNY').account = 'npcs:side';
      const fund = first(r.entries, (x) => x.kind === 'funding' && x.postings.some((p) => p.account === 'offramps:usdt-cny' && p.asset === 'CNY'), 'liquidity');
      const amount = posting(e, 'npcs:side', 'CNY').amount;
      fund.postings.push({ account: 'offramps:usdt-cny', asset: 'CNY', amount }, { account: 'npcs:side', asset: 'CNY', amount: negate(amount) });
    });
    expectCaught(r, 'linked-legs', [`${pay.flow} settled but its off-ramp paid out 0 CNY, not`]);
  });
});

describe('6. linked-legs: coin an off-ramp keeps', () => {
  /** An off-ramp with no CNY: the payout fails, and the coin left after the fee is less than the fee back. */
  const kept = inline(
    'offramp-keeps.yaml',
    `name: offramp-keeps
description: The off-ramp cannot pay and the coin it holds is worth less than the fee to return it.
seed: 0
start: 2024-09-02T09:00:00Z
markets:
  USDT/RUB: {mid: "60.00", spreadBps: 0, quoteTtl: PT2S, depth: "0.011667"}
  USDT/CNY: {mid: "6.0000", spreadBps: 0, delay: PT5M, liquidity: "0.00"}
chains:
  tron: {blockTime: PT1S, confirmations: 1, fee: "0.01 USDT", inclusionTimeout: PT1M}
participants:
  - {id: payer-0, kind: company, country: RU, bank: bank-0, balances: {RUB: "0.70"}}
  - {id: payee-0, kind: company, country: CN}
rails: {bankLatency: PT1S, holdTimeout: PT1M}
payments:
  - {id: p-0, from: payer-0, to: payee-0, amount: "0.01 CNY", at: 2024-09-02T09:00:00Z}
`,
  );

  it('reads records without `forfeited` as before it existed, and holds an outcome that names the kept coin to it', () => {
    const o = first(kept().outcomes, (o) => o.id === 'p-0', 'outcome');
    expect([o.status, o.refunded, o.forfeited]).toEqual(['refunded', '0.00 RUB', '0.001667 USDT']);
    expectAllHold(kept());
    // A line written before the field existed says nothing of the kept coin, and is read as such.
    expectAllHold(
      mutate(kept(), (r) => {
        delete first(r.outcomes, (o) => o.id === 'p-0', 'outcome').forfeited;
      }),
    );
    const r = mutate(kept(), (r) => {
      first(r.outcomes, (o) => o.id === 'p-0', 'outcome').forfeited = null;
    });
    expectCaught(r, 'linked-legs', ['p-0 is refunded but left 0.001667 with offramps:usdt-cny USDT']);
    const less = mutate(kept(), (r) => {
      first(r.outcomes, (o) => o.id === 'p-0', 'outcome').forfeited = '0.001666 USDT';
    });
    expectCaught(less, 'linked-legs', ['p-0 is refunded but left 0.001667 with offramps:usdt-cny USDT, not the 0.001666 USDT its outcome says was forfeited']);
  });
});

describe('10 (issue 10). flows a scenario names like the simulator flows', () => {
  it('does not skip a breach in a payment whose id is setup (only the simulator setup flow is skipped)', () => {
    const pay = last(importer().entries, (e) => e.kind === 'offramp.paid' && e.postings.some((p) => p.account === 'beneficiaries:supplier-listed-later'), 'payout');
    const rename = (r: Run) => {
      for (const e of r.entries) if (e.flow === pay.flow) e.flow = 'setup';
      for (const t of r.traces) if (t.flow === pay.flow) t.flow = 'setup';
      for (const o of r.outcomes) if (o.id === pay.flow) o.id = 'setup';
    };
    expectAllHold(mutate(importer(), rename));
    const r = mutate(importer(), (r) => {
      rename(r);
      first(r.entries, (e) => e.id === pay.id, 'payout').time = '2024-09-02T13:00:00.000Z';
    });
    expectCaught(r, 'sanctions', [`${pay.id} (offramp.paid of setup) credits beneficiaries:supplier-listed-later at 2024-09-02T13:00:00.000Z`]);
  });

  it('reads a party listed twice as listed from its earliest listing, whichever order the facts give', () => {
    const pay = last(importer().entries, (e) => e.kind === 'offramp.paid' && e.postings.some((p) => p.account === 'beneficiaries:supplier-listed-later'), 'payout');
    const earlier = new Date(Date.parse(pay.time) - 60_000).toISOString();
    for (const order of ['earliest first', 'earliest last']) {
      const r = mutate(importer(), (r) => {
        const listings = [{ party: 'supplier-listed-later', from: earlier }, ...r.facts.sanctions.filter((l) => l.party === 'supplier-listed-later')];
        if (order === 'earliest last') listings.reverse();
        r.facts = { ...r.facts, sanctions: [...r.facts.sanctions.filter((l) => l.party !== 'supplier-listed-later'), ...listings] };
      });
      const v = verdict(r, 'sanctions');
      expect(v.ok, order).toBe(false);
      expect(v.detail, order).toContain(`listed from ${earlier}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * A gap: `target` should fail on the mutated run and does not. If building the mutation throws, the
 * test returns normally so that it.fails reports it, instead of passing on the wrong error.
 */
function knownGap(title: string, target: Name, build: () => Run): void {
  it.fails(title, () => {
    let r: Run;
    try {
      r = build();
    } catch (e) {
      console.error(`the mutation of "${title}" could not be built:`, e);
      return;
    }
    expect(verdict(r, target).ok).toBe(false);
  });
}

describe('4. finality: the time bound each machine declares', () => {
  it('catches a payment that takes thirty days to settle, past its machine\'s bound', () => {
    const r = mutate(halted(), (r) => {
      const late = (iso: string) => new Date(Date.parse(iso) + 30 * 86_400_000).toISOString();
      const end = last(r.traces, (t) => t.flow === 'before-halt', 'transition');
      end.time = late(end.time);
      const pay = first(r.entries, (e) => e.flow === 'before-halt' && e.kind === 'offramp.paid', 'payout');
      pay.time = late(pay.time);
      const o = first(r.outcomes, (o) => o.id === 'before-halt', 'outcome');
      o.finalAt = late(o.finalAt);
    });
    expectCaught(r, 'finality', ['before-halt took', 'past the', 'its machine crossBorderPayment declares']);
  });
});

describe('known gaps of the kit (each an it.fails: the invariant should catch the mutation and does not)', () => {
  // Conservation compares per-asset totals at the end of the run (and where rounding moves). Two
  // entries unbalanced in opposite directions make a kopeck out of nothing and lose it again: the
  // totals are whole, and only balanced-entries sees it (see "1. balanced-entries"). Checking the
  // totals after every entry would catch it.
  knownGap('conservation: a kopeck made in one entry and lost in a later one', 'conservation', () =>
    mutate(halted(), (r) => {
      kopeckMadeAndLost(r);
      const failing = verdicts(r).filter((v) => !v.ok).map((v) => v.name);
      if (failing.join() !== 'balanced-entries') throw new Error(`the mutation trips ${failing.join()}, not balanced-entries alone`);
    }),
  );
});
