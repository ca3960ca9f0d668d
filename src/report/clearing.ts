// NPCS clearing over a run, from run.json's totals and the lines of cycles.jsonl: gross
// obligations against the nets that settled, the liquidity netting saved, and the central-bank
// credit each member drew, cycle by cycle, so the report can draw both over time.

import { Dec } from '../money/index.js';
import { amountFrom, isoTime, type CycleRecord, type RunRecord } from '../records/index.js';

/** The figures without their asset: "123.45 RUB" -> "123.45". */
const text = (a: string) => a.slice(0, a.indexOf(' '));

export function clearingSection(run: RunRecord, cycles: readonly CycleRecord[]) {
  const book = run.clearing;
  if (!book) return null;
  const t = book.totals;
  const gross = amountFrom(t.gross).minor;
  return {
    cycles: t.cycles,
    byStatus: { settled: cycles.filter((c) => c.status === 'settled').length, settledWithCredit: cycles.filter((c) => c.status === 'settledWithCredit').length },
    obligations: t.obligations,
    grossRub: text(t.gross),
    netRub: text(t.netDebits),
    liquiditySavedRub: text(t.saved),
    // Exact in decimals, cut (not rounded) to six places as it always was; only the share leaves as a JSON number.
    savedShare: gross === 0n ? null : new Dec(amountFrom(t.saved).minor.toString()).div(gross.toString()).toDecimalPlaces(6, Dec.ROUND_DOWN).toNumber(),
    centralBankCreditRub: text(t.creditDrawn),
    members: book.members.map((m) => ({ member: m.member, paidRub: text(m.paid), receivedRub: text(m.received), peakNetDebitRub: text(m.peakNetDebit), creditRub: text(m.creditDrawn) })),
    /** Cycles that netted anything, in order: when each ended, gross against net, and the credit each member drew in it. */
    perCycle: cycles
      .filter((c) => c.obligations > 0)
      .map((c) => ({
        cycle: c.id,
        at: isoTime(c.at),
        status: c.status,
        obligations: c.obligations,
        grossRub: text(c.gross),
        netRub: text(c.netDebits),
        savedRub: text(c.saved),
        creditRub: text(c.creditDrawn),
        creditByMemberRub: Object.fromEntries(Object.entries(c.creditByMember).map(([m, a]) => [m, text(a)])),
      })),
  };
}

export type ClearingSection = NonNullable<ReturnType<typeof clearingSection>>;
