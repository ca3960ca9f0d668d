// Who pays and who is paid, and the ledger accounts that hold their money.

import { accountId, type AccountId } from '../../ledger/index.js';

declare const participantBrand: unique symbol;
export type ParticipantId = string & { readonly [participantBrand]: true };

export type ParticipantKind = 'company' | 'individual' | 'miner';

export interface InvestorProfile {
  readonly category: 'qualified' | 'nonQualified';
  /** Non-qualified investors must pass a knowledge test before buying. */
  readonly passedTest: boolean;
}

export interface Participant {
  readonly id: ParticipantId;
  readonly kind: ParticipantKind;
  /** ISO 3166 alpha-2 country code. */
  readonly country: string;
  /** The NPCS member bank holding the participant's RUB account, for Russian participants. */
  readonly bank?: string;
  /** False while the bank has not completed know-your-customer checks; complete when omitted. */
  readonly kyc?: boolean;
  /** For individuals who buy crypto. */
  readonly investor?: InvestorProfile;
  /** For miners: entered in the miners' registry. */
  readonly registered?: boolean;
}

/**
 * A participant's accounts, named once per participant rather than at every payment (each name is
 * checked segment by segment). Keyed by the participant object, which belongs to one run's world.
 */
interface Accounts {
  bank?: AccountId;
  custody?: AccountId;
  beneficiary?: AccountId;
}
const named = new WeakMap<Participant, Accounts>();
function accountsOf(p: Participant): Accounts {
  let a = named.get(p);
  if (!a) named.set(p, (a = {}));
  return a;
}

/** The participant's RUB deposit at its bank. */
export function bankAccount(p: Participant): AccountId {
  if (!p.bank) throw new Error(`participant ${p.id} has no bank`);
  const a = accountsOf(p);
  return (a.bank ??= accountId('banks', p.bank, p.id));
}

/** Crypto held for the participant by the custodian the NPCS gateway uses. */
export function custodyAccount(p: Participant): AccountId {
  const a = accountsOf(p);
  return (a.custody ??= accountId('custody', p.id));
}

/** The foreign beneficiary's local-currency account, credited by an off-ramp. */
export function beneficiaryAccount(p: Participant): AccountId {
  const a = accountsOf(p);
  return (a.beneficiary ??= accountId('beneficiaries', p.id));
}
