// Model-based test of the ledger and its two-phase holds. fast-check runs random sequences of
// create / transfer / hold / post / void / expire against the real Ledger and against a
// deliberately simple model: one bigint per account and asset, and a map of pending holds. Every
// command says in advance whether the ledger must accept or refuse it; after every command the
// balances, conservation, non-negativity, the holds account, the pending count and a re-derivation
// from the emitted entries are all checked against the model.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ledger } from '../../src/ledger/ledger.js';
import { accountId, type AccountId, type AccountKind } from '../../src/ledger/account.js';
import { transfer, unbalanced, type JournalEntry } from '../../src/ledger/entry.js';
import { amountOf, formatAmount, type Amount } from '../../src/money/amount.js';
import { defineAsset, type Asset } from '../../src/money/asset.js';

const RUB = defineAsset('RUB', 2);
const USDT = defineAsset('USDT', 6, 'USD');
const ASSETS = [RUB, USDT] as const;

const HOLDS = accountId('holds', 'bank-a');
const DEPOSITS = accountId('external', 'deposits');
const ALICE = accountId('participants', 'alice');
const BOB = accountId('participants', 'bob');
const RESIDUE = accountId('rounding', 'fx');
/** Never opened: every command naming it as a party must be refused. */
const GHOST = accountId('participants', 'ghost');

const KIND = new Map<AccountId, AccountKind>([
  [HOLDS, 'nonNegative'],
  [DEPOSITS, 'external'],
  [ALICE, 'nonNegative'],
  [BOB, 'nonNegative'],
  [RESIDUE, 'system'],
]);
const EVERY_ACCOUNT = [...KIND.keys(), GHOST];

/** Hold ids made by `hold` (few, so they are reused once resolved); `h9` is never made. */
const HOLD_IDS = ['h1', 'h2', 'h3'] as const;
const RESOLVE_IDS = [...HOLD_IDS, 'h9'] as const;

// ---------------------------------------------------------------------------------------------
// The model

interface ModelHold {
  readonly from: AccountId;
  readonly asset: Asset;
  readonly minor: bigint;
}

interface Model {
  /** `account|asset` -> minor units; missing means zero. */
  readonly balances: Map<string, bigint>;
  readonly pending: Map<string, ModelHold>;
  /** How many entries the ledger should have emitted so far. */
  entries: number;
}

interface Real {
  readonly ledger: Ledger;
  readonly entries: JournalEntry[];
  time: number;
}

const key = (account: AccountId, asset: string): string => `${account}|${asset}`;
const bal = (m: Readonly<Model>, account: AccountId, asset: string): bigint => m.balances.get(key(account, asset)) ?? 0n;
const move = (m: Model, from: AccountId, to: AccountId, asset: Asset, minor: bigint): void => {
  m.balances.set(key(from, asset.code), bal(m, from, asset.code) - minor);
  m.balances.set(key(to, asset.code), bal(m, to, asset.code) + minor);
};
const other = (asset: Asset): Asset => (asset.code === RUB.code ? USDT : RUB);

/**
 * An amount as generated: fixed minor units, or a share of what the paying account holds when the
 * command runs, so holds and transfers often fit (over 1000 per mille overdraws; a share of
 * nothing is one whole unit, which does not fit).
 */
type AmountSpec = { kind: 'fixed'; amount: Amount } | { kind: 'share'; asset: Asset; permille: bigint };
function resolveAmount(m: Readonly<Model>, from: AccountId, spec: AmountSpec): Amount {
  if (spec.kind === 'fixed') return spec.amount;
  const held = bal(m, from, spec.asset.code);
  return amountOf(spec.asset, held > 0n ? (held * spec.permille) / 1000n : 10n ** BigInt(spec.asset.scale));
}
const specText = (spec: AmountSpec): string =>
  spec.kind === 'fixed' ? formatAmount(spec.amount) : `${spec.permille}‰ of the payer's ${spec.asset.code}`;

