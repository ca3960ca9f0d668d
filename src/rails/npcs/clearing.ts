// NPCS's clearing book: deferred net settlement of the RUB leg between member banks. Customer
// postings happen at once elsewhere; what one bank owes another only accumulates here over a
// cycle, and at cycle end NPCS settles each member's net position through the members' reserve
// accounts at the Bank of Russia. Netting saves liquidity: only the net debits move, not the gross.

import { defineAsset, formatAmount, type Amount, type Asset } from '../../money/index.js';
import { accountId, transfer, type AccountId, type Ledger, type Posting } from '../../ledger/index.js';

/** NPCS's own settlement account at the central bank: debtors pay in, creditors are paid out. */
export const NPCS_CLEARING_ACCOUNT: AccountId = accountId('cbr', 'npcs-clearing');
/** Where central-bank credit comes from: it enters the rail, so it is an external account. */
export const CBR_CREDIT_ACCOUNT: AccountId = accountId('external', 'cbr-credit');

/** The central-bank reserve account of a member bank. */
export function reserveAccountOf(member: string): AccountId {
  return accountId('cbr', member);
}

/** One cycle's figures, as `close` returns them. */
export interface CycleFigures {
  /** Interbank obligations recorded in the cycle (intrabank payments are not obligations). */
  readonly obligations: number;
  /** Sum of all obligations: what gross settlement would have moved. */
  readonly gross: Amount;
  /** Net position per member in RUB minor units, in member order: positive is owed to it. Sums to zero. */
  readonly net: Map<string, bigint>;
  /** Sum of the net debit positions (a positive amount): what net settlement moves. */
  readonly netDebits: Amount;
  /** gross - netDebits: the liquidity netting saved. */
  readonly saved: Amount;
}

export interface SettlementResult {
  /** Central-bank credit drawn in total by members whose reserves did not cover their net debit. */
  readonly creditDrawn: Amount;
  /** The credit each member drew, in RUB minor units; only members that drew some. */
  readonly creditByMember: Map<string, bigint>;
}

export interface ClearingTotals {
  readonly cycles: number;
  readonly obligations: number;
  readonly gross: Amount;
  readonly netDebits: Amount;
  readonly saved: Amount;
  readonly creditDrawn: Amount;
}

export interface MemberTotals {
  /** Gross obligations the member owed, over all cycles. */
  readonly paid: Amount;
  /** Gross obligations owed to the member, over all cycles. */
  readonly received: Amount;
  /** The largest net debit the member had at the close of any cycle. */
  readonly peakNetDebit: Amount;
  readonly creditDrawn: Amount;
}

interface MemberState {
  paid: bigint;
  received: bigint;
  peakNetDebit: bigint;
  creditDrawn: bigint;
}

interface Cycle {
  obligations: number;
  gross: bigint;
  net: Map<string, bigint>;
}

export class ClearingBook {
  readonly members: readonly string[];
  private readonly state = new Map<string, MemberState>();
  private readonly settledCycles = new Set<string>();
  private cycle: Cycle;
  private cycles = 0;
  private obligations = 0;
  private gross = 0n;
  private netDebits = 0n;
  private creditDrawn = 0n;

  /**
   * Opens the members' reserve accounts, NPCS's settlement account and the central bank's credit
   * account. Funding the reserves is the caller's: the book only moves what is there.
   * @param rub the RUB asset of the run; the book clears nothing else.
   */
  constructor(
    private readonly ledger: Ledger,
    members: readonly string[],
    private readonly rub: Asset = defineAsset('RUB', 2),
  ) {
    if (rub.code !== 'RUB') throw new Error(`NPCS clears RUB only, not ${rub.code}`);
    for (const m of members) {
      if (this.state.has(m)) throw new Error(`clearing member ${m} listed twice`);
      // A member of that name would share its reserve account with NPCS's settlement account.
      if (reserveAccountOf(m) === NPCS_CLEARING_ACCOUNT) throw new Error(`clearing member may not be called ${m}`);
      this.state.set(m, { paid: 0n, received: 0n, peakNetDebit: 0n, creditDrawn: 0n });
      ledger.open(reserveAccountOf(m), 'nonNegative');
    }
    this.members = [...members];
    ledger.open(NPCS_CLEARING_ACCOUNT, 'nonNegative');
    ledger.open(CBR_CREDIT_ACCOUNT, 'external');
    this.cycle = this.emptyCycle();
  }

  reserveAccount(member: string): AccountId {
    this.known(member, 'reserveAccount');
    return reserveAccountOf(member);
  }

  /**
   * A gross obligation: `from` owes `to` the RUB `amount` for flow `flow`. A payment between two
   * customers of the same bank has no interbank leg, so it is ignored (false) even when that
   * bank is not a clearing member. Anything else malformed is a programmer error and throws.
   */
  record(flow: string, from: string, to: string, amount: Amount): boolean {
    if (amount.asset.code !== this.rub.code || amount.asset.scale !== this.rub.scale) {
      throw new Error(`clearing of ${flow}: NPCS clears RUB only, got ${formatAmount(amount)}`);
    }
    if (amount.minor <= 0n) throw new Error(`clearing of ${flow}: obligation must be positive, got ${formatAmount(amount)}`);
    if (from === to) return false;
    this.known(from, `clearing of ${flow}`);
    this.known(to, `clearing of ${flow}`);
    const c = this.cycle;
    c.obligations++;
    c.gross += amount.minor;
    c.net.set(from, c.net.get(from)! - amount.minor);
    c.net.set(to, c.net.get(to)! + amount.minor);
    this.state.get(from)!.paid += amount.minor;
    this.state.get(to)!.received += amount.minor;
    return true;
  }

