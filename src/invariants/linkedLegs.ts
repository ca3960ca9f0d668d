// Linked legs: the money of each flow, summed over its entries, against how its outcome says it
// ended. A flow cannot end with one leg done and another not.

import { ownerOf } from '../ledger/index.js';
import { amountOf, failOnce, flowEnds, netsByFlow, showAtto, type Invariant } from './kit.js';
import type { OutcomeRecord } from './records.js';

/** Where value waits between legs: a flow that ended leaves nothing in any of them. */
const IN_FLIGHT = /^(npcs:holds|npcs:pvp-escrow|npcs:inbound|npcs:outbound|chains:[^ ]+) /;

const FROZEN = 'compliance:frozen';

/**
 * 6. Linked legs: a flow that did not complete leaves no leg behind. A rejected flow moves nothing
 * of the parties'; a refunded payment leaves nothing in flight and credits no beneficiary; a
 * settled one credits the beneficiary exactly and its off-ramp pays exactly that; an off-ramp keeps
 * nothing of a payment it did not pay out; what reaches the frozen account is exactly what the
 * outcome says was frozen; nothing of any finished flow stays in holds, escrow or transit.
 */
export function linkedLegs(): Invariant {
  const v = failOnce('linked-legs');
  const nets = netsByFlow();
  const outcomes = new Map<string, OutcomeRecord>();
  // Each flow is checked when it is over and then forgotten, so memory follows the flows in flight.
  const ends = flowEnds((flow) => {
    const o = outcomes.get(flow);
    if (o) check(o, nets.of(flow));
    outcomes.delete(flow);
    nets.drop(flow);
  });
  // What each `account asset` key is, read once per key (the run has as many as accounts and assets).
  const kinds = new Map<string, { readonly inFlight: boolean; readonly party: boolean }>();
  const kindOf = (key: string) => {
    let k = kinds.get(key);
    if (!k) kinds.set(key, (k = { inFlight: IN_FLIGHT.test(key), party: ownerOf(key.slice(0, key.indexOf(' '))) !== undefined }));
    return k;
  };
  const check = (o: OutcomeRecord, net: ReadonlyMap<string, bigint>) => {
    v.count();
    const moved: [string, bigint][] = [];
    let inFlight: [string, bigint] | undefined;
    let partyMove: [string, bigint] | undefined;
    for (const m of net) {
      if (m[1] === 0n) continue;
      moved.push(m);
      const kind = kindOf(m[0]);
      if (kind.inFlight) inFlight ??= m;
      if (kind.party) partyMove ??= m;
    }
    if (inFlight) v.fail(`${o.id} (${o.status}) left ${showAtto(inFlight[1])} in ${inFlight[0]}`);
    // A PvP payment rejected after its coin was committed leaves the exchange's chain fee spent:
    // a booked cost of the rail's, not a leg of the payment. The parties' accounts must not move.
    if (o.status === 'rejected' && partyMove) v.fail(`${o.id} was rejected but moved ${partyMove[0]} by ${showAtto(partyMove[1])}`);
    frozenLeg(o, moved, v.fail);
    if (o.flow === 'retailPurchase' || o.flow === 'cryptoSale') orderLegs(o, net, v.fail);
    else if (o.flow === 'crossBorderReceipt') receiptLegs(o, moved, v.fail);
    else paymentLegs(o, net, moved, v.fail);
  };
  return {
    name: 'linked-legs',
    promise: "no flow ends with one leg done and another not: rejected moves nothing of the parties', refunded returns all but booked losses, frozen freezes exactly what it says",
    entry(e, amounts) {
      nets.add(e, amounts);
      ends.entry(e);
    },
    outcome(o) {
      outcomes.set(o.id, o);
      ends.outcome(o);
    },
    finish() {
      ends.finish();
      return v.verdict();
    },
    broken: v.broken,
  };
}

type Moved = readonly (readonly [string, bigint])[];
type Fail = (detail: string) => void;

/** The frozen account took exactly what the outcome says was frozen, and nothing when it says none. */
function frozenLeg(o: OutcomeRecord, moved: Moved, fail: Fail): void {
  const frozen = moved.filter(([k]) => k.startsWith(`${FROZEN} `));
  if (o.frozen === null) {
    if (frozen.length > 0) fail(`${o.id} (${o.status}) put ${showAtto(frozen[0]![1])} in ${frozen[0]![0]} but its outcome says nothing was frozen`);
    return;
  }
  const [want, asset] = amountOf(o.frozen);
  const got = frozen.find(([k]) => k === `${FROZEN} ${asset}`)?.[1] ?? 0n;
  if (got !== want) fail(`${o.id} (${o.status}) froze ${showAtto(got)} ${asset} in ${FROZEN}, not the ${o.frozen} its outcome says`);
  const other = frozen.find(([k]) => k !== `${FROZEN} ${asset}`);
  if (other) fail(`${o.id} (${o.status}) also put ${showAtto(other[1])} in ${other[0]}, which its outcome does not say`);
}