// ---------------------------------------------------------------------------------------------
// The checks made after every command

/** A cheap equality check (vitest's expect is too slow to call thousands of times per run). */
function same<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: ledger has ${String(actual)}, model says ${String(expected)}`);
}

function checkAgainstModel(m: Readonly<Model>, r: Real): void {
  const { ledger } = r;

  // Every balance equals the model's (the never-opened account included: it must stay empty).
  for (const account of EVERY_ACCOUNT) {
    for (const asset of ASSETS) same(ledger.balance(account, asset.code), bal(m, account, asset.code), `balance of ${account} in ${asset.code}`);
  }

  const sums = new Map<string, bigint>();
  for (const row of ledger.allBalances()) {
    same(row.kind, KIND.get(row.account), `kind of ${row.account} in allBalances`);
    same(row.minor, bal(m, row.account, row.asset), `allBalances row of ${row.account} in ${row.asset}`);
    same(row.scale, ASSETS.find((a) => a.code === row.asset)?.scale, `scale of ${row.asset}`);
    sums.set(row.asset, (sums.get(row.asset) ?? 0n) + row.minor);
    // No non-negative account is below zero.
    if (row.kind === 'nonNegative' && row.minor < 0n) throw new Error(`${row.account} is below zero in ${row.asset}: ${row.minor}`);
  }
  // Value is conserved: the balances of every asset sum to zero.
  for (const [asset, sum] of sums) same(sum, 0n, `sum of all ${asset} balances`);

  // The holds account holds exactly the pending holds, per asset.
  for (const asset of ASSETS) {
    let pendingSum = 0n;
    for (const h of m.pending.values()) if (h.asset.code === asset.code) pendingSum += h.minor;
    same(ledger.balance(HOLDS, asset.code), pendingSum, `holds account vs the sum of pending ${asset.code} holds`);
  }
  same(ledger.pendingHolds, m.pending.size, 'pendingHolds');
  for (const id of RESOLVE_IDS) same(ledger.isPending(id), m.pending.has(id), `isPending(${id})`);

  // The entries emitted so far: numbered in order, each balanced, and together they re-derive
  // the balances the ledger reports.
  same(r.entries.length, m.entries, 'entries emitted');
  const derived = new Map<string, bigint>();
  r.entries.forEach((e, i) => {
    same(e.id, `E${i + 1}`, 'entry id');
    same(unbalanced(e.postings), undefined, `entry ${e.id} balances`);
    for (const p of e.postings) {
      const k = key(p.account, p.amount.asset.code);
      derived.set(k, (derived.get(k) ?? 0n) + p.amount.minor);
    }
  });
  for (const account of EVERY_ACCOUNT) {
    for (const asset of ASSETS) {
      same(ledger.balance(account, asset.code), derived.get(key(account, asset.code)) ?? 0n, `${account} in ${asset.code} re-derived from the entries`);
    }
  }
  for (const k of derived.keys()) {
    if (!KIND.has(k.split('|')[0] as AccountId)) throw new Error(`the entries touch an account that was never opened: ${k}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Commands. None has a precondition: each may come in any order, on any account and hold id, and
// the model decides whether the ledger must accept or refuse it.

type LedgerCommand = fc.Command<Model, Real>;

/** Funds an account from the external deposits account. */
class CreateCommand implements LedgerCommand {
  constructor(
    readonly to: AccountId,
    readonly amount: Amount,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.ledger.post({ time: ++r.time, flow: 'setup', kind: 'deposit', postings: transfer(DEPOSITS, this.to, this.amount) });
    move(m, DEPOSITS, this.to, this.amount.asset, this.amount.minor);
    m.entries++;
    checkAgainstModel(m, r);
  }
  toString = (): string => `create(${this.to}, ${formatAmount(this.amount)})`;
}