  /** Obligations recorded in the open cycle so far. */
  get pending(): number {
    return this.cycle.obligations;
  }

  /** Ends the open cycle: its figures, and a fresh cycle for what is recorded from now on. */
  close(): CycleFigures {
    const c = this.cycle;
    this.cycle = this.emptyCycle();
    let debits = 0n;
    for (const [m, n] of c.net) {
      if (n >= 0n) continue;
      debits -= n;
      const s = this.state.get(m)!;
      if (-n > s.peakNetDebit) s.peakNetDebit = -n;
    }
    this.cycles++;
    this.obligations += c.obligations;
    this.gross += c.gross;
    this.netDebits += debits;
    return {
      obligations: c.obligations,
      gross: this.rubOf(c.gross),
      net: new Map(c.net),
      netDebits: this.rubOf(debits),
      saved: this.rubOf(c.gross - debits),
    };
  }

  /**
   * Settles a cycle's nets at `now`. Members whose reserves fall short of their net debit first
   * draw the shortfall as central-bank credit (one `clearing.credit` entry), then one
   * `clearing.settled` entry moves every net debit into NPCS's settlement account and out to the
   * creditors, so that account is back at zero. Nets that are all zero post nothing.
   */
  settle(cycleId: string, net: ReadonlyMap<string, bigint>, now: number): SettlementResult {
    if (this.settledCycles.has(cycleId)) throw new Error(`clearing cycle ${cycleId} is already settled`);
    let sum = 0n;
    for (const [m, n] of net) {
      this.known(m, `settlement of ${cycleId}`);
      sum += n;
    }
    if (sum !== 0n) throw new Error(`settlement of ${cycleId}: nets sum to ${sum}, not 0`);
    this.settledCycles.add(cycleId);
    // Member order, not map order, so the entries are the same whoever built the map.
    const ordered = this.members.map((m) => [m, net.get(m) ?? 0n] as const).filter(([, n]) => n !== 0n);
    const creditByMember = new Map<string, bigint>();
    let credit = 0n;
    for (const [m, n] of ordered) {
      if (n >= 0n) continue;
      const shortfall = -n - this.ledger.balance(reserveAccountOf(m), this.rub.code);
      if (shortfall <= 0n) continue;
      creditByMember.set(m, shortfall);
      credit += shortfall;
    }
    if (credit > 0n) {
      this.ledger.post({
        time: now,
        flow: cycleId,
        kind: 'clearing.credit',
        postings: [...creditByMember].flatMap(([m, c]) => transfer(CBR_CREDIT_ACCOUNT, reserveAccountOf(m), this.rubOf(c))),
        memo: `central-bank credit to cover net debits of ${[...creditByMember.keys()].join(', ')}`,
      });
      for (const [m, c] of creditByMember) this.state.get(m)!.creditDrawn += c;
      this.creditDrawn += credit;
    }
    if (ordered.length > 0) {
      const debtors = ordered.filter(([, n]) => n < 0n);
      const creditors = ordered.filter(([, n]) => n > 0n);
      const postings: Posting[] = [
        ...debtors.flatMap(([m, n]) => transfer(reserveAccountOf(m), NPCS_CLEARING_ACCOUNT, this.rubOf(-n))),
        ...creditors.flatMap(([m, n]) => transfer(NPCS_CLEARING_ACCOUNT, reserveAccountOf(m), this.rubOf(n))),
      ];
      const moved = debtors.reduce((s, [, n]) => s - n, 0n);
      this.ledger.post({
        time: now,
        flow: cycleId,
        kind: 'clearing.settled',
        postings,
        memo: `net settlement of ${cycleId}: ${formatAmount(this.rubOf(moved))} from ${debtors.length} debtor(s) to ${creditors.length} creditor(s)`,
      });
    }
    return { creditDrawn: this.rubOf(credit), creditByMember };
  }

  /** Running totals over every cycle closed (and, for credit, settled) so far. */
  totals(): ClearingTotals {
    return {
      cycles: this.cycles,
      obligations: this.obligations,
      gross: this.rubOf(this.gross),
      netDebits: this.rubOf(this.netDebits),
      saved: this.rubOf(this.gross - this.netDebits),
      creditDrawn: this.rubOf(this.creditDrawn),
    };
  }

  /** Gross paid and received count every obligation recorded, including the open cycle's. */
  memberTotals(member: string): MemberTotals {
    const s = this.known(member, 'memberTotals');
    return {
      paid: this.rubOf(s.paid),
      received: this.rubOf(s.received),
      peakNetDebit: this.rubOf(s.peakNetDebit),
      creditDrawn: this.rubOf(s.creditDrawn),
    };
  }

  private known(member: string, what: string): MemberState {
    const s = this.state.get(member);
    if (!s) throw new Error(`${what}: ${JSON.stringify(member)} is not an NPCS clearing member`);
    return s;
  }

  private emptyCycle(): Cycle {
    return { obligations: 0, gross: 0n, net: new Map(this.members.map((m) => [m, 0n])) };
  }

  private rubOf(minor: bigint): Amount {
    return { asset: this.rub, minor };
  }
}