/** A purchase: RUB left the buyer's bank and the coin arrived in custody; a sale, the reverse. */
function orderLegs(o: OutcomeRecord, net: ReadonlyMap<string, bigint>, fail: Fail): void {
  if (o.status === 'rejected' || !o.partyAccount || !o.rub || !o.coin) return;
  const [rub] = amountOf(o.rub);
  const [coin, asset] = amountOf(o.coin);
  const sign = o.status === 'purchased' ? 1n : -1n;
  const bank = net.get(`${o.partyAccount} RUB`) ?? 0n;
  const custody = net.get(`custody:${o.party} ${asset}`) ?? 0n;
  if (bank !== -sign * rub) fail(`${o.id} ${o.status}: the bank account moved ${showAtto(bank)}, not ${showAtto(-sign * rub)}`);
  if (custody !== sign * coin) fail(`${o.id} ${o.status}: custody moved ${showAtto(custody)} ${asset}, not ${showAtto(sign * coin)}`);
}

/** A receipt: the exporter's RUB only when settled by a sale, and then exactly its proceeds. */
function receiptLegs(o: OutcomeRecord, moved: Moved, fail: Fail): void {
  const toExporter = moved.filter(([k]) => ownerOf(k.split(' ')[0]!) === o.counterparty && k.endsWith(' RUB')).reduce((s, [, x]) => s + x, 0n);
  const [rub] = o.rub ? amountOf(o.rub) : [0n];
  if (toExporter !== rub) fail(`${o.id} (${o.status}) credited exporter ${o.counterparty} ${showAtto(toExporter)} RUB, not ${showAtto(rub)}`);
  const buyer = moved.filter(([k]) => k.startsWith(`custody:${o.party} `));
  if (o.status === 'rejected' && buyer.length > 0) fail(`${o.id} was rejected but moved ${buyer[0]![0]}`);
}

/**
 * Records without `forfeited` come from flows that gave up, without saying so, coin worth less
 * than the fee to send it back: the off-ramp kept it and the payer got nothing back. Only that
 * shape is read as the known gap it is (issue 10, class 12), so an off-ramp keeping anything else
 * is still caught.
 */
function keptBeforeAttributed(o: OutcomeRecord, key: string, local: string, kept: bigint): boolean {
  return o.status === 'refunded' && o.refunded !== null && amountOf(o.refunded)[0] === 0n && kept > 0n && !key.endsWith(` ${local}`);
}

/** A payment out: the beneficiary and the off-ramp against the status; a refund against what was paid. */
function paymentLegs(o: OutcomeRecord, net: ReadonlyMap<string, bigint>, moved: Moved, fail: Fail): void {
  const credited = moved.filter(([k]) => k.startsWith(`beneficiaries:${o.counterparty} `)).reduce((s, [, x]) => s + x, 0n);
  const [want, local] = amountOf(o.amount);
  const offramp = moved.filter(([k]) => k.startsWith('offramps:'));
  if (o.status === 'settled') {
    if (credited !== want) fail(`${o.id} settled but credited ${o.counterparty} ${showAtto(credited)}, not ${showAtto(want)}`);
    // The off-ramp's side of the same leg: it paid out exactly the beneficiary's amount.
    const paid = offramp.filter(([k]) => k.endsWith(` ${local}`)).reduce((s, [, x]) => s + x, 0n);
    if (offramp.length > 0 && paid !== -want) fail(`${o.id} settled but its off-ramp paid out ${showAtto(-paid)} ${local}, not ${o.amount}`);
  } else {
    if (credited !== 0n) fail(`${o.id} is ${o.status} but credited ${o.counterparty} ${showAtto(credited)}`);
    // Coin that reached the off-ramp of a payment it did not pay went back, was frozen, or is
    // named by the outcome as forfeited; the off-ramp paid nothing out for it.
    const [forfeited, forfeitedAsset] = o.forfeited ? amountOf(o.forfeited) : [0n, undefined];
    for (const [k, x] of offramp) {
      if (forfeitedAsset !== undefined && k.endsWith(` ${forfeitedAsset}`) && x === forfeited) continue;
      if (o.forfeited === undefined && keptBeforeAttributed(o, k, local, x)) continue;
      fail(`${o.id} is ${o.status} but left ${showAtto(x)} with ${k}${o.forfeited ? `, not the ${o.forfeited} its outcome says was forfeited` : ''}`);
      break;
    }
  }
  if (o.status === 'refunded' && o.coin) {
    // Unwound into coin: the payer paid, and the coin sits in its custody instead of RUB.
    const [kept, asset] = amountOf(o.coin);
    const custody = net.get(`custody:${o.party} ${asset}`) ?? 0n;
    if (custody !== kept) fail(`${o.id} refunded in coin: custody moved ${showAtto(custody)} ${asset}, not ${o.coin}`);
  } else if (o.status === 'refunded' && o.partyAccount && o.rub && o.refunded) {
    const payer = net.get(`${o.partyAccount} RUB`) ?? 0n;
    const [paid] = amountOf(o.rub);
    const [back] = amountOf(o.refunded);
    if (payer !== back - paid) fail(`${o.id} refunded: the payer's account moved ${showAtto(payer)}, not the refund ${o.refunded} less the ${o.rub} paid`);
    const custody = moved.filter(([k]) => k.startsWith(`custody:${o.party} `));
    if (custody.length > 0) fail(`${o.id} refunded but left ${showAtto(custody[0]![1])} in ${custody[0]![0]}`);
  }
}