class TransferCommand implements LedgerCommand {
  constructor(
    readonly from: AccountId,
    readonly to: AccountId,
    readonly spec: AmountSpec,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { from, to } = this;
    const amount = resolveAmount(m, from, this.spec);
    const post = () => r.ledger.post({ time: ++r.time, flow: 'f', kind: 'transfer', postings: transfer(from, to, amount) });
    if (amount.minor === 0n) {
      expect(post).toThrow(/at least two postings/);
    } else if (from === HOLDS || to === HOLDS) {
      // Only holds move money through the holds account, so it always equals the pending holds.
      expect(post).toThrow(/only holds move money through the holds account/);
    } else if (!KIND.has(from) || !KIND.has(to)) {
      expect(post).toThrow(/is not open/);
    } else if (from !== to && KIND.get(from) === 'nonNegative' && bal(m, from, amount.asset.code) < amount.minor) {
      expect(post).toThrow(/would go below zero/);
    } else {
      const entry = post();
      expect(entry.postings).toEqual(transfer(from, to, amount));
      move(m, from, to, amount.asset, amount.minor);
      m.entries++;
    }
    checkAgainstModel(m, r);
  }
  toString = (): string => `transfer(${this.from} -> ${this.to}, ${specText(this.spec)})`;
}

class HoldCommand implements LedgerCommand {
  constructor(
    readonly id: string,
    readonly from: AccountId,
    readonly spec: AmountSpec,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { id, from } = this;
    const amount = resolveAmount(m, from, this.spec);
    const hold = () => r.ledger.hold(id, ++r.time, `flow-${id}`, from, amount);
    const available = bal(m, from, amount.asset.code);
    if (from === HOLDS) {
      expect(hold).toThrow(/cannot hold from the holds account/);
    } else if (amount.minor <= 0n) {
      expect(hold).toThrow(/amount must be positive/);
    } else if (m.pending.has(id)) {
      // Only a pending id is refused; the ledger lets an id be reused once its hold is resolved.
      expect(hold).toThrow(/already exists/);
    } else if (available < amount.minor) {
      expect(hold()).toEqual({ ok: false, reason: 'funds.insufficient', available: amountOf(amount.asset, available) });
    } else {
      expect(hold()).toEqual({ ok: true, hold: { id, flow: `flow-${id}`, from, amount } });
      expect(r.entries.at(-1)).toMatchObject({ kind: 'hold.pending', hold: id, flow: `flow-${id}` });
      move(m, from, HOLDS, amount.asset, amount.minor);
      m.pending.set(id, { from, asset: amount.asset, minor: amount.minor });
      m.entries++;
    }
    checkAgainstModel(m, r);
  }
  toString = (): string => `hold(${this.id}, ${this.from}, ${specText(this.spec)})`;
}

/** How much of a hold to post: all of it, a share of it (0 and over 1000 per mille are invalid), or a wrong asset. */
type PostSize = { kind: 'full' } | { kind: 'share'; permille: bigint } | { kind: 'otherAsset'; minor: bigint };

class PostCommand implements LedgerCommand {
  constructor(
    readonly id: string,
    readonly to: AccountId,
    readonly size: PostSize,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { id, to, size } = this;
    const h = m.pending.get(id);
    const asset = h?.asset ?? RUB;
    const held = h?.minor ?? 1n;
    const amount =
      size.kind === 'full' ? undefined : size.kind === 'share' ? amountOf(asset, (held * size.permille) / 1000n) : amountOf(other(asset), size.minor);
    const post = () => r.ledger.postHold(id, ++r.time, to, amount);
    const posted = amount ?? amountOf(asset, held);
    if (!h) {
      expect(post).toThrow(/not pending/);
    } else if (posted.asset.code !== h.asset.code || posted.minor <= 0n || posted.minor > h.minor) {
      expect(post).toThrow(/cannot post/);
    } else if (!KIND.has(to) || to === HOLDS) {
      // Posting a hold into the holds account itself is meaningless: refused, the hold stays pending.
      expect(post).toThrow(to === HOLDS ? /cannot post into the holds account/ : /is not open/);
    } else {
      const entry = post();
      expect(entry).toMatchObject({ kind: 'hold.posted', hold: id, flow: `flow-${id}` });
      move(m, HOLDS, to, h.asset, posted.minor);
      move(m, HOLDS, h.from, h.asset, h.minor - posted.minor);
      m.pending.delete(id);
      m.entries++;
    }
    checkAgainstModel(m, r);
  }
  toString = (): string => {
    const s = this.size;
    const what = s.kind === 'full' ? 'full' : s.kind === 'share' ? `${s.permille}‰` : `${s.minor} minor of the other asset`;
    return `post(${this.id} -> ${this.to}, ${what})`;
  };
}

class ReleaseCommand implements LedgerCommand {
  constructor(
    readonly id: string,
    readonly how: 'void' | 'expire',
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { id, how } = this;
    const release = () => (how === 'void' ? r.ledger.voidHold(id, ++r.time) : r.ledger.expireHold(id, ++r.time));
    const h = m.pending.get(id);
    if (!h) {
      expect(release).toThrow(/not pending/);
    } else {
      expect(release()).toMatchObject({ kind: how === 'void' ? 'hold.voided' : 'hold.expired', hold: id, flow: `flow-${id}` });
      move(m, HOLDS, h.from, h.asset, h.minor);
      m.pending.delete(id);
      m.entries++;
    }
    checkAgainstModel(m, r);
  }
  toString = (): string => `${this.how}(${this.id})`;
}

// ---------------------------------------------------------------------------------------------
// Generators

/** 1 minor unit to 5000 whole units, in either asset's own minor unit; single minor units often. */
const arbAmount: fc.Arbitrary<Amount> = fc.constantFrom(...ASSETS).chain((asset) =>
  fc
    .oneof(
      { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 3n }) },
      { weight: 4, arbitrary: fc.bigInt({ min: 1n, max: 5000n * 10n ** BigInt(asset.scale) }) },
    )
    .map((minor) => amountOf(asset, minor)),
);

const arbSpec: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 4, arbitrary: arbAmount.map((amount): AmountSpec => ({ kind: 'fixed', amount })) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...ASSETS), fc.bigInt({ min: 1n, max: 1300n }))
      .map(([asset, permille]): AmountSpec => ({ kind: 'share', asset, permille })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ASSETS).map((asset): AmountSpec => ({ kind: 'fixed', amount: amountOf(asset, 0n) })) },
);

const OWNERS = [ALICE, BOB, RESIDUE] as const;
const arbOwner = fc.constantFrom(...OWNERS);
/**
 * Any party a caller might name, mostly the funded ones, and now and then the holds account
 * itself, which the ledger must refuse as a source or target outside of holds.
 */
const arbParty = fc.oneof(
  { weight: 10, arbitrary: arbOwner },
  { weight: 1, arbitrary: fc.constant(DEPOSITS) },
  { weight: 1, arbitrary: fc.constant(GHOST) },
  { weight: 1, arbitrary: fc.constant(HOLDS) },
);

const arbCreate = fc.tuple(arbOwner, arbAmount).map(([to, amount]): LedgerCommand => new CreateCommand(to, amount));
const arbTransfer = fc.tuple(arbParty, arbParty, arbSpec).map(([from, to, spec]): LedgerCommand => new TransferCommand(from, to, spec));
const arbHold = fc.tuple(fc.constantFrom(...HOLD_IDS), arbParty, arbSpec).map(([id, from, spec]): LedgerCommand => new HoldCommand(id, from, spec));
const arbPostSize = fc.oneof(
  { weight: 2, arbitrary: fc.constant<PostSize>({ kind: 'full' }) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 1100n }).map((permille): PostSize => ({ kind: 'share', permille })) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 100n }).map((minor): PostSize => ({ kind: 'otherAsset', minor })) },
);
const arbPost = fc.tuple(fc.constantFrom(...RESOLVE_IDS), arbParty, arbPostSize).map(([id, to, size]): LedgerCommand => new PostCommand(id, to, size));
const arbVoid = fc.constantFrom(...RESOLVE_IDS).map((id): LedgerCommand => new ReleaseCommand(id, 'void'));
const arbExpire = fc.constantFrom(...RESOLVE_IDS).map((id): LedgerCommand => new ReleaseCommand(id, 'expire'));
/** fc.commands picks uniformly among these, so listing one twice doubles its share. */
const ledgerCommands = [arbCreate, arbCreate, arbCreate, arbTransfer, arbTransfer, arbHold, arbHold, arbPost, arbPost, arbVoid, arbExpire];

function setup(make: (holds: AccountId) => Ledger): { model: Model; real: Real } {
  const ledger = make(HOLDS);
  for (const [account, kind] of KIND) ledger.open(account, kind);
  const entries: JournalEntry[] = [];
  ledger.onEntry((e) => entries.push(e));
  return { model: { balances: new Map(), pending: new Map(), entries: 0 }, real: { ledger, entries, time: 0 } };
}

const ledgerMatchesModel = (make: (holds: AccountId) => Ledger) =>
  fc.property(fc.commands(ledgerCommands, { size: 'medium', maxCommands: 60 }), (cmds) => {
    fc.modelRun(() => setup(make), cmds);
  });

// ---------------------------------------------------------------------------------------------
// Broken ledgers the model must catch

/** Voids by sending the held money to an outside account instead of back to its owner. */
class ForgetfulVoidLedger extends Ledger {
  private readonly lost = accountId('external', 'lost');
  constructor(holdsAccount: AccountId) {
    super(holdsAccount);
    this.open(this.lost, 'external');
  }
  override voidHold(id: string, time: number): JournalEntry {
    const entry = super.postHold(id, time, this.lost);
    return { ...entry, kind: 'hold.voided' };
  }
}

/** Accepts a second void of the same hold silently instead of refusing it. */
class LenientVoidLedger extends Ledger {
  private readonly voided = new Set<string>();
  override voidHold(id: string, time: number, memo = ''): JournalEntry {
    if (this.voided.has(id) && !this.isPending(id)) return { id: 'E0', time, flow: '', kind: 'hold.voided', postings: [], memo, hold: id };
    const entry = super.voidHold(id, time, memo);
    this.voided.add(id);
    return entry;
  }
}

// ---------------------------------------------------------------------------------------------

describe('Ledger against a model of balances and pending holds', () => {
  it('agrees with the model after every command of any sequence', () => {
    fc.assert(ledgerMatchesModel((holds) => new Ledger(holds)), { numRuns: 200 });
  });

  it.each([
    ['a void that does not return the money to its owner', ForgetfulVoidLedger, /balance of /],
    ['a second void of the same hold that is accepted', LenientVoidLedger, /to throw/],
  ])('catches a broken ledger: %s', (_name, Broken, expected) => {
    const out = fc.check(ledgerMatchesModel((holds) => new Broken(holds)), { numRuns: 200, seed: 20240902 });
    expect(out.failed).toBe(true);
    expect(String(out.errorInstance)).toMatch(expected);
  });

  it('refuses a post into the holds account and leaves the hold pending (found by this model)', () => {
    const cmds = [
      new CreateCommand(ALICE, amountOf(RUB, 10_000n)),
      new HoldCommand('h1', ALICE, { kind: 'fixed', amount: amountOf(RUB, 4_000n) }),
      new PostCommand('h1', HOLDS, { kind: 'full' }),
      new PostCommand('h1', HOLDS, { kind: 'share', permille: 500n }),
      new ReleaseCommand('h1', 'void'),
    ];
    expect(() => fc.modelRun(() => setup((holds) => new Ledger(holds)), cmds)).not.toThrow();
  });
});
